"""`nsm decide`: the secretariat's decisions on returns, each kept with who, when and why."""

from __future__ import annotations

from nsm_excel.cli.group import main


@main.group("decide")
def decide_group() -> None:
    """Decide on a return: accept it despite its problems, return it with a comment, or settle
    the cells two copies of one template differ in. Every decision keeps who and why."""

"""What the commands print, from the catalogues in the language asked for (``--lang``).

Every sentence a command prints is a ``cli.*`` word; the values put into it (counts, names,
dates, paths) are facts, and numbers take the language's decimal mark.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from nsm_excel.core import words

F = TypeVar("F", bound=Callable[..., Any])


def lang_option(command: F) -> F:
    """``--lang``: the language of what the command prints (English unless asked)."""
    return click.option(
        "--lang",
        type=click.Choice(["sq", "en"]),
        default="en",
        show_default=True,
        help="The language of what is printed.",
    )(command)


def say(key: str, lang: str, /, **values: object) -> None:
    """Print the word ``key`` in ``lang`` with its values."""
    click.echo(words.text(key, lang, **values))


def count(n: int, what: str, lang: str) -> str:
    """'1 error', '2 errors' ('1 gabim', '2 gabime'): ``what`` is error or warning."""
    return words.text(f"cli.count.{what}.{'one' if n == 1 else 'other'}", lang, n=n)


def severity(value: str, lang: str) -> str:
    """ERROR or WARNING in ``lang``, padded to the longest of the two."""
    width = max(len(words.text(f"cli.severity.{v}", lang)) for v in ("error", "warning"))
    return f"{words.text(f'cli.severity.{value}', lang):{width}}"


def decimal(value: float, lang: str) -> str:
    """``value`` with one decimal, written with the language's decimal mark."""
    return f"{value:.1f}".replace(".", words.text("cli.decimal_mark", lang))


def percent(value: float | None, lang: str) -> str:
    return "–" if value is None else f"{decimal(value, lang)} %"

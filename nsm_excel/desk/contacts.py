"""The contact points of the plan's Institutions sheet, their addresses checked.

``contact_email`` holds one address or several separated by ';' or ','. Each is checked with
``email-validator`` (syntax only: no DNS); a missing or malformed one is an :class:`Issue` at
its cell as Excel shows it, and that institution gets no message. Names go into headers only
through :func:`clean_name`: a newline in a name would start a header of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from nsm_excel.core import values
from nsm_excel.core.issue_codes import IssueCode as C
from nsm_excel.core.issues import Issue
from nsm_excel.core.sheets import read_workbook
from nsm_excel.plan.columns import INSTITUTIONS
from nsm_excel.plan.frames import check_sheet


@dataclass(frozen=True)
class Contact:
    code: str
    name_sq: str
    name_en: str
    person: str  # the contact point's name, cleaned
    email: str  # as the cell holds it
    cell: str  # of the contact_email cell, e.g. G5

    def name(self, lang: str) -> str:
        return self.name_sq if lang == "sq" and self.name_sq else self.name_en or self.name_sq


def clean_name(text: str) -> str:
    """``text`` fit for a header: control characters (a newline among them) become spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def read(plan: Path, years: Sequence[int]) -> dict[str, Contact]:
    """The contacts of the plan at ``plan``, by institution code."""
    sheets = read_workbook(plan, [INSTITUTIONS])
    if INSTITUTIONS not in sheets:
        return {}
    raw = sheets[INSTITUTIONS]
    rows, _issues = check_sheet(raw, plan.name, years)
    letter = rows.letters.get("contact_email", "")
    index = _index(letter)
    cells = dict(raw.rows)
    found: dict[str, Contact] = {}
    for row in rows.rows:
        code = values.read_code(row.get("code"))
        if not code:
            continue
        line = cells.get(row["_row"], ())
        email = line[index] if 0 <= index < len(line) else None
        found[code] = Contact(
            code,
            values.clean_text(row.get("name_sq")),
            values.clean_text(row.get("name_en")),
            clean_name(values.clean_text(row.get("contact_name"))),
            values.clean_text(email),
            f"{letter}{row['_row']}" if letter else "",
        )
    return found


def addresses(contact: Contact, name: str, file: str) -> tuple[tuple[Address, ...], Issue | None]:
    """The addresses of ``contact`` (each with ``name`` shown), or the issue that stops them."""
    where = {"file": file, "sheet": INSTITUTIONS, "cell": contact.cell, "column": "contact_email"}
    params = {"institution": f"{contact.code} {name}".strip(), "value": contact.email}
    items = values.split_list(contact.email)
    if not items:
        return (), Issue(C.MAIL_NO_ADDRESS, **where, params=params)
    found = []
    for item in items:
        try:
            checked = validate_email(item, check_deliverability=False, allow_smtputf8=False)
        except EmailNotValidError:
            return (), Issue(
                C.MAIL_BAD_ADDRESS, **where, value=item, params=params | {"value": item}
            )
        local, _, domain = (checked.ascii_email or checked.normalized).partition("@")
        found.append(Address(display_name=clean_name(name), username=local, domain=domain))
    return tuple(found), None


def _index(letter: str) -> int:
    number = 0
    for char in letter:
        number = number * 26 + ord(char.upper()) - 64
    return number - 1

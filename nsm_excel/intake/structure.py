"""Identity and integrity of a returned workbook, checked against the register: a pure core.

Finds which issued template a workbook is (by content, never by file name), then compares its
sheets, key rows, rows and pre-filled cells with what was issued. The rows it can match to the
register are handed on to the value checks (:mod:`nsm_excel.return_schema`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nsm_excel.core import cell_text
from nsm_excel.core.issues import Issue
from nsm_excel.core.sheets import column_letter
from nsm_excel.core.values import LARGEST
from nsm_excel.intake.answers import Formula
from nsm_excel.intake.reader import ReturnedWorkbook, SheetGrid, cell_ref
from nsm_excel.store.register import IssuedTemplate
from nsm_excel.template.columns import COVER_FIELDS, INDICATOR_COLUMNS, MEASURE_COLUMNS
from nsm_excel.template.layout import HELPER_SHEETS, IDENTITY_PREFIX

TABLE_SHEETS = ("Cover", "Measures", "Indicators")
TEMPLATE_SHEETS = ("Instructions", *TABLE_SHEETS, *HELPER_SHEETS)
FEEDBACK_SHEET = "Feedback"  # added by the feedback workbook; ignored on resubmission
KEYS = {"Cover": "field", "Measures": "measure_code", "Indicators": "indicator_code"}
COLUMNS = {"Measures": MEASURE_COLUMNS, "Indicators": INDICATOR_COLUMNS}
ROW_KEYS = {"Measures": ("measure_code", "role"), "Indicators": ("indicator_code",)}
_FILE_NAME = re.compile(r"^([A-Za-z0-9_]{2,12})_(\d{4}(?:-[HQhq]\d)?)")


@dataclass(frozen=True)
class RowCells(Mapping[str, str]):
    """The A1 cells of one table row, made on demand from the table's column letters."""

    letters: Mapping[str, str]
    row: int

    def __getitem__(self, key: str) -> str:
        return f"{self.letters[key]}{self.row}"

    def __iter__(self) -> Iterator[str]:
        return iter(self.letters)

    def __len__(self) -> int:
        return len(self.letters)


@dataclass(frozen=True)
class Row:
    """A data row matched to the register: its Excel row, what was issued, what is there now."""

    excel_row: int
    issued: dict[str, Any]
    values: dict[str, Any]  # input keys -> raw value (a Formula for a formula cell)
    cells: Mapping[str, str]  # key -> A1


@dataclass
class Examined:
    """What the structure check learnt about one file."""

    file: str
    record: IssuedTemplate | None = None
    issues: list[Issue] = field(default_factory=list)
    tables: dict[str, list[Row]] = field(default_factory=dict)  # Measures, Indicators, Cover


class RegisterView:
    """The register look-ups the check needs, remembered for the run (the register is fixed)."""

    def __init__(
        self,
        by_id: Callable[[str], IssuedTemplate | None],
        latest: Callable[[str, str], IssuedTemplate | None],
    ) -> None:
        self._by_id = by_id
        self._latest = latest
        self._ids: dict[str, IssuedTemplate | None] = {}
        self._latests: dict[tuple[str, str], IssuedTemplate | None] = {}

    def by_id(self, template_id: str) -> IssuedTemplate | None:
        if template_id not in self._ids:
            self._ids[template_id] = self._by_id(template_id)
        return self._ids[template_id]

    def latest(self, institution: str, period: str) -> IssuedTemplate | None:
        if (institution, period) not in self._latests:
            self._latests[(institution, period)] = self._latest(institution, period)
        return self._latests[(institution, period)]


def examine(book: ReturnedWorkbook, file: str, register: RegisterView, period: str) -> Examined:
    """Identity, sheets, key rows, rows and locked cells of ``book``; every problem found."""
    out = Examined(file)
    record = _identify(book, out, register, period)
    if record is None:
        return out
    out.record = record
    twice = _sheets(book, out)
    for name in ("Measures", "Indicators"):
        grid = book.sheet(name)
        if grid is not None and name.casefold() not in twice:
            out.tables[name] = _table(grid, record.content[name.lower()], COLUMNS[name], out)
    cover = book.sheet("Cover")
    if cover is not None and "cover" not in twice:
        out.tables["Cover"] = _cover(cover, record.content.get("cover") or {}, out)
    return out


def _issue(out: Examined, code: str, sheet: str = "", cell: str = "", **params: Any) -> None:
    value = params.pop("value", "")
    column = params.pop("column", "")
    text = value if isinstance(value, str) else _shown(value)
    out.issues.append(Issue(code, out.file, sheet, cell, column, text, params))


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return str(value.strftime("%d.%m.%Y"))
    return cell_text.shown(str(value))  # as a template shows it: line breaks, control characters


def _identity_sources(book: ReturnedWorkbook) -> dict[str, dict[str, str]]:
    """Identity fields as each place in the file states them."""
    sources: dict[str, dict[str, str]] = {}
    props = {
        k.removeprefix(IDENTITY_PREFIX): v
        for k, v in book.properties.items()
        if k.startswith(IDENTITY_PREFIX)
    }
    sources["properties"] = props
    names = {
        k.lower().removeprefix(IDENTITY_PREFIX): v.strip('"')
        for k, v in book.names.items()
        if k.lower().startswith(IDENTITY_PREFIX)
    }
    sources["names"] = names
    identity = book.sheet("Identity")
    if identity is not None:
        sources["Identity"] = {
            str(r[0]): _shown(r[1]) for r in identity.cells[1:] if len(r) > 1 and r[0]
        }
    cover = book.sheet("Cover")
    if cover is not None:
        sources["Cover"] = _cover_fields(cover)
    return sources


def _cover_fields(cover: SheetGrid) -> dict[str, str]:
    at = _key_row(cover, "field")
    if at is None:
        return {}
    keys = [cover.value(at, c) for c in range(1, 4)]
    if keys[0] != "field" or "value" not in keys:
        return {}
    column = keys.index("value") + 1
    found = {}
    for row in range(at + 2, cover.last_row + 1):
        key = cover.value(row, 1)
        if key:
            found[str(key)] = _shown(cover.value(row, column))
    return found


def _identify(
    book: ReturnedWorkbook, out: Examined, register: RegisterView, period: str
) -> IssuedTemplate | None:
    sources = _identity_sources(book)
    ids = list(dict.fromkeys(s["template_id"] for s in sources.values() if s.get("template_id")))
    if not ids:
        _issue(out, "return-no-identity")
        return None
    known = [i for i in ids if register.by_id(i) is not None]
    if len(ids) > 1:
        _issue(out, "return-identity-conflict", value=ids[0], other=ids[1])
        return None
    record = register.by_id(known[0]) if known else None
    if record is None:
        _issue(out, "return-unknown-template", value=ids[0])
        return None
    _identity_fields(sources, record, out)
    if record.period != period:
        _issue(out, "return-wrong-period", value=record.period, period=period)
    latest = register.latest(record.institution, record.period)
    if latest is not None and latest.version > record.version:
        issued_at = latest.issued_at[:10]
        _issue(
            out,
            "return-superseded-version",
            value=record.version,
            latest=latest.version,
            issued_at=issued_at,
        )
    _file_name(out, record)
    return record


def _identity_fields(
    sources: dict[str, dict[str, str]], record: IssuedTemplate, out: Examined
) -> None:
    issued = {
        "institution": record.institution,
        "period": record.period,
        "template_version": str(record.version),
    }
    for place, fields in sources.items():
        for name, expected in issued.items():
            stated = fields.get(name)
            if stated and stated != expected:
                sheet = place if place in ("Cover", "Identity") else ""
                _issue(
                    out,
                    "return-identity-changed",
                    sheet,
                    value=stated,
                    field=name,
                    issued=expected,
                    template_id=record.template_id,
                )
                return


def _file_name(out: Examined, record: IssuedTemplate) -> None:
    name = out.file.rsplit("/", 1)[-1]
    match = _FILE_NAME.match(name)
    if not match:
        return
    code, period = match.group(1).upper(), match.group(2).upper()
    if (code, period) != (record.institution, record.period):
        _issue(
            out,
            "return-file-renamed",
            value=f"{code} {period}",
            institution=record.institution,
            period=record.period,
        )


def _sheets(book: ReturnedWorkbook, out: Examined) -> set[str]:
    """Sheets missing, renamed, added, reordered, named twice or unprotected; the names (case
    folded) that more than one sheet has, whose answers are not read (which copy is meant?)."""
    names, twice = _distinct(book.sheet_names)
    for name in twice.values():
        _issue(out, "return-sheet-duplicate", name, value=name)
    names = [n for n in names if n != FEEDBACK_SHEET]
    missing = [n for n in TEMPLATE_SHEETS if n not in names]
    extra = [n for n in names if n not in TEMPLATE_SHEETS]
    for name in missing:
        renamed = _renamed_as(book, name, extra)
        if renamed:
            extra.remove(renamed)
            _issue(out, "return-sheet-renamed", renamed, value=renamed, expected=name)
        else:
            _issue(out, "return-sheet-missing", value=name)
    for name in extra:
        _issue(out, "return-sheet-added", name, value=name)
    present = [n for n in names if n in TEMPLATE_SHEETS]
    if present != [n for n in TEMPLATE_SHEETS if n in present]:
        _issue(out, "return-sheets-reordered", value=", ".join(present))
    unprotected = [s.name for s in book.sheets if s.name in TEMPLATE_SHEETS and not s.protected]
    if not book.structure_locked and not book.saved_by_libreoffice:
        unprotected.append("the workbook structure")
    if unprotected:
        _issue(out, "return-protection-removed", value=", ".join(unprotected))
    return set(twice)


def _distinct(names: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """Each sheet name once, in workbook order; and the names more than one sheet has, as
    Excel compares them (capitals and small letters alike): folded name -> first spelling."""
    first: dict[str, str] = {}
    twice: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key in first:
            twice.setdefault(key, first[key])
        else:
            first[key] = name
    return list(first.values()), twice


def _renamed_as(book: ReturnedWorkbook, name: str, candidates: Sequence[str]) -> str:
    key = KEYS.get(name)
    for candidate in candidates:
        grid = book.sheet(candidate)
        if grid is not None and key and _key_row(grid, key) is not None:
            return candidate
    return ""


def _key_row(grid: SheetGrid, key: str) -> int | None:
    for row in range(1, min(10, grid.last_row) + 1):
        line = grid.cells[row - 1]
        if key in line:
            return row
    return None


def _same(found: Any, issued: Any) -> bool:
    if (found is None or found == "") and (issued is None or issued == ""):
        return True
    if hasattr(found, "isoformat") and isinstance(issued, str):  # a date kept as ISO text
        day = found.date() if hasattr(found, "date") else found
        return bool(day.isoformat() == issued[:10])
    if isinstance(issued, int | float) and not isinstance(found, bool | Formula):
        try:
            return float(found) == float(issued)
        except (TypeError, ValueError):
            return False
    return _shown(found).strip() == _shown(issued).strip()


def _key_map(grid: SheetGrid, at: int, expected: list[str], out: Examined) -> dict[str, int]:
    found = [grid.value(at, c) for c in range(1, max(len(grid.cells[at - 1]), 1) + 1)]
    while found and found[-1] is None:
        found.pop()
    if found != expected:
        missing = [k for k in expected if k not in found]
        extra = [str(k) for k in found if k is not None and k not in expected]
        parts = [
            f"missing {', '.join(missing)}" if missing else "",
            f"added {', '.join(extra)}" if extra else "",
            "moved" if not missing and not extra else "",
        ]
        _issue(
            out,
            "return-columns-changed",
            grid.name,
            cell_ref(at, 1),
            value="; ".join(p for p in parts if p),
        )
    return {str(k): n for n, k in enumerate(found, start=1) if k is not None}


def _table(
    grid: SheetGrid, issued: list[dict[str, Any]], columns: Sequence[Any], out: Examined
) -> list[Row]:
    key = KEYS[grid.name]
    at = _key_row(grid, key)
    if at is None:
        _issue(out, "return-key-row-missing", grid.name)
        return []
    where = _key_map(grid, at, [c.key for c in columns], out)
    row_keys = ROW_KEYS[grid.name]
    found: list[tuple[int, tuple[str, ...]]] = []
    for row in range(at + 2, grid.last_row + 1):
        if all(grid.value(row, c) is None for c in where.values()):
            continue  # blank rows carry nothing
        found.append((row, tuple(_shown(grid.value(row, where.get(k, 0))) for k in row_keys)))
    expected = [tuple(_shown(r[k]) for k in row_keys) for r in issued]
    matched = _match_rows(grid, found, expected, out)
    slots = [(c, where[c.key], column_letter(where[c.key] - 1)) for c in columns if c.key in where]
    letters = {c.key: letter for c, _, letter in slots}
    rows = [_row(grid, row, issued[index], slots, letters, out) for row, index in matched]
    _row_marks(grid, [r for r, _ in matched], columns, where, out)
    return rows


def _match_rows(
    grid: SheetGrid,
    found: list[tuple[int, tuple[str, ...]]],
    expected: list[tuple[str, ...]],
    out: Examined,
) -> list[tuple[int, int]]:
    """Pairs (Excel row, index in the register) for rows present in both; the rest reported."""
    position = {k: n for n, k in enumerate(expected)}
    seen: set[tuple[str, ...]] = set()
    matched: list[tuple[int, int]] = []
    for row, key in found:
        if key in position and key not in seen:
            seen.add(key)
            matched.append((row, position[key]))
        else:
            _issue(
                out,
                "return-row-added",
                grid.name,
                cell_ref(row, 1),
                value=key[0] or "(no code)",
                row=row,
            )
    for key in expected:
        if key not in seen:
            _issue(out, "return-row-removed", grid.name, value=" ".join(key))
    order = [index for _, index in matched]
    for (row, index), wanted in zip(matched, sorted(order), strict=True):
        if index != wanted:
            _issue(
                out,
                "return-rows-reordered",
                grid.name,
                cell_ref(row, 1),
                value=expected[index][0],
                expected=expected[wanted][0],
                row=row,
            )
            break
    return matched


def shown_percent(value: Any) -> Any:
    """A number shown as a percent, as the person sees it: 0.45 -> '45%'. Anything else as is,
    and so are NaN and numbers beyond :data:`LARGEST`: they are reported as what they are."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if (isinstance(value, float) and math.isnan(value)) or abs(value) > LARGEST:
        return value
    shown = f"{value * 100:.9f}".rstrip("0").rstrip(".")
    return f"{shown}%"


def _row(
    grid: SheetGrid,
    row: int,
    issued: dict[str, Any],
    slots: Sequence[tuple[Any, int, str]],
    letters: Mapping[str, str],
    out: Examined,
) -> Row:
    """The answers of one matched row; formulas and changes in its locked cells reported."""
    line = grid.cells[row - 1] if row <= len(grid.cells) else []
    formulas = grid.formulas
    values: dict[str, Any] = {}
    for column, number, letter in slots:
        raw = line[number - 1] if number <= len(line) else None
        formula = formulas.get(f"{letter}{row}") if formulas else None
        if column.is_input_on(issued):
            if formula:
                raw = Formula(formula)
            elif f"{letter}{row}" in grid.percent_cells:
                raw = shown_percent(raw)  # 45% typed: read as typed, which only a percent fits
            values[column.key] = raw
        elif formula:
            _issue(
                out, "return-formula", grid.name, f"{letter}{row}", column=column.key, value=formula
            )
        elif not _same(raw, issued.get(column.key)):
            expected = _shown(issued.get(column.key))
            _issue(
                out,
                "return-locked-changed",
                grid.name,
                f"{letter}{row}",
                column=column.key,
                value=_shown(raw),
                expected=expected,
            )
    return Row(row, issued, values, RowCells(letters, row))


def _row_marks(
    grid: SheetGrid, rows: list[int], columns: Sequence[Any], where: dict[str, int], out: Examined
) -> None:
    """Hidden data rows (a warning) and merged cells over answer cells (an error)."""
    hidden = sorted(r for r in rows if r in grid.hidden_rows)
    if hidden:
        _issue(out, "return-hidden-rows", grid.name, value=", ".join(map(str, hidden)))
    if not rows:
        return
    inputs = {where[c.key] for c in columns if c.input and c.key in where}
    first, last = min(rows), max(rows)
    for r0, c0, r1, c1 in grid.merged:
        if r1 >= first and r0 <= last and any(c0 <= c <= c1 for c in inputs):
            span = f"{cell_ref(r0, c0)}:{cell_ref(r1, c1)}"
            _issue(out, "return-merged-cells", grid.name, cell_ref(r0, c0), value=span)


def _cover(grid: SheetGrid, issued: dict[str, Any], out: Examined) -> list[Row]:
    """The Cover's answers; its locked rows compared with what was issued."""
    at = _key_row(grid, "field")
    if at is None:
        _issue(out, "return-key-row-missing", grid.name)
        return []
    where = _key_map(grid, at, ["field", "label", "value"], out)
    value_column = where.get("value", 3)
    rows = _cover_rows(grid, at, out)
    values: dict[str, Any] = {}
    cells: dict[str, str] = {}
    for field_ in COVER_FIELDS:
        row = rows.get(field_.key)
        if row is None:
            _issue(out, "return-row-removed", grid.name, value=field_.key)
            continue
        ref = cell_ref(row, value_column)
        cells[field_.key] = ref
        found = grid.value(row, value_column)
        formula = grid.formulas.get(ref)
        if field_.input:
            values[field_.key] = Formula(formula) if formula else found
        elif field_.key in issued and not _same(found, issued[field_.key]):
            _issue(
                out,
                "return-locked-changed",
                grid.name,
                ref,
                column=field_.key,
                value=_shown(found),
                expected=_shown(issued[field_.key]),
            )
    _row_marks(grid, list(rows.values()), COVER_COLUMNS, {"value": value_column}, out)
    return [Row(at + 2, {}, values, cells)]


def _cover_rows(grid: SheetGrid, at: int, out: Examined) -> dict[str, int]:
    """Field key -> its row; a repeated or unknown field is a row added."""
    known = {f.key for f in COVER_FIELDS}
    rows: dict[str, int] = {}
    for row in range(at + 2, grid.last_row + 1):
        key = grid.value(row, 1)
        if key is None:
            continue
        if str(key) in rows or str(key) not in known:
            _issue(out, "return-row-added", grid.name, cell_ref(row, 1), value=str(key), row=row)
            continue
        rows[str(key)] = row
    return rows


@dataclass(frozen=True)
class _CoverColumn:
    key: str
    input: bool


COVER_COLUMNS = (_CoverColumn("value", True),)

"""Every name nsm writes follows Windows' rules, and files people open stay within Excel's reach."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from nsm_excel.core import file_names
from nsm_excel.core.file_names import EXCEL_PATH_LIMIT, PathTooLong
from nsm_excel.core.periods import period_or_raise
from nsm_excel.intake.feedback import files as feedback_files
from nsm_excel.store import archive
from nsm_excel.store.workspace import Workspace
from tests.conftest import make_workspace, small_plan
from tests.recorded import nsm

RECEIVED = "2026-07-20T09:00:00+00:00"
SHA = "ab" * 32
HOSTILE_NAMES = [
    "CON.xlsx",
    "con",
    "Nul .xlsx",
    "COM1.tar.gz",
    "LPT¹.xlsx",
    "a:b?.xlsx",
    'm<b>|"x"*.xlsx',
    "name. ",
    "...",
    " ",
    "",
    "tab\there\x01\x7f.xlsx",
    "back\\slash/and.xlsx",
    "x" * 300 + ".xlsx",
    "ë" * 300 + ".xlsx",
    "Raporti i Ministrisë së Brendshme për gjashtëmujorin e parë " * 5 + ".xlsx",
]
HOSTILE_CODES = ["CON", "PRN", "AUX", "NUL", "COM1", "LPT9", "COM0"]


@pytest.mark.parametrize(
    ("name", "broken"),
    [
        ("MB_2026-H1.xlsx", []),
        ("CONSOLE.xlsx", []),
        ("CON_2026-H1.xlsx", []),
        ("CON", ["device name"]),
        ("con.xlsx", ["device name"]),
        ("Com1 .tar.gz", ["device name"]),
        ("LPT³", ["device name"]),
        ("a:b?.xlsx", ["forbidden character"]),
        ("name. ", ["trailing dot or space"]),
        ("name.", ["trailing dot or space"]),
        ("x" * 256, ["too long"]),
        ("ë" * 200, ["too long"]),  # 200 letters, 400 bytes
        ("", ["empty"]),
        ("..", ["empty", "trailing dot or space"]),
    ],
)
def test_the_rules_of_windows(name: str, broken: list[str]) -> None:
    assert file_names.problems(name) == broken


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_archive_names_of_hostile_received_files_are_valid_on_windows(
    name: str, tmp_path: Path
) -> None:
    for period, code in [("2026-H1", "MB"), ("", "")]:
        target = archive.archive_path(tmp_path, RECEIVED, SHA, name, period, code)
        for part in target.relative_to(tmp_path).parts:
            assert file_names.problems(part) == [], (name, part)
        assert len(str(target)) <= EXCEL_PATH_LIMIT
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"x")  # and this system takes it


def test_an_archive_name_keeps_the_start_and_the_extension_of_a_long_name(tmp_path: Path) -> None:
    name = "Report of the Ministry of Interior, 2026-H1, " * 20 + ".xlsx"
    target = archive.archive_path(tmp_path, RECEIVED, SHA, name, "2026-H1", "MB")
    assert target.name.startswith(f"20260720T090000Z_{SHA[:12]}_Report of the Ministry")
    assert target.suffix == ".xlsx" and len(str(target)) == EXCEL_PATH_LIMIT


def test_a_device_name_is_set_apart_and_an_ordinary_name_is_kept(tmp_path: Path) -> None:
    assert file_names.safe("CON.xlsx") == "CON_.xlsx"
    assert file_names.safe("nul .tar.gz") == "nul_.tar.gz"
    assert file_names.safe("a:b?.xlsx") == "a_b_.xlsx"
    assert file_names.safe("name. ") == "name"
    assert file_names.safe(". .") == "file"
    assert file_names.safe("MB again (2).xlsx") == "MB again (2).xlsx"
    folder = archive.archive_path(tmp_path, RECEIVED, SHA, "CON.xlsx", "2026-H1", "CON").parent
    assert folder == tmp_path / "archive" / "2026-H1" / "CON_"


@pytest.mark.parametrize("code", HOSTILE_CODES)
def test_names_made_from_an_institution_code_are_valid_on_windows(
    code: str, tmp_path: Path
) -> None:
    space = Workspace.open(make_workspace(tmp_path / "ws").root)
    period = period_or_raise("2026-H1")
    made = [
        space.template_path(code, period),
        feedback_files.current(space.root, code, period.code),
        archive.archive_path(space.root, RECEIVED, SHA, f"{code}.xlsx", period.code, code),
    ]
    for path in made:
        for part in PurePosixPath(path.relative_to(space.root).as_posix()).parts:
            assert file_names.problems(part) == [], (code, part)


def test_an_institution_with_a_device_name_gets_its_template_and_archive(tmp_path: Path) -> None:
    from nsm_excel.template.generate import generate
    from tests.returns import drop, filled, run

    rows = small_plan()
    for sheet in rows.values():
        for row in sheet:
            for key, value in row.items():
                if value == "MB":
                    row[key] = "AUX"
    space = make_workspace(tmp_path / "ws", rows)
    generate(space)
    assert space.template_path("AUX", space.current_period()).name == "AUX_2026-H1.xlsx"
    drop(space, "AUX_2026-H1.xlsx", filled(space, "AUX"))
    result = run(space)
    assert result.files[0].archived.startswith("archive/2026-H1/AUX_/")


def long_root(tmp_path: Path, length: int) -> Path:
    """A folder whose full path has ``length`` characters."""
    room = length - len(str(tmp_path)) - 1
    parts = [("d" * 60)] * (room // 61)
    tail = room - 61 * len(parts)
    return tmp_path.joinpath(*parts, "w" * tail) if tail else tmp_path.joinpath(*parts)


def test_a_workspace_too_deep_for_excel_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    fits = EXCEL_PATH_LIMIT - len("/templates/xlsx/2026-H1/MB_2026-H1.xlsx")
    root = long_root(tmp_path, fits)  # MB's template (the first) fits, AKPA's would not
    assert len(str(root)) == fits
    make_workspace(root)
    code, out = nsm("generate", "-w", str(root))
    assert (code, "Traceback" in out) == (2, False), out
    assert "Excel opens no file whose full path is longer than 218" in " ".join(out.split())
    assert "shorter path" in out
    assert not any((root / "templates" / "xlsx").rglob("*.xlsx"))
    code, out = nsm("consolidate", "-w", str(root))
    assert (code, "Traceback" in out) == (2, False), out
    assert "NSM_master_2026-H1_sq.xlsx would be" in out  # the first output checked: none written
    assert not (root / "outbox" / "2026-H1").exists()


def test_a_workspace_just_short_enough_works(tmp_path: Path) -> None:
    from nsm_excel.template.generate import generate

    root = long_root(tmp_path, EXCEL_PATH_LIMIT - len("/templates/xlsx/2026-H1/AKPA_2026-H1.xlsx"))
    space = make_workspace(root)
    generate(space)
    path = space.template_path("AKPA", space.current_period())
    assert path.is_file() and len(str(path)) == EXCEL_PATH_LIMIT
    with pytest.raises(PathTooLong, match="Nothing was written"):
        file_names.check_openable(path.with_name("AKPA_2026-H1x.xlsx"))

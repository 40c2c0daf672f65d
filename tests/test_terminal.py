"""What the CLI prints from a file or the records is shown, never obeyed by the terminal.

A file named with ESC sequences, CR and LF goes through validate, status, doctor and an error
message; on a terminal (click keeps escape sequences there) and in a pipe alike, every control
character is a visible escape and the run's output keeps one line per file. ``--json`` gives the
name back exactly, as JSON escapes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nsm_excel.cli import terminal
from nsm_excel.cli.app import main
from nsm_excel.store.workspace import Workspace
from tests.corpus import FORGING_NAME
from tests.returns import drop, filled

SHOWN = "MB\\x1b[2J\\x1b]0;title\\x07\\r\\nAKPA_2026-H1.xlsx   AKPA 2026-H1 accepted\\x1b[0m.xlsx"


def nsm(*args: str, tty: bool = True) -> tuple[int, str]:
    """The command's output as a terminal gets it (``tty``: click keeps escape sequences)."""
    result = CliRunner().invoke(main, list(args), color=tty)
    return result.exit_code, result.output


def test_control_characters_are_shown_as_escapes() -> None:
    text = "a\nb\rc\td\x1b[31me\x07\x00\x7f\x9b\u202eg\u2028h"
    assert terminal.shown(text) == "a\\nb\\rc\\td\\x1b[31me\\x07\\x00\\x7f\\x9b\\u202eg\\u2028h"
    assert terminal.shown("Çështjet ë 👩‍👩‍👧 تم") == "Çështjet ë 👩‍👩‍👧 تم"  # only controls change
    assert terminal.shown(FORGING_NAME) == SHOWN


def test_json_escapes_every_control_character_and_keeps_the_text() -> None:
    data = {"name": FORGING_NAME + "\x9b\u202e\x7f", "n": 1}
    out = terminal.as_json(data)
    assert json.loads(out) == data
    assert not any(c in out for c in "\x1b\r\x07\x9b\u202e\x7f")


def _hostile(issued: Workspace) -> None:
    drop(issued, FORGING_NAME, filled(issued, "MB"))
    drop(issued, "AIDA\x1b[32m_ok\n.xlsx", filled(issued, "AIDA", 1, ("status-misspelled",)))


def _no_raw_controls(out: str, allowed: str = "") -> None:
    """Nothing but line ends and the CLI's own colours: no ESC that is not a colour code."""
    stripped = out
    for code in ("\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[0m"):
        stripped = stripped.replace(code, "")
    assert not [c for c in stripped if (c < " " and c not in "\n" + allowed) or c == "\x7f"], out


@pytest.mark.parametrize("tty", [True, False], ids=["terminal", "pipe"])
def test_a_forging_file_name_is_one_escaped_line_in_validate(issued: Workspace, tty: bool) -> None:
    _hostile(issued)
    code, out = nsm("validate", "-w", str(issued.root), "--details", tty=tty)
    assert code == 1, out
    _no_raw_controls(out)
    lines = out.splitlines()
    assert [line for line in lines if line.startswith(SHOWN)] != []
    assert not [line for line in lines if line.startswith("AKPA_2026-H1.xlsx")]
    assert [line for line in lines if line.startswith("AIDA\\x1b[32m_ok\\n.xlsx")] != []
    assert lines[-1].startswith("1 accepted, 1 rejected")


def test_status_doctor_and_errors_escape_what_they_show(issued: Workspace, tmp_path: Path) -> None:
    _hostile(issued)
    assert nsm("validate", "-w", str(issued.root))[0] == 1
    code, out = nsm("status", "-w", str(issued.root))
    assert code == 0 and SHOWN in out
    _no_raw_controls(out)
    (issued.inbox / "link\x1b[2J.xlsx").symlink_to("/etc/hostname")
    code, out = nsm("doctor", "-w", str(issued.root))
    assert code == 1 and "inbox/link\\x1b[2J.xlsx in the inbox is a symbolic link" in out
    _no_raw_controls(out)
    odd = tmp_path / "back\x1b[2Jup\nhere"
    odd.write_text("a file, not a folder")
    code, out = nsm("backup", str(odd), "-w", str(issued.root))
    assert code == 2 and "back\\x1b[2Jup\\nhere is a file" in out
    _no_raw_controls(out)


def test_json_output_gives_the_name_back_exactly(issued: Workspace) -> None:
    _hostile(issued)
    code, out = nsm("validate", "-w", str(issued.root), "--json")
    assert code == 1
    assert "\x1b" not in out and "\r" not in out
    names = sorted(f["file"] for f in json.loads(out)["files"])
    assert names == sorted([FORGING_NAME, "AIDA\x1b[32m_ok\n.xlsx"])


def test_a_bad_option_value_is_escaped_in_the_usage_error(issued: Workspace) -> None:
    code, out = nsm("status", "-w", str(issued.root), "--period", "\x1b[2J2026")
    assert code == 2 and "'\\x1b[2J2026' is not a period" in out
    _no_raw_controls(out)

"""Under ``--lang sq`` every line a command prints is Albanian: its summary, its counts, its
states; under the default the same lines stay English.

One small workspace goes through the cycle once (check the plan, generate, validate, consolidate,
status, the calendar, the plan's versions); each test reads what one command printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from nsm_excel.cli.app import main

# what each command printed under --lang sq: Albanian found, English never
EXPECTED = {
    "check-plan": (
        ["institucione", "masa", "0 gabime", "plani është i përdorshëm"],
        ["institutions", "measures", "errors", "warnings", "usable"],
    ),
    "generate": (
        ["lëshuar", "masa", "tregues", "formularë u shkruan", "Formularët:"],
        ["issued", "kept", "without rows", "templates written", "Templates:"],
    ),
    "validate": (
        ["pranuar", "0 gabime", "1 të pranuara", "dublikata", "në pritje"],
        ["accepted", "errors", "duplicates", "waiting"],
    ),
    "validate-empty": (["Dosja inbox", "është bosh"], ["is empty", "nothing to validate"]),
    "consolidate": (
        ["raporte të pranuara", "në kohë", "Shkalla e zbatimit", "ekzekutimi i buxhetit"],
        ["returns accepted", "on time", "Implementation rate", "budget execution"],
    ),
    "status": (["e hapur", "afati"], ["open", "deadline", "accepted"]),
    "period-list": (["e planifikuar", "e hapur", "afati"], ["planned", "open", "deadline"]),
    "period-close": (
        ["e mbyllur", "afati", "raporte të numëruara", "botuar në"],
        ["closed", "deadline", "returns counted", "published in"],
    ),
    "period-set-deadline": (
        ["e planifikuar", "Shënim: afati", "ka kaluar", "DATË --reason TEKST"],
        ["planned", "Note", "already past", "DATE", "TEXT"],
    ),
    "plan-adopt": (
        ["versioni 1 siç u miratua", "Versioni 1 rregullon periudhat e: 2024"],
        ["version", "adopted", "governs"],
    ),
    "plan-list": (["në fuqi nga", "miratuar"], ["effective", "adopted"]),
    "doctor": (
        ["u kontrolluan", "regjistrime", "skedarë në arkiv", "formularë aktualë"],
        ["records", "archive files", "checked", "healthy", "found"],
    ),
}


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from nsm_excel.demo import filler
    from tests.conftest import make_workspace
    from tests.returns import TODAY

    space = make_workspace(tmp_path_factory.mktemp("languages") / "ws")
    ws = ("-w", str(space.root), "--lang", "sq")
    out = {"check-plan": _run("check-plan", *ws), "generate": _run("generate", *ws)}
    template = space.template_path("MB", space.current_period()).read_bytes()
    data = filler.fill(template, filler.Filling(1, TODAY))
    (space.inbox / "MB_2026-H1.xlsx").write_bytes(data)
    out["validate"] = _run("validate", *ws)
    out["validate-empty"] = _run("validate", *ws)
    out["consolidate"] = _run("consolidate", *ws)
    out["status"] = _run("status", *ws)
    out["period-list"] = _run("period", "list", *ws)
    out["period-close"] = _run("period", "close", "2026-H1", *ws)
    out["period-set-deadline"] = _run("period", "set-deadline", "2026", "2026-01-01", *ws)
    out["plan-adopt"] = _run("plan", "adopt", *ws)
    out["plan-list"] = _run("plan", "list", *ws)
    out["doctor"] = _run("doctor", *ws)
    out["english"] = _run("period", "list", "-w", str(space.root))
    return out


@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_a_command_under_lang_sq_prints_albanian_only(
    printed: dict[str, str], command: str
) -> None:
    shown = printed[command]
    albanian, english = EXPECTED[command]
    for text in albanian:
        assert text in shown, (command, text, shown)
    for text in english:
        assert not re.search(rf"\b{re.escape(text)}\b", shown), (command, text, shown)


def test_numbers_take_the_albanian_decimal_mark(printed: dict[str, str]) -> None:
    assert re.search(r"\(\d+,\d %\)", printed["consolidate"]), printed["consolidate"]
    assert not re.search(r"\d\.\d %", printed["consolidate"])


def test_the_default_language_stays_english(printed: dict[str, str]) -> None:
    assert "deadline" in printed["english"] and "closed" in printed["english"]
    assert "afati" not in printed["english"]


def test_every_command_that_prints_sentences_takes_lang() -> None:
    for args in (["generate"], ["period", "list"], ["period", "close"], ["plan", "list"]):
        shown = CliRunner().invoke(main, [*args, "--help"]).output
        assert "--lang [sq|en]" in shown, args


def test_generate_notes_speak_the_language_asked(tmp_path: Path) -> None:
    """A template already issued is kept with a note in the language of the run."""
    cli = main
    root = tmp_path / "ws"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root)]).exit_code == 0
    assert runner.invoke(cli, ["generate", "-w", str(root)]).exit_code == 0
    again = runner.invoke(cli, ["generate", "-w", str(root), "--lang", "sq"])
    assert again.exit_code == 0, again.output
    assert "është lëshuar më parë; --force lëshon një version të ri" in again.output
    assert "already issued" not in again.output

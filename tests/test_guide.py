"""The secretariat's guide (docs/guide/): its commands are real, its pictures exist, both
languages walk the same steps."""

from __future__ import annotations

import shlex
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from nsm_excel.cli.app import main

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide"
LANGUAGES = ("sq", "en")


class _Guide(HTMLParser):
    """What a guide shows: its steps, its pictures and every ``nsm`` command it names."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[str] = []
        self.pictures: list[str] = []
        self.commands: list[str] = []
        self._in: list[str] = []
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section" and "step" in (found.get("class") or "").split():
            self.steps.append(found.get("id") or "")
        if tag == "img":
            self.pictures.append(found.get("src") or "")
        if tag in ("pre", "code"):
            self._in.append(tag)
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("pre", "code") and self._in and self._in[-1] == tag:
            self._in.pop()
            lines = self._text.splitlines() if tag == "pre" else [f"$ {self._text}"]
            self.commands += [x[2:].strip() for x in lines if x.startswith("$ nsm ")]

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def _read(lang: str) -> _Guide:
    guide = _Guide()
    guide.feed((GUIDE / f"guide-{lang}.html").read_text(encoding="utf-8"))
    return guide


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_walks_the_whole_cycle(lang: str) -> None:
    guide = _read(lang)
    assert len(guide.steps) == 8
    shown = {shlex.split(c, posix=False)[1] for c in guide.commands}
    cycle = {"init", "check-plan", "generate", "validate", "status", "consolidate", "backup"}
    assert cycle | {"doctor"} <= shown


def test_both_languages_have_the_same_steps_and_pictures() -> None:
    albanian, english = _read("sq"), _read("en")
    assert albanian.steps == english.steps
    assert albanian.pictures == english.pictures


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_picture_the_guide_shows_exists(lang: str) -> None:
    guide = _read(lang)
    assert guide.pictures
    for picture in guide.pictures:
        path = GUIDE / picture
        assert path.is_file(), picture
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_the_guide_shows_is_a_command_with_those_options(lang: str) -> None:
    runner = CliRunner()
    commands = _read(lang).commands
    assert commands
    for command in commands:
        words = shlex.split(command, posix=False)[1:]
        name, options = words[0], [w.split("=")[0] for w in words if w.startswith("-")]
        done = runner.invoke(main, [name, "--help"])
        assert done.exit_code == 0, f"{command}: {done.output}"
        for option in options:
            assert option in done.output, f"{command}: {name} has no option {option}"

"""The summary report does not mislead: a headline made from the figures, every rate with what
it rests on, 'no report' apart from 0 %, one meaning per colour, and one file per language."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from nsm_excel.consolidate.model import Consolidated
from nsm_excel.demo.run import run_demo
from nsm_excel.outputs.report_headline import sentences
from nsm_excel.outputs.reports import build_reports, figures_for
from nsm_excel.outputs.summary_report import Formats, render
from nsm_excel.store.config import Config
from nsm_excel.store.workspace import Workspace
from tests.clients import require
from tests.clients.pages import chromium

MADE = dt.datetime(2026, 8, 20, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def space(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("readable") / "demo"
    run_demo(root)
    return Workspace.open(root)


@pytest.fixture(scope="module")
def demo(space: Workspace) -> tuple[Consolidated, Config]:
    return figures_for(space, space.current_period()), space.config


def known(data: Consolidated, **counts: int) -> Consolidated:
    """``data`` with the overview's counts replaced (8 of 18 reported, 15 of 25 implemented)."""
    values = dict(expected=18, accepted=8, due=25, implemented=15, reported_due=11)
    values |= counts
    money = dict(planned=539_880_000.0, spent=328_086_000.0)
    return replace(data, overview=replace(data.overview, **values, **money))


def said(data: Consolidated, lang: str) -> list[str]:
    f = Formats(lang)
    return sentences(data, lang, f.percent, f.lek)


def test_the_headline_says_where_the_plan_stands_in_english(
    demo: tuple[Consolidated, Config],
) -> None:
    found = said(known(demo[0]), "en")
    assert found[:3] == [
        "In 2026-H1, 60.0 % of the 25 measures due were implemented (15 of 25).",
        "8 of 18 institutions (44.4 %) reported, so the rate rests on 11 of the 25 measures due;"
        " a measure due without a report counts as not implemented.",
        "Budget execution is 60.8 %: ALL 328,086,000 spent of ALL 539,880,000 planned for 2026.",
    ]
    assert found[3].startswith("The weakest goal is ")


def test_the_headline_in_albanian(demo: tuple[Consolidated, Config]) -> None:
    found = said(known(demo[0]), "sq")
    assert found[:3] == [
        "Në periudhën 2026-H1 u zbatuan 15 nga 25 masat e afatuara (60,0 %).",
        "Raportuan 8 nga 18 institucione (44,4 %), ndaj shkalla mbështetet në 11 nga 25 masat e"
        " afatuara; një masë e afatuar pa raport llogaritet si e pazbatuar.",
        "Ekzekutimi i buxhetit është 60,8 %: u shpenzuan 328\u202f086\u202f000 lekë nga"
        " 539\u202f880\u202f000 lekë"
        " të planifikuara për vitin 2026.",
    ]
    assert found[3].startswith("Qëllimi më i dobët është ")


def test_the_headline_with_no_return_nothing_due_or_every_return(
    demo: tuple[Consolidated, Config],
) -> None:
    data = demo[0]
    none = said(known(data, accepted=0, reported_due=0), "en")[1]
    assert none.startswith("No institution has reported yet (18 expected)")
    assert said(known(data, accepted=0, reported_due=0), "sq")[1].startswith(
        "Asnjë institucion nuk ka raportuar ende (priten 18)"
    )
    idle = said(known(data, due=0, implemented=0, reported_due=0), "en")
    assert idle[0] == "In 2026-H1, no measure was due, so there is no implementation rate."
    assert not any("rests on" in line for line in idle)
    every = said(known(data, accepted=18, reported_due=25), "en")[1]
    assert every == "All 18 institutions reported; the rate rests on 25 of the 25 measures due."


def _row(html: str, table: str, code: str) -> str:
    start = html.index(f'<table id="{table}"')
    row = html.index(f'<tr data-code="{code}"', start)
    return html[row : html.index("</tr>", row)]


def test_no_report_is_shown_apart_from_zero(demo: tuple[Consolidated, Config]) -> None:
    data, config = demo
    silent = replace(data.goals[0], implemented=0, reported_due=0)  # due, none reported
    failed = replace(data.goals[1], implemented=0, reported_due=data.goals[1].due)  # 0 %
    assert silent.due and silent.no_report and failed.due and not failed.no_report
    changed = replace(data, goals=(silent, failed, *data.goals[2:]))
    for lang, no_report, zero in (("en", "No report", "0.0 %"), ("sq", "Pa raport", "0,0 %")):
        html = render(changed, lang, config, MADE)
        assert no_report in _row(html, "goals", silent.key)
        assert zero not in _row(html, "goals", silent.key)
        assert zero in _row(html, "goals", failed.key) and "&lt; 30 %" in _row(
            html, "goals", failed.key
        )
        chart = ET.fromstring(re.findall(r"<svg\b.*?</svg>", html, flags=re.S)[0])
        texts = [t.text for t in chart.iter("text")]
        assert no_report in texts and zero in texts  # each bar says which it is
        assert Formats(lang).word("legend_no_report") in texts  # with its own legend entry


def _legend_colours(svg: str) -> set[str]:
    root = ET.fromstring(svg)
    return {r.get("fill", "") for r in root.iter("rect") if r.get("class") == "legend"}


def test_every_chart_has_a_legend_and_no_colour_means_two_things(
    demo: tuple[Consolidated, Config],
) -> None:
    data, config = demo
    html = render(data, "en", config, MADE)
    rates, statuses, objectives, execution = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    legends = [_legend_colours(svg) for svg in (rates, statuses, objectives, execution)]
    assert all(legends), "a chart without a legend"
    assert legends[0] == legends[2]  # the bands, and no report
    assert legends[0] & legends[1] == set()  # a band is never read as a status
    assert legends[3] & (legends[0] | legends[1]) == set()


def test_consolidate_writes_each_language_and_keeps_both(space: Workspace) -> None:
    folder = space.outbox / "2026-H1"
    names = ["NSM_master_2026-H1_sq.xlsx", "NSM_summary_2026-H1_sq.html"]
    names += ["NSM_master_2026-H1_en.xlsx", "NSM_summary_2026-H1_en.html"]
    result = build_reports(space)
    assert result.files == tuple(f"outbox/2026-H1/{name}" for name in names)
    assert all((folder / name).is_file() for name in names)
    albanian = (folder / "NSM_summary_2026-H1_sq.html").read_bytes()
    english = build_reports(space, lang="en")
    assert english.files == (
        "outbox/2026-H1/NSM_master_2026-H1_en.xlsx",
        "outbox/2026-H1/NSM_summary_2026-H1_en.html",
    )
    assert (folder / "NSM_summary_2026-H1_sq.html").read_bytes() == albanian  # not overwritten
    assert '<html lang="en">' in (folder / "NSM_summary_2026-H1_en.html").read_text("utf-8")
    assert not list(folder.glob("NSM_*_2026-H1.*"))  # no file without its language


def test_a_report_states_its_gender_groups_and_sdg_figures(
    demo: tuple[Consolidated, Config],
) -> None:
    data, config = demo
    html = render(data, "en", config, MADE)
    shares = [i for i in data.indicators if i.women_share is not None]
    assert shares and data.gender and data.target_groups and data.sdg
    f = Formats("en")
    for i in shares:
        assert f.percent(i.women_share) in _row(html, "by-sex", i.code)
    for group in data.target_groups:
        assert f.lek(group.spent) in _row(html, "groups", group.key)
    for target in data.sdg:
        assert f.title(target) in _row(html, "sdg", target.key)
    total = data.gender_total
    assert total is not None
    gender = html[html.index('<table id="gender-measures"') :]
    foot = gender[gender.index("<tfoot>") : gender.index("</tfoot>")]
    assert f.rate(total) in foot and f"<td>{f.word('total')}</td>" in foot


def test_an_sdg_target_is_named_once_beside_its_goal(demo: tuple[Consolidated, Config]) -> None:
    """The SDG table shows "10.7 Reduced inequalities", not "10.7 10.7 Reduced inequalities"."""
    data, config = demo
    html = render(data, "en", config, MADE)
    assert any(t.key == "10.7" for t in data.sdg)
    row = _row(html, "sdg", "10.7")
    assert "<strong>10.7</strong> Reduced inequalities" in row
    assert row.count("10.7") == 2, row  # its data-code and the code shown


def test_the_indicators_headers_print_whole_in_albanian(
    demo: tuple[Consolidated, Config], tmp_path: Path
) -> None:
    """Printed by Chromium on A4, the year's indicators table heads its last columns with whole
    words: "përfundimtar" was cut to "përfundimt" at the page's edge."""
    require("chromium", "pdftotext")
    data, config = demo
    page = tmp_path / "summary.html"
    page.write_text(render(data, "sq", config, MADE), encoding="utf-8")
    printed = chromium(page.as_uri(), tmp_path / "summary.pdf", pdf=True).output
    done = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, check=True)
    text = done.stdout.decode("utf-8")
    assert text.count("përfundimtar") >= 2, text  # both headers, on each page of the table
    assert not re.search(r"përfundimt\b", text)

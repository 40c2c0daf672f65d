"""The summary report: figures as the model has them, both languages, escaping, charts, no URLs."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import Environment, PackageLoader
from markupsafe import escape

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.model import STATUS_ORDER, Consolidated
from nsm_excel.demo.run import run_demo
from nsm_excel.outputs.report_words import WORDS
from nsm_excel.outputs.reports import figures_for
from nsm_excel.outputs.summary_report import (
    DASH,
    Formats,
    format_date,
    format_lek,
    format_moment,
    format_number,
    format_percent,
    render,
)
from nsm_excel.outputs.svg_charts import Bar, Series, Stack, bar_chart, stacked_bar_chart
from nsm_excel.store.config import Config
from nsm_excel.store.workspace import Workspace

MADE = dt.datetime(2026, 8, 20, 9, 30, tzinfo=dt.UTC)
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LANGS = ("sq", "en")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Consolidated, Config]:
    tmp: Path = tmp_path_factory.mktemp("summary")
    run_demo(tmp / "demo", reports=False)
    space = Workspace.open(tmp / "demo")
    return figures_for(space, space.current_period()), space.config


@pytest.fixture(scope="module")
def pages(demo: tuple[Consolidated, Config]) -> dict[str, str]:
    data, config = demo
    return {lang: render(data, lang, config, MADE) for lang in LANGS}


def _part(html: str, tag: str, ident: str) -> str:
    """The element ``<tag id="ident">`` up to its first closing tag (tables do not nest here)."""
    start = html.index(f'<{tag} id="{ident}"')
    return html[start : html.index(f"</{tag}>", start)]


def _card(head: str, ident: str) -> str:
    """A card of the key figures, up to the next card."""
    start = head.index(f'id="{ident}"')
    end = head.find('<div class="card', start)
    return head[start : end if end > 0 else len(head)]


def _codes(html: str, table: str) -> list[str]:
    return re.findall(r'<tr data-code="([^"]*)"', _part(html, "table", table))


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <style> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_template_ships_with_the_package() -> None:
    env = Environment(loader=PackageLoader("nsm_excel.outputs", "report_templates"))
    assert env.get_template("summary.html.j2") is not None
    files = importlib.resources.files("nsm_excel.outputs") / "report_templates" / "summary.html.j2"
    assert files.is_file()


def test_formats_for_reading() -> None:
    assert format_percent(72.5, "en") == "72.5 %"
    assert format_percent(72.5, "sq") == "72,5 %"
    assert format_percent(None, "en") == DASH == "–"
    assert format_lek(12_450_000, "sq") == "12\u202f450\u202f000 lekë"
    assert format_lek(12_450_000.4, "en") == "ALL 12,450,000"
    assert format_number(1734.0, "en") == "1,734"
    assert format_number(22.5, "sq") == "22,5"
    assert format_date(dt.date(2026, 7, 31), "sq") == "31 korrik 2026"
    assert format_date(dt.date(2026, 7, 31), "en") == "31 July 2026"
    assert format_moment("2026-08-08T13:15:00+02:00", "en") == "8 August 2026, 11:15 UTC"
    assert Formats("en").progress(1.3) == "100.0 %"  # capped for display
    assert Formats("en").progress(-0.2) == "0.0 %"
    assert Formats("sq").value(1, "yes_no") == "Po"


@pytest.mark.parametrize("lang", LANGS)
def test_headline_figures_are_the_models(
    demo: tuple[Consolidated, Config], pages: dict[str, str], lang: str
) -> None:
    data, _ = demo
    o, f = data.overview, Formats(lang)
    head = _part(pages[lang], "section", "headline")
    for card, shown in (
        ("reporting-rate", f.percent(o.reporting_rate)),
        ("on-time-rate", f.percent(o.on_time_rate)),
        ("implementation-rate", f.percent(o.implementation_rate)),
        ("execution", f.percent(o.execution)),
        ("rejected", str(o.rejected)),
        ("missing", str(o.missing)),
    ):
        assert f'<div class="value">{escape(shown)}</div>' in _card(head, card)
    assert o.band and escape(o.band) in head
    assert f.lek(o.spent) in head and f.lek(o.planned) in head
    assert f.word("accepted_of_expected", accepted=o.accepted, expected=o.expected) in head
    for key in STATUS_ORDER:
        assert f"{f.status(key)}: <strong>{o.statuses[key]}</strong>" in head
    assert o.period in pages[lang] and f.date(o.deadline) in pages[lang]


def test_a_hand_made_overview(demo: tuple[Consolidated, Config]) -> None:
    data, config = demo
    small = replace(data, overview=replace(data.overview, expected=4, accepted=3, on_time=1))
    en = _part(render(small, "en", config, MADE), "section", "headline")
    assert '<div class="value">75.0 %</div>' in _card(en, "reporting-rate")
    assert '<div class="value">25.0 %</div>' in _card(en, "on-time-rate")
    assert "3 of 4 institutions: returns accepted" in en
    sq = _part(render(small, "sq", config, MADE), "section", "headline")
    assert '<div class="value">75,0 %</div>' in _card(sq, "reporting-rate")


def test_undefined_figures_show_a_dash(demo: tuple[Consolidated, Config]) -> None:
    data, config = demo
    empty = replace(data.overview, expected=0, accepted=0, on_time=0, due=0, implemented=0)
    head = _part(render(replace(data, overview=empty), "en", config, MADE), "section", "headline")
    assert '<div class="value">–</div>' in _card(head, "reporting-rate")
    assert '<div class="value">–</div>' in _card(head, "implementation-rate")


def test_each_language_is_whole(pages: dict[str, str]) -> None:
    sq, en = pages["sq"], pages["en"]
    assert '<html lang="sq">' in sq and '<html lang="en">' in en
    assert "Zbatimi" in sq and "Zbatimi" not in en
    assert "Implementation" in en
    for key in ("title", "headline", "by_goal", "delayed", "off_track", "budget", "gender"):
        assert f"{escape(WORDS[key].get('sq'))}</h" in sq, key
        assert f"{escape(WORDS[key].get('en'))}</h" in en, key
        assert WORDS[key].get("sq") not in en, key


@pytest.mark.parametrize("lang", LANGS)
def test_institutions_to_chase_are_the_models(
    demo: tuple[Consolidated, Config], pages: dict[str, str], lang: str
) -> None:
    data, _ = demo
    listed = _codes(pages[lang], "chase")
    expected = {i.code for i in data.institutions if i.state != "on time"}
    assert sorted(listed) == sorted(expected)
    assert {i.state for i in data.institutions if i.code in expected} == {
        "late",
        "rejected",
        "missing",
    }
    rejected = next(i for i in data.institutions if i.state == "rejected")
    assert escape(rejected.problems_in(lang)[0]) in pages[lang]
    assert escape(rejected.contact) in pages[lang]


def test_measures_and_indicators_listed_are_the_models(
    demo: tuple[Consolidated, Config], pages: dict[str, str]
) -> None:
    data, _ = demo
    html, f = pages["en"], Formats("en")
    delayed = [m for m in data.measures if m.reported and m.status in ("delayed", "partial")]
    delayed += [m for m in data.measures if m.reported and m.status == "not_started"]
    assert sorted(_codes(html, "delayed")) == sorted(m.code for m in delayed)
    assert all(escape(m.delay_reason) in html for m in delayed)
    unreported = [m.code for m in data.measures if m.due and not m.reported]
    assert _codes(html, "unreported") == unreported and unreported
    # the demo reports a half-year: mid-year progress, so no indicator has a traffic light
    assert not any(i.light in (figures.RED, figures.AMBER) for i in data.indicators)
    assert 'id="off-track"' not in html
    over = [i for i in data.indicators if i.year_value is not None]
    assert _codes(html, "over-year") == [i.code for i in over] and over
    table = _part(html, "table", "over-year")
    assert all(f.progress(i.progress) in table for i in over)
    assert table.count("mid-year: no traffic light") == sum(i.mid_year for i in over)
    grey = [i for i in data.indicators if i.light == figures.GREY and not i.mid_year and i.asked]
    assert [i.code for i in data.indicators if not i.asked] == ["IO.B.3.1", "IO.D.2.1", "I.D.2.8.1"]
    assert _codes(html, "no-value") == [i.code for i in grey]
    assert "no value" in _part(html, "table", "no-value")
    by_sex = [i for i in data.indicators if i.disaggregation == "sex"]
    assert _codes(html, "by-sex") == [i.code for i in by_sex]
    gender = _part(html, "table", "by-sex")
    assert all(f.value(i.women, i.unit) in gender for i in by_sex if i.women is not None)
    assert _codes(html, "goals") == [g.key for g in data.goals]
    assert _codes(html, "objectives") == [o.key for o in data.objectives]
    goals = _part(html, "table", "goals")
    assert all(f.percent(g.implementation_rate) in goals for g in data.goals)
    budget = _part(html, "table", "budget-by-goal")
    assert all(f.lek(g.gap) in budget and f.percent(g.execution) in budget for g in data.goals)
    assert _codes(html, "by-source") == [s for s, _, _ in data.by_source]


def _hostile(data: Consolidated) -> Consolidated:
    measures = list(data.measures)
    n = next(n for n, m in enumerate(measures) if m.reported and m.status == "delayed")
    measures[n] = replace(measures[n], delay_reason=SCRIPT, title_en=IMG, title_sq=IMG)
    institutions = list(data.institutions)
    k = next(k for k, i in enumerate(institutions) if i.state == "missing")
    institutions[k] = replace(institutions[k], name_sq=IMG, name_en=IMG, contact=SCRIPT)
    goals = (replace(data.goals[0], title_sq=SCRIPT, title_en=IMG), *data.goals[1:])
    return replace(data, measures=tuple(measures), institutions=tuple(institutions), goals=goals)


@pytest.mark.parametrize("lang", LANGS)
def test_text_from_returns_is_escaped(demo: tuple[Consolidated, Config], lang: str) -> None:
    data, config = demo
    html = render(_hostile(data), lang, config, MADE)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert not [tag for tag, _ in _tags(html).tags if tag in ("script", "img")]
    goal_label = SCRIPT if lang == "sq" else IMG
    found = False
    for svg in _svgs(html):
        root = ET.fromstring(svg)
        assert not [e for e in root.iter() if e.tag in ("script", "img")]
        texts = [e.text or "" for e in root.iter() if e.tag in ("title", "text")]
        found = found or any(goal_label in t for t in texts)
    assert found  # the hostile goal title is in a chart, as text


@pytest.mark.parametrize("lang", LANGS)
def test_no_external_reference(
    demo: tuple[Consolidated, Config], pages: dict[str, str], lang: str
) -> None:
    data, config = demo
    for html in (pages[lang], render(_hostile(data), lang, config, MADE)):
        parsed = _tags(html)
        assert not [t for t, _ in parsed.tags if t in ("link", "script", "img", "iframe")]
        attrs = [(name, value or "") for _, attrs in parsed.tags for name, value in attrs]
        assert not [a for a in attrs if a[0] in ("src", "href", "xmlns", "xlink:href")]
        assert not [a for a in attrs if "url(" in a[1] or "//" in a[1]]
        assert "@import" not in parsed.style and "url(" not in parsed.style
    for url in ("http://", "https://", "<link", "@import", "src="):
        assert url not in pages[lang]


def test_printable_on_a4(pages: dict[str, str]) -> None:
    style = _tags(pages["en"]).style
    assert "@page { size: A4; margin: 15mm; }" in style
    assert "print-color-adjust: exact" in style


@pytest.mark.parametrize("lang", LANGS)
def test_footer(demo: tuple[Consolidated, Config], pages: dict[str, str], lang: str) -> None:
    _, config = demo
    footer = pages[lang].split("<footer>")[1]
    f = Formats(lang)
    assert escape(f.word("generated", made=f.moment(MADE))) in footer
    assert escape(config.strategy_name(lang)) in footer
    assert escape(config.secretariat_email) in footer
    assert "docs/" not in pages[lang]  # no file of the source: the definitions are in the report
    section = _part(pages[lang], "section", "definitions")
    assert escape(f.word("definitions")) in section and escape(f.word("def_no_report")) in section


def test_every_chart_is_well_formed_and_labelled(pages: dict[str, str]) -> None:
    svgs = _svgs(pages["sq"])
    assert len(svgs) == 4
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.get("aria-label")
        assert root[0].tag == "title" and root[0].text == root.get("aria-label")


def test_bar_chart_escapes_and_scales() -> None:
    bars = [
        Bar(SCRIPT, 50.0, "50.0 %", title=IMG),
        Bar("over", 180.0, "180.0 %"),
        Bar("none", None, DASH),
        Bar("below", -5.0, "-5.0 %"),
    ]
    svg = bar_chart(bars, IMG, width=400, label_width=200)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    root = ET.fromstring(svg)
    assert root.get("aria-label") == IMG and root[0].text == IMG
    texts = [e.text for e in root.iter("text")]
    assert SCRIPT in texts and "180.0 %" in texts and DASH in texts
    widths = [float(r.get("width", "0")) for r in root.iter("rect")]
    assert len(widths) == 2  # no bar for None, none for a negative value
    assert widths[1] == pytest.approx(2 * widths[0])  # 180 % is drawn as 100 %
    tips = [e.text or "" for e in root.iter("title")]
    assert f"{IMG}: 50.0 %" in tips


def test_long_labels_are_shortened_but_kept_whole_in_the_tooltip() -> None:
    label = "A · " + "very long objective title " * 5
    root = ET.fromstring(bar_chart([Bar(label, 10.0, "10.0 %")], "chart", label_width=120))
    shown = [e.text or "" for e in root.iter("text") if (e.text or "").startswith("A ·")]
    assert shown and shown[0].endswith("…") and len(shown[0]) < len(label)
    assert any(label in (e.text or "") for e in root.iter("title"))


def test_stacked_bar_chart_escapes_and_has_a_legend() -> None:
    series = [Series("a", SCRIPT, "#111111"), Series("b", "plain", "#eeeeee", ink="#000000")]
    stacks = [Stack(IMG, {"a": 3, "b": 1}), Stack("second", {"a": 0, "b": 2})]
    svg = stacked_bar_chart(stacks, series, "statuses", width=500)
    assert "<script" not in svg and "<img" not in svg
    root = ET.fromstring(svg)
    texts = [e.text for e in root.iter("text")]
    assert SCRIPT in texts and "plain" in texts  # the legend
    assert "4" in texts and "2" in texts  # the totals
    segments = [r for r in root.iter("rect") if r.get("height") != "11"]
    assert len(segments) == 3  # a zero count draws nothing
    three, one, two = (float(r.get("width", "0")) for r in segments)
    assert three == pytest.approx(3 * one) and two == pytest.approx(2 * one)
    assert ET.fromstring(stacked_bar_chart([], series, "empty")).get("role") == "img"

"""The summary report of a period: one self-contained HTML file for the Technical Committee and
the Steering Group, printable on A4.

Renders :class:`~nsm_excel.consolidation.Consolidated` through the jinja2 template
``report_templates/summary.html.j2`` (autoescaped: every text from a return shows as text) with
charts from :mod:`nsm_excel.svg_charts`. It computes no figure: it picks lines of the model and
formats them for reading, in Albanian or English.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from nsm_excel.consolidate import figures
from nsm_excel.consolidate.model import (
    LATE,
    MISSING,
    ON_TIME,
    REJECTED_ONLY,
    STATUS_ORDER,
    Consolidated,
    IndicatorLine,
    InstitutionLine,
    MeasureLine,
    Overview,
    Rollup,
)
from nsm_excel.core import words
from nsm_excel.core.labels import STATUSES, YES_NO
from nsm_excel.core.vocab import colours, statuses, units
from nsm_excel.core.vocab.kinds import ValueKind
from nsm_excel.core.words import in_language
from nsm_excel.outputs import report_decisions, report_headline
from nsm_excel.outputs.comparison import Comparison, comparison
from nsm_excel.outputs.master_themes import untitled
from nsm_excel.outputs.report_charts import BAND_COLOURS, NO_FIGURE, STATUS_COLOURS, charts
from nsm_excel.outputs.report_words import report_word
from nsm_excel.store.config import Config

TEMPLATE = "summary.html.j2"
DASH = "–"  # an undefined figure
DELAY_STATUSES = statuses.BEHIND
CHASE_ORDER = (MISSING, REJECTED_ONLY, LATE)  # institutions to chase, most urgent first
LIGHT_COLOURS = {code: light.colour.fill for code, light in colours.LIGHTS.items()}


def render(
    data: Consolidated,
    lang: str,
    config: Config,
    made: dt.datetime,
    before: Overview | None = None,
) -> str:
    """The summary report of ``data`` as one HTML document in ``lang`` ("sq" or "en"), its key
    figures beside ``before``'s, the previous period's (``None``: the first period)."""
    f = Formats(lang)
    compared = comparison(data.overview, before)
    template = environment().get_template(TEMPLATE)
    return template.render(
        lang=lang,
        f=f,
        data=data,
        o=data.overview,
        config=config,
        made=f.moment(made),
        year=data.period.year,
        delayed=delayed_measures(data),
        unreported=unreported_measures(data),
        off_track=off_track_indicators(data),
        without_value=[
            i for i in data.indicators if i.light == figures.GREY and not i.mid_year and i.asked
        ],
        over_year=[i for i in data.indicators if i.year_value is not None],
        by_sex=[i for i in data.indicators if i.disaggregation == "sex"],
        headline=report_headline.sentences(data, lang, f.percent, f.lek, compared),
        compared=compared,
        institutions=institutions_to_chase(data),
        sources=funding_sources(data),
        states={i.code: i.state for i in data.institutions},
        statuses=STATUS_ORDER,
        charts=charts(data, f),
        decided=report_decisions.notes(data, lang),
    )


@cache
def environment() -> Environment:
    """The jinja2 environment of the report templates (``report_templates/``), HTML escaped."""
    return Environment(
        loader=PackageLoader("nsm_excel.outputs", "report_templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def delayed_measures(data: Consolidated) -> list[MeasureLine]:
    """Reported measures that are delayed, partially implemented or not started."""
    return [m for m in data.measures if m.reported and m.status in DELAY_STATUSES]


def unreported_measures(data: Consolidated) -> list[MeasureLine]:
    """Measures due in the period that their lead did not report on."""
    return [m for m in data.measures if m.due and not m.reported]


def off_track_indicators(data: Consolidated) -> list[IndicatorLine]:
    """Indicators with a red light, then those with an amber light, in plan order."""
    return [
        i for light in (figures.RED, figures.AMBER) for i in data.indicators if i.light == light
    ]


def institutions_to_chase(data: Consolidated) -> list[InstitutionLine]:
    """Institutions missing, rejected or late (in that order): all but those on time."""
    order = {state: n for n, state in enumerate(CHASE_ORDER)}
    chase = [i for i in data.institutions if i.state != ON_TIME]
    return sorted(chase, key=lambda i: (order.get(i.state, len(order)), i.code))


def funding_sources(data: Consolidated) -> list[tuple[str, float, float | None, float | None]]:
    """(source, planned, spent, execution) by funding source; nothing is spent from the gap."""
    return [
        (source, planned, None, None)
        if source == "gap"
        else (source, planned, spent, figures.execution(spent, planned))
        for source, planned, spent in data.by_source
    ]


def format_number(value: float | None, lang: str, decimals: int | None = None) -> str:
    """``12 450`` (a narrow space that does not break) or ``12,450``, with the separators
    of the language's words; up to two decimals unless ``decimals`` is given."""
    if value is None:
        return DASH
    text = f"{value:,.{2 if decimals is None else decimals}f}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    thousands = words.word("outputs.number.thousands", lang)
    return text.replace(",", thousands).replace(".", words.word("outputs.number.decimal", lang))


def format_percent(value: float | None, lang: str) -> str:
    """A percent with one decimal: ``72,5 %`` in Albanian, ``72.5 %`` in English; ``–`` if None."""
    return DASH if value is None else f"{format_number(value, lang, 1)} %"


def format_lek(value: float | None, lang: str) -> str:
    """An amount in whole lek: ``12 450 000 lekë`` in Albanian, ``ALL 12,450,000`` in English."""
    if value is None:
        return DASH
    return words.text("outputs.number.lek", lang, amount=format_number(round(value), lang, 0))


def format_date(day: dt.date, lang: str) -> str:
    """``31 korrik 2026`` or ``31 July 2026``."""
    return f"{day.day} {words.word(f'outputs.month.{day.month}', lang)} {day.year}"


def format_moment(moment: dt.datetime | str, lang: str) -> str:
    """A date and time, in UTC when the time carries a zone: ``8 August 2026, 11:15 UTC``."""
    if isinstance(moment, str):
        if not moment:
            return DASH
        moment = dt.datetime.fromisoformat(moment)
    zone = ""
    if moment.tzinfo is not None:
        moment, zone = moment.astimezone(dt.UTC), " UTC"
    return f"{format_date(moment.date(), lang)}, {moment:%H:%M}{zone}"


@dataclass(frozen=True)
class Formats:
    """The formatting functions and words of one language, as the template calls them."""

    lang: str

    def word(self, key: str, **values: Any) -> str:
        return report_word(key).get(self.lang, **values)

    def number(self, value: float | None) -> str:
        return format_number(value, self.lang)

    def change(self, compared: Comparison, name: str) -> str:
        """A rate against the previous period's: ``▲ 6.0 points since 2026-H1 (59.0 %)``."""
        trend = compared.trend(name)
        before = self.percent(compared.changes[name].before)
        points = compared.points(name, self.lang)
        return self.word(f"change_{trend}", points=points, period=compared.previous, before=before)

    def percent(self, value: float | None) -> str:
        return format_percent(value, self.lang)

    def lek(self, value: float | None) -> str:
        return format_lek(value, self.lang)

    def date(self, day: dt.date) -> str:
        return format_date(day, self.lang)

    def moment(self, moment: dt.datetime | str) -> str:
        return format_moment(moment, self.lang)

    def progress(self, progress: float | None) -> str:
        """Indicator progress as a percent, capped to 0-100 % for display."""
        shown = figures.capped(progress)
        return self.percent(None if shown is None else 100 * shown)

    def value(self, value: float | None, unit: str) -> str:
        """An indicator value in its unit."""
        if value is None:
            return DASH
        kind = units.unit(unit).entry
        if kind is ValueKind.YES_NO:
            return YES_NO["yes" if value else "no"].get(self.lang)
        if kind is ValueKind.PERCENT:
            return self.percent(value)
        return self.lek(value) if kind is ValueKind.AMOUNT else self.number(value)

    def status(self, key: str | None) -> str:
        return STATUSES[key].get(self.lang) if key else self.word("no_report")

    def band(self, label: str) -> str:
        return label or DASH

    def band_colour(self, label: str) -> str:
        return BAND_COLOURS.get(label, NO_FIGURE)

    def rate(self, rollup: Rollup | Overview) -> str:
        """The implementation rate, or 'no report' when none of the measures due was reported."""
        return (
            self.word("no_report") if rollup.no_report else self.percent(rollup.implementation_rate)
        )

    def rate_band(self, rollup: Rollup | Overview) -> str:
        """The band, or 'no report' (the rate's colour then is that of no figure)."""
        return self.word("no_report") if rollup.no_report else self.band(rollup.band)

    def links(self, rollup: Rollup) -> str:
        """A roll-up's GCM objectives and SDG targets: ``GCM 5, 7 · SDG 10.7``."""
        gcm = f"GCM {', '.join(str(n) for n in rollup.gcm)}" if rollup.gcm else ""
        sdg = f"SDG {', '.join(rollup.sdg)}" if rollup.sdg else ""
        return " · ".join(part for part in (gcm, sdg) if part) or DASH

    def rate_colour(self, rollup: Rollup | Overview) -> str:
        return NO_FIGURE if rollup.no_report else self.band_colour(rollup.band)

    def status_colour(self, key: str | None) -> str:
        return STATUS_COLOURS[key or ""][0]

    def state(self, state: str) -> str:
        return self.word(f"state_{state}")

    def light(self, light: str) -> str:
        return self.word(f"light_{light}")

    def light_colour(self, light: str) -> str:
        return LIGHT_COLOURS.get(light, LIGHT_COLOURS[figures.GREY])

    def yes_no(self, flag: bool) -> str:
        return YES_NO["yes" if flag else "no"].get(self.lang)

    def title(self, rollup: Rollup) -> str:
        """The title, without the code it may begin with ("10.7 Reduced inequalities"): the
        code is shown beside it."""
        return untitled(rollup, self.lang)

    def name(self, line: InstitutionLine | IndicatorLine) -> str:
        return str(in_language(line, "name", self.lang))

    def measure(self, line: MeasureLine) -> str:
        return str(in_language(line, "title", self.lang))

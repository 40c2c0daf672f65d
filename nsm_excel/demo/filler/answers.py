"""The answers a careful person types: the Cover's contacts, each measure's status and what goes
with it, each indicator's value. Every row draws from its own generator, so rows do not depend on
one another."""

from __future__ import annotations

import datetime as dt
import math
import random

from nsm_excel.core.periods import parse_period
from nsm_excel.core.vocab import units
from nsm_excel.core.vocab.kinds import ValueKind
from nsm_excel.demo.filler import texts
from nsm_excel.demo.filler.context import Context, Row

_STATUS_AND_TEXTS = ("status", "progress", "delay_reason", "next_steps", "evidence")
MEASURE_INPUTS = (*_STATUS_AND_TEXTS, "spent_state", "spent_donor", "completion_date")
NEEDS_REASON = frozenset({"delayed", "partial", "not_started"})
MISSING_SHARE = 1 / 12  # indicators left without a value (with a comment saying why)
SPENT_SHARE = (0.3, 1.1)  # a lead's spending, state + donor, as a share of the planned cost
SUPPORT_SHARE = (0.0, 0.1)  # a supporting institution's share
IDLE = frozenset({"not_started", "cancelled"})  # no spending
Days = tuple[dt.date, dt.date]


def cover(ctx: Context) -> Row:
    """The reporter's name, e-mail and phone, the submission date, sometimes a remark."""
    rng = ctx.rng("Cover")
    name = ctx.filling.reporter or texts.person(rng)
    answer: Row = {"reporter_name": name, "reporter_email": texts.email(name)}
    answer["reporter_phone"] = texts.phone(rng)
    answer["remarks"] = texts.remark(rng, ctx.lang)
    return {**answer, "submission_date": ctx.filling.today}


def span(row: Row) -> Days | None:
    """First day of the measure's ``start`` to last day of its ``end``; None when unreadable."""
    start, end = parse_period(row.get("start")), parse_period(row.get("end"))
    return (start.first, end.last) if start and end else None


def can_complete(ctx: Context, days: Days | None) -> bool:
    """Whether a completion date within the span and not after the submission exists."""
    return days is not None and days[0] <= ctx.filling.today


def measure(ctx: Context, index: int, row: Row) -> Row:
    """One Measures row: a status fitting the measure's timing, then what goes with it."""
    rng = ctx.rng("Measures", index, row.get("measure_code"))
    status = None
    if row.get("role") == "lead" or rng.random() < 0.5:
        weights = _weights(ctx, span(row))
        status = rng.choices(list(weights), list(weights.values()))[0]
    return measure_as(ctx, row, status, rng)


def _weights(ctx: Context, days: Days | None) -> dict[str, float]:
    if days is None:
        return {"on_track": 5, "partial": 2, "delayed": 2}
    if days[1] < ctx.period.first:  # ended before the period: mostly completed
        weights = {"completed": 75.0, "partial": 10, "delayed": 12, "cancelled": 3}
    elif days[0] > ctx.period.last:  # starts after the period
        weights = {"not_started": 65.0, "on_track": 35}
    else:
        weights = {"on_track": 40.0, "partial": 18, "delayed": 16, "completed": 12}
        weights.update({"not_started": 8, "cancelled": 3})
    if not can_complete(ctx, days):
        weights.pop("completed", None)
    return weights


def measure_as(ctx: Context, row: Row, status: str | None, rng: random.Random) -> Row:
    """The row's answers for a given status (``None``: a supporting institution's row)."""
    days = span(row)
    answer: Row = dict.fromkeys(MEASURE_INPUTS)
    answer["status"] = ctx.statuses[status] if status else None
    answer["progress"] = texts.progress(rng, ctx.lang, status, row.get("role") == "lead")
    if status in NEEDS_REASON:
        due = status == "not_started" and days is not None and days[0] > ctx.period.last
        answer["delay_reason"] = texts.delay_reason(rng, ctx.lang, due, row.get("start"))
    if status not in ("completed", "cancelled") and rng.random() < 0.6:
        answer["next_steps"] = texts.say(rng, "next_steps", ctx.lang)
    share = SUPPORT_SHARE if row.get("role") == "support" else SPENT_SHARE
    if status in IDLE:
        share = (0.0, 0.0)
    answer["spent_state"], answer["spent_donor"] = _spending(row.get("planned_cost"), rng, share)
    if status == "completed" and days is not None:
        day = _completion_day(ctx, days, rng)
        answer["completion_date"] = day
        answer["evidence"] = texts.evidence(rng, ctx.lang, day)
    return answer


def _completion_day(ctx: Context, days: Days, rng: random.Random) -> dt.date:
    first, last = days
    high = min(last, ctx.filling.today)
    if last < ctx.period.first:  # finished some time before the period began
        low = max(first, last - dt.timedelta(days=120))
    else:  # finished within the period, if the measure had started by then
        low = max(first, min(ctx.period.first, high))
    low = min(low, high)
    return low + dt.timedelta(days=rng.randint(0, (high - low).days))


def _spending(planned: object, rng: random.Random, share: tuple[float, float]) -> tuple[int, int]:
    """State and donor spending, whole lek, together within ``share`` of ``planned``."""
    cost = number(planned) or 0.0
    low, high = math.ceil(cost * share[0]), math.floor(cost * share[1])
    if cost <= 0 or low > high:
        return 0, 0
    total = rng.randint(low, high)
    rounded = round(total, -3)
    total = rounded if low <= rounded <= high else total
    donor = 0
    if rng.random() < 0.4:
        donor = min(total, int(round(total * rng.uniform(0.1, 0.6), -3)))
    return total - donor, donor


def number(value: object) -> float | None:
    """A numeric cell's value as a float; None for anything else (booleans included)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def indicator(ctx: Context, index: int, row: Row, keep_value: bool = False) -> Row:
    """One Indicators row; about 1 in 12 left empty with a comment (never with ``keep_value``)."""
    rng = ctx.rng("Indicators", index, row.get("indicator_code"))
    by_sex = row.get("disaggregation") == "sex"
    answer: Row = {"actual": None}
    if by_sex:
        answer.update(actual_women=None, actual_men=None)
    answer["comment"] = None
    if rng.random() < MISSING_SHARE and not keep_value:
        answer["comment"] = texts.say(rng, "missing_value", ctx.lang, year=ctx.period.year)
        return answer
    actual = _actual(ctx, row, by_sex, rng)
    answer["actual"] = actual
    if by_sex and isinstance(actual, int):
        women = round(actual * rng.uniform(0.35, 0.65))
        answer.update(actual_women=women, actual_men=actual - women)
    if rng.random() < 0.2:
        answer["comment"] = texts.say(rng, "comment", ctx.lang)
    return answer


def _actual(ctx: Context, row: Row, whole: bool, rng: random.Random) -> int | float | str:
    unit = units.unit(row.get("unit"))
    baseline, target = number(row.get("baseline")), number(row.get("target"))
    if unit.entry is ValueKind.YES_NO:
        chance = 0.85 if target == 1 else 0.9 if baseline == 1 else 0.3
        return ctx.yes_no[0] if rng.random() < chance else ctx.yes_no[1]
    start = baseline or 0.0
    goal = target if target is not None else start * rng.uniform(1.0, 1.2)
    value = max(0.0, start + rng.uniform(0.5, 1.1) * (goal - start))
    if unit.high is not None:
        value = min(unit.high, value)
    if unit.percent:
        return round(value) if whole else round(value, 1)
    return round(value)  # counts and amounts in lek are whole

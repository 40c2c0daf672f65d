"""The cells of a return read as the rules compare them, and their values as messages quote them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from nsm_excel.intake import answers as rv

SHOWN_DIGITS = 24  # of a number too large, in its message


def blank(series: pd.Series) -> pd.Series:
    return series.map(rv.blank).astype(bool)


def number(reader: Callable[[Any], Any]) -> Callable[[Any], float]:
    """A reader's value as a float; NaN where there is none."""

    def read(value: Any) -> float:
        found = reader(value).value
        return float(found) if found is not None else float("nan")

    return read


def day(value: Any) -> Any:
    return pd.Timestamp(value) if value is not None else pd.NaT


def read_day(value: Any) -> Any:
    """The date a cell holds, as a timestamp; NaT where it holds none."""
    return day(rv.read_date(value).value)


def dmy(value: Any) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%d.%m.%Y")


def lek(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", " ")


def num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def shortened(value: str) -> str:
    """400 digits said in a message help no one."""
    return value[:SHOWN_DIGITS] + "…" if len(value) > SHOWN_DIGITS else value

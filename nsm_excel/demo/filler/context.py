"""What every answer depends on: how the template is to be filled, and what the template says."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from nsm_excel.core.periods import Period

Row = dict[str, Any]  # one row of a sheet, or its answers: key -> value


@dataclass(frozen=True)
class Filling:
    """How to fill one template: the seed of the answers, the submission date, the mistakes."""

    seed: int
    today: dt.date
    reporter: str = ""  # default: a plausible Albanian name chosen by the seed
    mistakes: tuple[str, ...] = ()  # names from MISTAKES


@dataclass(frozen=True)
class Context:
    """The filling, and the template's language, dropdown labels, period and id."""

    filling: Filling
    lang: str  # a language of the word catalogues
    statuses: dict[str, str]  # status code -> dropdown label
    yes_no: tuple[str, str]
    period: Period
    salt: str  # the template id (its random part left out): templates answer differently

    def rng(self, *parts: object) -> random.Random:
        """A generator seeded by text (stable across runs, unlike ``hash()``)."""
        return random.Random("|".join(str(p) for p in (self.filling.seed, self.salt, *parts)))

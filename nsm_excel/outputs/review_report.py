"""The mid-term review as one printable HTML document (A4), in Albanian or English.

Renders a :class:`~nsm_excel.outputs.review_content.Review` through the jinja2 template
``report_templates/review.html.j2``, autoescaped: every text from the plan, a return or the
secretariat's notes shows as text. It computes no figure; the formatting is the summary
report's (:class:`~nsm_excel.outputs.summary_report.Formats`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nsm_excel.core import words
from nsm_excel.core.words import Word, in_language
from nsm_excel.outputs.review_content import Review
from nsm_excel.outputs.summary_report import Formats, environment
from nsm_excel.store.config import Config

TEMPLATE = "review.html.j2"
PREFIX = "outputs.review."


def render(review: Review, lang: str, config: Config, made: dt.datetime, notes: str = "") -> str:
    """The review in ``lang``; ``notes``: the secretariat's conclusions, shown as typed."""
    f = ReviewFormats(lang)
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            lang=lang,
            f=f,
            r=review,
            last=review.history.moments[-1].figures,
            config=config,
            made=f.moment(made),
            notes=notes.strip(),
        )
    )


@dataclass(frozen=True)
class ReviewFormats(Formats):
    """The summary report's formats, and the review's own words."""

    def said(self, key: str, **values: Any) -> str:
        return Word(PREFIX + key).get(self.lang, **values)

    def title_of(self, row: object) -> str:
        return str(in_language(row, "title", self.lang))

    def name_of(self, row: object) -> str:
        return str(in_language(row, "name", self.lang))

    def term(self, area: str, code: str) -> str:
        """A vocabulary's code as its word (``unit``, ``direction``, ``aggregation``,
        ``frequency``); the code itself when the catalogues have no word for it."""
        key = f"{area}.{code}"
        return words.text(key, self.lang) if code and words.has(key) else code

    def lacks(self, missing: Sequence[str]) -> str:
        return ", ".join(self.said(f"lacks_{key}") for key in missing) or "–"

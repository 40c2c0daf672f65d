"""The small vocabularies: roles, disaggregations, directions, funding sources, answers, issue
severities, the groups a measure serves. Each member's word is its key in the ``labels``
catalogues."""

from __future__ import annotations

from enum import StrEnum

from nsm_excel.core.words import Word


class _Term(StrEnum):
    @property
    def word(self) -> Word:
        return Word(f"{self._area}.{self.value}")

    @classmethod
    def words(cls) -> dict[str, Word]:
        return {member.value: member.word for member in cls}

    @property
    def _area(self) -> str:
        raise NotImplementedError


class Role(_Term):
    """An institution's part in a measure."""

    LEAD = "lead"
    SUPPORT = "support"

    @property
    def _area(self) -> str:
        return "role"


class Disaggregation(_Term):
    """How an indicator's value is broken down: not at all, or women and men."""

    NONE = "none"
    SEX = "sex"

    @property
    def _area(self) -> str:
        return "disaggregation"


class Direction(_Term):
    """Which way an indicator's targets move."""

    INCREASE = "increase"
    DECREASE = "decrease"

    @property
    def _area(self) -> str:
        return "direction"


class Funding(_Term):
    """The sources of a measure's funding in the plan; the gap is what no source covers."""

    STATE = "state"
    DONOR = "donor"
    GAP = "gap"

    @property
    def _area(self) -> str:
        return "funding"


class Answer(_Term):
    YES = "yes"
    NO = "no"

    @property
    def _area(self) -> str:
        return "yes_no"


class Severity(_Term):
    """An error makes the input unusable; a warning is reported and accepted."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def _area(self) -> str:
        return "severity"


class Aggregation(_Term):
    """How an indicator's values of several periods make the year's figure: the latest value
    (a level or a share), the sum of the periods (a count of events, an amount), or a running
    total the institution reports as it stands (the latest value, counted from the start)."""

    LATEST = "latest"
    SUM = "sum"
    CUMULATIVE = "cumulative"

    @property
    def _area(self) -> str:
        return "aggregation"


class Frequency(_Term):
    """How often an indicator is asked for: in every half-year's template, or once a year."""

    HALF_YEAR = "half-year"
    YEAR = "year"

    @property
    def _area(self) -> str:
        return "frequency"


class TargetGroup(_Term):
    """The groups of people the strategy protects or serves that a measure can name."""

    RETURNEES = "returnees"
    EMIGRANTS = "emigrants"
    DIASPORA = "diaspora"
    FOREIGN_WORKERS = "foreign_workers"
    ASYLUM_SEEKERS = "asylum_seekers"
    REFUGEES = "refugees"
    TRAFFICKING_VICTIMS = "trafficking_victims"
    UNACCOMPANIED_MINORS = "unaccompanied_minors"
    STATELESS = "stateless"
    OTHER = "other"

    @property
    def _area(self) -> str:
        return "target_group"

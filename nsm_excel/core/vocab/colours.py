"""The colours of the outputs: one set for the statuses of measures, one for the rate bands
(the traffic lights of rates and of indicators' progress), sharing no colour, so that a status
is never read as a rate. The master workbook and the summary report use the same colours.

Each :class:`Colour` is a background and the font colour that reads on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from nsm_excel.core.words import Word

DARK, WHITE = "#1A202C", "#FFFFFF"


@dataclass(frozen=True)
class Colour:
    fill: str
    font: str = DARK


@dataclass(frozen=True)
class Band:
    """A band of a rate (percent): from ``low`` (included; above it for the top band)."""

    label: str
    low: float
    colour: Colour


# the implementation bands, best first (``nsm_excel.consolidate.figures.band`` places a rate)
BANDS = (
    Band("> 90 %", 90.0, Colour("#1A9850", WHITE)),
    Band("70-90 %", 70.0, Colour("#91CF60")),
    Band("50-70 %", 50.0, Colour("#FEE08B")),
    Band("30-50 %", 30.0, Colour("#FC8D59")),
    Band("< 30 %", 0.0, Colour("#D73027", WHITE)),
)
NO_FIGURE = Colour("#BDBDBD")  # no rate, or no value to place
BAND_COLOURS = {band.label: band.colour for band in BANDS}


@dataclass(frozen=True)
class Light:
    """The traffic light of an indicator's progress, coloured as the rate band it stands for."""

    code: str
    colour: Colour

    @property
    def word(self) -> Word:
        return Word(f"light.{self.code}")


GREEN, AMBER, RED, GREY = "green", "amber", "red", "grey"
LIGHTS = {
    light.code: light
    for light in (
        Light(GREEN, BANDS[0].colour),
        Light(AMBER, BANDS[2].colour),
        Light(RED, BANDS[-1].colour),
        Light(GREY, NO_FIGURE),
    )
}
# the states of an institution's return, coloured as a rate band: good, middling, bad
STATE_COLOURS = {
    "on time": BANDS[0].colour,
    "late": BANDS[2].colour,
    "rejected": BANDS[-1].colour,
    "missing": BANDS[-1].colour,
}

"""Small charts drawn as inline SVG for the summary report: pure functions returning SVG text.

Every text placed in a chart (labels, tooltips, the accessible name) passes through
:func:`markupsafe.escape`, so a label taken from a return shows as text, never as markup. The
charts carry no ``xmlns``: inline SVG in HTML needs none, and the report holds no URL. Numbers
arrive formatted by the caller, who knows the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import escape

WIDTH = 680  # the printable width of A4 with 15 mm margins, in CSS pixels (180 mm)
FONT = 11  # font size of labels
CHAR = 6.2  # average width of a character at FONT, to fit labels into their column
ROW = 20  # height of one bar's row
BAR = 13  # thickness of a bar
TICKS = (0, 25, 50, 75, 100)
BAR_COLOUR = "#2b6cb0"
GRID_COLOUR = "#cbd5e0"
INK = "#1a202c"


@dataclass(frozen=True)
class Bar:
    """One bar of :func:`bar_chart`: a percent drawn between 0 and 100."""

    label: str
    value: float | None  # None: no bar, the text says why (e.g. "–")
    text: str  # the value as the reader sees it, e.g. "72.5 %"
    title: str = ""  # the full label, as a tooltip; the label when empty
    colour: str = BAR_COLOUR
    mark: bool = False  # no value, but a short block of ``colour`` says which kind (no report)


@dataclass(frozen=True)
class Series:
    """One kind of segment of :func:`stacked_bar_chart`, with its legend entry."""

    key: str
    label: str
    colour: str
    ink: str = "#ffffff"  # colour of the count written on the segment


@dataclass(frozen=True)
class Stack:
    """One bar of :func:`stacked_bar_chart`: counts by series key."""

    label: str
    counts: Mapping[str, int]
    title: str = ""


def bar_chart(
    bars: Sequence[Bar],
    label: str,
    width: int = WIDTH,
    label_width: int = 250,
    legend: Sequence[Series] = (),
) -> str:
    """Horizontal bars of percents on a 0-100 scale, a label left of each and its value right,
    with the ``legend`` of their colours below.

    A value above 100 is drawn full length; its text still tells the true figure.
    """
    plot_x, value_width, top = label_width + 8, 110, 4
    plot_w = width - plot_x - value_width
    axis = top + len(bars) * ROW + 18
    rows = _legend(legend, width)
    height = axis + (len(rows) * ROW + 4 if rows else 0)
    parts = [_open(width, height, label)]
    for tick in TICKS:
        x = _num(plot_x + plot_w * tick / 100)
        parts.append(
            f'<line x1="{x}" y1="{top}" x2="{x}" y2="{axis - 16}" stroke="{GRID_COLOUR}" '
            'stroke-width="0.5"/>'
            f'<text x="{x}" y="{axis - 4}" text-anchor="middle" fill="{INK}">{tick} %</text>'
        )
    for n, bar in enumerate(bars):
        y = top + n * ROW
        middle = _num(y + ROW / 2 + FONT / 3)
        length = 0.0 if bar.value is None else plot_w * min(max(bar.value, 0.0), 100.0) / 100
        if bar.mark and length <= 0:
            length = 6.0
        parts.append(f"<g><title>{escape(bar.title or bar.label)}: {escape(bar.text)}</title>")
        parts.append(
            f'<text x="{label_width}" y="{middle}" text-anchor="end" fill="{INK}">'
            f"{escape(_fit(bar.label, label_width))}</text>"
        )
        if length > 0:
            parts.append(
                f'<rect x="{plot_x}" y="{_num(y + (ROW - BAR) / 2)}" width="{_num(length)}" '
                f'height="{BAR}" fill="{escape(bar.colour)}"/>'
            )
        parts.append(
            f'<text x="{_num(plot_x + length + 4)}" y="{middle}" fill="{INK}">'
            f"{escape(bar.text)}</text></g>"
        )
    parts.extend(_legend_parts(rows, axis + 4))
    parts.append("</svg>")
    return "".join(parts)


def stacked_bar_chart(
    stacks: Sequence[Stack],
    series: Sequence[Series],
    label: str,
    width: int = WIDTH,
    label_width: int = 250,
) -> str:
    """Horizontal bars split into segments (e.g. measures by status), with a legend below.

    Bars share one scale, the largest total filling the plot, so their lengths compare.
    """
    plot_x, total_width, top = label_width + 8, 40, 4
    plot_w = width - plot_x - total_width
    largest = max((sum(s.counts.get(k.key, 0) for k in series) for s in stacks), default=0)
    legend = _legend(series, width)
    legend_top = top + len(stacks) * ROW + 8
    height = legend_top + len(legend) * ROW
    parts = [_open(width, height, label)]
    for n, stack in enumerate(stacks):
        y = top + n * ROW
        middle = _num(y + ROW / 2 + FONT / 3)
        parts.append(
            f'<g><title>{escape(stack.title or stack.label)}</title><text x="{label_width}" '
            f'y="{middle}" text-anchor="end" fill="{INK}">'
            f"{escape(_fit(stack.label, label_width))}</text></g>"
        )
        x = float(plot_x)
        for kind in series:
            count = stack.counts.get(kind.key, 0)
            if count <= 0 or largest <= 0:
                continue
            length = plot_w * count / largest
            parts.append(
                f"<g><title>{escape(stack.title or stack.label)} · {escape(kind.label)}: "
                f'{count}</title><rect x="{_num(x)}" y="{_num(y + (ROW - BAR) / 2)}" '
                f'width="{_num(length)}" height="{BAR}" fill="{escape(kind.colour)}"/>'
            )
            if length >= 14:
                parts.append(
                    f'<text x="{_num(x + length / 2)}" y="{middle}" text-anchor="middle" '
                    f'fill="{escape(kind.ink)}">{count}</text>'
                )
            parts.append("</g>")
            x += length
        total = sum(stack.counts.get(k.key, 0) for k in series)
        parts.append(f'<text x="{_num(x + 4)}" y="{middle}" fill="{INK}">{total}</text>')
    parts.extend(_legend_parts(legend, legend_top))
    parts.append("</svg>")
    return "".join(parts)


def _legend_parts(rows: Sequence[Sequence[tuple[float, Series]]], top: float) -> list[str]:
    """The legend's entries, a swatch of its colour and its label, rows from ``top`` down."""
    parts = []
    for row, items in enumerate(rows):
        y = top + row * ROW
        for x, kind in items:
            parts.append(
                f'<rect class="legend" x="{_num(x)}" y="{_num(y + 4)}" width="11" height="11" '
                f'fill="{escape(kind.colour)}"/>'
                f'<text x="{_num(x + 15)}" y="{_num(y + 4 + FONT - 1)}" fill="{INK}">'
                f"{escape(kind.label)}</text>"
            )
    return parts


def _open(width: int, height: int, label: str) -> str:
    name = escape(label)
    return (
        f'<svg class="chart" role="img" aria-label="{name}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-size="{FONT}" '
        f'font-family="DejaVu Sans, Arial, sans-serif"><title>{name}</title>'
    )


def _fit(text: str, width: float) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` pixels (estimated)."""
    room = max(int(width / CHAR), 2)
    return text if len(text) <= room else text[: room - 1].rstrip() + "…"


def _legend(series: Sequence[Series], width: int) -> list[list[tuple[float, Series]]]:
    """Legend entries placed left to right, wrapping onto new rows: (x, series) per row."""
    rows: list[list[tuple[float, Series]]] = [[]]
    x = 0.0
    for kind in series:
        entry = 15 + len(kind.label) * CHAR + 16
        if rows[-1] and x + entry > width:
            rows.append([])
            x = 0.0
        rows[-1].append((x, kind))
        x += entry
    return rows if rows[0] else []


def _num(value: float) -> str:
    """A coordinate with at most one decimal, as SVG wants it (no exponent, no trailing zeros)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text

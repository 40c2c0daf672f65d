"""What one pass over a worksheet part finds, and the bounds and styles it reads with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Extent:
    """How far from A1 a returned sheet may hold anything: templates are far smaller."""

    rows: int = 10_000
    columns: int = 100


@dataclass(frozen=True)
class Styles:
    """What the workbook's cell styles mean for reading values."""

    dates: frozenset[int] = frozenset()
    percents: frozenset[int] = frozenset()
    date1904: bool = False


@dataclass
class ParsedSheet:
    """What one pass found. ``cells`` by 1-based (row, column); ``far`` in the order found."""

    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    formulas: dict[str, str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    protected: bool = False
    percent_cells: set[str] = field(default_factory=set)
    far: list[str] = field(default_factory=list)

    def grid(self) -> list[list[Any]]:
        """The cells from A1 as rows of values (``None`` where empty)."""
        if not self.cells:
            return []
        rows = max(r for r, _ in self.cells)
        columns = max(c for _, c in self.cells)
        grid: list[list[Any]] = [[None] * columns for _ in range(rows)]
        for (row, column), value in self.cells.items():
            grid[row - 1][column - 1] = value
        return grid

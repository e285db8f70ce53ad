"""A text chart for `dehong show`: one bar a year, drawn with characters so it reads without colour."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dehong_cli.assess.results import PaceRow
from dehong_cli.render.formatting import fmt_number

FULL, EMPTY, MARK = "█", "░", "│"


def chart(
    rows: Sequence[PaceRow],
    marker: float | None,
    width: int = 40,
    label: Callable[[float], str] = fmt_number,
) -> list[str]:
    """Horizontal bars, one a year: █ the value, ░ what is still missing up to the mark,
    │ the target (for growth goals, each year's companion growth)."""
    drawn = [r for r in rows if r.value is not None]
    if not drawn:
        return []
    marks = [marker if marker is not None else r.expected for r in drawn]
    top = max([abs(r.value or 0.0) for r in drawn] + [m for m in marks if m is not None] + [1e-12])
    lines = []
    for row, mark in zip(drawn, marks, strict=True):
        value = max(row.value or 0.0, 0.0)  # a negative value draws no bar; its number says it
        filled = round(value / top * width)
        cells = [FULL] * filled + [" "] * (width - filled)
        if mark is not None and mark > 0:
            at = min(round(mark / top * width), width) - 1
            for i in range(filled, max(at, filled)):
                cells[i] = EMPTY
            cells[max(at, 0)] = MARK
        lines.append(f"{row.year} {''.join(cells)} {label(row.value or 0.0)}")
    return lines

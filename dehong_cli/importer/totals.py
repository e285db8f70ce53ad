"""County sheets: a total row (合计, 总计, 全州) checked against the county rows above it.

A sheet with a region column (县市) often ends in a total row. Its figures are checked against the
sum of the county rows: a total that disagrees beyond rounding (half a unit in its last decimal)
refuses the import, naming both figures and the row. A total that agrees, over every county of
the region, is the region's figure, written unless the sheet gives the region's own row too (the
region's own figure wins). Only figures that sum are treated so (README, Roll-up): a total of 同级
fiscal figures is not the prefecture's own (州本级), and a ratio in a total row is not a sum; both
are skipped and listed.
"""

from __future__ import annotations

import math
from dataclasses import replace

from dehong_cli.importer.collector import Collector
from dehong_cli.importer.types import Figure, Skipped
from dehong_cli.model.lookup import name_key
from dehong_cli.model.ratios import ratio_tolerance
from dehong_cli.model.rollup import Mode, mode_of

TOTAL = "*total*"  # the region a total row's figures are collected under, until resolved here
TOTAL_WORDS = frozenset(name_key(w) for w in ("合计", "总计", "全州", "合 计", "总 计", "total"))


def is_total(value: object) -> bool:
    return isinstance(value, str) and name_key(value) in TOTAL_WORDS


def resolve(c: Collector) -> None:
    """Check each total-row figure against the county rows; keep it as the region's figure or not."""
    totals = {key: fig for key, fig in c.figures.items() if key[1] == TOTAL}
    if not totals:
        return
    top = c.opts.region or c.cat.plan.region
    kids = [r.code for r in c.cat.regions if r.parent == top]
    names = {r.code: r.name for r in c.cat.regions}
    for (year, _, series), total in totals.items():
        del c.figures[year, TOTAL, series]
        rows = [f for k in kids if (f := c.figures.get((year, k, series))) is not None]
        if not rows and _whole_region(c, series):
            # No county row to check it against: a 全州 (合计) row alone is the region's own figure.
            c.figures.setdefault((year, top, series), _as_region(total, top))
            continue
        if mode_of(c.cat, series) is not Mode.SUM:
            c.skipped.append(
                Skipped(total.cell, None, f"total row: '{series}' does not add up over the counties")
            )
            continue
        if len(rows) < len(kids):
            lacking = "、".join(names[k] for k in kids if (year, k, series) not in c.figures)
            c.skipped.append(Skipped(total.cell, None, f"total row: '{series}' has no row for {lacking}"))
            continue
        counted = sum(f.value for f in rows)
        if not math.isclose(total.value, counted, abs_tol=ratio_tolerance(total.value)):
            cells = "rows " + ", ".join(str(f.cell.line) for f in rows)
            c.error(
                total.cell,
                "total-mismatch",
                f"the total row gives {total.value:g} for '{series}' {year} but the county rows sum to "
                f"{counted:.6g} ({cells})",
                series,
            )
            continue
        c.figures.setdefault((year, top, series), _as_region(total, top))


def _as_region(total: Figure, top: str) -> Figure:
    return replace(total, region=top)


def _whole_region(c: Collector, series: str) -> bool:
    """Whether the region's own figure for `series` is a figure of the region as a whole (not one that
    binds each level separately, where a 全州 total would say nothing of 州本级)."""
    ind = c.cat.series[series][0]
    return ind.applies_to in ("whole_region", "region_government")

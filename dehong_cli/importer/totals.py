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
    for (year, _, series), total in totals.items():
        del c.figures[year, TOTAL, series]
        if mode_of(c.cat, series) is not Mode.SUM:
            c.skipped.append(
                Skipped(total.cell, None, f"total row: '{series}' does not add up over the counties")
            )
            continue
        rows = [f for k in kids if (f := c.figures.get((year, k, series))) is not None]
        if len(rows) < len(kids):
            c.skipped.append(Skipped(total.cell, None, f"total row: '{series}' lacks a row for some county"))
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
        if (year, top, series) not in c.figures:
            c.figures[year, top, series] = Figure(
                year, top, series, total.value, total.cell, total.source, total.note, total.provenance
            )

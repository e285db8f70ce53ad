"""`status --by-region`: every goal for the region and each of its sub-regions, as of one year.

One pass over the reports (`Regions`), one verdict per goal and region by the engine's own rules
(`binding.judge`), and beside the region's figure the sub-regions' sum, complete or not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dehong_cli.assess.binding import judge
from dehong_cli.assess.engine import progress_of
from dehong_cli.assess.results import Progress
from dehong_cli.assess.rollup import Regions, Rolled
from dehong_cli.assess.series import data_years
from dehong_cli.model.catalogue import Catalogue, Indicator, Region
from dehong_cli.model.report import Provenance, Report
from dehong_cli.model.rollup import Mode


@dataclass(frozen=True, slots=True)
class Row:
    """One goal: its verdict for each region (the top region first), and the sub-regions' sum."""

    indicator: Indicator
    cells: tuple[Progress, ...]
    rolled: Rolled | None  # the sub-regions' sum (or recomputed ratio) in the as-of year, if any


@dataclass(frozen=True, slots=True)
class Matrix:
    regions: tuple[Region, ...]
    as_of: int | None
    rows: tuple[Row, ...]

    @property
    def provenances(self) -> frozenset[Provenance]:
        return frozenset(f.provenance for row in self.rows for p in row.cells for f in p.figures)


def by_region(
    cat: Catalogue,
    reports: Iterable[Report],
    *,
    region: Region | None = None,
    as_of: int | None = None,
    indicators: Sequence[Indicator] | None = None,
) -> Matrix:
    """Goals × regions as of a year (default: the latest year with data for the top region)."""
    top = cat.home_region if region is None else region
    regions = Regions.of(cat, reports)
    shown = (top, *regions.children(top.code))
    if as_of is None:
        years = data_years(regions.table(top.code))
        as_of = years[-1] if years else None
    rows = []
    for ind in cat.indicators if indicators is None else indicators:
        cells = tuple(judge(cat, regions, ind, r, as_of, progress_of) for r in shown)
        rolled = regions.rolled(top.code).get((ind.id, as_of)) if as_of is not None else None
        rows.append(Row(ind, cells, rolled if rolled is not None and rolled.mode is not Mode.NONE else None))
    return Matrix(shown, as_of, tuple(rows))

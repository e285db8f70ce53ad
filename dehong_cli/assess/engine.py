"""The entry points: the status of every goal (`assess`) and of one goal in depth (`detail`).

The method is the one stated in the README ("How status is judged"); every figure behind a
status travels in the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import assert_never

from dehong_cli.assess.additions import additions
from dehong_cli.assess.awaiting import settle
from dehong_cli.assess.binding import judge
from dehong_cli.assess.level import level
from dehong_cli.assess.pace import pace
from dehong_cli.assess.reasons import Reason, ReasonCode
from dehong_cli.assess.results import Assessment, Detail, Progress
from dehong_cli.assess.rollup import Regions
from dehong_cli.assess.series import Table, data_years, reported_in, series_ids, with_inputs
from dehong_cli.assess.yearly import annual, growth_vs
from dehong_cli.model.catalogue import Accrual, Catalogue, Indicator, Plan, Region
from dehong_cli.model.report import Report
from dehong_cli.model.status import Status


def assess(
    cat: Catalogue,
    reports: Iterable[Report],
    *,
    region: Region | None = None,
    as_of: int | None = None,
    indicators: Sequence[Indicator] | None = None,
    regions: Regions | None = None,
) -> Assessment:
    """The status of each goal (default: all) for a region (default: the plan's) as of a year
    (default: the latest year with any data for that region). A caller that assesses the same reports
    many times passes `regions` (`Regions.of(cat, reports)`), so that they are read once."""
    where, regions, year = _prepare(cat, reports, region, as_of, regions)
    table = regions.table(where.code)
    chosen = cat.indicators if indicators is None else indicators
    results = tuple(judge(cat, regions, ind, where, year, progress_of) for ind in chosen)
    quantified = [ind for ind in chosen if ind.accrual is not Accrual.QUALITATIVE]
    reported = 0 if year is None else sum(reported_in(ind, table, year) for ind in quantified)
    return Assessment(where, year, results, reported=reported, quantified=len(quantified))


def detail(
    cat: Catalogue,
    reports: Iterable[Report],
    indicator: Indicator,
    *,
    region: Region | None = None,
    as_of: int | None = None,
    regions: Regions | None = None,
) -> Detail:
    """One goal in depth, for `dehong show`."""
    where, regions, year = _prepare(cat, reports, region, as_of, regions)
    table = regions.table(where.code)
    now = judge(cat, regions, indicator, where, year, progress_of)
    own = sorted({y for s in series_ids(indicator) for y in table.get(s, {}) if year is None or y <= year})
    history = tuple(judge(cat, regions, indicator, where, y, progress_of) for y in own)
    if now.status is Status.NOT_BINDING:  # a county is not paced against the prefecture's target
        return Detail(now, history, ())
    return Detail(now, history, pace(indicator, cat.plan, table, now))


def _prepare(
    cat: Catalogue,
    reports: Iterable[Report],
    region: Region | None,
    as_of: int | None,
    regions: Regions | None = None,
) -> tuple[Region, Regions, int | None]:
    """The region, every region's figures (with roll-ups), and the as-of year: as asked, else the
    latest with any figure of the region's own or rolled up from complete sub-region sums."""
    where = cat.home_region if region is None else region
    regions = Regions.of(cat, reports) if regions is None else regions
    years = data_years(regions.table(where.code))
    return where, regions, as_of if as_of is not None else (years[-1] if years else None)


def progress_of(ind: Indicator, plan: Plan, table: Table, as_of: int | None) -> Progress:
    """Dispatch on accrual. A region with no data at all has no as-of year. From the target year
    on, a verdict still waiting for a figure is settled as `awaiting_data`."""
    if ind.accrual is Accrual.QUALITATIVE:
        return Progress(ind, as_of, Status.QUALITATIVE, Reason(ReasonCode.QUALITATIVE))
    if as_of is None:
        return Progress(ind, None, Status.UNABLE_TO_ASSESS, Reason(ReasonCode.NO_REGION_DATA), ind.target)
    result = _accrue(ind, plan, table, as_of, provisional=False)
    return settle(ind, plan, table, result, lambda y: _accrue(ind, plan, table, y, provisional=True))


def _accrue(ind: Indicator, plan: Plan, table: Table, as_of: int, *, provisional: bool) -> Progress:
    match ind.accrual:
        case Accrual.LEVEL:
            result = level(ind, plan, table.get(ind.id, {}), as_of, provisional=provisional)
            return replace(result, figures=with_inputs(result.figures, table))
        case Accrual.ADDITIONS:
            return additions(ind, plan, table.get(ind.id, {}), as_of, provisional=provisional)
        case Accrual.ANNUAL:
            return annual(ind, plan, table.get(ind.id, {}), as_of, provisional=provisional)
        case Accrual.GROWTH_VS:
            return growth_vs(ind, plan, table, as_of, provisional=provisional)
        case Accrual.QUALITATIVE:
            return Progress(ind, as_of, Status.QUALITATIVE, Reason(ReasonCode.QUALITATIVE))
        case _:
            assert_never(ind.accrual)

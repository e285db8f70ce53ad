"""`dehong show`'s year-by-year table: each year's value against what an even pace expects by then."""

from __future__ import annotations

from collections.abc import Mapping
from typing import assert_never

from dehong_cli.assess.results import Figure, PaceRow, Progress
from dehong_cli.assess.series import Table
from dehong_cli.model.catalogue import Accrual, Indicator, Plan


def pace(ind: Indicator, plan: Plan, table: Table, now: Progress) -> tuple[PaceRow, ...]:
    """Each year's value against what an even pace (or the yearly rule) expects by then."""
    as_of = now.as_of
    if as_of is None:
        return ()
    figs = table.get(ind.id, {})
    match ind.accrual:
        case Accrual.LEVEL:
            return _level(plan, figs, now, as_of)
        case Accrual.ADDITIONS:
            return _additions(ind, plan, figs, as_of)
        case Accrual.ANNUAL:
            return tuple(
                PaceRow(
                    y,
                    figs[y].value if y in figs and y <= as_of else None,
                    ind.target,
                    y in figs and y <= as_of,
                )
                for y in range(plan.period_start, plan.period_end + 1)
            )
        case Accrual.GROWTH_VS:
            return _growth_vs(plan, now)
        case Accrual.QUALITATIVE:
            return ()
        case _:
            assert_never(ind.accrual)


def _level(plan: Plan, figs: Mapping[int, Figure], now: Progress, as_of: int) -> tuple[PaceRow, ...]:
    """From the baseline to the target year: baseline + (target − baseline) × share of the years."""
    base = now.baseline
    years = sorted(
        {*(range(base.year, plan.target_year + 1) if base else ()), *(y for y in figs if y <= as_of)}
    )
    rows = []
    for y in years:
        expected = None
        if base is not None and now.target is not None and base.year < plan.target_year:
            share = min((y - base.year) / (plan.target_year - base.year), 1.0)
            expected = base.value + (now.target - base.value) * share
        fig = figs.get(y) if y <= as_of else None
        rows.append(PaceRow(y, fig.value if fig else None, expected, fig is not None))
    return tuple(rows)


def _additions(ind: Indicator, plan: Plan, figs: Mapping[int, Figure], as_of: int) -> tuple[PaceRow, ...]:
    """The cumulative sum against target × (year − baseline year) ÷ the years of the plan."""
    assert ind.target is not None
    span = plan.target_year - plan.baseline_year
    total, rows = 0.0, []
    last = max([plan.target_year, *(y for y in figs if y <= as_of)])
    for y in range(plan.baseline_year + 1, last + 1):
        fig = figs.get(y) if y <= as_of else None
        total += fig.value if fig else 0.0
        expected = ind.target * min(y - plan.baseline_year, span) / span
        rows.append(PaceRow(y, total if y <= as_of else None, expected, fig is not None))
    return tuple(rows)


def _growth_vs(plan: Plan, now: Progress) -> tuple[PaceRow, ...]:
    """The subject's growth against the companion's, each year of the period."""
    records = {r.year: r for r in now.years}
    rows = []
    for y in range(plan.period_start, plan.period_end + 1):
        r = records.get(y)
        rows.append(
            PaceRow(
                y,
                r.subject_growth if r else None,
                r.companion_growth if r else None,
                r is not None and r.met is not None,
            )
        )
    return tuple(rows)

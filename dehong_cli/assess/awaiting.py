"""From the target year on: a verdict that still depends on a figure not yet reported waits for it.

`awaiting_data` is not a verdict. The goal carries the status it would have as of the latest year
it has figures for (`provisional`), and the years it waits for. Verdicts that no later figure can
change stay final: an additions sum already past its target, a ceiling already broken, an annual
or growth goal that missed a year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import assert_never

from dehong_cli.assess.reasons import Reason, ReasonCode
from dehong_cli.assess.results import Progress
from dehong_cli.assess.series import Table
from dehong_cli.model.catalogue import Accrual, Direction, Indicator, Plan
from dehong_cli.model.status import Status

Judge = Callable[[int], Progress]  # the goal judged provisionally (never finally) as of a year


def settle(ind: Indicator, plan: Plan, table: Table, result: Progress, judge: Judge) -> Progress:
    """The result as it is when its verdict is certain (or not yet due); else `awaiting_data`."""
    missing = pending(ind, plan, table, result)
    if not missing:
        return result
    latest = last_reported(ind, plan, table, result)
    if latest is None:
        return result
    now = judge(latest)
    reason = Reason.of(
        ReasonCode.AWAITING_DATA,
        awaiting=missing,
        provisional=now.status.value,
        provisional_year=latest,
        basis=now.reason,
    )
    return replace(
        now,
        as_of=result.as_of,
        status=Status.AWAITING_DATA,
        reason=reason,
        final=False,
        provisional=now.status,
        awaiting_year=missing[-1],
        provisional_year=latest,
    )


def pending(ind: Indicator, plan: Plan, table: Table, result: Progress) -> tuple[int, ...]:
    """The years up to the target year whose figures the verdict still waits for."""
    if result.as_of is None or result.as_of < plan.target_year or result.latest is None:
        return ()
    figs = table.get(ind.id, {})
    match ind.accrual:
        case Accrual.LEVEL:
            # The target is about the target year's value; nothing else can make the verdict final.
            return () if plan.target_year in figs else (plan.target_year,)
        case Accrual.ADDITIONS:
            certain = result.status is Status.ACHIEVED and ind.direction is Direction.HIGHER
            broken = result.status is Status.NOT_ACHIEVED and ind.direction is Direction.LOWER
            if certain or broken:
                return ()
            return tuple(y for y in range(plan.baseline_year + 1, plan.target_year + 1) if y not in figs)
        case Accrual.ANNUAL | Accrual.GROWTH_VS:
            if any(r.met is False for r in result.years):
                return ()
            return tuple(r.year for r in result.years if r.met is None)
        case Accrual.QUALITATIVE:
            return ()
        case _:
            assert_never(ind.accrual)


def last_reported(ind: Indicator, plan: Plan, table: Table, result: Progress) -> int | None:
    """The latest year up to the target year the goal has a figure for (growth_vs: a judged year)."""
    if ind.accrual is Accrual.GROWTH_VS:
        judged = [r.year for r in result.years if r.met is not None]
        return max(judged) if judged else None
    years = [y for y in table.get(ind.id, {}) if y <= plan.target_year]
    return max(years) if years else None

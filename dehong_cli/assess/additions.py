"""`additions` goals: the sum of yearly additions over the period against an even pace."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from dehong_cli.assess.measures import attainment, band, gap
from dehong_cli.assess.reasons import Reason, ReasonCode
from dehong_cli.assess.results import Figure, Progress
from dehong_cli.assess.series import first_after, up_to
from dehong_cli.model.catalogue import Direction, Indicator, Plan
from dehong_cli.model.status import Status


def additions(
    ind: Indicator, plan: Plan, figs: Mapping[int, Figure], as_of: int, *, provisional: bool = False
) -> Progress:
    """`provisional`: judge as of `as_of` but never finally (a year's figure is missing)."""
    assert ind.target is not None and ind.comparator is not None
    target, holds = float(ind.target), ind.comparator.holds
    first, span = plan.baseline_year + 1, plan.target_year - plan.baseline_year
    # What was added in the baseline year came before the plan, so the sum starts a year later;
    # what is added after the target year is too late to count.
    horizon = min(as_of, plan.target_year)
    used = [f for f in up_to(figs, horizon) if f.year >= first]
    result = Progress(ind, as_of, Status.UNABLE_TO_ASSESS, Reason(ReasonCode.NOT_DUE), target, tuple(used))
    if as_of < first:
        return replace(result, reason=Reason.of(ReasonCode.NOT_DUE, start=first, as_of=as_of))
    if not used:
        reason = Reason.of(
            ReasonCode.NO_ADDITIONS, first=first, last=horizon, first_later=first_after(figs, horizon)
        )
        return replace(result, reason=reason)
    achieved = sum(f.value for f in used)
    expected = target * (horizon - plan.baseline_year) / span
    met = holds(achieved, target)
    result = replace(
        result,
        latest=used[-1],
        achieved=achieved,
        expected=expected,
        gap=gap(ind, achieved, target, met),
        progress=achieved / target if target else None,
        ratio=achieved / expected if expected else None,
        final=as_of >= plan.target_year and not provisional,
        attainment=attainment(ind, achieved, target),
    )
    # Unreported years matter only while the sum falls short of what they might have added.
    missing = [y for y in range(first, horizon + 1) if y not in figs] if not met else []
    return _verdict(result, met, first=first, last=horizon, missing=missing)


def _verdict(result: Progress, met: bool, *, first: int, last: int, missing: list[int]) -> Progress:
    ind = result.indicator
    args = {
        "achieved": result.achieved,
        "first": first,
        "last": last,
        "comparator": str(ind.comparator),
        "target": result.target,
        "not_reported": tuple(missing),
    }
    if result.final or (met and ind.direction is Direction.HIGHER):
        code = ReasonCode.SUM_MET
        if result.final:
            code = ReasonCode.FINAL_SUM_MET if met else ReasonCode.FINAL_SUM_NOT_MET
        status = Status.ACHIEVED if met else Status.NOT_ACHIEVED
        return replace(result, status=status, reason=Reason.of(code, **args))
    if ind.direction is Direction.LOWER:
        # A ceiling on a sum can only be broken, never made up; until then the goal holds.
        code = ReasonCode.UNDER_CEILING if met else ReasonCode.OVER_CEILING
        status = Status.ON_TRACK if met else Status.NOT_ACHIEVED
        return replace(result, status=status, reason=Reason.of(code, **args))
    if result.ratio is None:  # a target of 0: nothing is expected, so no pace to compare with
        return replace(result, reason=Reason.of(ReasonCode.NO_PACE, met=met, **args))
    assert result.as_of is not None and result.expected is not None
    reason = Reason.of(
        ReasonCode.EVEN_PACE,
        ratio=result.ratio,
        achieved=result.achieved,
        first=first,
        last=last,
        expected=result.expected,
        as_of=result.as_of,
        not_reported=tuple(missing),
    )
    return replace(result, status=band(result.ratio), reason=reason)

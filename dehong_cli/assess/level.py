"""`level` goals: the latest value against the target, paced by compound annual growth (Open SDG),
or by the change a year when a compound rate is undefined (a baseline at or below zero)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from dehong_cli.assess.measures import attainment, band, cagr, gap, linear
from dehong_cli.assess.reasons import Reason, ReasonCode
from dehong_cli.assess.results import Figure, Progress
from dehong_cli.assess.series import first_after, up_to
from dehong_cli.model.catalogue import Indicator, Plan
from dehong_cli.model.status import Status


def level(
    ind: Indicator, plan: Plan, figs: Mapping[int, Figure], as_of: int, *, provisional: bool = False
) -> Progress:
    """`provisional`: judge as of `as_of` but never finally (the target year's figure is missing)."""
    assert ind.target is not None and ind.comparator is not None  # the catalogue checks guarantee it
    target, holds = float(ind.target), ind.comparator.holds
    # The target is about the value in the target year: later figures are shown, never judged,
    # so a final verdict cannot change when a later report arrives.
    horizon = min(as_of, plan.target_year)
    used = up_to(figs, horizon)
    final = as_of >= plan.target_year and not provisional
    if not used:
        reason = Reason.of(ReasonCode.NO_VALUE, up_to=horizon, first_later=first_after(figs, horizon))
        return Progress(ind, as_of, Status.UNABLE_TO_ASSESS, reason, target)
    base, latest = used[0], used[-1]
    met = holds(latest.value, target)
    progress: float | None = None
    if target != base.value:
        progress = (latest.value - base.value) / (target - base.value)
    elif met:
        progress = 1.0
    result = Progress(
        ind,
        as_of,
        Status.UNABLE_TO_ASSESS,
        Reason(ReasonCode.NO_VALUE),  # replaced below
        target,
        tuple(used),
        baseline=base,
        latest=latest,
        gap=gap(ind, latest.value, target, met),
        progress=progress,
        final=final,
        attainment=attainment(ind, latest.value, target),
    )
    # Both rates whenever they are defined, so that a final verdict still shows them.
    why_not = _untrended(base, latest, plan)
    if why_not is None:
        elapsed, remaining = latest.year - base.year, plan.target_year - base.year
        # When the baseline already met the target, "required growth" points the wrong way (or is 0).
        lost = holds(base.value, target)
        basis = linear_basis(base.value, latest.value, target)
        if basis is None:
            actual, required = cagr(base.value, latest.value, elapsed), cagr(base.value, target, remaining)
            ratio = actual / required if required != 0 and not lost else None
            result = replace(result, actual_cagr=actual, required_cagr=required, ratio=ratio)
        else:
            actual, required = (
                linear(base.value, latest.value, elapsed),
                linear(base.value, target, remaining),
            )
            ratio = actual / required if required != 0 and not lost else None
            result = replace(result, actual_change=actual, required_change=required, ratio=ratio)
    return _verdict(result, plan, met=met, why_not=why_not)


def linear_basis(base: float, latest: float, target: float) -> str | None:
    """Why a compound rate is undefined, so the pace is linear (the change a year); None: it is defined."""
    if base == 0:
        return "zero_baseline"
    if base < 0:
        return "negative_baseline"
    if latest < 0 or target < 0:
        return "negative_value"
    return None


def _untrended(base: Figure, latest: Figure, plan: Plan) -> Reason | None:
    """Why no pace can be computed at all: too little data."""
    if latest.year == base.year:
        return Reason.of(ReasonCode.SINGLE_VALUE, value=latest.value, year=latest.year)
    if base.year >= plan.target_year:
        return Reason.of(ReasonCode.LATE_BASELINE, baseline_year=base.year, target_year=plan.target_year)
    return None


def _verdict(result: Progress, plan: Plan, *, met: bool, why_not: Reason | None) -> Progress:
    ind, base, latest = result.indicator, result.baseline, result.latest
    assert base is not None and latest is not None and result.target is not None
    goal = {"comparator": str(ind.comparator), "target": result.target}
    at = {"latest": latest.value, "latest_year": latest.year}
    if result.final or met:
        code = ReasonCode.ALREADY_MET
        if result.final:
            code = ReasonCode.FINAL_MET if met else ReasonCode.FINAL_NOT_MET
        status = Status.ACHIEVED if met else Status.NOT_ACHIEVED
        return replace(result, status=status, reason=Reason.of(code, **at, **goal))
    if why_not is not None:
        return replace(result, reason=why_not)
    since = {"baseline": base.value, "baseline_year": base.year, "plan_baseline_year": plan.baseline_year}
    if result.ratio is None:
        reason = Reason.of(ReasonCode.TARGET_LOST, **since, **at, **goal)
        return replace(result, status=Status.DETERIORATION, reason=reason)
    goal_by = {"target": result.target, "target_year": plan.target_year}
    if result.actual_change is not None:
        basis = linear_basis(base.value, latest.value, result.target)
        reason = Reason.of(
            ReasonCode.LINEAR_PACE,
            ratio=result.ratio,
            actual_change=result.actual_change,
            required_change=result.required_change,
            basis=basis,
            **since,
            **at,
            **goal_by,
        )
        return replace(result, status=band(result.ratio), reason=reason)
    reason = Reason.of(
        ReasonCode.CAGR_PACE,
        ratio=result.ratio,
        actual_cagr=result.actual_cagr,
        required_cagr=result.required_cagr,
        **since,
        **at,
        **goal_by,
    )
    return replace(result, status=band(result.ratio), reason=reason)

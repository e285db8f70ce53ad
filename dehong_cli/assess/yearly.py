"""`annual` and `growth_vs` goals: judged year by year over the plan period; a missed year stands."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from dehong_cli.assess.measures import attainment, gap
from dehong_cli.assess.reasons import Reason, ReasonCode
from dehong_cli.assess.results import Figure, Progress, YearRecord
from dehong_cli.assess.series import Table, growth
from dehong_cli.model.catalogue import ComponentRole, Indicator, Plan
from dehong_cli.model.status import Status


def period(plan: Plan, as_of: int) -> range:
    """The years of the plan period up to the as-of year."""
    return range(plan.period_start, min(as_of, plan.period_end) + 1)


def annual(
    ind: Indicator, plan: Plan, figs: Mapping[int, Figure], as_of: int, *, provisional: bool = False
) -> Progress:
    """`provisional`: judge as of `as_of` but never finally (a year's figure is missing)."""
    assert ind.target is not None and ind.comparator is not None
    target = float(ind.target)
    records = tuple(
        YearRecord(y, ind.comparator.holds(figs[y].value, target), figs[y].value)
        if y in figs
        else YearRecord(y, None)
        for y in period(plan, as_of)
    )
    used = tuple(figs[r.year] for r in records if r.met is not None)
    # The gap is the shortfall in the worst missed year: the year the verdict rests on.
    shortfall = max(
        (gap(ind, r.value, target, bool(r.met)) for r in records if r.value is not None), default=0.0
    )
    # 完成率: what the reported years delivered against what they required.
    delivered = sum(f.value for f in used)
    share = attainment(ind, delivered, target * len(used)) if used else None
    result = Progress(
        ind,
        as_of,
        Status.UNABLE_TO_ASSESS,
        Reason(ReasonCode.NOTHING_REPORTED),
        target,
        used,
        latest=used[-1] if used else None,
        gap=shortfall if used else None,
        years=records,
        final=as_of >= plan.target_year and not provisional,
        attainment=share,
    )
    missed = [{"year": r.year, "value": r.value} for r in records if r.met is False and r.value is not None]
    rule = {"accrual": ind.accrual.value, "comparator": str(ind.comparator), "target": target}
    return judge_years(result, plan, missed, rule)


def growth_vs(ind: Indicator, plan: Plan, table: Table, as_of: int, *, provisional: bool = False) -> Progress:
    subject, companion = ind.component(ComponentRole.SUBJECT), ind.component(ComponentRole.COMPANION)
    assert subject is not None and companion is not None and ind.comparator is not None
    s, c = table.get(subject.id, {}), table.get(companion.id, {})
    records: list[YearRecord] = []
    used: dict[tuple[int, str], Figure] = {}
    for y in period(plan, as_of):
        sg, cg = growth(s, y), growth(c, y)
        met = None if sg is None or cg is None else ind.comparator.holds(sg, cg)
        records.append(YearRecord(y, met, subject_growth=sg, companion_growth=cg))
        if met is not None:
            for series, figs in ((subject.id, s), (companion.id, c)):
                used[(y - 1, series)], used[(y, series)] = figs[y - 1], figs[y]
    # The goal's own figure is the subject's growth rate, in the latest year it can be computed;
    # the gap is the shortfall in the worst missed year, in percentage points (0 when none missed).
    last = next((r for r in reversed(records) if r.met is not None), None)
    latest = difference = None
    if last is not None and last.subject_growth is not None and last.companion_growth is not None:
        level = s[last.year]
        latest = Figure(ind.id, last.year, last.subject_growth, level.provenance, level.source, (subject.id,))
        difference = max((_short(r) for r in records if r.met is False), default=0.0)
    result = Progress(
        ind,
        as_of,
        Status.UNABLE_TO_ASSESS,
        Reason(ReasonCode.NOTHING_REPORTED),
        None,
        tuple(used[k] for k in sorted(used)),
        latest=latest,
        gap=difference,
        years=tuple(records),
        final=as_of >= plan.target_year and not provisional,
    )
    missed = [
        {"year": r.year, "subject_growth": r.subject_growth, "companion_growth": r.companion_growth}
        for r in records
        if r.met is False and r.subject_growth is not None and r.companion_growth is not None
    ]
    rule = {
        "accrual": ind.accrual.value,
        "comparator": str(ind.comparator),
        "subject": subject.id,
        "companion": companion.id,
    }
    return judge_years(result, plan, missed, rule)


def _short(r: YearRecord) -> float:
    """growth_vs: how far the subject's growth fell behind the companion's, in percentage points."""
    return abs((r.companion_growth or 0.0) - (r.subject_growth or 0.0))


def worst_missed(p: Progress) -> YearRecord | None:
    """The missed year with the largest shortfall: the year an annual or growth_vs verdict rests on."""
    target = p.target
    ind = p.indicator

    def short(r: YearRecord) -> float:
        if r.value is not None and target is not None:
            return gap(ind, r.value, target, False)
        return _short(r)

    missed = [r for r in p.years if r.met is False]
    return max(missed, key=short) if missed else None


def judge_years(result: Progress, plan: Plan, missed: list[dict[str, Any]], rule: dict[str, Any]) -> Progress:
    """The shared verdict of annual and growth_vs goals: a missed year cannot be made up."""
    records = result.years
    met = tuple(r.year for r in records if r.met)
    unreported = tuple(r.year for r in records if r.met is None)
    whole = range(plan.period_start, plan.period_end + 1)
    reported = len(records) - len(unreported)
    result = replace(result, progress=len(met) / len(whole) if reported else None)
    if not records:
        assert result.as_of is not None
        return replace(
            result, reason=Reason.of(ReasonCode.NOT_DUE, start=plan.period_start, as_of=result.as_of)
        )
    if not met and not missed:
        reason = Reason.of(ReasonCode.NOTHING_REPORTED, first=records[0].year, last=records[-1].year)
        return replace(result, reason=reason)
    if missed:
        reason = Reason.of(ReasonCode.YEAR_MISSED, **rule, missed=tuple(missed), not_reported=unreported)
        return replace(result, status=Status.NOT_ACHIEVED, reason=reason)
    # A final verdict needs every year; with one missing, `awaiting` settles the goal.
    if result.final and not unreported:
        return replace(
            result, status=Status.ACHIEVED, reason=Reason.of(ReasonCode.FINAL_YEARS_MET, **rule, met=met)
        )
    reason = Reason.of(ReasonCode.YEARS_MET, **rule, met=met, not_reported=unreported)
    return replace(result, status=Status.ON_TRACK, reason=reason)

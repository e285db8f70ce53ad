"""Where each goal stands: the progress engine behind `dehong status` and `dehong show`.

Pure computation: the catalogue and typed reports go in, typed results come out. Nothing
here reads files, prints, exits or looks at the clock. The method is the one stated in the
README ("How status is judged"); every figure behind a status travels in the result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from dehong_cli.model.catalogue import Accrual, Catalogue, ComponentRole, Direction, Indicator, Plan, Region
from dehong_cli.model.ratios import ratio_percent
from dehong_cli.model.report import Provenance, Report
from dehong_cli.model.status import RANK, Status, at_or_worse

ON_TRACK_FROM = 0.95  # R at or above this: on_track
MODERATE_FROM = 0.6  # R in [0.6, 0.95): moderate; [0, 0.6): limited; below 0: deterioration


def band(r: float) -> Status:
    """The status for a ratio R of actual to required progress."""
    if r >= ON_TRACK_FROM:
        return Status.ON_TRACK
    if r >= MODERATE_FROM:
        return Status.MODERATE
    if r >= 0:
        return Status.LIMITED
    return Status.DETERIORATION


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Figure:
    """One number behind a status: reported, or computed from numbers of one report."""

    series: str  # the id it was reported under (indicator or component id)
    year: int
    value: float
    provenance: Provenance
    source: str
    computed_from: tuple[str, ...] = ()  # ratio components, or the series a growth rate comes from


@dataclass(frozen=True, slots=True)
class YearRecord:
    """annual and growth_vs goals: one year of the period, met or not (None: not reported)."""

    year: int
    met: bool | None
    value: float | None = None  # annual: the amount of that year
    subject_growth: float | None = None  # growth_vs: percent on the year before
    companion_growth: float | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    """Where one goal stands as of a year, with every figure the status rests on."""

    indicator: Indicator
    as_of: int | None
    status: Status
    reason: str
    target: float | None = None
    figures: tuple[Figure, ...] = ()  # every figure used, oldest first
    baseline: Figure | None = None
    latest: Figure | None = None
    gap: float | None = None  # in the indicator's unit; 0 once met (growth_vs: percentage points)
    progress: float | None = None  # share of the way from baseline to target, unclamped
    actual_cagr: float | None = None  # percent a year, baseline to latest
    required_cagr: float | None = None  # percent a year, baseline to target by the target year
    ratio: float | None = None  # R: actual over required (level), achieved over expected (additions)
    achieved: float | None = None  # additions: sum of the yearly additions
    expected: float | None = None  # additions: expected by the as-of year on an even pace
    years: tuple[YearRecord, ...] = ()  # annual and growth_vs: the period's years up to as-of
    final: bool = False  # the as-of year is the target year or later: the verdict stands

    @property
    def bar(self) -> float | None:
        """The progress share clamped to 0..1, for drawing."""
        return None if self.progress is None else min(max(self.progress, 0.0), 1.0)

    @property
    def provenances(self) -> frozenset[Provenance]:
        return frozenset(f.provenance for f in self.figures)

    @property
    def unofficial(self) -> bool:
        """Whether any figure used is illustrative (made up) or an estimate."""
        return bool(self.provenances - {Provenance.OFFICIAL})


@dataclass(frozen=True, slots=True)
class Assessment:
    """The status of a set of goals for one region as of one year."""

    region: Region
    as_of: int | None  # None: the region has no data and no year was asked for
    results: tuple[Progress, ...]

    @property
    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for r in self.results:
            counts[r.status] += 1
        return counts

    @property
    def provenances(self) -> frozenset[Provenance]:
        return frozenset().union(*(r.provenances for r in self.results))

    @property
    def illustrative(self) -> bool:
        return Provenance.ILLUSTRATIVE in self.provenances

    @property
    def estimate(self) -> bool:
        return Provenance.ESTIMATE in self.provenances

    def only(self, status: Status) -> Assessment:
        return replace(self, results=tuple(r for r in self.results if r.status is status))

    def failing(self, threshold: Status) -> list[Progress]:
        return [r for r in self.results if at_or_worse(r.status, threshold)]


@dataclass(frozen=True, slots=True)
class PaceRow:
    """One year of `dehong show`: the value against the even-pace expectation."""

    year: int
    value: float | None  # level: the value; additions: cumulative sum; annual: amount; growth: growth
    expected: float | None  # even pace; annual: the yearly amount; growth_vs: the companion's growth
    reported: bool


@dataclass(frozen=True, slots=True)
class Detail:
    """One goal in depth: its progress, its status as of each year with data, its pace."""

    progress: Progress
    history: tuple[Progress, ...]
    pace: tuple[PaceRow, ...]


# ---------------------------------------------------------------------------- the data

Table = dict[str, dict[int, Figure]]  # series id -> year -> figure


def series_table(cat: Catalogue, reports: Iterable[Report], region_code: str) -> Table:
    """Every figure the region's reports give, by series and year; ratios filled in from components."""
    table: Table = {}
    for rep in reports:
        region = cat.regions_by_key.get(rep.region)
        if region is None or region.code != region_code:
            continue
        for key, entry in rep.values.items():
            if entry is None or entry.value is None or key not in cat.series:
                continue
            table.setdefault(key, {})[rep.year] = Figure(
                key, rep.year, entry.value, rep.provenance, entry.source or rep.source
            )
    for ind in cat.indicators:
        num, den = ind.component(ComponentRole.NUMERATOR), ind.component(ComponentRole.DENOMINATOR)
        if num is None or den is None:
            continue
        nums, dens = table.get(num.id, {}), table.get(den.id, {})
        for year in sorted(nums.keys() & dens.keys()):
            if year in table.get(ind.id, {}) or dens[year].value == 0:
                continue  # a reported ratio wins (validate checks that the two agree)
            n, d = nums[year], dens[year]
            worst = max(n.provenance, d.provenance, key=_DOUBT.index)
            table.setdefault(ind.id, {})[year] = Figure(
                ind.id, year, ratio_percent(n.value, d.value), worst, n.source, computed_from=(num.id, den.id)
            )
    return table


_DOUBT = [
    Provenance.OFFICIAL,
    Provenance.ESTIMATE,
    Provenance.ILLUSTRATIVE,
]  # a ratio is as doubtful as its worse part


def data_years(table: Table) -> list[int]:
    return sorted({y for by_year in table.values() for y in by_year})


# ---------------------------------------------------------------------------- assessing


def assess(
    cat: Catalogue,
    reports: Iterable[Report],
    *,
    region: Region | None = None,
    as_of: int | None = None,
    indicators: Sequence[Indicator] | None = None,
) -> Assessment:
    """The status of each goal (default: all) for a region (default: the plan's) as of a year
    (default: the latest year with any data for that region)."""
    where, table, year = _prepare(cat, reports, region, as_of)
    chosen = cat.indicators if indicators is None else indicators
    return Assessment(where, year, tuple(progress_of(ind, cat.plan, table, year) for ind in chosen))


def detail(
    cat: Catalogue,
    reports: Iterable[Report],
    indicator: Indicator,
    *,
    region: Region | None = None,
    as_of: int | None = None,
) -> Detail:
    """One goal in depth, for `dehong show`."""
    _, table, year = _prepare(cat, reports, region, as_of)
    now = progress_of(indicator, cat.plan, table, year)
    own = sorted({y for s in _series_ids(indicator) for y in table.get(s, {}) if year is None or y <= year})
    history = tuple(progress_of(indicator, cat.plan, table, y) for y in own)
    return Detail(now, history, pace(indicator, cat.plan, table, now))


def _prepare(
    cat: Catalogue, reports: Iterable[Report], region: Region | None, as_of: int | None
) -> tuple[Region, Table, int | None]:
    """The region, its figures, and the as-of year: as asked, else the latest with any figure."""
    where = cat.home_region if region is None else region
    table = series_table(cat, reports, where.code)
    years = data_years(table)
    return where, table, as_of if as_of is not None else (years[-1] if years else None)


def _series_ids(ind: Indicator) -> list[str]:
    return [ind.id, *(c.id for c in ind.components)]


def progress_of(ind: Indicator, plan: Plan, table: Table, as_of: int | None) -> Progress:
    """Dispatch on accrual. A region with no data at all has no as-of year."""
    if ind.accrual is Accrual.QUALITATIVE:
        return Progress(ind, as_of, Status.QUALITATIVE, "a qualitative goal: shown, never scored")
    if as_of is None:
        return Progress(ind, None, Status.UNABLE_TO_ASSESS, "no data reported for this region", ind.target)
    match ind.accrual:
        case Accrual.LEVEL:
            result = _level(ind, plan, table.get(ind.id, {}), as_of)
            return replace(result, figures=_with_inputs(result.figures, table))
        case Accrual.ADDITIONS:
            return _additions(ind, plan, table.get(ind.id, {}), as_of)
        case Accrual.ANNUAL:
            return _annual(ind, plan, table.get(ind.id, {}), as_of)
        case _:
            return _growth_vs(ind, plan, table, as_of)


def _with_inputs(figures: Sequence[Figure], table: Table) -> tuple[Figure, ...]:
    """A ratio computed from its components brings those figures along, so it can be retraced."""
    out: list[Figure] = []
    for f in figures:
        out.extend(table[c][f.year] for c in f.computed_from if f.year in table.get(c, {}))
        out.append(f)
    return tuple(out)


def _fmt(value: float) -> str:
    """Numbers in reasons: as few digits as say it."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.1f}"


def _target_words(ind: Indicator) -> str:
    return f"{ind.comparator} {_fmt(ind.target or 0)}"


def _up_to(figs: Mapping[int, Figure], as_of: int) -> list[Figure]:
    return [figs[y] for y in sorted(figs) if y <= as_of]


def _nothing_until(figs: Mapping[int, Figure], as_of: int, what: str) -> str:
    later = [y for y in figs if y > as_of]
    return f"no {what} reported up to {as_of}" + (f" (the first is for {min(later)})" if later else "")


def _gap(ind: Indicator, value: float, target: float, met: bool) -> float:
    if met:
        return 0.0
    short = target - value if ind.direction is Direction.HIGHER else value - target
    return max(short, 0.0)


def _cagr(start: float, end: float, years: int) -> float:
    """Compound annual growth rate in percent; the caller makes sure it is defined."""
    return (math.pow(end / start, 1 / years) - 1) * 100


# ------------------------------------------------------------------------------- level


def _level(ind: Indicator, plan: Plan, figs: Mapping[int, Figure], as_of: int) -> Progress:
    assert ind.target is not None and ind.comparator is not None  # the catalogue checks guarantee it
    target, holds = float(ind.target), ind.comparator.holds
    # The target is about the value in the target year: later figures are shown, never judged,
    # so a final verdict cannot change when a later report arrives.
    horizon = min(as_of, plan.target_year)
    used = _up_to(figs, horizon)
    final = as_of >= plan.target_year
    if not used:
        reason = _nothing_until(figs, horizon, "value")
        return Progress(ind, as_of, Status.UNABLE_TO_ASSESS, reason, target)
    base, latest = used[0], used[-1]
    met = holds(latest.value, target)
    progress: float | None = None
    if target != base.value:
        progress = (latest.value - base.value) / (target - base.value)
    elif met:
        progress = 1.0

    # Both rates whenever they are defined, so that a final verdict still shows them.
    actual = required = ratio = None
    why_not = None  # why the trend cannot be judged, when it cannot
    if latest.year == base.year:
        why_not = (
            f"only one value ({_fmt(latest.value)} in {latest.year}); "
            "a trend needs a baseline and a later value"
        )
    elif base.value <= 0:
        what = "zero" if base.value == 0 else "a negative value"
        why_not = f"the baseline is {_fmt(base.value)} ({base.year}); a growth rate from {what} is undefined"
    elif latest.value < 0 or target < 0:
        why_not = "a negative value has no growth rate"
    elif base.year >= plan.target_year:
        why_not = f"the first value is for {base.year}, not before the target year {plan.target_year}"
    else:
        actual = _cagr(base.value, latest.value, latest.year - base.year)
        required = _cagr(base.value, target, plan.target_year - base.year)
        # When the baseline already met the target, "required growth" points the wrong way (or is 0).
        if required != 0 and not holds(base.value, target):
            ratio = actual / required
    result = Progress(
        ind,
        as_of,
        Status.UNABLE_TO_ASSESS,
        "",
        target,
        tuple(used),
        baseline=base,
        latest=latest,
        gap=_gap(ind, latest.value, target, met),
        progress=progress,
        actual_cagr=actual,
        required_cagr=required,
        ratio=ratio,
        final=final,
    )
    latest_words = f"latest {_fmt(latest.value)} ({latest.year})"
    baseline_words = f"baseline {_fmt(base.value)} ({base.year}"
    baseline_words += ")" if base.year == plan.baseline_year else f"; no {plan.baseline_year} value)"
    if final or met:
        verb = "meets" if met else "does not meet"
        return replace(
            result,
            status=Status.ACHIEVED if met else Status.NOT_ACHIEVED,
            reason=f"{'final: ' if final else ''}the {latest_words} {verb} the target {_target_words(ind)}",
        )
    if why_not is not None:
        return replace(result, reason=why_not)
    if ratio is None:
        return replace(
            result,
            status=Status.DETERIORATION,
            reason=f"the {baseline_words} met the target {_target_words(ind)}; "
            f"the {latest_words} no longer does",
        )
    assert actual is not None and required is not None
    return replace(
        result,
        status=band(ratio),
        reason=f"R = {ratio:.2f}: {actual:+.2f}%/yr from the {baseline_words} to the {latest_words}, "
        f"against {required:+.2f}%/yr needed to reach {_fmt(target)} by {plan.target_year}",
    )


# --------------------------------------------------------------------------- additions


def _additions(ind: Indicator, plan: Plan, figs: Mapping[int, Figure], as_of: int) -> Progress:
    assert ind.target is not None and ind.comparator is not None
    target, holds = float(ind.target), ind.comparator.holds
    first, span = plan.baseline_year + 1, plan.target_year - plan.baseline_year
    # What was added in the baseline year came before the plan, so the sum starts a year later;
    # what is added after the target year is too late to count.
    horizon = min(as_of, plan.target_year)
    used = [f for f in _up_to(figs, horizon) if f.year >= first]
    final = as_of >= plan.target_year
    base_ = Progress(ind, as_of, Status.UNABLE_TO_ASSESS, "", target, tuple(used))
    if as_of < first:
        return replace(base_, reason=f"the period starts in {first}; nothing is due by {as_of}")
    if not used:
        later = [y for y in figs if y > horizon]
        reason = f"no additions reported for {first}–{horizon}"
        return replace(base_, reason=reason + (f" (the first is for {min(later)})" if later else ""))
    achieved = sum(f.value for f in used)
    expected = target * (horizon - plan.baseline_year) / span
    met = holds(achieved, target)
    missing = [y for y in range(first, horizon + 1) if y not in figs]
    # Unreported years matter only while the sum falls short of what they might have added.
    note = f"; {_years(missing)} not reported, counted as none" if missing and not met else ""
    result = replace(
        base_,
        latest=used[-1],
        achieved=achieved,
        expected=expected,
        gap=_gap(ind, achieved, target, met),
        progress=achieved / target if target else None,
        ratio=achieved / expected if expected else None,
        final=final,
    )
    sums = f"{_fmt(achieved)} added {first}–{horizon}"
    verb = "meets" if met else "does not meet"
    if final or (met and ind.direction is Direction.HIGHER):
        return replace(
            result,
            status=Status.ACHIEVED if met else Status.NOT_ACHIEVED,
            reason=f"{'final: ' if final else ''}{sums} {verb} the target {_target_words(ind)}{note}",
        )
    if ind.direction is Direction.LOWER:
        # A ceiling on a sum can only be broken, never made up; until then the goal holds.
        return replace(
            result,
            status=Status.ON_TRACK if met else Status.NOT_ACHIEVED,
            reason=f"{sums} {verb} the ceiling {_target_words(ind)}{note}",
        )
    if result.ratio is None:  # a target of 0: nothing is expected, so no pace to compare with
        return replace(result, reason=f"{sums} {verb} the target {_target_words(ind)}; no pace to judge")
    return replace(
        result,
        status=band(result.ratio),
        reason=f"R = {result.ratio:.2f}: {sums} against {_fmt(expected)} expected by {as_of} "
        f"on an even pace{note}",
    )


def _years(years: Sequence[int]) -> str:
    return ", ".join(str(y) for y in years)


# ------------------------------------------------------------------- annual and growth_vs


def _period(plan: Plan, as_of: int) -> range:
    return range(plan.period_start, min(as_of, plan.period_end) + 1)


def _annual(ind: Indicator, plan: Plan, figs: Mapping[int, Figure], as_of: int) -> Progress:
    assert ind.target is not None and ind.comparator is not None
    target = float(ind.target)
    records = tuple(
        YearRecord(y, ind.comparator.holds(figs[y].value, target), figs[y].value)
        if y in figs
        else YearRecord(y, None)
        for y in _period(plan, as_of)
    )
    used = tuple(figs[r.year] for r in records if r.met is not None)
    shortfall = sum(_gap(ind, r.value, target, bool(r.met)) for r in records if r.value is not None)
    result = Progress(
        ind,
        as_of,
        Status.UNABLE_TO_ASSESS,
        "",
        target,
        used,
        latest=used[-1] if used else None,
        gap=shortfall if used else None,
        years=records,
        final=as_of >= plan.target_year,
    )
    missed = [f"{r.year} ({_fmt(r.value)})" for r in records if r.met is False and r.value is not None]
    return _judge_years(result, plan, missed, f"the yearly amount {_target_words(ind)}")


def _growth_vs(ind: Indicator, plan: Plan, table: Table, as_of: int) -> Progress:
    subject, companion = ind.component(ComponentRole.SUBJECT), ind.component(ComponentRole.COMPANION)
    assert subject is not None and companion is not None and ind.comparator is not None
    s, c = table.get(subject.id, {}), table.get(companion.id, {})
    records: list[YearRecord] = []
    used: dict[tuple[int, str], Figure] = {}
    for y in _period(plan, as_of):
        sg, cg = _growth(s, y), _growth(c, y)
        met = None if sg is None or cg is None else ind.comparator.holds(sg, cg)
        records.append(YearRecord(y, met, subject_growth=sg, companion_growth=cg))
        if met is not None:
            for series, figs in ((subject.id, s), (companion.id, c)):
                used[(y - 1, series)], used[(y, series)] = figs[y - 1], figs[y]
    # The goal's own figure is the subject's growth rate, in the latest year it can be computed.
    last = next((r for r in reversed(records) if r.met is not None), None)
    latest = gap = None
    if last is not None and last.subject_growth is not None and last.companion_growth is not None:
        level = s[last.year]
        latest = Figure(ind.id, last.year, last.subject_growth, level.provenance, level.source, (subject.id,))
        gap = max(last.companion_growth - last.subject_growth, 0.0)
    result = Progress(
        ind,
        as_of,
        Status.UNABLE_TO_ASSESS,
        "",
        None,
        tuple(used[k] for k in sorted(used)),
        latest=latest,
        gap=gap,
        years=tuple(records),
        final=as_of >= plan.target_year,
    )
    missed = [
        f"{r.year} ({r.subject_growth:+.1f}% against {r.companion_growth:+.1f}%)"
        for r in records
        if r.met is False and r.subject_growth is not None and r.companion_growth is not None
    ]
    rule = f"{subject.id} growth {ind.comparator} {companion.id} growth"
    return _judge_years(result, plan, missed, rule)


def _growth(figs: Mapping[int, Figure], year: int) -> float | None:
    """Percent growth on the year before; None when either level is missing or the earlier is 0."""
    if year not in figs or year - 1 not in figs or figs[year - 1].value <= 0:
        return None
    return (figs[year].value / figs[year - 1].value - 1) * 100


def _judge_years(result: Progress, plan: Plan, missed: list[str], rule: str) -> Progress:
    """The shared verdict of annual and growth_vs goals: a missed year cannot be made up."""
    records = result.years
    met = [r.year for r in records if r.met]
    unreported = [r.year for r in records if r.met is None]
    whole = range(plan.period_start, plan.period_end + 1)
    reported = len(records) - len(unreported)
    result = replace(result, progress=len(met) / len(whole) if reported else None)
    if not records:
        return replace(
            result, reason=f"the period starts in {plan.period_start}; nothing is due by {result.as_of}"
        )
    if not met and not missed:
        return replace(result, reason=f"nothing reported for {records[0].year}–{records[-1].year}")
    not_reported = f"; {_years(unreported)} not reported" if unreported else ""
    if missed:
        return replace(
            result,
            status=Status.NOT_ACHIEVED,
            reason=f"{rule} was missed in {', '.join(missed)}; a missed year cannot be made up{not_reported}",
        )
    if result.final:
        if unreported:
            return replace(
                result,
                status=Status.NOT_ACHIEVED,
                reason=f"final: {rule} was met in {_years(met)}, but {_years(unreported)} not reported; "
                f"a final verdict needs every year of {whole[0]}–{whole[-1]}",
            )
        return replace(
            result, status=Status.ACHIEVED, reason=f"final: {rule} was met in every year, {_years(met)}"
        )
    return replace(
        result,
        status=Status.ON_TRACK,
        reason=f"{rule} was met in every reported year ({_years(met)}){not_reported}",
    )


# ------------------------------------------------------------------------------- pace


def pace(ind: Indicator, plan: Plan, table: Table, now: Progress) -> tuple[PaceRow, ...]:
    """Each year's value against what an even pace (or the yearly rule) expects by then."""
    as_of = now.as_of
    if as_of is None or ind.accrual is Accrual.QUALITATIVE:
        return ()
    figs = table.get(ind.id, {})
    if ind.accrual is Accrual.LEVEL:
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
    if ind.accrual is Accrual.ADDITIONS:
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
    if ind.accrual is Accrual.ANNUAL:
        return tuple(
            PaceRow(
                y, figs[y].value if y in figs and y <= as_of else None, ind.target, y in figs and y <= as_of
            )
            for y in range(plan.period_start, plan.period_end + 1)
        )
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


__all__ = [
    "RANK",
    "Assessment",
    "Detail",
    "Figure",
    "PaceRow",
    "Progress",
    "Status",
    "YearRecord",
    "assess",
    "at_or_worse",
    "band",
    "detail",
]

"""What the engine hands to the renderers: plain, frozen data and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, replace

from dehong_cli.assess.reasons import Reason
from dehong_cli.model.catalogue import Indicator, Region
from dehong_cli.model.report import Provenance
from dehong_cli.model.status import Status, at_or_worse


@dataclass(frozen=True, slots=True)
class Figure:
    """One number behind a status: reported, or computed from numbers of one report."""

    series: str  # the id it was reported under (indicator or component id)
    year: int
    value: float
    provenance: Provenance
    source: str
    computed_from: tuple[str, ...] = ()  # ratio components, or the series a growth rate comes from
    region: str | None = None  # the region whose report gave it, where that matters (roll-up parts)
    parts: tuple[Figure, ...] = ()  # rolled up: the sub-regions' figures it is the sum of

    @property
    def rolled_up(self) -> bool:
        """Summed from the sub-regions' reports (or a ratio of such sums), not reported itself."""
        return bool(self.parts)


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
    reason: Reason
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
    actual_change: float | None = None  # level, linear pace: units a year, baseline to latest
    required_change: float | None = None  # level, linear pace: units a year needed by the target year
    attainment: float | None = None  # 完成率: actual ÷ target (inverted when lower is better), uncapped
    provisional: Status | None = None  # awaiting_data: the status as of the latest reported year
    awaiting_year: int | None = None  # awaiting_data: the latest year whose figure is still missing
    provisional_year: int | None = None  # awaiting_data: the year the figures above are judged as of
    share: float | None = None  # not_binding: the region's figure as a percent of its parent's
    region: Region | None = None  # the region judged, where results of several regions meet
    levels: tuple[Progress, ...] = ()  # each_level goals: the verdict of each sub-region's own level

    @property
    def judged_as_of(self) -> int | None:
        """The year the gap, progress and R are judged as of: the provisional year while awaiting."""
        return self.provisional_year if self.provisional_year is not None else self.as_of

    @property
    def rolled_up(self) -> bool:
        """Whether the latest figure was summed from the sub-regions rather than reported."""
        return self.latest is not None and (
            self.latest.rolled_up or any(f.rolled_up for f in self.figures if f.year == self.latest.year)
        )

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
    reported: int = 0  # quantified goals with a figure for the as-of year
    quantified: int = 0  # quantified goals assessed (before any --status filter)

    @property
    def awaiting(self) -> dict[int, int]:
        """How many goals await each year's figures, by year."""
        out: dict[int, int] = {}
        for r in self.results:
            if r.awaiting_year is not None:
                out[r.awaiting_year] = out.get(r.awaiting_year, 0) + 1
        return dict(sorted(out.items()))

    @property
    def partial(self) -> bool:
        """Whether the as-of year is only partly reported: some quantified goal has no figure for it."""
        return self.as_of is not None and self.reported < self.quantified

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

    @property
    def provenances(self) -> frozenset[Provenance]:
        """Of every figure shown: the status now and as of each earlier year."""
        return frozenset().union(self.progress.provenances, *(h.provenances for h in self.history))

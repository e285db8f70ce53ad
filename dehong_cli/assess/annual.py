"""The annual assessment (`dehong report`): one pure assembly step from the catalogue, the
reports and a year to a view-model of plain frozen dataclasses that every report format renders.

Nothing here computes a status of its own: every status, gap and progress comes from the
progress engine (`assess`, `detail`), so the report's numbers are `dehong status`'s numbers.
Nothing here prints, reads files or reads the clock: the date the report is made on is given.

The sections that later issues fill (the county roll-up, task progress, 完成率) are optional
fields: None or empty until their data exists, and renderers draw a section only when present.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from dehong_cli.assess.engine import assess, detail
from dehong_cli.assess.results import Assessment, PaceRow, Progress
from dehong_cli.assess.rollup import Regions, share
from dehong_cli.model.catalogue import Catalogue, Plan, Region, Strand, Task
from dehong_cli.model.report import Provenance, Report
from dehong_cli.model.rollup import Mode, mode_of
from dehong_cli.model.status import RANK, Status
from dehong_cli.model.tasks import TaskProgress as TaskFile
from dehong_cli.model.tasks import TaskStatus

# A department still owes a goal whose status is one of these (or that cannot be assessed yet).
BEHIND = frozenset(s for s, rank in RANK.items() if rank >= RANK[Status.MODERATE])
# Goals that wait for figures: none at all yet, or (from the target year on) the one the verdict needs.
WITHOUT_DATA = frozenset({Status.UNABLE_TO_ASSESS, Status.AWAITING_DATA})


@dataclass(frozen=True, slots=True)
class GoalView:
    """One goal: the engine's result, its yearly series against the even pace, its trend."""

    progress: Progress  # as of the report's year: status, gap, progress, target, figures
    series: tuple[PaceRow, ...]  # each year's value against the even-pace path (as `dehong show`)
    trend: tuple[tuple[int, Status], ...]  # the status as of each year of the period
    departments: tuple[str, ...] = ()  # its responsible departments, as the catalogue derives them
    attainment: float | None = None  # 完成率, the engine's (as `dehong status`)

    @property
    def id(self) -> str:
        return self.progress.indicator.id


@dataclass(frozen=True, slots=True)
class StrandView:
    strand: Strand
    goals: tuple[GoalView, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    counts: tuple[tuple[Status, int], ...]  # every status, in the engine's order, zeros included
    total: int
    quantified: int  # goals with a number (all but the qualitative)
    with_current_figure: int  # quantified goals with a figure for the as-of year
    awaiting: int  # goals that cannot be assessed for want of data

    @property
    def completeness(self) -> float | None:
        """Share of the quantified goals with a figure for the as-of year."""
        return None if not self.quantified else self.with_current_figure / self.quantified


@dataclass(frozen=True, slots=True)
class CountyFigure:
    value: float | None  # the county's figure for the as-of year
    share: float | None  # of the prefecture's figure, for counts and money only


@dataclass(frozen=True, slots=True)
class CountyRow:
    indicator_id: str
    prefecture: float | None  # its own figure, else the complete county sum
    counties: tuple[CountyFigure, ...]  # in the order of CountyView.regions
    rolled_up: bool = False  # the prefecture's figure is the county sum (README, Roll-up)
    complete: bool | None = None  # whether every county gave the figure (None: it does not add up)


@dataclass(frozen=True, slots=True)
class CountyView:
    """Each county's figures beside the prefecture's, with their shares (README, Roll-up)."""

    regions: tuple[Region, ...]
    rows: tuple[CountyRow, ...]


@dataclass(frozen=True, slots=True)
class DepartmentView:
    """One 责任部门: the goals and tasks it leads, and what it still owes."""

    name: str
    goals: tuple[str, ...]  # indicator ids
    tasks: tuple[int, ...]  # task numbers it leads
    behind: tuple[str, ...]  # its goals at moderate or worse
    awaiting: tuple[str, ...]  # its goals that cannot be assessed for want of data


@dataclass(frozen=True, slots=True)
class TaskProgress:
    """A task in the year: its status as the department reported it (None: nothing reported, 未报送)
    and what was done, in the department's own words; as `dehong tasks --year` shows it."""

    task: Task
    status: TaskStatus | None
    progress: str | None = None


@dataclass(frozen=True, slots=True)
class SourceReport:
    """A report file the figures come from."""

    year: int
    region: Region
    provenance: Provenance
    source: str


@dataclass(frozen=True, slots=True)
class ReportData:
    plan: Plan
    region: Region
    as_of: int | None
    years: tuple[int, ...]  # the years of the trend: the period's years up to as-of
    made_on: dt.date
    assessment: Assessment  # exactly what `dehong status` judges
    summary: Summary
    strands: tuple[StrandView, ...]
    sources: tuple[SourceReport, ...]
    data_from: str = ""  # the data folder, as the user named it
    counties: CountyView | None = None
    departments: tuple[DepartmentView, ...] = ()
    tasks: tuple[TaskProgress, ...] | None = None  # progress in the year, once issue 12 supplies it
    plan_tasks: tuple[Task, ...] = ()  # the plan's numbered tasks and their departments
    department_en: tuple[tuple[str, str], ...] = ()  # the registry's English name of each department

    def department_name(self, name: str, lang: str) -> str:
        """A department's name in the report's language (the plan's own words when not registered)."""
        return dict(self.department_en).get(name, name) if lang == "en" else name

    @property
    def provenances(self) -> frozenset[Provenance]:
        """What the warning up front rests on: every figure behind a status, and every source."""
        return self.assessment.provenances | {s.provenance for s in self.sources}

    def goal(self, indicator_id: str) -> GoalView:
        return next(g for s in self.strands for g in s.goals if g.id == indicator_id)


# ----------------------------------------------------------------------------- assembly


def build(
    cat: Catalogue,
    reports: Sequence[Report],
    *,
    made_on: dt.date,
    region: Region | None = None,
    as_of: int | None = None,
    data_from: str = "",
    task_files: Sequence[TaskFile] = (),
    keep: Collection[str] | None = None,
) -> ReportData:
    """The annual assessment for a region (default: the plan's) as of a year (default: the latest
    year with data), made on a given date; with the year's task progress when `task_files` hold any.
    `keep`: only these goals in the strands (as `dehong status --strand/--dept/--only` selects)."""
    where = cat.home_region if region is None else region
    shared = Regions.of(cat, reports)  # read once for every assessment below
    result = assess(cat, reports, region=where, as_of=as_of, regions=shared)
    years = _trend_years(cat.plan, result.as_of)
    by_year = {y: assess(cat, reports, region=where, as_of=y, regions=shared) for y in years}
    goals = {
        p.indicator.id: GoalView(
            p,
            detail(cat, reports, p.indicator, region=where, as_of=result.as_of, regions=shared).pace,
            tuple((y, by_year[y].results[k].status) for y in years),
            tuple(cat.departments_of(p.indicator)),
            p.attainment,
        )
        for k, p in enumerate(result.results)
    }
    strands = tuple(
        StrandView(
            s,
            tuple(goals[i.id] for i in cat.indicators if i.strand == s.id and (keep is None or i.id in keep)),
        )
        for s in cat.strands
    )
    counties = county_view(cat, shared, result.as_of) if where.level == "prefecture" else None
    if counties is not None and keep is not None:
        counties = replace(counties, rows=tuple(r for r in counties.rows if r.indicator_id in keep))
    shown = {where.code, *(r.code for r in (counties.regions if counties else ()))}
    progress = task_section(cat, task_files, where, result.as_of)
    return ReportData(
        plan=cat.plan,
        region=where,
        as_of=result.as_of,
        years=years,
        made_on=made_on,
        assessment=result,
        summary=summarise(result),
        strands=tuple(s for s in strands if s.goals),
        sources=_sources(cat, reports, shown, result.as_of) + (progress[1] if progress else ()),
        data_from=data_from,
        counties=counties,
        departments=department_view(cat, result, keep),
        tasks=progress[0] if progress else None,
        plan_tasks=tuple(cat.tasks),
        department_en=tuple((d.name, d.name_en) for d in cat.departments),
    )


def task_section(
    cat: Catalogue, files: Sequence[TaskFile], region: Region, year: int | None
) -> tuple[tuple[TaskProgress, ...], tuple[SourceReport, ...]] | None:
    """Each task's status and progress in the year, and the files they come from (whose provenance
    the report's warning takes in); None when no file covers the year."""
    from dehong_cli.assess.departments import task_year

    if year is None:
        return None
    data = task_year(cat, files, year, region)
    if not data.files:
        return None
    rows = tuple(TaskProgress(r.task, r.status, r.progress) for r in data.rows)
    sources = tuple(
        SourceReport(f.year, region, f.provenance, f"{f.source} (任务进展 task progress)") for f in data.files
    )
    return rows, sources


def _trend_years(plan: Plan, as_of: int | None) -> tuple[int, ...]:
    if as_of is None:
        return ()
    years = [y for y in range(plan.period_start, plan.period_end + 1) if y <= as_of]
    return tuple(years if as_of <= plan.period_end else [*years, as_of])


def summarise(result: Assessment) -> Summary:
    quantified = [p for p in result.results if p.status is not Status.QUALITATIVE]
    current = [p for p in quantified if any(f.year == result.as_of for f in p.figures)]
    counts = result.counts
    return Summary(
        counts=tuple(counts.items()),
        total=len(result.results),
        quantified=len(quantified),
        with_current_figure=len(current),
        awaiting=counts[Status.UNABLE_TO_ASSESS] + counts[Status.AWAITING_DATA],
    )


def county_view(cat: Catalogue, regions: Regions, as_of: int | None) -> CountyView | None:
    """Each county with a report: its figures for the as-of year beside the prefecture's (its own, else
    the complete county sum: README, Roll-up), with its share where figures add up."""
    if as_of is None:
        return None
    home = regions.table(cat.home_region.code)
    tables = [(r, regions.table(r.code)) for r in regions.children(cat.home_region.code)]
    tables = [(r, t) for r, t in tables if any(y <= as_of for s in t.values() for y in s)]
    if not tables:
        return None
    rows = []
    for ind in cat.indicators:
        figures = [t.get(ind.id, {}).get(as_of) for _, t in tables]
        if all(f is None for f in figures):
            continue
        total = home.get(ind.id, {}).get(as_of)
        additive = mode_of(cat, ind.id) is Mode.SUM
        cells = tuple(
            CountyFigure(
                None if f is None else f.value,
                (share(f, total) or 0) / 100 if additive and f and total else None,
            )
            for f in figures
        )
        rolled = regions.rolled(cat.home_region.code).get((ind.id, as_of))
        complete = None if rolled is None else rolled.complete
        rows.append(
            CountyRow(
                ind.id,
                None if total is None else total.value,
                cells,
                bool(total and total.rolled_up),
                complete,
            )
        )
    return CountyView(tuple(r for r, _ in tables), tuple(rows))


def department_view(
    cat: Catalogue, result: Assessment, keep: Collection[str] | None = None
) -> tuple[DepartmentView, ...]:
    """Every 责任部门 named by a task or a goal, in the order the plan first names them; with only
    the goals in `keep` when given."""

    def named(name: str) -> str:  # the registry's name for a spelling (州工息委 is 州工信委)
        return body.name if (body := cat.department(name)) is not None else name

    names: dict[str, None] = {}
    for task in cat.tasks:
        names.update(dict.fromkeys(named(n) for n in task.lead_departments))
    results = [p for p in result.results if keep is None or p.indicator.id in keep]
    owners = {p.indicator.id: cat.departments_of(p.indicator) for p in results}
    for found in owners.values():
        names.update(dict.fromkeys(found))
    views = []
    for name in names:
        mine = [p for p in results if name in owners[p.indicator.id]]
        views.append(
            DepartmentView(
                name=name,
                goals=tuple(p.indicator.id for p in mine),
                tasks=tuple(t.number for t in cat.tasks if name in {named(n) for n in t.lead_departments}),
                behind=tuple(p.indicator.id for p in mine if p.status in BEHIND),
                awaiting=tuple(p.indicator.id for p in mine if p.status in WITHOUT_DATA),
            )
        )
    return tuple(views)


def _sources(
    cat: Catalogue, reports: Sequence[Report], codes: set[str], as_of: int | None
) -> tuple[SourceReport, ...]:
    order = {r.code: k for k, r in enumerate(cat.regions)}
    found = []
    for rep in reports:
        region = rep.region_in(cat)
        if region is None or region.code not in codes or as_of is None or rep.year > as_of:
            continue
        found.append(SourceReport(rep.year, region, rep.provenance, rep.source))
    return tuple(sorted(found, key=lambda s: (s.year, order[s.region.code])))


__all__ = [
    "CountyFigure",
    "CountyRow",
    "CountyView",
    "DepartmentView",
    "GoalView",
    "ReportData",
    "SourceReport",
    "StrandView",
    "Summary",
    "TaskProgress",
    "build",
]

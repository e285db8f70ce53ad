"""Task progress for a year, and one department's scorecard: pure assembly, no I/O, no clock.

`task_year` puts every task of the plan beside its entry for the year (or none: 未报送);
`scorecard` gathers what one department answers for: the goals it leads or supports with the
engine's statuses, its tasks with their progress, and what it still owes for the year — a figure
for each quantified goal it leads, an entry for each task it leads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from dehong_cli.assess.missing import missing
from dehong_cli.assess.results import Assessment, Progress
from dehong_cli.model.catalogue import Catalogue, Department, Indicator, Region, Task
from dehong_cli.model.departments import goal_role, has_task, leads_task
from dehong_cli.model.report import Provenance, Report
from dehong_cli.model.tasks import TaskProgress, TaskStatus

NOT_REPORTED = "not_reported"  # the --status word for a task with no entry for the year


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One task in one year: its entry, or None for every field when nothing was reported."""

    task: Task
    status: TaskStatus | None  # None: not reported (未报送)
    department: str | None = None  # as the file writes it
    progress: str | None = None
    evidence: tuple[str, ...] = ()
    provenance: Provenance | None = None
    source: str | None = None
    role: str | None = None  # in a scorecard: lead or supporting

    @property
    def status_id(self) -> str:
        return self.status.value if self.status is not None else NOT_REPORTED


@dataclass(frozen=True, slots=True)
class TaskYear:
    year: int
    region: Region
    rows: tuple[TaskRow, ...]
    files: tuple[TaskProgress, ...] = ()  # the file(s) the entries come from

    @property
    def provenances(self) -> frozenset[Provenance]:
        return frozenset(r.provenance for r in self.rows if r.provenance is not None)

    @property
    def illustrative(self) -> bool:
        return Provenance.ILLUSTRATIVE in self.provenances

    @property
    def estimate(self) -> bool:
        return Provenance.ESTIMATE in self.provenances


def _region_code(cat: Catalogue, progress: TaskProgress) -> str | None:
    region = cat.regions_by_key.get(progress.region or cat.plan.region)
    return region.code if region else None


def task_year(
    cat: Catalogue,
    files: Sequence[TaskProgress],
    year: int,
    region: Region,
    *,
    status: str | None = None,
    dept: Department | None = None,
) -> TaskYear:
    """Every task (of `dept`, when given) with its entry for `year` and `region`; `status` (an id of
    TaskStatus, or not_reported) keeps only the tasks at that status."""
    mine = [f for f in files if f.year == year and _region_code(cat, f) == region.code]
    rows = []
    for task in cat.tasks:
        if dept is not None and not has_task(cat, dept, task):
            continue
        row = TaskRow(task, None)
        for f in mine:
            entry = f.entries().get(task.number)
            if entry is not None:
                row = TaskRow(
                    task,
                    entry.status,
                    entry.department,
                    entry.progress,
                    tuple(entry.evidence),
                    f.provenance,
                    f.source,
                )
        if dept is not None:
            row = replace(row, role="lead" if leads_task(cat, dept, task) else "supporting")
        if status is None or row.status_id == status:
            rows.append(row)
    return TaskYear(year, region, tuple(rows), tuple(mine))


@dataclass(frozen=True, slots=True)
class GoalRow:
    progress: Progress
    role: str  # lead or supporting


@dataclass(frozen=True, slots=True)
class Scorecard:
    """One department's goals, tasks and what it still owes, for one region and year."""

    department: Department
    year: int | None
    region: Region
    goals: tuple[GoalRow, ...]
    tasks: TaskYear | None  # None when there is no year
    owed_figures: tuple[Indicator, ...]  # quantified goals it leads with no figure for the year
    owed_tasks: tuple[Task, ...]  # tasks it leads with no entry for the year

    @property
    def provenances(self) -> frozenset[Provenance]:
        found = frozenset().union(*(g.progress.provenances for g in self.goals))
        return found | (self.tasks.provenances if self.tasks else frozenset())


def scorecard(
    cat: Catalogue,
    dept: Department,
    assessment: Assessment,
    reports: Sequence[Report],
    files: Sequence[TaskProgress],
    year: int | None,
) -> Scorecard:
    """Assemble a department's scorecard from the engine's assessment (of every goal) and the files."""
    region = assessment.region
    goals = []
    for p in assessment.results:
        role = goal_role(cat, dept, p.indicator)
        if role is not None:
            goals.append(GoalRow(p, role))
    if year is None:
        return Scorecard(dept, None, region, tuple(goals), None, (), ())
    tasks = task_year(cat, files, year, region, dept=dept)
    # What `dehong missing` says the region owes (a complete county sum is a figure), for goals it leads.
    owing = {o.indicator.id for o in missing(cat, reports, year, region).owed}
    owed_figures = tuple(
        g.progress.indicator for g in goals if g.role == "lead" and g.progress.indicator.id in owing
    )
    owed_tasks = tuple(r.task for r in tasks.rows if r.role == "lead" and r.status is None)
    return Scorecard(dept, year, region, tuple(goals), tasks, owed_figures, owed_tasks)


def latest_year(
    cat: Catalogue, reports: Sequence[Report], files: Sequence[TaskProgress], region: Region
) -> int | None:
    """The latest year with a report or task-progress file for the region, up to the plan's last year."""
    years = [r.year for r in reports if r.region_code(cat) == region.code]
    years += [f.year for f in files if _region_code(cat, f) == region.code]
    years = [y for y in years if y <= cat.last_year]
    return max(years) if years else None

"""Which goals and tasks a command is about: by strand, department, id or name, region and year.

Every unknown name is a usage error here, before any report is read, so a mistyped option
says so (exit 2) even when the reports are invalid too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dehong_cli.assess.engine import assess, detail
from dehong_cli.assess.results import Assessment, Detail
from dehong_cli.model.catalogue import Catalogue, Indicator, Region, Task
from dehong_cli.model.departments import find_department, goal_role, has_task
from dehong_cli.model.lookup import check_year, find_indicator, find_region, find_strand
from dehong_cli.model.report import Report
from dehong_cli.model.status import Status


def select_indicators(cat: Catalogue, strand: str | None, dept: str | None) -> list[Indicator]:
    """The goals of a strand (id, name or a part of one only it has) and of a department (by the
    registry: name, variant, or a part only one body has), in catalogue order."""
    chosen = list(cat.indicators)
    if strand:
        wanted = find_strand(cat, strand)
        chosen = [i for i in chosen if i.strand == wanted]
    if dept:
        body = find_department(cat, dept)
        chosen = [i for i in chosen if goal_role(cat, body, i) is not None]
    return chosen


def select_tasks(cat: Catalogue, dept: str | None) -> list[Task]:
    """The tasks a department (by the registry) leads or supports; all of them without one."""
    if not dept:
        return list(cat.tasks)
    body = find_department(cat, dept)
    return [t for t in cat.tasks if has_task(cat, body, t)]


@dataclass(frozen=True, slots=True)
class Query:
    """The goals, region and year a status is asked for, every name resolved."""

    indicators: tuple[Indicator, ...]
    region: Region
    year: int | None  # None: the latest year with data


def goal_query(
    cat: Catalogue,
    *,
    indicator: str | None = None,
    strand: str | None = None,
    dept: str | None = None,
    region: str | None = None,
    year: int | None = None,
) -> Query:
    """Resolve the options of `status` and `show`, in the order their usage errors are given."""
    if indicator is not None:
        chosen = [find_indicator(cat, indicator)]
    else:
        chosen = select_indicators(cat, strand, dept)
    where = find_region(cat, region)
    return Query(tuple(chosen), where, check_year(cat, year))


def status_of(
    cat: Catalogue, reports: Sequence[Report], query: Query, only: Status | None = None
) -> Assessment:
    """The status of the query's goals; with `only`, just the goals at that status."""
    result = assess(cat, reports, region=query.region, as_of=query.year, indicators=query.indicators)
    return result if only is None else result.only(only)


def detail_of(cat: Catalogue, reports: Sequence[Report], query: Query) -> Detail:
    """One goal in depth (the query's first), for `dehong show`."""
    return detail(cat, reports, query.indicators[0], region=query.region, as_of=query.year)

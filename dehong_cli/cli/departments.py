"""`dehong tasks` and `dehong dept`: the plan's tasks, their progress in a year, and one department's
scorecard. Every department named on the command line goes through the registry
(`model.departments.find_department`). Like the rest of cli/, no `from __future__ import annotations`.
"""

from typing import Annotated

import typer

from dehong_cli.cli.options import DataDirOpt, DeptFormat, DeptOpt, Lang, LangOpt, RegionOpt, TasksFormat
from dehong_cli.errors import UsageError
from dehong_cli.render.terminal import out, style_for

YearOpt = Annotated[
    int | None, typer.Option("--year", help="Progress in this year (data/tasks/<year>.yaml).")
]


def _status_filter(text: str | None) -> str | None:
    """--status: an id or Chinese word of a task status, or not_reported (未报送)."""
    from dehong_cli.assess.departments import NOT_REPORTED
    from dehong_cli.model.tasks import NOT_REPORTED as NOT_REPORTED_ZH
    from dehong_cli.model.tasks import STATUS_CHOICES, parse_status

    if text is None:
        return None
    if text.strip() in (NOT_REPORTED, NOT_REPORTED_ZH):
        return NOT_REPORTED
    status = parse_status(text)
    if status is None:
        raise UsageError(
            f"unknown task status '{text}'; use {STATUS_CHOICES} or {NOT_REPORTED} ({NOT_REPORTED_ZH})"
        )
    return status.value


def tasks(
    year: YearOpt = None,
    region: RegionOpt = None,
    only: Annotated[
        str | None,
        typer.Option(
            "--status", help="With --year: only tasks at this status (done, 推进中, not_reported…)."
        ),
    ] = None,
    dept: DeptOpt = None,
    format_: Annotated[
        TasksFormat, typer.Option("--format", "-f", help="With --year: table, json, csv or markdown.")
    ] = TasksFormat.table,
    lang: LangOpt = Lang.zh,
    data_dir_: DataDirOpt = None,
) -> None:
    """The plan's 30 numbered tasks and their departments; with --year, each task's progress that year."""
    from dehong_cli.cli.inputs import catalogue
    from dehong_cli.model.departments import find_department
    from dehong_cli.model.lookup import check_year, find_region

    cat = catalogue(data_dir_)
    if year is None:
        from dehong_cli.assess.select import select_tasks
        from dehong_cli.render.catalogue import tasks_table

        if only is not None or format_ is not TasksFormat.table or region is not None:
            raise UsageError("--status, --region and --format need --year (the year whose progress to show)")
        out(tasks_table(cat, select_tasks(cat, dept), lang.value, style_for()))
        return
    from dehong_cli.assess.departments import task_year
    from dehong_cli.checks.tasks import load_task_progress
    from dehong_cli.files.paths import data_dir
    from dehong_cli.render.tasks import TASK_FORMATS

    body = find_department(cat, dept) if dept else None

    check_year(cat, year)
    where = find_region(cat, region)
    status = _status_filter(only)
    files = load_task_progress(data_dir(data_dir_), cat)
    data = task_year(cat, files, year, where, status=status, dept=body)
    out(TASK_FORMATS[format_.value](cat, data, lang.value, style_for()))


def dept(
    name: Annotated[
        str, typer.Argument(help="The department: its name, a variant, or a part only it has (工信委).")
    ],
    year: Annotated[
        int | None,
        typer.Option("--year", help="The year. Default: the latest year with figures or task progress."),
    ] = None,
    region: RegionOpt = None,
    format_: Annotated[
        DeptFormat, typer.Option("--format", "-f", help="table, json or markdown.")
    ] = DeptFormat.table,
    lang: LangOpt = Lang.zh,
    data_dir_: DataDirOpt = None,
) -> None:
    """One department's scorecard: its goals and their statuses, its tasks' progress, what it still owes."""
    from dehong_cli.assess.departments import latest_year, scorecard
    from dehong_cli.assess.engine import assess
    from dehong_cli.checks.tasks import load_task_progress
    from dehong_cli.checks.valid_reports import load_reports
    from dehong_cli.cli.inputs import catalogue
    from dehong_cli.files.paths import data_dir
    from dehong_cli.model.departments import find_department
    from dehong_cli.model.lookup import check_year, find_region
    from dehong_cli.render.dept import DEPT_FORMATS

    cat = catalogue(data_dir_)
    body = find_department(cat, name)
    if body.kind == "unspecified":  # 相关部门: words that name no body, so there is no one to score
        raise UsageError(f"'{body.name}' names no department ({body.name_en}); give the department's name")
    where = find_region(cat, region)
    check_year(cat, year)
    folder = data_dir(data_dir_)
    reports = load_reports(folder, cat)
    files = load_task_progress(folder, cat)
    year = year if year is not None else latest_year(cat, reports, files, where)
    result = assess(cat, reports, region=where, as_of=year)
    card = scorecard(cat, body, result, reports, files, year)
    out(DEPT_FORMATS[format_.value](cat, card, lang.value, style_for()))

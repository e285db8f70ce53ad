"""`dehong status` and `dehong show`: where the goals stand.

Each command resolves its options (assess.select), loads the reports, computes, and prints
what the renderer chosen by --format returns. Heavy modules are imported when a command runs.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dehong_cli.cli.counties import ByRegionOpt, status_by_region
from dehong_cli.cli.options import (
    AsOfOpt,
    DataDirOpt,
    DeptOpt,
    FailOnOpt,
    Lang,
    LangOpt,
    RegionOpt,
    ShowFormat,
    StatusFormat,
    StatusOnlyOpt,
    StrandOpt,
)
from dehong_cli.errors import EXIT_INVALID, UsageError
from dehong_cli.render.terminal import out, say, style_for

if TYPE_CHECKING:
    from dehong_cli.assess.annual import ReportData
    from dehong_cli.assess.results import Assessment
    from dehong_cli.model.catalogue import Catalogue
    from dehong_cli.model.report import Report


def status(
    year: AsOfOpt = None,
    region: RegionOpt = None,
    strand: StrandOpt = None,
    dept: DeptOpt = None,
    only: StatusOnlyOpt = None,
    format_: Annotated[
        StatusFormat,
        typer.Option(
            "--format", "-f", help="table, json, csv, markdown or xlsx (the Excel 进展情况表; needs --out)."
        ),
    ] = StatusFormat.table,
    excel: Annotated[
        bool, typer.Option("--excel", help="With --format csv: for Excel (a BOM and CRLF line ends).")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file. Required for xlsx.")
    ] = None,
    lang: LangOpt = Lang.zh,
    fail_on: FailOnOpt = None,
    data_dir_: DataDirOpt = None,
    by_region: ByRegionOpt = False,
) -> None:
    """Every goal: target, latest value, gap, progress and status, grouped by strand."""
    from dehong_cli.assess.select import goal_query, status_of
    from dehong_cli.cli.inputs import catalogue, reports
    from dehong_cli.files.paths import data_dir, write_output
    from dehong_cli.model.lookup import find_status
    from dehong_cli.model.status import STATUS_ZH
    from dehong_cli.render.status import FOR_EXCEL, STATUS_FILES, STATUS_FORMATS

    if excel and format_.value not in FOR_EXCEL:
        raise UsageError(f"--excel is for --format {' or '.join(FOR_EXCEL)}, not {format_.value}")
    if format_.value in STATUS_FILES and output is None:
        raise UsageError(f"--format {format_.value} writes a file: give --out FILE.{format_.value}")
    cat = catalogue(data_dir_)
    only_, fail_on_ = find_status(only, "--status"), find_status(fail_on, "--fail-on")
    query = goal_query(cat, strand=strand, dept=dept, region=region, year=year)
    if by_region:
        if format_.value in STATUS_FILES or excel or output is not None:
            raise UsageError("--by-region prints its table: it takes no --out, --excel or --format xlsx")
        return status_by_region(
            cat, reports(data_dir_, cat, query.region), query, format_.value, lang.value, fail_on_
        )
    figures = reports(data_dir_, cat, query.region)
    result = status_of(cat, figures, query, only_)
    payload: str | bytes
    if format_.value in STATUS_FILES:
        payload = STATUS_FILES[format_.value](_workbook(cat, figures, result, data_dir_), lang.value)
    else:
        payload = (FOR_EXCEL if excel else STATUS_FORMATS)[format_.value](
            cat, result, lang.value, style_for()
        )
    if output is None:
        assert isinstance(payload, str)
        out(payload)
    else:
        write_output(output, payload, data_dir(data_dir_))
        say(f"wrote the status as of {result.as_of} to {output}")
    if fail_on_ is not None and (failing := result.failing(fail_on_)):
        ids = ", ".join(p.indicator.id for p in failing)
        if lang is Lang.zh:
            say(f"未通过：{len(failing)} 项目标处于{STATUS_ZH[fail_on_]}或更差：{ids}")
        else:
            say(f"fail: {len(failing)} goal(s) at {fail_on_.value} or worse: {ids}")
        raise typer.Exit(EXIT_INVALID)


def _workbook(
    cat: "Catalogue", figures: "Sequence[Report]", result: "Assessment", data_dir_: Path | None
) -> "ReportData":
    """The report's view-model of the goals `status` selected, for the 进展情况表 (one implementation
    with `dehong report --format xlsx`), with the year's task progress."""
    from dehong_cli.assess.annual import build
    from dehong_cli.checks.tasks import load_task_progress
    from dehong_cli.files.paths import data_dir
    from dehong_cli.files.settings import made_on

    return build(
        cat,
        figures,
        made_on=made_on(),
        region=result.region,
        as_of=result.as_of,
        data_from=str(data_dir(data_dir_)),
        task_files=load_task_progress(data_dir(data_dir_), cat),
        keep={p.indicator.id for p in result.results},
    )


def show(
    indicator: Annotated[
        str, typer.Argument(help="The goal: its id, Chinese or English name, or a part of one only it has.")
    ],
    year: AsOfOpt = None,
    region: RegionOpt = None,
    format_: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="text (or table) or json.")
    ] = ShowFormat.text,
    lang: LangOpt = Lang.zh,
    data_dir_: DataDirOpt = None,
) -> None:
    """One goal in depth: definition, clause, yearly values against pace, status history, chart."""
    from dehong_cli.assess.select import detail_of, goal_query
    from dehong_cli.cli.inputs import catalogue, reports
    from dehong_cli.render.show import SHOW_FORMATS

    cat = catalogue(data_dir_)
    query = goal_query(cat, indicator=indicator, region=region, year=year)
    result = detail_of(cat, reports(data_dir_, cat, query.region), query)
    out(SHOW_FORMATS[format_.value](cat, result, query.region, lang.value, style_for()))


def method(lang: LangOpt = Lang.zh, data_dir_: DataDirOpt = None) -> None:
    """How a status is judged: the statuses, their thresholds and the formulas, with the plan's years."""
    from dehong_cli.cli.inputs import catalogue
    from dehong_cli.render.method import method_text

    out(method_text(catalogue(data_dir_).plan, lang.value, style_for().width))

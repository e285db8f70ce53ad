"""`dehong status` and `dehong show`: where the goals stand.

Each command resolves its options (assess.select), loads the reports, computes, and prints
what the renderer chosen by --format returns. Heavy modules are imported when a command runs.
"""

from typing import Annotated

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
from dehong_cli.errors import EXIT_INVALID
from dehong_cli.render.terminal import out, say, style_for


def status(
    year: AsOfOpt = None,
    region: RegionOpt = None,
    strand: StrandOpt = None,
    dept: DeptOpt = None,
    only: StatusOnlyOpt = None,
    format_: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = StatusFormat.table,
    lang: LangOpt = Lang.zh,
    fail_on: FailOnOpt = None,
    data_dir_: DataDirOpt = None,
    by_region: ByRegionOpt = False,
) -> None:
    """Every goal: target, latest value, gap, progress and status, grouped by strand."""
    from dehong_cli.assess.select import goal_query, status_of
    from dehong_cli.cli.inputs import catalogue, reports
    from dehong_cli.model.lookup import find_status
    from dehong_cli.model.status import STATUS_ZH
    from dehong_cli.render.status import STATUS_FORMATS

    cat = catalogue(data_dir_)
    only_, fail_on_ = find_status(only, "--status"), find_status(fail_on, "--fail-on")
    query = goal_query(cat, strand=strand, dept=dept, region=region, year=year)
    if by_region:
        return status_by_region(cat, reports(data_dir_, cat), query, format_.value, lang.value, fail_on_)
    result = status_of(cat, reports(data_dir_, cat), query, only_)
    out(STATUS_FORMATS[format_.value](cat, result, lang.value, style_for()))
    if fail_on_ is not None and (failing := result.failing(fail_on_)):
        ids = ", ".join(p.indicator.id for p in failing)
        if lang is Lang.zh:
            say(f"未通过：{len(failing)} 项目标处于{STATUS_ZH[fail_on_]}或更差：{ids}")
        else:
            say(f"fail: {len(failing)} goal(s) at {fail_on_.value} or worse: {ids}")
        raise typer.Exit(EXIT_INVALID)


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
    result = detail_of(cat, reports(data_dir_, cat), query)
    out(SHOW_FORMATS[format_.value](cat, result, query.region, lang.value, style_for()))


def method(lang: LangOpt = Lang.zh, data_dir_: DataDirOpt = None) -> None:
    """How a status is judged: the statuses, their thresholds and the formulas, with the plan's years."""
    from dehong_cli.cli.inputs import catalogue
    from dehong_cli.render.method import method_text

    out(method_text(catalogue(data_dir_).plan, lang.value, style_for().width))

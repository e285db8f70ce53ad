"""Counties and their prefecture on the command line: `status --by-region` and `dehong missing`.

Like the rest of cli/, no `from __future__ import annotations`: Typer reads these annotations at start-up.
"""

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dehong_cli.cli.options import DataDirOpt, Lang, LangOpt, RegionOpt
from dehong_cli.errors import EXIT_INVALID
from dehong_cli.model.status import Status, at_or_worse
from dehong_cli.render.terminal import out, say, style_for

if TYPE_CHECKING:
    from dehong_cli.assess.select import Query
    from dehong_cli.model.catalogue import Catalogue
    from dehong_cli.model.report import Report

ByRegionOpt = Annotated[
    bool, typer.Option("--by-region", help="One matrix: every goal for the region and each county.")
]


def status_by_region(
    cat: "Catalogue",
    reports: Sequence["Report"],
    query: "Query",
    fmt: str,
    lang: str,
    fail_on: Status | None,
) -> None:
    """`dehong status --by-region`: goals × (the region and each of its sub-regions)."""
    from dehong_cli.assess.by_region import by_region
    from dehong_cli.render.regions import REGION_FORMATS

    matrix = by_region(cat, reports, region=query.region, as_of=query.year, indicators=query.indicators)
    out(REGION_FORMATS[fmt](cat, matrix, lang, style_for()))
    if fail_on is None:
        return
    failing = [
        f"{p.indicator.id}@{p.region.code if p.region else '?'}"
        for row in matrix.rows
        for p in row.cells
        if at_or_worse(p.status, fail_on)
    ]
    if failing:
        say(f"fail: {len(failing)} goal(s) at {fail_on.value} or worse: {', '.join(failing)}")
        raise typer.Exit(EXIT_INVALID)


class MissingFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def missing(
    year: Annotated[int, typer.Option("--year", help="The year whose reports are awaited.")],
    region: RegionOpt = None,
    format_: Annotated[
        MissingFormat, typer.Option("--format", "-f", help="table, json or markdown.")
    ] = MissingFormat.table,
    lang: LangOpt = Lang.zh,
    data_dir_: DataDirOpt = None,
) -> None:
    """Who still has to report what for a year, by region and by department (whom to chase)."""
    from dehong_cli.assess.missing import missing as owed
    from dehong_cli.cli.inputs import catalogue, reports
    from dehong_cli.model.lookup import check_year, find_region
    from dehong_cli.render.missing import MISSING_FORMATS

    cat = catalogue(data_dir_)
    check_year(cat, year)
    where = find_region(cat, region) if region else None
    result = owed(cat, reports(data_dir_, cat), year, where)
    out(MISSING_FORMATS[format_.value](cat, result, lang.value, style_for()))

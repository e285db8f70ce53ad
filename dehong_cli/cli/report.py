"""`dehong report`: the annual assessment people read, as one HTML page, Markdown, the Excel
进展情况表, or its goals sheet as CSV for Excel.

The command only gathers its inputs (catalogue, reports, region, year, today's date), calls the
pure assembly step (`assess.annual.build`) and a renderer chosen by name, and writes the result.
Like `cli.app`, no `from __future__ import annotations`: Typer reads these annotations at start-up.
"""

import datetime as dt
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dehong_cli.cli.app import DataDirOpt, Lang, LangOpt, RegionOpt, app, catalogue, data_dir, handles_errors
from dehong_cli.errors import UsageError
from dehong_cli.render.terminal import out, say

# The date a report says it was made on: today, or $SOURCE_DATE_EPOCH (seconds since 1970, UTC), the
# reproducible-builds convention, so that a report kept in version control changes only with its data.
DATE_ENV = "SOURCE_DATE_EPOCH"


class ReportFormat(StrEnum):
    html = "html"
    markdown = "markdown"
    xlsx = "xlsx"
    csv = "csv"


@app.command()
@handles_errors
def report(
    year: Annotated[
        int | None, typer.Option("--year", help="As of this year. Default: the latest year with data.")
    ] = None,
    region: RegionOpt = None,
    lang: LangOpt = Lang.zh,
    format_: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="html (one self-contained page), markdown, xlsx (the 进展情况表) "
            "or csv (its goals sheet, with a BOM for Excel).",
        ),
    ] = ReportFormat.html,
    output: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write to this file. Required for xlsx. Default: stdout."),
    ] = None,
    data_dir_: DataDirOpt = None,
) -> None:
    """The annual assessment (Clause 29): summary, every goal with its chart, trend, counties,
    departments, method and sources, for leaders and departments to read on paper or in e-mail."""
    from dehong_cli.assess.annual import build
    from dehong_cli.checks.valid_reports import load_reports
    from dehong_cli.model.lookup import check_year, find_region
    from dehong_cli.render.export import write_file
    from dehong_cli.render.report_formats import REPORT_FORMATS

    if format_ is ReportFormat.xlsx and output is None:
        raise UsageError("--format xlsx writes a workbook: give --out FILE.xlsx")
    cat = catalogue(data_dir_)
    where = find_region(cat, region)
    check_year(cat, year)
    folder = data_dir(data_dir_)
    data = build(
        cat, load_reports(folder, cat), made_on=_today(), region=where, as_of=year, data_from=str(folder)
    )
    payload = REPORT_FORMATS[format_.value](data, lang.value)
    if output is None:
        assert isinstance(payload, str)
        out(payload)
        return
    write_file(output, payload.encode("utf-8") if isinstance(payload, str) else payload)
    say(f"wrote the report as of {data.as_of} to {output}" if data.as_of else f"wrote the report to {output}")


def _today() -> dt.date:
    raw = os.environ.get(DATE_ENV)
    if raw is None:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"${DATE_ENV} must be whole seconds since 1970, not '{raw}'") from None

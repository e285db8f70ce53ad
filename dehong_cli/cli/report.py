"""`dehong report`: the annual assessment people read, as one HTML page, Markdown, the Excel
进展情况表, or its goals sheet as CSV for Excel.

The command gathers its inputs (catalogue, reports, region, year, the date it is made on), calls
the pure assembly step (`assess.annual.build`) and a renderer chosen by name, and writes the result.
"""

from pathlib import Path
from typing import Annotated

import typer

from dehong_cli.cli.options import AsOfOpt, DataDirOpt, Lang, LangOpt, RegionOpt, ReportFormat
from dehong_cli.errors import UsageError
from dehong_cli.render.terminal import out, say


def report(
    year: AsOfOpt = None,
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
    from dehong_cli.assess.select import goal_query
    from dehong_cli.checks.tasks import load_task_progress
    from dehong_cli.cli.inputs import catalogue, reports
    from dehong_cli.files.paths import data_dir, write_output
    from dehong_cli.files.settings import made_on
    from dehong_cli.render.report_formats import REPORT_FORMATS

    if format_ is ReportFormat.xlsx and output is None:
        raise UsageError("--format xlsx writes a workbook: give --out FILE.xlsx")
    cat = catalogue(data_dir_)
    query = goal_query(cat, region=region, year=year)
    figures = reports(data_dir_, cat)
    data = build(
        cat,
        figures,
        made_on=made_on(),
        region=query.region,
        as_of=query.year,
        data_from=str(data_dir(data_dir_)),
        task_files=load_task_progress(data_dir(data_dir_), cat),
    )
    payload = REPORT_FORMATS[format_.value](data, lang.value)
    if output is None:
        assert isinstance(payload, str)
        out(payload)
        return
    write_output(output, payload)
    say(f"wrote the report as of {data.as_of} to {output}" if data.as_of else f"wrote the report to {output}")

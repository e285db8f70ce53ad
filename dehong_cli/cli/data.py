"""`dehong import`, `dehong new-report` and `dehong export`: figures into and out of the reports."""

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from dehong_cli.cli.options import (
    DataDirOpt,
    ExportFormat,
    ImportFormat,
    ImportProvenance,
    InputFormat,
    RegionOpt,
)
from dehong_cli.errors import EXIT_INVALID, UsageError
from dehong_cli.render.terminal import out, say, style_for


def import_(
    source: Annotated[
        str,
        typer.Argument(
            help="A .csv, .xlsx, .xls, .json or .yaml file, or - for stdin.",
            metavar="SOURCE",
            show_default=False,
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="The year of the figures; with a 年份 column, the rows to take. "
            "Without it, each row goes to its own year's report.",
        ),
    ] = None,
    region: RegionOpt = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Worksheet of a workbook. Default: the first visible one.")
    ] = None,
    provenance: Annotated[
        ImportProvenance | None,
        typer.Option(
            "--provenance",
            help="official or estimate. Default: official for a new report; an existing one keeps its own.",
        ),
    ] = None,
    source_text: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Where the figures come from. Default: the sheet's 来源 column, else its file name.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite stored figures that differ from the sheet's.")
    ] = False,
    format_: Annotated[
        ImportFormat, typer.Option("--format", "-f", help="The change table as text or json.")
    ] = ImportFormat.text,
    input_format: Annotated[
        InputFormat | None,
        typer.Option(
            "--input-format", help="csv, xlsx, xls, json or yaml. Default: from the name; needed for -."
        ),
    ] = None,
    data_dir_: DataDirOpt = None,
) -> None:
    """Bring a department's sheet (CSV, Excel, JSON or YAML) into the report files.

    Every cell is checked, and every report as it would be written, before anything is
    written. Exit 0 when imported or nothing to do; 1 when refused (a bad cell, a figure that
    differs from the stored one, or another import holding the lock); 2 on a usage error.
    """
    import sys

    from dehong_cli.importer.run import ImportRequest, run_import
    from dehong_cli.model.report import Provenance
    from dehong_cli.render.imports import IMPORT_FORMATS, import_summary

    request = ImportRequest(
        source=source,
        year=year,
        region=region,
        sheet=sheet,
        provenance=Provenance(provenance.value) if provenance else None,
        source_text=source_text,
        replace=replace,
        dry_run=dry_run,
        input_format=input_format.value if input_format else None,
    )
    result, cat = run_import(data_dir_, request, sys.stdin.buffer.read)
    out(IMPORT_FORMATS[format_.value](result, cat, style_for()))
    say(import_summary(result))
    if result.outcome == "conflicts":
        raise typer.Exit(EXIT_INVALID)


def new_report(
    year: Annotated[int, typer.Option("--year", help="The year the report is for.", show_default=False)],
    region: RegionOpt = None,
    tasks_: Annotated[
        bool, typer.Option("--tasks", help="A task-progress file (tasks/<year>.yaml) instead of a report.")
    ] = False,
    data_dir_: DataDirOpt = None,
) -> None:
    """Write a blank report to fill in by hand: every indicator with its name, unit and accrual.

    With --tasks, a task-progress file listing every task. Never overwrites a file (exit 1 if one
    exists). Prints the path written.
    """
    from dehong_cli.cli.inputs import catalogue
    from dehong_cli.files.paths import data_dir
    from dehong_cli.files.settings import lock_timeout
    from dehong_cli.importer.new_report import new_report
    from dehong_cli.model.lookup import check_year, find_region

    cat = catalogue(data_dir_)
    check_year(cat, year)
    code = find_region(cat, region).code
    if tasks_:
        from dehong_cli.importer.tasks import new_task_file

        out(str(new_task_file(cat, data_dir(data_dir_), year, code, lock_timeout())))
        say(f"wrote a {year} task-progress template: fill in the tasks reported on, then `dehong validate`")
        return
    path = new_report(cat, data_dir(data_dir_), year, code, lock_timeout())
    out(str(path))
    say(f"wrote a blank {year} report: fill in the figures and the source, then run `dehong validate`")


def export(
    format_: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="csv (UTF-8 with a BOM, for Excel), json or xlsx."),
    ] = ExportFormat.csv,
    with_status: Annotated[
        bool,
        typer.Option(
            "--with-status", help="Add the status of each row's goal as of its year: target, status…"
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file. Required for xlsx. Default: stdout."),
    ] = None,
    data_dir_: DataDirOpt = None,
) -> None:
    """All reports as one tidy table, one row per figure, for Excel, pandas or `dehong import`."""
    import itertools
    import tempfile
    from functools import partial

    from dehong_cli.assess.table import COLUMNS, export_table, report_values
    from dehong_cli.checks.valid_reports import iter_reports
    from dehong_cli.cli.inputs import catalogue, reports
    from dehong_cli.files.paths import data_dir, output_error, output_stream
    from dehong_cli.render.export import BINARY_FORMATS, EXPORT_WRITERS, values
    from dehong_cli.render.terminal import out_file

    if format_.value in BINARY_FORMATS and output is None:
        raise UsageError(f"--format {format_.value} writes a workbook: give --output FILE.{format_.value}")
    cat = catalogue(data_dir_)
    if with_status:  # a row's status needs its region's other years: all reports in memory
        table, columns = export_table(cat, reports(data_dir_, cat), with_status=True)
        rows: Iterable[Sequence[Any]] = values(table, columns)
    else:  # one report at a time, written as it comes: memory stays flat
        per_report = iter_reports(data_dir(data_dir_), cat, partial(report_values, cat))
        rows, columns = itertools.chain.from_iterable(per_report), COLUMNS
    write = EXPORT_WRITERS[format_.value]
    if output is None:  # spooled, so that a report found invalid half-way leaves stdout empty
        with tempfile.TemporaryFile() as spool:
            write(rows, columns, spool)
            spool.seek(0)
            out_file(spool)
        return
    try:
        with output_stream(output, data_dir(data_dir_)) as fh:
            count = write(rows, columns, fh)
    except OSError as exc:
        raise output_error(output, exc) from None
    say(f"wrote {count} row(s) to {output}")

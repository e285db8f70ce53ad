"""The command line: parse arguments, call the library, print, exit. Nothing else.

Heavy modules (pydantic models, YAML, rich) are imported inside the commands that need
them, so `dehong --help` and `dehong --version` start fast.

Unlike the other modules, this one does not use `from __future__ import annotations`: Typer
reads every command's annotations when it builds the CLI, at every start, and evaluating them
from strings would cost more than the rest of this module (building the CLI: 6.5 ms, not 2.4).
"""

import functools
import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from dehong_cli import __version__
from dehong_cli.errors import EXIT_INVALID, EXIT_USAGE, DehongError, UsageError
from dehong_cli.model.status import Status
from dehong_cli.render.terminal import out, say, style_for

if TYPE_CHECKING:
    from dehong_cli.model.catalogue import Catalogue

app = typer.Typer(
    name="dehong",
    help="Track the 2020 goals of 德发〔2017〕7号 (Dehong's innovation-driven development plan).",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    epilog="Exit codes: 0 ok; 1 invalid data, a refused import or a --fail-on gate; 2 usage error.",
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

P = ParamSpec("P")
R = TypeVar("R")


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn expected failures into a message on stderr and a documented exit code, once.

    An OSError here is the machine refusing (disk full, permission denied, a file gone
    between listing and reading): the user can act on its message; a traceback would
    only hide it.
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except DehongError as exc:
            from dehong_cli.errors import DataError

            if isinstance(exc, DataError):
                from dehong_cli.checks.core import Result
                from dehong_cli.render.validate import validate_text

                say(validate_text(Result(diagnostics=exc.diagnostics), style_for()).rstrip("\n"))
                say(f"error: {len(exc.diagnostics)} problem(s) in the input")
            else:
                say(f"error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            say(f"error: {where}{exc.strerror or exc}")
            raise typer.Exit(EXIT_INVALID) from None

    return wrapper


# ------------------------------------------------------------------------ shared options


class Lang(StrEnum):
    zh = "zh"
    en = "en"


DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Folder with targets.yaml and reports/. "
        "Default: $DEHONG_DATA_DIR, else ./data, else the built-in copy.",
        show_default=False,
    ),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of names: zh (Chinese) or en (English).")]
StrandOpt = Annotated[str | None, typer.Option("--strand", help="Only this strand (id or name).")]
DeptOpt = Annotated[
    str | None, typer.Option("--dept", help="Only goals of a department whose name contains this.")
]


def data_dir(explicit: Path | None) -> Path:
    """The data folder; one named by --data-dir or $DEHONG_DATA_DIR must exist and hold targets.yaml.

    Checked here, once for every command: otherwise a typo'd folder reads as a missing catalogue,
    exit 1, as if the data were bad.
    """
    from dehong_cli.files.store import DATA_ENV, find_data_dir

    found = find_data_dir(explicit)
    if explicit is None and not os.environ.get(DATA_ENV):
        return found  # ./data with a targets.yaml, else the installed copy
    origin = "" if explicit is not None else f" (from ${DATA_ENV})"
    if not found.exists():
        raise UsageError(f"no such folder: {found}{origin}")
    if not found.is_dir():
        raise UsageError(f"{found} is a file, not a folder{origin}")
    if not os.path.lexists(found / "targets.yaml"):  # a broken link or folder there: the loader says which
        raise UsageError(f"{found} has no targets.yaml{origin}")
    return found


def catalogue(explicit_dir: Path | None) -> "Catalogue":
    from dehong_cli.checks.core import load_catalogue

    return load_catalogue(data_dir(explicit_dir) / "targets.yaml")


def version_callback(value: bool) -> None:
    if value:
        out(f"dehong {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Track the 2020 goals of 德发〔2017〕7号 against yearly reports.

    Exit codes: 0 ok; 1 invalid data, refused import or a --fail-on gate; 2 usage error.
    """


# ------------------------------------------------------------------------- status and show


class StatusFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


RegionOpt = Annotated[
    str | None,
    typer.Option(
        "--region",
        help="Region code, Chinese or English name, or short name (瑞丽, Lianghe). Default: the prefecture.",
    ),
]


@app.command()
@handles_errors
def status(
    year: Annotated[
        int | None, typer.Option("--year", help="As of this year. Default: the latest year with data.")
    ] = None,
    region: RegionOpt = None,
    strand: StrandOpt = None,
    dept: DeptOpt = None,
    only: Annotated[Status | None, typer.Option("--status", help="Only goals with this status.")] = None,
    format_: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="table, json, csv or markdown.")
    ] = StatusFormat.table,
    lang: LangOpt = Lang.zh,
    fail_on: Annotated[
        Status | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when any goal shown is at this status or worse "
            "(achieved < on_track < moderate < limited < deterioration < not_achieved).",
        ),
    ] = None,
    data_dir_: DataDirOpt = None,
    by_region: Annotated[
        bool, typer.Option("--by-region", help="One matrix: every goal for the region and each county.")
    ] = False,
) -> None:
    """Every goal: target, latest value, gap, progress and status, grouped by strand."""
    from dehong_cli.assess.engine import assess
    from dehong_cli.files.reports import load_reports
    from dehong_cli.model.lookup import check_year, find_region
    from dehong_cli.render.status import STATUS_FORMATS

    cat = catalogue(data_dir_)
    chosen = select_indicators(cat, strand, dept)
    where = find_region(cat, region)
    check_year(cat, year)
    if by_region:
        from dehong_cli.cli.counties import status_by_region

        reports = load_reports(data_dir(data_dir_), cat)
        return status_by_region(cat, reports, where, year, chosen, format_.value, lang.value, fail_on)
    result = assess(cat, load_reports(data_dir(data_dir_), cat), region=where, as_of=year, indicators=chosen)
    if only is not None:
        result = result.only(only)
    out(STATUS_FORMATS[format_.value](cat, result, lang.value, style_for()))
    if fail_on is not None and (failing := result.failing(fail_on)):
        ids = ", ".join(p.indicator.id for p in failing)
        say(f"fail: {len(failing)} goal(s) at {fail_on.value} or worse: {ids}")
        raise typer.Exit(EXIT_INVALID)


@app.command()
@handles_errors
def show(
    indicator: Annotated[str, typer.Argument(help="The goal: its id, Chinese or English name.")],
    year: Annotated[
        int | None, typer.Option("--year", help="As of this year. Default: the latest year with data.")
    ] = None,
    region: RegionOpt = None,
    format_: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json.")] = ShowFormat.text,
    lang: LangOpt = Lang.zh,
    data_dir_: DataDirOpt = None,
) -> None:
    """One goal in depth: definition, clause, yearly values against pace, status history, chart."""
    from dehong_cli.assess.engine import detail
    from dehong_cli.files.reports import load_reports
    from dehong_cli.model.lookup import check_year, find_indicator, find_region
    from dehong_cli.render.show import SHOW_FORMATS

    cat = catalogue(data_dir_)
    ind = find_indicator(cat, indicator)
    where = find_region(cat, region)
    check_year(cat, year)
    result = detail(cat, load_reports(data_dir(data_dir_), cat), ind, region=where, as_of=year)
    out(SHOW_FORMATS[format_.value](cat, result, where, lang.value, style_for()))


# ------------------------------------------------------------------------------ validate


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command()
@handles_errors
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Report files or folders. Default: the catalogue and every report in the data dir."
        ),
    ] = None,
    data_dir_: DataDirOpt = None,
    format_: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format", "-f", help="text, json or github. Default: github under GitHub Actions, else text."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings (such as illustrative figures) fail too.")
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes. Default: all cores.")
    ] = None,
) -> None:
    """Check the catalogue and reports; report every problem as file:line:col.

    Exit 0 when valid, 1 when any error (or, with --strict, any warning) is found.
    """
    from dehong_cli.checks.core import validate as run_validate
    from dehong_cli.files.store import report_files
    from dehong_cli.render.validate import VALIDATE_FORMATS, validate_summary

    root_dir = data_dir(data_dir_)
    targets = root_dir / "targets.yaml"
    catalogues: list[Path] = []
    if paths:
        reports, catalogues = _expand(list(paths), targets)
    else:
        reports = report_files(root_dir)
    if format_ is None:
        format_ = ValidateFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ValidateFormat.text
    result = run_validate(targets, reports, jobs=jobs, other_catalogues=catalogues)
    out(VALIDATE_FORMATS[format_.value](result, style_for()))
    say(validate_summary(result, strict))
    if result.errors or (strict and result.warnings):
        raise typer.Exit(EXIT_INVALID)


def _expand(paths: list[Path], targets: Path) -> tuple[list[Path], list[Path]]:
    """Split the arguments into report files and other catalogue files.

    A folder stands for the YAML files in it, and one with none is a usage error (a CI job
    pointed at the wrong folder must not pass). The data dir's own catalogue is always
    checked, so naming it adds nothing; any other targets.yaml is checked as a catalogue.
    """
    from dehong_cli.files.store import is_report_file

    reports: list[Path] = []
    catalogues: list[Path] = []
    for p in paths:
        if p.is_dir() and not p.is_symlink():
            found = sorted(q for q in p.iterdir() if is_report_file(q.name))
            if not found:
                raise UsageError(f"{p}: no .yaml files in this folder")
            reports.extend(q for q in found if q.name != "targets.yaml")
            catalogues.extend(q for q in found if q.name == "targets.yaml" and not _same(q, targets))
        elif p.name == "targets.yaml":
            if not _same(p, targets):
                catalogues.append(p)
        else:
            reports.append(p)
    return reports, catalogues


def _same(a: Path, b: Path) -> bool:
    return a.exists() and b.exists() and a.resolve() == b.resolve()


# -------------------------------------------------------------------------------- schema


class SchemaKind(StrEnum):
    targets = "targets"
    report = "report"


@app.command()
@handles_errors
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="targets or report.")],
    data_dir_: DataDirOpt = None,
) -> None:
    """Print the JSON Schema of targets.yaml or of a report file."""
    from dehong_cli.checks import schema as schemas
    from dehong_cli.render.encode import to_json

    if kind is SchemaKind.targets:
        out(to_json(schemas.targets_schema()))
    else:
        out(to_json(schemas.report_schema(catalogue(data_dir_))))


# --------------------------------------------------------------------- targets and tasks


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def select_indicators(cat: "Catalogue", strand: str | None, dept: str | None) -> list[Any]:
    from dehong_cli.model.lookup import suggest

    chosen = list(cat.indicators)
    if strand:
        ids = {s.id for s in cat.strands if strand in (s.id, s.name, s.name_en)}
        if not ids:
            names = [s.id for s in cat.strands]
            raise UsageError(f"no strand '{strand}'{suggest(strand, names)} (strands: {', '.join(names)})")
        chosen = [i for i in chosen if i.strand in ids]
    if dept:
        chosen = [i for i in chosen if any(dept in d for d in cat.departments_of(i))]
        if not chosen:
            raise UsageError(f"no goal has a department matching '{dept}'")
    return chosen


@app.command()
@handles_errors
def targets(
    strand: StrandOpt = None,
    dept: DeptOpt = None,
    format_: Annotated[
        TableFormat, typer.Option("--format", "-f", help="table, json or csv.")
    ] = TableFormat.table,
    lang: LangOpt = Lang.zh,
    data_dir_: DataDirOpt = None,
) -> None:
    """List the plan's goals: target, accrual, source task and departments."""
    from dehong_cli.render import catalogue as render

    cat = catalogue(data_dir_)
    chosen = select_indicators(cat, strand, dept)
    if format_ is TableFormat.json:
        out(render.targets_json(cat, chosen, lang))
    elif format_ is TableFormat.csv:
        out(render.targets_csv(cat, chosen, lang))
    else:
        out(render.targets_table(cat, chosen, lang, style_for()))


@app.command()
@handles_errors
def tasks(
    dept: DeptOpt = None,
    lang: LangOpt = Lang.zh,
    data_dir_: DataDirOpt = None,
) -> None:
    """List the plan's 30 numbered tasks with their responsible departments."""
    from dehong_cli.render.catalogue import tasks_table

    cat = catalogue(data_dir_)
    chosen = cat.tasks
    if dept:
        chosen = [
            t for t in chosen if any(dept in d for d in (*t.lead_departments, *t.supporting_departments))
        ]
        if not chosen:
            raise UsageError(f"no task has a department matching '{dept}'")
    out(tasks_table(chosen, lang, style_for()))


# --------------------------------------------------------------- import, new-report, export


class InputFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    yaml = "yaml"


class ImportProvenance(StrEnum):
    official = "official"
    estimate = "estimate"


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


LOCK_TIMEOUT_ENV = "DEHONG_LOCK_TIMEOUT"


def _lock_timeout() -> float:
    """Seconds to wait for another import writing the same report: 30, or $DEHONG_LOCK_TIMEOUT."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV)
    if raw is None:
        return 30.0
    try:
        seconds = float(raw)
    except ValueError:
        raise UsageError(f"${LOCK_TIMEOUT_ENV} must be a number of seconds, not '{raw}'") from None
    if not seconds >= 0:
        raise UsageError(f"${LOCK_TIMEOUT_ENV} must be 0 or more seconds, not '{raw}'")
    return seconds


@app.command("import")
@handles_errors
def import_(
    source: Annotated[
        str,
        typer.Argument(
            help="A .csv, .xlsx, .json or .yaml file, or - for stdin.", metavar="SOURCE", show_default=False
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
        str | None, typer.Option("--sheet", help="Worksheet of an .xlsx. Default: the first.")
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
            "--input-format", help="csv, xlsx, json or yaml. Default: from the file name; needed for -."
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

    from dehong_cli.importer.apply import import_sheet
    from dehong_cli.importer.read import read_sheet
    from dehong_cli.importer.sources import detect_format
    from dehong_cli.importer.types import Options
    from dehong_cli.model.lookup import check_year, find_region
    from dehong_cli.model.report import Provenance
    from dehong_cli.render.imports import IMPORT_FORMATS, import_summary

    # Usage first: `-` without --input-format must not wait for a pipe to end before saying so.
    detect_format(source, input_format.value if input_format else None)
    lock_timeout = _lock_timeout()
    cat = catalogue(data_dir_)
    opts = Options(
        year=check_year(cat, year),
        region=find_region(cat, region).code if region else None,
        sheet=sheet,
        format=input_format.value if input_format else None,
    )
    data = sys.stdin.buffer.read() if source == "-" else None
    table = read_sheet(cat, Path(source), opts, data)
    result = import_sheet(
        table,
        cat,
        data_dir(data_dir_),
        provenance=Provenance(provenance.value) if provenance else None,
        source=source_text,
        replace=replace,
        dry_run=dry_run,
        lock_timeout=lock_timeout,
    )
    out(IMPORT_FORMATS[format_.value](result, cat, style_for()))
    say(import_summary(result))
    if result.outcome == "conflicts":
        raise typer.Exit(EXIT_INVALID)


@app.command("new-report")
@handles_errors
def new_report(
    year: Annotated[int, typer.Option("--year", help="The year the report is for.", show_default=False)],
    region: RegionOpt = None,
    data_dir_: DataDirOpt = None,
) -> None:
    """Write a blank report to fill in by hand: every indicator with its name, unit and accrual.

    Never overwrites a report (exit 1 if one exists). Prints the path written.
    """
    from dehong_cli.files import writer
    from dehong_cli.model.lookup import check_year, find_region

    cat = catalogue(data_dir_)
    check_year(cat, year)
    code = find_region(cat, region).code
    path = writer.new_report(cat, data_dir(data_dir_), year, code, _lock_timeout())
    out(str(path))
    say(f"wrote a blank {year} report: fill in the figures and the source, then run `dehong validate`")


@app.command()
@handles_errors
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
    from dehong_cli.files.reports import load_reports
    from dehong_cli.render import export as exporter

    if format_ is ExportFormat.xlsx and output is None:
        raise UsageError("--format xlsx writes a workbook: give --output FILE.xlsx")
    cat = catalogue(data_dir_)
    reports = load_reports(data_dir(data_dir_), cat)
    table = exporter.rows(cat, reports)
    columns: tuple[str, ...] = exporter.COLUMNS
    if with_status:
        table = exporter.add_status(cat, reports, table)
        columns += exporter.STATUS_COLUMNS
    if format_ is ExportFormat.xlsx:
        payload = exporter.to_xlsx(table, columns)
    else:
        text = (exporter.to_csv if format_ is ExportFormat.csv else exporter.to_json)(table, columns)
        if output is None:
            out(text)
            return
        payload = text.encode("utf-8")
    assert output is not None
    exporter.write_file(output, payload)
    say(f"wrote {len(table)} row(s) to {output}")


from dehong_cli.cli import counties as _counties  # noqa: E402, F401  (registers `dehong missing` on app)
from dehong_cli.cli import report as _report  # noqa: E402, F401  (registers `dehong report` on app)

__all__ = ["EXIT_USAGE", "app"]

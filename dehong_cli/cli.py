"""The command line: parse arguments, call the library, print, exit. Nothing else.

Heavy modules (pydantic models, YAML, rich) are imported inside the commands that need
them, so `dehong --help` and `dehong --version` start fast.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from . import __version__
from .errors import EXIT_INVALID, EXIT_USAGE, DehongError, UsageError
from .output import out, say, style_for

if TYPE_CHECKING:
    from .models import Catalogue

app = typer.Typer(
    name="dehong",
    help="Track the 2020 goals of 德发〔2017〕7号 (Dehong's innovation-driven development plan).",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
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
            from .errors import DataError

            if isinstance(exc, DataError):
                from .checks import Result
                from .render import validate_text

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
    from .store import find_data_dir

    return find_data_dir(explicit)


def catalogue(explicit_dir: Path | None) -> Catalogue:
    from .checks import load_catalogue

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
    from .checks import validate as run_validate
    from .render import VALIDATE_FORMATS, validate_summary
    from .store import report_files

    root_dir = data_dir(data_dir_)
    targets = root_dir / "targets.yaml"
    if paths:
        reports = _expand(paths, targets)
    else:
        reports = report_files(root_dir)
    if format_ is None:
        format_ = ValidateFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ValidateFormat.text
    result = run_validate(targets, reports)
    out(VALIDATE_FORMATS[format_.value](result, style_for()))
    say(validate_summary(result, strict))
    if result.errors or (strict and result.warnings):
        raise typer.Exit(EXIT_INVALID)


def _expand(paths: list[Path], targets: Path) -> list[Path]:
    """Folders stand for the YAML files in them; the catalogue itself is always checked."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir() and not p.is_symlink():
            found.extend(sorted(q for q in p.glob("*.y*ml") if q.name != "targets.yaml"))
        elif p.name == "targets.yaml" or (p.exists() and p.resolve() == targets.resolve()):
            continue
        else:
            found.append(p)
    return found


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
    from . import schema as schemas
    from .render import to_json

    if kind is SchemaKind.targets:
        out(to_json(schemas.targets_schema()))
    else:
        out(to_json(schemas.report_schema(catalogue(data_dir_))))


# --------------------------------------------------------------------- targets and tasks


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def select_indicators(cat: Catalogue, strand: str | None, dept: str | None) -> list[Any]:
    from .checks import suggest

    chosen = list(cat.indicators)
    if strand:
        ids = {s.id for s in cat.strands if strand in (s.id, s.name, s.name_en)}
        if not ids:
            names = [s.id for s in cat.strands]
            raise UsageError(f"no strand '{strand}'{suggest(strand, names)} (strands: {', '.join(names)})")
        chosen = [i for i in chosen if i.strand in ids]
    if dept:
        chosen = [i for i in chosen if any(dept in d for d in i.departments)]
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
    from . import render

    cat = catalogue(data_dir_)
    chosen = select_indicators(cat, strand, dept)
    if format_ is TableFormat.json:
        out(
            render.to_json(
                {"version": render.JSON_VERSION, "targets": render.targets_rows(cat, chosen, lang)}
            )
        )
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
    from .render import tasks_table

    cat = catalogue(data_dir_)
    chosen = cat.tasks
    if dept:
        chosen = [
            t for t in chosen if any(dept in d for d in (*t.lead_departments, *t.supporting_departments))
        ]
        if not chosen:
            raise UsageError(f"no task has a department matching '{dept}'")
    out(tasks_table(chosen, lang, style_for()))


__all__ = ["EXIT_USAGE", "app"]

"""The command line: the Typer app, its root options, and the one place errors become exit codes.

The commands live in modules by theme (goals, catalogue, validate, data, report); each parses its
arguments, calls the library, and prints what a renderer returns. Heavy modules (pydantic
models, YAML, rich) are imported inside the commands that need them, so `dehong --help` and
`dehong --version` start fast.

Unlike the other modules, those of cli/ do not use `from __future__ import annotations`: Typer
reads every command's annotations when it builds the CLI, at every start, and evaluating them
from strings would cost more than the rest of this module (building the CLI: 6.5 ms, not 2.4).
"""

import functools
from collections.abc import Callable
from typing import Annotated, ParamSpec, TypeVar

import typer

from dehong_cli import __version__
from dehong_cli.cli import (
    catalogue,
    counties,
    data,
    departments,
    goals,
    helpwidth,
    report,
    template,
    validate,
)
from dehong_cli.errors import EXIT_INVALID, EXIT_USAGE, DehongError
from dehong_cli.render.terminal import out, say, style_for

helpwidth.install()

EXIT_CODES = "Exit codes: 0 ok; 1 invalid data, a refused import or a --fail-on gate; 2 usage error."

app = typer.Typer(
    name="dehong",
    help="Track a plan's goals against yearly reports.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    epilog=EXIT_CODES,
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
                from dehong_cli.checks.run import Result
                from dehong_cli.render.validate import validate_text

                say(validate_text(Result(diagnostics=exc.diagnostics), style_for()).rstrip("\n"))
                say(f"error: {len(exc.diagnostics)} problem(s) in the input")
            else:
                from dehong_cli.model.text import printable

                say(f"error: {printable(str(exc))}")  # a usage error may quote what was typed
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            say(f"error: {where}{exc.strerror or exc}")
            raise typer.Exit(EXIT_INVALID) from None

    return wrapper


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
    """Track a plan's goals against yearly reports: status, validation, import and export.

    Exit codes: 0 ok; 1 invalid data, refused import or a --fail-on gate; 2 usage error.
    """


# Every command, in the order of `dehong --help`; each is wrapped in handles_errors here, once.
COMMANDS: dict[str, Callable[..., None]] = {
    "status": goals.status,
    "show": goals.show,
    "method": goals.method,
    "validate": validate.validate,
    "schema": catalogue.schema,
    "targets": catalogue.targets,
    "tasks": departments.tasks,
    "dept": departments.dept,
    "import": data.import_,
    "new-report": data.new_report,
    "export": data.export,
    "missing": counties.missing,
    "report": report.report,
    "template": template.template,
}
for _name, _command in COMMANDS.items():
    app.command(_name)(handles_errors(_command))

__all__ = ["EXIT_USAGE", "app", "handles_errors"]

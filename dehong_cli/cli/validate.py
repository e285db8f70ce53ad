"""`dehong validate`: every problem of every file, as file:line:col, and an exit code for CI."""

from pathlib import Path
from typing import Annotated

import typer

from dehong_cli.cli.options import DataDirOpt, Lang, LangOpt, ValidateFormat
from dehong_cli.errors import EXIT_INVALID
from dehong_cli.render.terminal import out, say, style_for


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Report or task-progress files, or folders. "
            "Default: the catalogue, every report and every task-progress file in the data dir."
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
    lang: LangOpt = Lang.zh,
) -> None:
    """Check the catalogue and reports; report every problem as file:line:col.

    Exit 0 when valid, 1 when any error (or, with --strict, any warning) is found.
    """
    from dehong_cli.checks.run import validate as run_validate
    from dehong_cli.checks.tasks import add_task_files
    from dehong_cli.files.paths import CATALOGUE_NAME, data_dir, files_to_check
    from dehong_cli.files.settings import under_github_actions
    from dehong_cli.files.tasks import split_task_files
    from dehong_cli.render.validate import VALIDATE_FORMATS, validate_summary

    root = data_dir(data_dir_)
    reports, catalogues = files_to_check(root, list(paths or ()))
    reports, task_paths = split_task_files(root, reports, explicit=bool(paths))
    if format_ is None:
        format_ = ValidateFormat.github if under_github_actions() else ValidateFormat.text
    result = run_validate(root / CATALOGUE_NAME, reports, jobs=jobs, other_catalogues=catalogues)
    result = add_task_files(result, root / CATALOGUE_NAME, task_paths)
    out(VALIDATE_FORMATS[format_.value](result, style_for()))
    say(validate_summary(result, strict, lang.value))
    if result.errors or (strict and result.warnings):
        raise typer.Exit(EXIT_INVALID)

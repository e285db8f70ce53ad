"""`dehong targets` and `dehong schema`: what the catalogue holds, and its shape (`dehong tasks` is in
cli/departments.py)."""

from typing import Annotated

import typer

from dehong_cli.cli.options import DataDirOpt, DeptOpt, Lang, LangOpt, SchemaKind, StrandOpt, TargetsFormat
from dehong_cli.render.terminal import out, style_for


def targets(
    strand: StrandOpt = None,
    dept: DeptOpt = None,
    format_: Annotated[
        TargetsFormat, typer.Option("--format", "-f", help="table, json or csv.")
    ] = TargetsFormat.table,
    lang: LangOpt = Lang.zh,
    data_dir_: DataDirOpt = None,
) -> None:
    """List the plan's goals: target, accrual, source task and departments."""
    from dehong_cli.assess.select import select_indicators
    from dehong_cli.cli.inputs import catalogue
    from dehong_cli.render.catalogue import TARGETS_FORMATS

    cat = catalogue(data_dir_)
    chosen = select_indicators(cat, strand, dept)
    out(TARGETS_FORMATS[format_.value](cat, chosen, lang.value, style_for()))


def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="targets, report or tasks.")],
    data_dir_: DataDirOpt = None,
) -> None:
    """Print the JSON Schema of targets.yaml, of a report file or of a task-progress file."""
    from dehong_cli.checks import schema as schemas
    from dehong_cli.render.encode import to_json

    if kind is SchemaKind.targets:
        out(to_json(schemas.targets_schema()))
    elif kind is SchemaKind.tasks:
        from dehong_cli.checks.tasks import tasks_schema
        from dehong_cli.cli.inputs import catalogue

        out(to_json(tasks_schema(catalogue(data_dir_))))
    else:
        from dehong_cli.cli.inputs import catalogue

        out(to_json(schemas.report_schema(catalogue(data_dir_))))

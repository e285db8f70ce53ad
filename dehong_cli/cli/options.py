"""The options the commands share, declared once, and the choices they offer.

Each `--format` choice list mirrors the registry of renderers its command picks from
(`tests/acceptance/test_cli_app.py` holds them equal); they are spelled out here rather than
built from the registries so that `dehong --help` imports no renderer, pydantic or rich.

Like the rest of cli/, no `from __future__ import annotations`: see cli/app.py.
"""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dehong_cli.model.status import status_choices


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class StatusFormat(StrEnum):  # render.status.STATUS_FORMATS and STATUS_FILES
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


class ShowFormat(StrEnum):  # render.show.SHOW_FORMATS
    text = "text"
    table = "table"  # the same as text: every other command's text view is called table
    json = "json"


class ValidateFormat(StrEnum):  # render.validate.VALIDATE_FORMATS
    text = "text"
    json = "json"
    github = "github"


class TargetsFormat(StrEnum):  # render.catalogue.TARGETS_FORMATS
    table = "table"
    json = "json"
    csv = "csv"


class ImportFormat(StrEnum):  # render.imports.IMPORT_FORMATS
    text = "text"
    json = "json"


class ExportFormat(StrEnum):  # render.export.EXPORT_FORMATS
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class ReportFormat(StrEnum):  # render.report_formats.REPORT_FORMATS
    html = "html"
    markdown = "markdown"
    xlsx = "xlsx"
    csv = "csv"


class TasksFormat(StrEnum):  # render.tasks.TASK_FORMATS
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class DeptFormat(StrEnum):  # render.dept.DEPT_FORMATS
    table = "table"
    json = "json"
    markdown = "markdown"


class SchemaKind(StrEnum):
    targets = "targets"
    report = "report"
    tasks = "tasks"


class InputFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    yaml = "yaml"
    xls = "xls"


class ImportProvenance(StrEnum):
    official = "official"
    estimate = "estimate"


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
StrandOpt = Annotated[
    str | None,
    typer.Option("--strand", help="Only this strand: its id, name, or a part of a name only it has."),
]
DeptOpt = Annotated[
    str | None,
    typer.Option(
        "--dept", help="Only this department's: its name, a variant spelling, or a part only it has."
    ),
]
RegionOpt = Annotated[
    str | None,
    typer.Option(
        "--region",
        help="Region code, Chinese or English name, or short name (瑞丽, Lianghe). Default: the prefecture.",
    ),
]
AsOfOpt = Annotated[
    int | None, typer.Option("--year", help="As of this year. Default: the latest year with data.")
]
# The statuses are taken as text, so that the Chinese words work as well as the ids
# (model.lookup.find_status resolves them, with a usage error on a miss); the help lists both.
StatusOnlyOpt = Annotated[
    str | None,
    typer.Option("--status", help=f"Only goals with this status: {status_choices()}.", show_default=False),
]
FailOnOpt = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        help="Exit 1 when any goal shown is at this status or worse "
        "(achieved < on_track < moderate < limited < deterioration < not_achieved; "
        "the Chinese words work too).",
        show_default=False,
    ),
]

"""The app as a whole: every command guarded and documented, every --format from its registry,
and what `dehong targets` and `dehong tasks` show on the shipped catalogue."""

from __future__ import annotations

import csv
import enum
import io
import types
import typing

import pytest
import typer
from conftest import SHIPPED, Invoke

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.cli.app import COMMANDS, app, handles_errors
from dehong_cli.render.catalogue import TARGETS_FORMATS
from dehong_cli.render.dept import DEPT_FORMATS
from dehong_cli.render.export import EXPORT_FORMATS
from dehong_cli.render.imports import IMPORT_FORMATS
from dehong_cli.render.missing import MISSING_FORMATS
from dehong_cli.render.report_formats import REPORT_FORMATS
from dehong_cli.render.show import SHOW_FORMATS
from dehong_cli.render.status import STATUS_FILES, STATUS_FORMATS
from dehong_cli.render.tasks import TASK_FORMATS
from dehong_cli.render.template_xlsx import TEMPLATE_FORMATS
from dehong_cli.render.validate import VALIDATE_FORMATS

CLICK = typer.main.get_command(app)
NAMES = sorted(CLICK.commands)

# The registry of renderers each command's --format picks from.
REGISTRIES: dict[str, dict[str, object]] = {
    "status": {**STATUS_FORMATS, **STATUS_FILES},  # text, and files that need --out
    "show": dict(SHOW_FORMATS),
    "validate": dict(VALIDATE_FORMATS),
    "targets": dict(TARGETS_FORMATS),
    "import": dict(IMPORT_FORMATS),
    "export": dict(EXPORT_FORMATS),
    "report": dict(REPORT_FORMATS),
    "tasks": dict(TASK_FORMATS),
    "dept": dict(DEPT_FORMATS),
    "missing": dict(MISSING_FORMATS),
    "template": dict(TEMPLATE_FORMATS),
}


def _names(option: typer.models.OptionInfo) -> tuple[object, ...]:
    # typer.Option("--format", "-f"): the first name is stored as the default
    return (option.default, *(option.param_decls or ()))


def _format_choices(name: str) -> list[str] | None:
    """The values `dehong NAME --format` accepts, read from the command's declaration."""
    for hint in typing.get_type_hints(COMMANDS[name], include_extras=True).values():
        if typing.get_origin(hint) is not typing.Annotated:
            continue
        kind, *extras = typing.get_args(hint)
        if not any(isinstance(x, typer.models.OptionInfo) and "--format" in _names(x) for x in extras):
            continue
        if isinstance(kind, types.UnionType):  # an optional format: Enum | None
            kind = next(k for k in typing.get_args(kind) if k is not type(None))
        assert issubclass(kind, enum.Enum), f"dehong {name} --format is not a choice"
        return [member.value for member in kind]
    return None


def test_every_registered_command_is_a_command_of_the_app() -> None:
    assert NAMES == sorted(COMMANDS)


@pytest.mark.parametrize("info", app.registered_commands, ids=lambda i: str(i.name))
def test_every_command_is_wrapped_in_handles_errors(info: typer.models.CommandInfo) -> None:
    callback = info.callback
    assert callback is not None
    # functools.wraps keeps the command underneath; the code that runs is handles_errors' wrapper
    assert callback.__wrapped__ is COMMANDS[str(info.name)]  # type: ignore[attr-defined]
    assert callback.__code__ is handles_errors(lambda: None).__code__


@pytest.mark.parametrize("name", NAMES)
def test_every_command_has_help_text(cli: Invoke, name: str) -> None:
    assert (CLICK.commands[name].help or "").strip(), f"dehong {name} has no help text"
    result = cli(name, "--help")
    assert result.exit_code == 0
    assert CLICK.commands[name].get_short_help_str().rstrip(".") in " ".join(result.stdout.split())


def test_every_command_with_a_format_has_a_registry() -> None:
    with_format = {name for name in NAMES if _format_choices(name) is not None}
    assert with_format == set(REGISTRIES)


@pytest.mark.parametrize("name", sorted(REGISTRIES))
def test_format_choices_are_the_registrys_keys(name: str) -> None:
    assert _format_choices(name) == list(REGISTRIES[name])


def test_the_app_names_no_plan(cli: Invoke) -> None:
    """The plan is data: only the catalogue may name it."""
    result = cli("--help")
    assert result.exit_code == 0
    assert "Track a plan's goals against yearly reports." in result.stdout
    assert "德发" not in result.stdout and "2020" not in result.stdout


# ------------------------------------------------------------------- targets and tasks


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def test_targets_in_chinese(cli: Invoke) -> None:
    result = cli("targets")
    assert result.exit_code == 0, result.stderr
    lines = _lines(result.stdout)
    assert lines[0] == "德发〔2017〕7号 — 2020年目标"
    header = lines[2].split("┃")
    assert [h.strip() for h in header if h.strip()] == ["id", "指标", "目标", "口径", "任务", "责任部门"]
    assert result.stdout.count("│ 总体目标 ") == 1  # each strand once
    assert "│ 总体目标 " in result.stdout
    row = next(line for line in lines if line.startswith("│ sci_tech_progress"))
    cells = [c.strip() for c in row.strip("│").split("│")]
    assert cells[1:5] == ["科技进步贡献率", ">= 48%", "水平值", "26"]
    assert cells[5].startswith("州政府办、州科技")


def test_targets_in_english_for_one_strand(cli: Invoke) -> None:
    result = cli("targets", "--lang", "en", "--strand", "investment")
    assert result.exit_code == 0, result.stderr
    lines = _lines(result.stdout)
    header = [h.strip() for h in lines[2].split("┃") if h.strip()]
    assert header == ["id", "indicator", "target", "accrual", "task", "departments"]
    assert "│ S&T investment " in result.stdout
    assert "Headline goal" not in result.stdout  # other strands are left out
    row = next(line for line in lines if line.startswith("│ fiscal_st_spending_grow"))
    cells = [c.strip() for c in row.strip("│").split("│")]
    assert cells[1:6] == [
        "Growth of fiscal S&T",
        "growth > Recurrent",
        "growth vs",
        "28",
        "Prefecture Finance",
    ]


def test_targets_csv_has_one_row_per_goal(cli: Invoke) -> None:
    result = cli("targets", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:6] == ["id", "name", "name_en", "strand", "strand_name", "unit"]
    assert rows[1][:3] == [
        "sci_tech_progress_contribution",
        "科技进步贡献率",
        "Contribution of S&T progress to economic growth",
    ]
    ids = [ind.id for ind in load_catalogue(SHIPPED / "targets.yaml").indicators]
    assert [row[0] for row in rows[1:]] == ids


def test_tasks_in_chinese(cli: Invoke) -> None:
    result = cli("tasks")
    assert result.exit_code == 0, result.stderr
    lines = _lines(result.stdout)
    assert lines[0] == "重点任务"
    assert [h.strip() for h in lines[2].split("┃") if h.strip()] == ["#", "任务", "责任部门", "配合部门"]
    first = next(line for line in lines if line.startswith("│  1 │"))
    assert "发展高原特色现代农林技术,实现发展方" in first
    assert "州农业局、州林业局" in first
    numbers = [line.split("│")[1].strip() for line in lines if line.startswith("│") and line[1:5].strip()]
    assert numbers == [str(n) for n in range(1, 31)]


def test_tasks_in_english_for_one_department(cli: Invoke) -> None:
    result = cli("tasks", "--lang", "en", "--dept", "州财政局")
    assert result.exit_code == 0, result.stderr
    lines = _lines(result.stdout)
    assert lines[0] == "Tasks"
    assert [h.strip() for h in lines[2].split("┃") if h.strip()] == [
        "#",
        "title",
        "lead departments",
        "supporting",
    ]
    assert "Prefecture Finance Bureau" in result.stdout  # the registry's English name
    assert not any("\u4e00" <= c <= "\u9fff" for c in result.stdout)  # titles in English too
    assert "│  1 │" not in result.stdout  # task 1 names no 财政局


def test_tasks_for_an_unknown_department_is_a_usage_error(cli: Invoke) -> None:
    result = cli("tasks", "--dept", "州统计局")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown department '州统计局'; did you mean ")
    assert result.stdout == ""

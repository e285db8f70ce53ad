"""Task-progress files checked against the catalogue, on in-memory files: statuses, task numbers,
departments, file names and duplicates, each at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import linked, with_departments

from dehong_cli.checks.tasks import progress_from_document, validate_task_files
from dehong_cli.files.yaml_read import parse
from dehong_cli.model.tasks import TaskProgress, TaskStatus, parse_status

CAT = with_departments(linked("a", [1]), linked("b", [2]))


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("in_progress", TaskStatus.IN_PROGRESS),
        ("推进中", TaskStatus.IN_PROGRESS),
        (" 已完成 ", TaskStatus.DONE),
        ("DONE", TaskStatus.DONE),
        ("滞后", TaskStatus.DELAYED),
        ("未启动", TaskStatus.NOT_STARTED),
        ("halfway", None),
        ("未报送", None),
        (3, None),
    ],
)
def test_status_by_id_or_chinese_word(text: object, status: TaskStatus | None) -> None:
    assert parse_status(text) is status


def _check(
    text: str, name: str = "2019.yaml"
) -> tuple[TaskProgress | None, list[tuple[int | None, int | None, str]]]:
    doc = parse(text, Path(name))
    progress, found = progress_from_document(doc, CAT)
    return progress, [(d.line, d.column, d.code) for d in found if d.severity == "error"]


HEAD = "year: 2019\nprovenance: official\nsource: s\ntasks:\n"


def test_good_file_has_no_errors_and_reads_chinese_words() -> None:
    progress, errors = _check(
        HEAD + "  1: {status: 推进中, department: 工息委}\n  2: {status: done, department: 州旅游发展委}\n"
    )
    assert errors == []
    assert progress is not None
    assert progress.entries()[1].status is TaskStatus.IN_PROGRESS


@pytest.mark.parametrize(
    ("entry", "where"),
    [
        ("  1: {status: halfway}\n", (5, 15, "task-status")),
        ("  9: {status: done}\n", (5, 3, "unknown-task")),
        ("  x1: {status: done}\n", (5, 3, "unknown-task")),
        ("  2: {status: done, department: 州科技局科协}\n", (5, 33, "department")),
        ("  2: {status: done, department: 州卫生局}\n", (5, 33, "unknown-department")),
        ("  2: {status: done, department: 州政府}\n", (5, 33, "unknown-department")),
    ],
)
def test_bad_entries_are_located(entry: str, where: tuple[int, int, str]) -> None:
    _, errors = _check(HEAD + entry)
    assert errors == [where]


def test_file_name_must_match_year_and_region() -> None:
    _, errors = _check(HEAD + "  1: {status: done}\n", name="2018.yaml")
    assert errors == [(1, 7, "file-name")]


def test_duplicates_across_files(tmp_path: Path) -> None:
    one = tmp_path / "tasks" / "2019.yaml"
    two = tmp_path / "tasks" / "2019-533100.yaml"
    one.parent.mkdir()
    one.write_text(HEAD + "  1: {status: done}\n", encoding="utf-8")
    two.write_text(HEAD + "  2: {status: done}\n", encoding="utf-8")
    count, found = validate_task_files([two, one], CAT)
    assert count == 2
    assert [(d.path, d.code) for d in found] == [(str(one), "duplicate-tasks")]


def test_control_characters_are_refused_where_they_are() -> None:
    _, errors = _check(HEAD + '  1: {status: done, progress: "x\\e[2Jy", evidence: [ok, "\\x07"]}\n')
    assert errors == [(5, 31, "control-character"), (5, 57, "control-character")]
    _, fine = _check(HEAD + '  1: {status: done, progress: "line one\\nline two\\tand a tab"}\n')
    assert fine == []

"""render/tasks.py and render/dept.py on in-memory task years: formulas never run, words in both languages."""

from __future__ import annotations

import csv
import io

from builders import linked, with_departments

from dehong_cli.assess.departments import TaskYear, task_year
from dehong_cli.model.tasks import TaskProgress
from dehong_cli.render.tasks import cell, tasks_csv, tasks_markdown, tasks_table
from dehong_cli.render.terminal import Style

CAT = with_departments(linked("a", [1]), linked("b", [2]))


def _year(progress: str, provenance: str = "official") -> TaskYear:
    files = [
        TaskProgress.model_validate(
            {
                "year": 2019,
                "provenance": provenance,
                "source": "=HYPERLINK(1)",
                "tasks": {"1": {"status": "推进中", "progress": progress, "department": "工息委"}},
            }
        )
    ]
    return task_year(CAT, files, 2019, CAT.home_region)


def test_a_cell_that_would_be_a_formula_is_quoted() -> None:
    assert cell("=1+1") == "'=1+1"
    assert cell("-3") == "-3"  # a plain number is no formula (render/cells.py)
    assert cell("-3+A1") == "'-3+A1"
    assert cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("示例：ok") == "示例：ok"
    assert cell(None) is None


def test_csv_rows_carry_status_words_and_no_formula() -> None:
    data = _year("=cmd|' /C calc'!A0")
    rows = list(csv.reader(io.StringIO(tasks_csv(CAT, data, "zh", Style()))))
    header, first, second = rows[0], dict(zip(rows[0], rows[1], strict=True)), rows[2]
    assert header[-2:] == ["illustrative", "estimate"]
    assert first["progress"].startswith("'=") and first["source"].startswith("'=")
    assert (first["status"], first["status_zh"], first["illustrative"]) == ("in_progress", "推进中", "false")
    assert second[4:6] == ["not_reported", "未报送"]


def test_markdown_escapes_pipes_and_table_banner_for_illustrative() -> None:
    md = tasks_markdown(CAT, _year("a | b"), "en", Style())
    assert "| 1 | 一 | in_progress | 工息委 | a \\| b |" in md
    assert "| 2 | 二 | not reported | — |  |" in md
    table = tasks_table(CAT, _year("x", "illustrative"), "zh", Style(width=100))
    assert "示例数据" in table and "未报送" in table

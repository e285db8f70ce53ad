"""`dehong status` for Excel: the 进展情况表 (`--format xlsx --out`), one workbook with
`dehong report --format xlsx`, and `--format csv --excel` with a BOM and CRLF; plain CSV has neither."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke

from dehong_cli.model.status import Status
from dehong_cli.render.report_words import STATUS_FILL, STATUS_WORDS

FIXED_DATE = "1588291200"  # 2020-05-01


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_DATE)


def _book(path: Path) -> Any:
    from openpyxl import load_workbook

    return load_workbook(path)


def test_xlsx_needs_out(cli: Invoke, data_dir: Path) -> None:
    result = cli("status", "--data-dir", data_dir, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--out" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("lang", "sheets", "heads"),
    [
        (
            "zh",
            ["目标", "县市", "部门", "任务"],
            ["领域", "指标", "目标", "最新值", "年份", "差距", "进度", "完成率"],
        ),
        ("en", ["Goals", "Counties", "Departments", "Tasks"], ["strand", "indicator", "target", "latest"]),
    ],
)
def test_the_workbook_has_a_sheet_per_view_titles_and_headers(
    cli: Invoke, data_dir: Path, tmp_path: Path, lang: str, sheets: list[str], heads: list[str]
) -> None:
    target = tmp_path / "进展情况表.xlsx"
    result = cli("status", "--data-dir", data_dir, "-f", "xlsx", "--out", target, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert str(target) in result.stderr
    book = _book(target)
    assert book.sheetnames == sheets
    for sheet in book.worksheets:
        title = str(sheet["A1"].value)
        assert "德发〔2017〕7号" in title and "533100" in title and "2019" in title, title
        assert sheet.freeze_panes == "A3"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A2:")
    goals = book.worksheets[0]
    assert [c.value for c in goals[2]][: len(heads)] == heads
    assert goals.column_dimensions["B"].width > 10


def test_the_goals_sheet_formats_and_colours(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "s.xlsx"
    assert cli("status", "--data-dir", data_dir, "-f", "xlsx", "-o", target).exit_code == 0
    goals = _book(target)["目标"]
    heads = [c.value for c in goals[2]]
    col = {h: k for k, h in enumerate(heads)}
    words = {w[0]: s for s, w in STATUS_WORDS.items()}
    rows = [r for r in goals.iter_rows(min_row=3) if r[col["状态"]].value in words]
    assert rows
    for row in rows:
        assert row[col["进度"]].number_format == "0%"
        assert row[col["完成率"]].number_format == "0%"
        status = words[str(row[col["状态"]].value)]
        assert row[col["状态"]].fill.fgColor.rgb.endswith(STATUS_FILL[status])
    money = next(r for r in rows if r[col["指标"]].value == "科技型企业销售收入")
    assert "亿元" in money[col["最新值"]].number_format
    assert any(words[str(r[col["状态"]].value)] is Status.ACHIEVED for r in rows)


def test_the_workbook_is_the_reports(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    """One implementation: status and report write the same sheets with the same cells."""
    a, b = tmp_path / "status.xlsx", tmp_path / "report.xlsx"
    assert cli("status", "--data-dir", data_dir, "-f", "xlsx", "-o", a).exit_code == 0
    assert cli("report", "--data-dir", data_dir, "-f", "xlsx", "-o", b).exit_code == 0
    first, second = _book(a), _book(b)
    assert first.sheetnames == second.sheetnames
    for one, two in zip(first.worksheets, second.worksheets, strict=True):
        assert [[c.value for c in r] for r in one.iter_rows()] == [
            [c.value for c in r] for r in two.iter_rows()
        ]


def test_the_workbook_keeps_the_goals_status_selects(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "s.xlsx"
    picked = json.loads(cli("status", "--data-dir", data_dir, "-f", "json", "--strand", "talent").stdout)
    assert (
        cli("status", "--data-dir", data_dir, "-f", "xlsx", "-o", target, "--strand", "talent").exit_code == 0
    )
    goals = _book(target)["目标"]
    names = [r[1].value for r in goals.iter_rows(min_row=3) if r[1].value]
    assert names == [e["name"] for e in picked["indicators"]]


def test_the_task_sheet_has_each_tasks_status_and_progress(
    cli: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "s.xlsx"
    assert cli("status", "--data-dir", data_dir, "-f", "xlsx", "-o", target, "--year", "2019").exit_code == 0
    tasks = _book(target)["任务"]
    assert [c.value for c in tasks[2]] == ["#", "任务", "责任部门", "配合部门", "完成状态", "进度"]
    shown = json.loads(cli("tasks", "--data-dir", data_dir, "--year", "2019", "-f", "json").stdout)
    rows = {r[0].value: r for r in tasks.iter_rows(min_row=3) if isinstance(r[0].value, int)}
    entries = shown["tasks"]
    assert entries
    for entry in entries:
        row = rows[entry["task"]]
        assert row[4].value == (entry["status_zh"] or "未报送")
        assert row[5].value == entry["progress"]


def test_csv_for_excel_has_a_bom_and_crlf(cli: Invoke, data_dir: Path) -> None:
    plain = cli("status", "--data-dir", data_dir, "-f", "csv").stdout_bytes
    excel = cli("status", "--data-dir", data_dir, "-f", "csv", "--excel").stdout_bytes
    assert not plain.startswith(b"\xef\xbb\xbf") and b"\r\n" not in plain
    assert excel.startswith(b"\xef\xbb\xbfas_of,region,id")
    assert excel.count(b"\r\n") == plain.count(b"\n")
    assert excel[3:].replace(b"\r\n", b"\n") == plain  # the same table, only made for Excel


def test_excel_is_only_for_csv(cli: Invoke, data_dir: Path) -> None:
    result = cli("status", "--data-dir", data_dir, "-f", "json", "--excel")
    assert result.exit_code == 2
    assert "--excel" in result.stderr


def test_csv_for_excel_to_a_file_keeps_its_bytes(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "status.csv"
    assert cli("status", "--data-dir", data_dir, "-f", "csv", "--excel", "-o", target).exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfas_of") and b"\r\n" in raw


@pytest.mark.parametrize("extra", [["-f", "xlsx", "-o", "x.xlsx"], ["-f", "csv", "--excel"]])
def test_by_region_takes_no_file_formats(cli: Invoke, data_dir: Path, extra: list[str]) -> None:
    result = cli("status", "--data-dir", data_dir, "--by-region", *extra)
    assert result.exit_code == 2
    assert "--by-region" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("target", ["reports/2019.yaml", "targets.yaml", "tasks/2019.yaml"])
def test_status_out_never_replaces_a_data_file(cli: Invoke, data_dir: Path, fmt: str, target: str) -> None:
    victim = data_dir / target
    before = victim.read_bytes()
    result = cli("status", "--format", fmt, "--out", victim, "--data-dir", data_dir)
    assert result.exit_code == 2, result.output
    assert "is in the data folder" in result.stderr
    assert victim.read_bytes() == before

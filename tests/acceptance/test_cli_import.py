"""`dehong import` and `dehong new-report` end to end, on files in tmp_path."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHIPPED, Invoke, write

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.report import load_report

GBK_SHEET = (
    "德宏州2019年科技创新主要指标完成情况\r\n"
    "填报单位：州科技局,,,\r\n"
    "指标名称,数值,单位,备注\r\n"
    "国家高新技术企业,９,家,\r\n"
    '科技型企业销售收入,"335,000",万元,含瑞丽试验区\r\n'
    "全社会研发经费支出占GDP比重,0.0081,小数,\r\n"
    "培养创客,—,名,\r\n"
)


def gbk_sheet(tmp_path: Path, text: str = GBK_SHEET, name: str = "科技局2019.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("gbk"))
    return path


def snapshot(data_dir: Path) -> dict[str, bytes]:
    """Every file under the data folder, byte for byte."""
    return {str(p.relative_to(data_dir)): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


def test_import_gbk_csv_creates_a_report_that_validates(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    sheet = gbk_sheet(tmp_path)
    result = cli("import", sheet, "--year", "2019", "--data-dir", empty_data_dir)
    assert result.exit_code == 0, result.stderr
    report = empty_data_dir / "reports" / "2019.yaml"
    assert result.stderr.startswith(
        f"imported: {report} (3 added, 0 replaced, 0 unchanged); 1 blank cell skipped"
    )
    assert "+ added     tech_enterprise_sales           — → 33.5" in result.stdout
    text = report.read_text(encoding="utf-8")
    assert "source: 科技局2019.csv\n" in text
    assert "  national_high_tech_enterprises: 9 " in text
    assert "  tech_enterprise_sales: {value: 33.5, note: 含瑞丽试验区}" in text
    assert "  rd_expenditure_gdp_ratio: 0.81 " in text
    assert cli("validate", "--data-dir", empty_data_dir).exit_code == 0


def test_reimport_says_nothing_to_do_and_leaves_the_file_alone(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    sheet = gbk_sheet(tmp_path)
    assert cli("import", sheet, "--year", "2019", "--data-dir", empty_data_dir).exit_code == 0
    report = empty_data_dir / "reports" / "2019.yaml"
    before, mtime = report.read_bytes(), report.stat().st_mtime_ns
    result = cli("import", sheet, "--year", "2019", "--data-dir", empty_data_dir)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"nothing to do: {report} already holds 3 figures")
    assert report.read_bytes() == before and report.stat().st_mtime_ns == mtime


def test_conflicts_write_nothing_unless_replace(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    stored = (
        "year: 2019\nprovenance: official\nsource: 统计年鉴\nvalues:\n  national_high_tech_enterprises: 8\n"
    )
    write(
        empty_data_dir / "reports" / "2019.yaml",
        stored + "  tech_enterprise_sales: 31.0\n  makers_trained: 12\n",
    )
    sheet = gbk_sheet(tmp_path)
    before = snapshot(empty_data_dir)
    result = cli("import", sheet, "--year", "2019", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert "! conflict  national_high_tech_enterprises  8 → 9 " in result.stdout
    assert "! conflict  tech_enterprise_sales           31 → 33.5 " in result.stdout
    assert result.stderr.startswith("refused: 2 figures differ from the stored ones")
    assert snapshot(empty_data_dir) == before
    dry = cli("import", sheet, "--year", "2019", "--replace", "--dry-run", "--data-dir", empty_data_dir)
    assert dry.exit_code == 0 and dry.stderr.startswith("dry run: would write")
    assert "~ replaced  national_high_tech_enterprises" in dry.stdout
    assert snapshot(empty_data_dir) == before
    replaced = cli("import", sheet, "--year", "2019", "--replace", "--data-dir", empty_data_dir)
    assert replaced.exit_code == 0, replaced.stderr
    text = (empty_data_dir / "reports" / "2019.yaml").read_text(encoding="utf-8")
    # the replaced figure names the sheet it came from; the report's own source stays
    assert "  national_high_tech_enterprises: {value: 9, source: 科技局2019.csv}" in text
    assert "source: 统计年鉴\n" in text and "  makers_trained: 12 " in text
    assert cli("validate", "--data-dir", empty_data_dir).exit_code == 0


def test_dry_run_creates_nothing(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    before = snapshot(empty_data_dir)
    result = cli("import", gbk_sheet(tmp_path), "--year", "2019", "--dry-run", "--data-dir", empty_data_dir)
    assert result.exit_code == 0
    assert "(new file: 2019, region 533100)" in result.stdout
    assert snapshot(empty_data_dir) == before


def test_a_bad_sheet_is_refused_whole_with_every_cell_named(
    cli: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    bad = (
        GBK_SHEET.replace("９", '"12,3.4"').replace("0.0081", "8.1%%").replace("培养创客,—", "培养创客,12.5")
    )
    sheet = gbk_sheet(tmp_path, bad, "sheet.csv")
    before = snapshot(data_dir)
    result = cli("import", sheet, "--year", "2020", "--data-dir", data_dir)
    assert result.exit_code == 1
    assert f"{sheet}:4:2: error[not-a-number]: row 4, column 数值: '12,3.4' is not a number" in result.stderr
    assert f"{sheet}:6:2: error[not-a-number]: row 6, column 数值: '8.1%%' is not a number" in result.stderr
    assert f"{sheet}:7:2: error[count]: row 7, column 数值:" in result.stderr
    assert snapshot(data_dir) == before


def test_wide_sheet_goes_to_each_years_report(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    sheet = write(tmp_path / "wide.csv", "年份,企业孵化器,培养创客\n2018,20,900\n2019,25,1100\n")
    result = cli(
        "import", sheet, "--data-dir", empty_data_dir, "--provenance", "estimate", "--source", "州科技局"
    )
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (empty_data_dir / "reports").iterdir())
    assert names == ["2018.yaml", "2019.yaml"]
    text = (empty_data_dir / "reports" / "2019.yaml").read_text(encoding="utf-8")
    assert "provenance: estimate\nsource: 州科技局\n" in text
    assert cli("validate", "--data-dir", empty_data_dir).exit_code == 0


def test_county_report(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    sheet = write(tmp_path / "s.csv", "指标,数值\n企业孵化器,5\n")
    result = cli("import", sheet, "--year", "2019", "--region", "Ruili", "--data-dir", empty_data_dir)
    assert result.exit_code == 0, result.stderr
    assert (empty_data_dir / "reports" / "2019-533102.yaml").is_file()


def test_stdin_needs_an_input_format_and_a_source(cli: Invoke, empty_data_dir: Path) -> None:
    sheet = "指标,数值\n企业孵化器,5\n".encode("gbk")
    no_format = cli("import", "-", "--year", "2019", "--data-dir", empty_data_dir, input=sheet)
    assert no_format.exit_code == 2 and "--input-format" in no_format.stderr
    no_source = cli(
        "import", "-", "--input-format", "csv", "--year", "2019", "--data-dir", empty_data_dir, input=sheet
    )
    assert no_source.exit_code == 2 and "--source" in no_source.stderr
    args = ("import", "-", "--input-format", "csv", "--year", "2019", "--source", "州科技局")
    ok = cli(*args, "--data-dir", empty_data_dir, input=sheet)
    assert ok.exit_code == 0, ok.stderr


def test_stdin_without_an_input_format_is_refused_before_it_is_read(empty_data_dir: Path) -> None:
    # stdin stays open, as when a slow program pipes into dehong: reading it first would hang
    cmd = [
        sys.executable,
        "-m",
        "dehong_cli",
        "import",
        "-",
        "--year",
        "2019",
        "--data-dir",
        str(empty_data_dir),
    ]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.wait(timeout=20) == 2
        assert proc.stderr is not None
        message = proc.stderr.read().decode()
    finally:
        proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            assert stream is not None
            stream.close()
    assert message == "error: reading from stdin (-) needs --input-format csv, xlsx, json or yaml\n"


def test_a_chart_sheet_is_not_a_worksheet(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    data = book.active
    assert data is not None
    data.append(["指标", "数值"])
    data.append(["企业孵化器", 5])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=2, min_row=1, max_row=2))
    book.create_chartsheet("图表", 0).add_chart(chart)
    path = tmp_path / "book.xlsx"
    book.save(path)
    picked = cli("import", path, "--sheet", "图表", "--year", "2019", "--data-dir", empty_data_dir)
    assert picked.exit_code == 2
    assert picked.stderr == "error: '图表' is a chart, not a worksheet; worksheets: Sheet\n"
    first = cli("import", path, "--year", "2019", "--dry-run", "--data-dir", empty_data_dir)
    assert first.exit_code == 0, first.stderr
    assert "business_incubators" in first.stdout
    book.create_chartsheet("空图", 0)  # an empty chart sheet: openpyxl cannot open the file
    book.save(path)
    unreadable = cli("import", path, "--year", "2019", "--data-dir", empty_data_dir)
    assert unreadable.exit_code == 1
    assert unreadable.stderr.startswith(f"{path}:1:1: error[xlsx]: not a readable .xlsx workbook (")
    assert "Traceback" not in unreadable.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--year", "1999"), "outside 2016–2025"),
        (("--year", "2019", "--region", "大理"), "unknown region '大理'"),
        (("--year", "2019", "--provenance", "illustrative"), "illustrative"),
        (("--year", "2019", "--input-format", "xlsb"), "xlsb"),
    ],
)
def test_usage_errors(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    sheet = write(tmp_path / "s.csv", "指标,数值\n企业孵化器,5\n")
    result = cli("import", sheet, *args, "--data-dir", empty_data_dir)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not list((empty_data_dir / "reports").iterdir())


def test_missing_file(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    result = cli("import", tmp_path / "nope.csv", "--year", "2019", "--data-dir", empty_data_dir)
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_json_summary(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    result = cli("import", gbk_sheet(tmp_path), "--year", "2019", "-f", "json", "--data-dir", empty_data_dir)
    payload = json.loads(result.stdout)
    assert payload["outcome"] == "imported"
    assert payload["written"] == [str(empty_data_dir / "reports" / "2019.yaml")]
    first = payload["files"][0]["changes"][0]
    assert (
        first["field"] == "rd_expenditure_gdp_ratio" and first["status"] == "added" and first["new"] == 0.81
    )
    assert first["cell"] == {
        "path": str(tmp_path / "科技局2019.csv"),
        "line": 6,
        "column": 2,
        "label": "row 6, column 数值",
    }
    assert payload["skipped"][0]["series"] == "makers_trained"


def test_lock_timeout_exits_1(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEHONG_LOCK_TIMEOUT", "0.1")
    fd = os.open(empty_data_dir / "reports" / ".2019.yaml.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        result = cli("import", gbk_sheet(tmp_path), "--year", "2019", "--data-dir", empty_data_dir)
    finally:
        os.close(fd)
    assert result.exit_code == 1
    assert "is being written by another import" in result.stderr and "gave up after 0.1 s" in result.stderr
    assert not (empty_data_dir / "reports" / "2019.yaml").exists()


def test_two_processes_importing_into_one_report_both_land(empty_data_dir: Path, tmp_path: Path) -> None:
    a = write(tmp_path / "a.csv", "指标,数值\n企业孵化器,5\n培养创客,100\n")
    b = write(tmp_path / "b.csv", "指标,数值\n技术创新团队,3\n国家高新技术企业,8\n")
    env = {**os.environ, "DEHONG_LOCK_TIMEOUT": "60"}
    cmd = [sys.executable, "-m", "dehong_cli", "import", "--year", "2019", "--data-dir", str(empty_data_dir)]
    procs = [
        subprocess.Popen([*cmd, str(s)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for s in (a, b)
    ]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    report, problems = load_report(
        empty_data_dir / "reports" / "2019.yaml", load_catalogue(SHIPPED / "targets.yaml")
    )
    assert report is not None and problems == []
    assert report.figures() == {
        "business_incubators": 5,
        "makers_trained": 100,
        "innovation_teams": 3,
        "national_high_tech_enterprises": 8,
    }


# ----------------------------------------------------------------------------- new-report


def test_new_report_validates_and_refuses_to_overwrite(cli: Invoke, empty_data_dir: Path) -> None:
    result = cli("new-report", "--year", "2020", "--region", "盈江县", "--data-dir", empty_data_dir)
    path = empty_data_dir / "reports" / "2020-533123.yaml"
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}\n"
    assert cli("validate", "--data-dir", empty_data_dir).exit_code == 0  # valid, with a warning:
    assert cli("validate", "--strict", "--data-dir", empty_data_dir).exit_code == 1  # the TODO source
    before = path.read_bytes()
    again = cli("new-report", "--year", "2020", "--region", "533123", "--data-dir", empty_data_dir)
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert path.read_bytes() == before


def test_a_filled_template_imports_cleanly(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    assert cli("new-report", "--year", "2019", "--data-dir", empty_data_dir).exit_code == 0
    result = cli("import", gbk_sheet(tmp_path), "--year", "2019", "--data-dir", empty_data_dir)
    assert result.exit_code == 0, result.stderr
    text = (empty_data_dir / "reports" / "2019.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 2019 report for 德宏州 (533100), written by `dehong new-report`.")
    assert "  national_high_tech_enterprises: {value: 9, source: 科技局2019.csv}" in text
    assert "  makers_trained:  " in text  # still empty, its slot kept
    assert cli("validate", "--data-dir", empty_data_dir).exit_code == 0


def test_new_report_needs_a_year(cli: Invoke, empty_data_dir: Path) -> None:
    assert cli("new-report", "--data-dir", empty_data_dir).exit_code == 2
    assert cli("new-report", "--year", "2031", "--data-dir", empty_data_dir).exit_code == 2


# ------------------------------------------------------------------- report file names


YML_REPORT = "year: 2019\nprovenance: official\nsource: 州统计局\nvalues:\n  gdp: 380\n"


def test_a_yml_report_is_an_error_never_skipped(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    path = write(empty_data_dir / "reports" / "2019.yml", YML_REPORT)
    message = f"{path}:1:1: error[file-name]: report files end in .yaml; rename 2019.yml to 2019.yaml"
    validated = cli("validate", "--data-dir", empty_data_dir)
    assert validated.exit_code == 1
    assert message in validated.stdout
    folder = cli("validate", empty_data_dir / "reports", "--data-dir", empty_data_dir)
    assert folder.exit_code == 1 and message in folder.stdout
    status = cli("status", "--data-dir", empty_data_dir)
    assert status.exit_code == 1
    assert message in status.stderr
    # an import for 2019 neither writes a 2019.yaml beside it nor rewrites it
    before = snapshot(empty_data_dir)
    imported = cli("import", gbk_sheet(tmp_path), "--year", "2019", "--data-dir", empty_data_dir)
    assert imported.exit_code == 1
    assert "report files end in .yaml; rename 2019.yml to 2019.yaml" in imported.stderr
    assert snapshot(empty_data_dir) == before


# ------------------------------------------------------------------------------ data dir


def test_a_data_dir_without_targets_yaml_is_a_usage_error(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    (folder / "reports").mkdir(parents=True)
    monkeypatch.setenv("DEHONG_DATA_DIR", str(folder))
    result = cli("import", gbk_sheet(tmp_path), "--year", "2019")
    assert result.exit_code == 2
    assert result.stderr == f"error: {folder} has no targets.yaml (from $DEHONG_DATA_DIR)\n"
    assert list((folder / "reports").iterdir()) == []
    monkeypatch.setenv("DEHONG_DATA_DIR", str(tmp_path / "nowhere"))
    result = cli("new-report", "--year", "2019")
    assert result.exit_code == 2
    assert f"error: no such folder: {tmp_path / 'nowhere'}" in result.stderr
    assert not (tmp_path / "nowhere").exists()

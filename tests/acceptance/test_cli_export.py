"""`dehong export`: the tidy table, its formats, and the round trip through `dehong import`."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import Invoke, write

from dehong_cli.assess.table import COLUMNS, STATUS_COLUMNS
from dehong_cli.render import encode as render
from dehong_cli.render import export as exporter

REPORTS = {
    "2018.yaml": (
        "year: 2018\nprovenance: official\nsource: 州统计局《2018年统计年鉴》\nvalues:\n"
        "  gdp: 400.5\n  rd_expenditure: 3.2\n"
        "  tech_enterprise_sales: {value: 31.5, source: 州科技局, note: '含瑞丽试验区, 快报数'}\n"
        "  makers_trained: 900\n  national_high_tech_enterprises:\n"
    ),
    "2019-533103.yaml": (
        "year: 2019\nregion: 芒市\nprovenance: estimate\nsource: 芒市科技局\nvalues:\n"
        "  business_incubators: 5\n  rd_expenditure_gdp_ratio: 0.85\n  sci_tech_commissioner_fund: 12.25\n"
    ),
}


@pytest.fixture
def reports_dir(empty_data_dir: Path) -> Path:
    for name, text in REPORTS.items():
        write(empty_data_dir / "reports" / name, text)
    return empty_data_dir


def parse_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_has_a_bom_and_one_row_per_figure(cli: Invoke, reports_dir: Path) -> None:
    result = cli("export", "--data-dir", reports_dir)
    assert result.exit_code == 0, result.stderr
    rows = parse_csv(result.stdout)
    assert list(rows[0]) == list(COLUMNS)
    assert [(r["year"], r["region"], r["indicator"]) for r in rows] == [
        ("2018", "533100", "rd_expenditure"),
        ("2018", "533100", "gdp"),
        ("2018", "533100", "tech_enterprise_sales"),
        ("2018", "533100", "makers_trained"),
        ("2019", "533103", "rd_expenditure_gdp_ratio"),
        ("2019", "533103", "business_incubators"),
        ("2019", "533103", "sci_tech_commissioner_fund"),
    ]
    sales = rows[2]
    assert sales == {
        "year": "2018",
        "region": "533100",
        "region_name": "德宏州",
        "indicator": "tech_enterprise_sales",
        "name": "科技型企业销售收入",
        "name_en": "Sales revenue of S&T-based enterprises",
        "unit": "亿元",
        "value": "31.5",
        "provenance": "official",
        "source": "州科技局",
        "note": "含瑞丽试验区, 快报数",
    }
    assert rows[3]["source"] == "州统计局《2018年统计年鉴》" and rows[3]["unit"] == "名"
    assert rows[4]["unit"] == "%" and rows[4]["provenance"] == "estimate" and rows[4]["region_name"] == "芒市"


def test_json(cli: Invoke, reports_dir: Path) -> None:
    payload = json.loads(cli("export", "-f", "json", "--data-dir", reports_dir).stdout)
    assert payload["columns"] == list(COLUMNS)
    assert payload["rows"][0]["value"] == 3.2 and payload["rows"][0]["note"] is None


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_round_trip_through_import(cli: Invoke, reports_dir: Path, tmp_path: Path, fmt: str) -> None:
    exported = tmp_path / f"all.{fmt}"
    first = cli("export", "-f", fmt, "-o", exported, "--data-dir", reports_dir)
    assert first.exit_code == 0, first.stderr
    fresh = tmp_path / "fresh"
    (fresh / "reports").mkdir(parents=True)
    shutil.copy(reports_dir / "targets.yaml", fresh / "targets.yaml")
    imported = cli("import", exported, "--data-dir", fresh)
    assert imported.exit_code == 0, imported.stderr
    assert sorted(p.name for p in (fresh / "reports").iterdir()) == ["2018.yaml", "2019-533103.yaml"]
    assert cli("validate", "--data-dir", fresh).exit_code == 0
    again = tmp_path / f"again.{fmt}"
    assert cli("export", "-f", fmt, "-o", again, "--data-dir", fresh).exit_code == 0
    if fmt == "xlsx":
        assert _xlsx_rows(again) == _xlsx_rows(exported)
    else:
        assert again.read_bytes() == exported.read_bytes()
    # and importing the export again changes nothing
    assert cli("import", exported, "--data-dir", fresh).stderr.startswith("nothing to do")


def _xlsx_rows(path: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def test_xlsx_needs_an_output_file(cli: Invoke, reports_dir: Path) -> None:
    result = cli("export", "-f", "xlsx", "--data-dir", reports_dir)
    assert result.exit_code == 2 and "--output" in result.stderr


def test_xlsx_has_numbers_as_numbers(cli: Invoke, reports_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    assert cli("export", "-f", "xlsx", "-o", out, "--data-dir", reports_dir).exit_code == 0
    rows = _xlsx_rows(out)
    assert rows[0] == COLUMNS
    assert rows[1][:4] == (2018, "533100", "德宏州", "rd_expenditure") and rows[1][7] == 3.2


def test_with_status(cli: Invoke, reports_dir: Path) -> None:
    result = cli("export", "--with-status", "--data-dir", reports_dir)
    assert result.exit_code == 0, result.stderr
    rows = parse_csv(result.stdout)
    assert list(rows[0]) == [*COLUMNS, *STATUS_COLUMNS]
    ratio = next(r for r in rows if r["indicator"] == "rd_expenditure_gdp_ratio")
    assert ratio["target"] == "1.0" or ratio["target"] == "1"
    assert ratio["status"] and ratio["as_of"] == "2019"


def test_an_invalid_report_stops_the_export(cli: Invoke, reports_dir: Path) -> None:
    write(
        reports_dir / "reports" / "2017.yaml",
        "year: 2017\nprovenance: official\nsource: x\nvalues:\n  gdp: 0x1F\n",
    )
    result = cli("export", "--data-dir", reports_dir)
    assert result.exit_code == 1
    assert "2017.yaml:5:8: error[number-format]" in result.stderr
    assert result.stdout == ""


def test_no_reports_gives_just_the_header(cli: Invoke, empty_data_dir: Path) -> None:
    result = cli("export", "--data-dir", empty_data_dir)
    assert result.exit_code == 0
    assert result.stdout_bytes == ("\ufeff" + ",".join(COLUMNS) + "\r\n").encode()  # CRLF, as Excel writes


def test_csv_and_json_are_the_renderers_with_excels_bom_and_line_ends() -> None:
    table = [{"year": 2019, "value": 1.5, "note": None}, {"year": 2020, "value": 2, "note": "含, 逗号"}]
    columns = ("year", "value", "note")
    csv_text = exporter.to_csv(table, columns)
    assert csv_text == '\ufeffyear,value,note\r\n2019,1.5,\r\n2020,2,"含, 逗号"\r\n'
    rows = [[row[c] for c in columns] for row in table]
    assert csv_text == "\ufeff" + render.to_csv(columns, rows, lineterminator="\r\n")
    payload = {"version": 1, "columns": list(columns), "rows": table}
    assert exporter.to_json(table, columns) == render.to_json(payload)


@pytest.mark.parametrize("command", [["export"], ["status"], ["validate"], ["targets"]])
def test_a_data_dir_that_does_not_exist_is_a_usage_error(
    cli: Invoke, tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "no-such-dir"
    result = cli(*command, "--data-dir", missing)
    assert result.exit_code == 2
    assert result.stderr == f"error: no such folder: {missing}\n"
    assert result.stdout == ""
    assert not missing.exists()

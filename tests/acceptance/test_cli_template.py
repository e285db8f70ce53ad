"""`dehong template`: the sheet a department fills in, and that sheet imported back with no edits."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml
from conftest import Invoke
from openpyxl import load_workbook

from dehong_cli.importer.template import HEADERS


def _rows(book: Path) -> tuple[list[object], list[list[object]]]:
    sheet = load_workbook(book).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    at = next(k for k, r in enumerate(values) if r[0] == "序号")
    return values[at], values[at + 1 :]


def test_the_xlsx_template_has_title_reporter_headers_and_validated_value_cells(
    cli: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "t.xlsx"
    result = cli("template", "--year", "2020", "--dept", "科技局", "--out", out, "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(out).active
    assert "2020年" in str(sheet["A1"].value)
    assert str(sheet["A2"].value).startswith("填报单位：")
    assert "示意数据" in str(sheet["A3"].value)  # last year's figures are illustrative: said
    head, rows = _rows(out)
    assert tuple(head) == HEADERS
    by_series = {r[2]: r for r in rows}
    assert by_series["makers_trained"][6] == 1200  # last year's figure
    assert by_series["gdp"][3] == "亿元"
    assert sheet.protection.sheet
    kinds = {(v.type, v.operator, v.formula1, v.formula2) for v in sheet.data_validations.dataValidation}
    assert ("decimal", "between", "0", "100") in kinds
    assert ("decimal", "between", "0", "1e+15") in kinds  # money: never below 0, no small ceiling
    assert ("whole", "between", "0", "1e+15") in kinds  # counts


def test_a_filled_template_imports_back_with_no_edits(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert cli("template", "--year", "2020", "--out", out, "--data-dir", data_dir).exit_code == 0
    book = load_workbook(out)
    sheet = book.active
    typed = {}
    for row in sheet.iter_rows(min_row=1):
        if isinstance(row[0].value, int):
            row[7].value = typed[row[2].value] = 10 + row[0].value
            row[8].value = "州统计局"
    book.save(out)
    result = cli("import", out, "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    stored = yaml.safe_load((data_dir / "reports" / "2020.yaml").read_text(encoding="utf-8"))
    assert stored["values"] == typed
    assert stored["source"] == "州统计局"


def test_a_filled_csv_template_for_a_county_imports_back(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    args = ("--year", "2020", "--region", "瑞丽", "--format", "csv", "--out", out, "--data-dir", data_dir)
    assert cli("template", *args).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert tuple(rows[0]) == HEADERS
    for row in rows[1:]:
        if row[0].isdigit():  # not the line that marks last year's figures illustrative
            row[7] = "3"
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    out.write_text(buf.getvalue(), encoding="utf-8")
    result = cli("import", out, "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    assert list((data_dir / "reports").glob("2020-533102.yaml"))


def test_an_unknown_department_is_a_usage_error(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    result = cli(
        "template",
        "--year",
        "2020",
        "--dept",
        "没有这个局",
        "--out",
        tmp_path / "t.xlsx",
        "--data-dir",
        data_dir,
    )
    assert result.exit_code == 2
    assert not (tmp_path / "t.xlsx").exists()


def test_the_fiscal_series_accept_real_amounts(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    # Money that is a component of a growth goal (500000 万元 of revenue) is money: 0 or more, no ceiling
    # of 1000 as a growth rate would have.
    out = tmp_path / "t.xlsx"
    assert cli("template", "--year", "2020", "--out", out, "--data-dir", data_dir).exit_code == 0
    sheet = load_workbook(out).active
    at = next(r[0].row for r in sheet.iter_rows() if r[2].value == "fiscal_recurrent_revenue")
    rules = [v for v in sheet.data_validations.dataValidation if f"H{at}" in str(v.sqref).split()]
    assert [(v.type, v.formula1, v.formula2) for v in rules] == [("decimal", "0", "1e+15")]

"""Grids from .xlsx workbooks (percent formats, cached formulas, chart sheets) and JSON/YAML rows."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from dehong_cli.errors import DataError, UsageError
from dehong_cli.importer.read import read_sheet
from dehong_cli.importer.types import Options
from dehong_cli.model.catalogue import Catalogue

from .sheets import figures, problems, sheet_from


def _workbook(
    path: Path, rows: list[list[object]], *, percent: tuple[str, ...] = (), title: str = "Sheet1"
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for ref in percent:
        sheet[ref].number_format = "0.00%"
    book.create_sheet("其他")["A1"] = "not this one"
    book.save(path)


def _save_cached_value(path: Path, ref: str, value: str) -> None:
    """openpyxl cannot compute formulas; write the value Excel would have saved beside one."""
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text, n = re.subn(
                    rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>', rf"\1<v>{value}</v>", text
                )
                assert n == 1, text
                data = text.encode()
            dst.writestr(item, data)
    path.write_bytes(buf.getvalue())


XLSX_ROWS: list[list[object]] = [
    ["2019年德宏州科技创新指标完成情况"],
    [],
    ["序号", "指标名称", "数值", "单位", "数据来源"],
    [1, "国家高新技术企业", 7, "家", "州科技局"],
    [2, "全社会研发经费支出占GDP比重", 0.0085, None, "州统计局"],
    [3, "科技型企业销售收入", "=B4*0+12.5", "亿元", None],
    [4, "培养创客", None, "名", None],
]


def test_xlsx_title_row_chinese_headers_percent_format_and_cached_formula(
    cat: Catalogue, tmp_path: Path
) -> None:
    path = tmp_path / "book.xlsx"
    _workbook(path, XLSX_ROWS, percent=("C5",))
    _save_cached_value(path, "C6", "12.5")
    sheet = read_sheet(cat, path, Options(year=2019))
    assert figures(sheet) == {
        (2019, "533100", "national_high_tech_enterprises"): 7,
        (2019, "533100", "rd_expenditure_gdp_ratio"): 0.85,  # shown as 0.85% in Excel
        (2019, "533100", "tech_enterprise_sales"): 12.5,
    }
    assert sheet.figures[0].cell.label == "Sheet1!C4 (数值)"
    assert sheet.figures[0].source == "州科技局"
    assert [s.series for s in sheet.skipped] == ["makers_trained"]


def test_xlsx_formula_never_saved_by_excel(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _workbook(path, XLSX_ROWS)
    with pytest.raises(DataError) as exc:
        read_sheet(cat, path, Options(year=2019))
    (only,) = exc.value.diagnostics
    assert only.message.startswith("Sheet1!C6 (数值): formula =B4*0+12.5 has no saved value")
    assert (only.line, only.column) == (6, 3)


def test_xlsx_sheet_choice(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _workbook(path, [["指标", "数值"], ["企业孵化器", 30]], title="2019年")
    assert figures(read_sheet(cat, path, Options(year=2019, sheet="2019年"))) == {
        (2019, "533100", "business_incubators"): 30
    }
    with pytest.raises(UsageError, match="no worksheet '2019'"):
        read_sheet(cat, path, Options(year=2019, sheet="2019"))
    with pytest.raises(DataError, match="no header row"):
        read_sheet(cat, path, Options(year=2019, sheet="其他"))


def test_not_a_workbook(cat: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"not a readable \.xlsx"):
        sheet_from(cat, tmp_path, "book.xlsx", b"just text")
    with pytest.raises(DataError, match=r"not a readable \.xls workbook"):
        sheet_from(cat, tmp_path, "book.xls", b"")


def _chart_first(path: Path, *, empty_chart: bool = False, worksheet: bool = True) -> None:
    """A workbook whose first sheet is a chart sheet (a chart of the figures on the worksheet after it)."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    data = book.active
    assert data is not None
    data.title = "数据"
    data.append(["指标", "数值"])
    data.append(["企业孵化器", 30])
    chart = book.create_chartsheet("图表", 0)
    if not empty_chart:
        bar = BarChart()
        bar.add_data(Reference(data, min_col=2, min_row=1, max_row=2))
        chart.add_chart(bar)
    if not worksheet:
        book.remove(data)
    book.save(path)


def test_xlsx_chart_sheets_are_not_worksheets(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _chart_first(path)
    # the default is the first worksheet, not the chart before it
    assert figures(read_sheet(cat, path, Options(year=2019))) == {(2019, "533100", "business_incubators"): 30}
    with pytest.raises(UsageError, match="'图表' is a chart, not a worksheet; worksheets: 数据"):
        read_sheet(cat, path, Options(year=2019, sheet="图表"))
    _chart_first(path, worksheet=False)
    with pytest.raises(DataError) as exc:
        read_sheet(cat, path, Options(year=2019))
    assert problems(exc) == ["1:1: the workbook has no worksheet, only charts (图表)"]


def test_what_openpyxl_cannot_read_names_the_file(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _chart_first(path, empty_chart=True)  # openpyxl fails inside load_workbook (an AttributeError)
    with pytest.raises(DataError) as exc:
        read_sheet(cat, path, Options(year=2019))
    (only,) = exc.value.diagnostics
    assert (only.path, only.code) == (str(path), "xlsx")
    assert only.message.startswith("not a readable .xlsx workbook (")


def test_a_workbook_with_a_broken_part(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _workbook(path, XLSX_ROWS)
    buf = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            broken = item.filename == "xl/worksheets/sheet1.xml"
            dst.writestr(item, b"<worksheet><sheetData><row" if broken else src.read(item.filename))
    path.write_bytes(buf.getvalue())
    with pytest.raises(DataError, match=r"not a readable \.xlsx workbook"):
        read_sheet(cat, path, Options(year=2019))


# --------------------------------------------------------------------------- JSON, YAML


def test_json_rows_and_the_export_shape(cat: Catalogue, tmp_path: Path) -> None:
    rows = [{"year": 2019, "region": "533103", "indicator": "gdp", "value": 88.1, "unit": "亿元"}]
    plain = sheet_from(cat, tmp_path, "rows.json", json.dumps(rows))
    shaped = sheet_from(cat, tmp_path, "export.json", json.dumps({"version": 1, "rows": rows}))
    assert figures(plain) == figures(shaped) == {(2019, "533103", "gdp"): 88.1}
    assert plain.figures[0].cell.label == "row 1, value"


def test_yaml_rows_have_positions(cat: Catalogue, tmp_path: Path) -> None:
    text = "- 指标: 企业孵化器\n  数值: 30\n- 指标: 培养创客\n  数值: twelve\n"
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "rows.yaml", text, year=2019)
    assert problems(exc) == ["4:7: row 2, 数值: 'twelve' is not a number"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("指标,数值\n" + "培养创客,1\n" * 50_001, 50_001, "over 50,000 rows"),  # the 50,001st row
        ("指标,数值\n培养创客," + ",".join("1" * 300) + "\n", 2, "over 256 cells"),
    ],
)
def test_a_csv_is_held_to_the_worksheet_limits_while_it_is_read(text: str, line: int, words: str) -> None:
    from dehong_cli.importer.grids import csv_grid

    with pytest.raises(DataError) as caught:
        csv_grid(text, "big.csv")
    [d] = caught.value.diagnostics
    assert (d.code, d.line) == ("too-large", line) and words in d.message

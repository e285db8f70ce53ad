"""Reading sheets: cells as people type them, units, encodings, headers, layouts, .xlsx, JSON, YAML."""

from __future__ import annotations

import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SHIPPED

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.errors import DataError, UsageError
from dehong_cli.importer import core as importer
from dehong_cli.importer.core import (
    CellError,
    Options,
    Parsed,
    convert,
    parse_number,
    parse_year,
    read_sheet,
)
from dehong_cli.model.catalogue import Catalogue


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(SHIPPED / "targets.yaml")


def figures(sheet: importer.Sheet) -> dict[tuple[int, str, str], int | float]:
    return {(f.year, f.region, f.series): f.value for f in sheet.figures}


def sheet_from(
    cat: Catalogue, tmp_path: Path, name: str, content: str | bytes, **opts: object
) -> importer.Sheet:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return read_sheet(cat, path, Options(**opts))  # type: ignore[arg-type]


def problems(exc: pytest.ExceptionInfo[DataError]) -> list[str]:
    return [f"{d.line}:{d.column}: {d.message}" for d in exc.value.diagnostics]


# ------------------------------------------------------------------------------ cells


@pytest.mark.parametrize(
    ("typed", "number", "percent"),
    [
        ("12", "12", False),
        ("  12  ", "12", False),
        ("\u300012\u3000", "12", False),  # full-width spaces
        ("1,234", "1234", False),
        ("1,234,567.5", "1234567.5", False),
        ("1，234", "1234", False),  # full-width comma
        ("１２３", "123", False),  # full-width digits
        ("１２．５", "12.5", False),  # full-width point
        ("12.5%", "12.5", True),
        ("12.5 ％", "12.5", True),  # full-width percent, with a space
        ("-3", "-3", False),
        ("\u22123", "-3", False),  # the minus sign U+2212
        ("+4", "4", False),
        (".5", "0.5", False),
        ("1.5e3", "1.5e3", False),
        ("0", "0", False),
    ],
)
def test_numbers_as_people_type_them(typed: str, number: str, percent: bool) -> None:
    parsed = parse_number(typed)
    assert parsed is not None
    assert parsed.number == Decimal(number)
    assert parsed.percent is percent


@pytest.mark.parametrize("typed", [None, "", "   ", "—", "–", "-", "/", "－", "——", "--", "N/A"])
def test_blanks_and_dashes_mean_missing(typed: str | None) -> None:
    assert parse_number(typed) is None


@pytest.mark.parametrize(
    "typed", ["12,3.4", "1,23", "abc", "12%%", "12 34", "1.2.3", "十二", "12 apples", "0x1F"]
)
def test_not_numbers_are_refused(typed: str) -> None:
    with pytest.raises(CellError, match="is not a number"):
        parse_number(typed)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("9" * 400, "99999999999999999999… is too large"),
        ("1e400", "1e400 is too large"),
        ("1e999999999", "1e999999999 is too large"),  # once a decimal.Overflow traceback
        (1e300, "1e+300 is too large"),  # an .xlsx number cell
        ("1" + "x" * 400, "'1xxxxxxxxxxxxxxxxxxx…' is not a number"),
    ],
    ids=["400-digits", "1e400", "1e999999999", "xlsx-float", "400-characters"],
)
def test_long_cells_are_shortened_in_messages(typed: object, shown: str) -> None:
    with pytest.raises(CellError) as exc:
        parse_number(typed)
    assert str(exc.value).startswith(shown)
    assert len(str(exc.value)) < 70


@pytest.mark.parametrize("typed", ["9" * 400, "1e400", "1e-400", "0." + "0" * 400 + "1", "0." + "9" * 400])
def test_no_sheet_message_spells_out_a_long_number(cat: Catalogue, tmp_path: Path, typed: str) -> None:
    rows = [("科技型企业销售收入", "元"), ("国家高新技术企业", "家"), ("全社会研发经费支出占GDP比重", "小数")]
    text = "指标,数值,单位\n" + "".join(f"{name},{typed},{unit}\n" for name, unit in rows)
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "s.csv", text, year=2019)
    assert exc.value.diagnostics
    assert all(len(d.message) < 150 for d in exc.value.diagnostics), problems(exc)


def test_a_json_number_with_thousands_of_digits(cat: Catalogue, tmp_path: Path) -> None:
    # Python refuses to read an int over 4300 digits (a ValueError that was once a traceback)
    text = '[{"指标": "gdp", "数值": ' + "9" * 5000 + "}]"
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "rows.json", text, year=2019)
    assert problems(exc) == ["None:None: cannot read the JSON: a number has over 4300 digits"]


def test_a_unit_word_typed_in_the_cell() -> None:
    assert parse_number("12家") == Parsed(Decimal(12), unit="家")
    assert parse_number("3.5 亿元") == Parsed(Decimal("3.5"), unit="亿元")


def test_spreadsheet_values() -> None:
    assert parse_number(7) == Parsed(Decimal(7))
    parsed = parse_number(0.1 + 0.2)  # binary noise beyond Excel's 15 digits is dropped
    assert parsed is not None and parsed.number == Decimal("0.3")
    with pytest.raises(CellError, match="yes/no"):
        parse_number(True)


@pytest.mark.parametrize("typed", [2019, 2019.0, "2019", " 2019年 ", "2019年度", "２０１９"])
def test_years(typed: object) -> None:
    assert parse_year(typed) == 2019


@pytest.mark.parametrize("typed", ["二〇一九", "19", "2019-01", True])
def test_bad_years(typed: object) -> None:
    with pytest.raises(CellError):
        parse_year(typed)


# ------------------------------------------------------------------------------ units


def _convert(cat: Catalogue, series: str, typed: str, unit: str | None = None) -> int | float:
    ind, comp = cat.series[series]
    parsed = parse_number(typed)
    assert parsed is not None
    return convert(parsed, importer.unit_of(unit), ind, comp, series)


def test_yi_to_wan_is_exact(cat: Catalogue) -> None:
    value = _convert(cat, "fiscal_st_spending", "12.3", "亿元")  # the component is in 万元
    assert value == 123000 and isinstance(value, int)


def test_wan_to_yi_and_yuan(cat: Catalogue) -> None:
    assert _convert(cat, "rd_expenditure", "12345", "万元") == 1.2345  # the component is in 亿元
    assert _convert(cat, "sci_tech_commissioner_fund", "500,000", "元") == 50
    assert _convert(cat, "sci_tech_commissioner_fund", "500", "千元") == 50


def test_fraction_to_percent(cat: Catalogue) -> None:
    assert _convert(cat, "rd_expenditure_gdp_ratio", "0.0085", "小数") == 0.85
    assert _convert(cat, "rd_expenditure_gdp_ratio", "0.85%", "小数") == 0.85  # the % sign wins
    assert _convert(cat, "rd_expenditure_gdp_ratio", "0.85", "%") == 0.85


@pytest.mark.parametrize("word", ["家", "个", "户", "名", "人", "项", "支"])
def test_measure_words_mean_a_count(cat: Catalogue, word: str) -> None:
    assert _convert(cat, "national_high_tech_enterprises", "12", word) == 12


def test_whole_counts(cat: Catalogue) -> None:
    value = _convert(cat, "national_high_tech_enterprises", "12.0")
    assert value == 12 and isinstance(value, int)
    with pytest.raises(CellError, match="whole number"):
        _convert(cat, "national_high_tech_enterprises", "12.5")
    with pytest.raises(CellError, match="0 or more; got -1"):
        _convert(cat, "national_high_tech_enterprises", "-1")


@pytest.mark.parametrize(
    ("series", "typed", "unit", "message"),
    [
        ("national_high_tech_enterprises", "12", "元", "cannot be converted"),
        ("national_high_tech_enterprises", "12%", None, "percentage"),
        ("tech_enterprise_sales", "12", "家", "cannot be converted"),
        ("tech_enterprise_sales", "12", "%", "cannot be converted"),
        ("rd_expenditure_gdp_ratio", "0.8", "万元", "cannot be converted"),
        ("rd_expenditure_gdp_ratio", "120", None, "between 0 and 100"),
        ("tech_enterprise_sales", "-3", None, "negative"),
        ("provincial_upper_middle_level", "1", None, "qualitative"),
        ("fiscal_st_spending_growth", "12", None, "fiscal_st_spending and fiscal_recurrent_revenue"),
    ],
)
def test_units_that_cannot_be_converted(
    cat: Catalogue, series: str, typed: str, unit: str | None, message: str
) -> None:
    with pytest.raises(CellError, match=message):
        _convert(cat, series, typed, unit)


def test_unknown_unit_is_not_a_unit() -> None:
    assert importer.unit_of("千克") is None
    assert importer.unit_of("单位：万元") == importer.unit_of("万元")


# -------------------------------------------------------------------------- encodings

LONG = (
    "2019年德宏州科技创新主要指标\n"
    "单位：见各行\n"
    "指标,数值,单位,备注\n"
    "国家高新技术企业,12,家,\n"
    '科技型企业销售收入,"1,234.5",万元,含试验区\n'
)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("gbk"),
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("utf-16"),
        lambda t: t.replace("\n", "\r\n").encode("gbk"),  # Excel on Windows
    ],
    ids=["utf-8", "utf-8-bom", "gbk", "gb18030", "utf-16", "gbk-crlf"],
)
def test_encodings_are_detected(cat: Catalogue, tmp_path: Path, encode: object) -> None:
    sheet = sheet_from(cat, tmp_path, "s.csv", encode(LONG), year=2019)  # type: ignore[operator]
    assert figures(sheet) == {
        (2019, "533100", "national_high_tech_enterprises"): 12,
        (2019, "533100", "tech_enterprise_sales"): 0.12345,
    }
    assert sheet.figures[1].note == "含试验区"


def test_the_title_rows_are_skipped_and_cells_named(cat: Catalogue, tmp_path: Path) -> None:
    sheet = sheet_from(cat, tmp_path, "s.csv", LONG.encode("gbk"), year=2019)
    assert sheet.figures[0].cell.label == "row 4, column 数值"
    assert (sheet.figures[0].cell.line, sheet.figures[0].cell.column) == (4, 2)


def test_neither_utf8_nor_gb18030(cat: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="neither UTF-8 nor GB18030"):
        sheet_from(cat, tmp_path, "s.csv", b"\x84\x31\xa4\x39\x84\x31\xa4\xff", year=2019)


def test_tab_separated(cat: Catalogue, tmp_path: Path) -> None:
    sheet = sheet_from(cat, tmp_path, "s.tsv", "指标\t数值\n国家高新技术企业\t1,234\n", year=2019)
    assert figures(sheet) == {(2019, "533100", "national_high_tech_enterprises"): 1234}


# ---------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    "header",
    ["指标,数值", "指标名称,数据", "指标, 值 ", "indicator,value", "ID,Value", "项目,数值（家）"],
)
def test_recognised_headers(cat: Catalogue, tmp_path: Path, header: str) -> None:
    sheet = sheet_from(cat, tmp_path, "s.csv", f"{header}\n国家高新技术企业,7\n", year=2019)
    assert figures(sheet) == {(2019, "533100", "national_high_tech_enterprises"): 7}


@pytest.mark.parametrize(
    "name",
    [
        "national_high_tech_enterprises",
        "国家高新技术企业",
        " 国家 高新技术企业 ",
        "National high-tech enterprises",
        "national HIGH-TECH enterprises",
    ],
)
def test_indicators_by_id_chinese_or_english_name(cat: Catalogue, tmp_path: Path, name: str) -> None:
    sheet = sheet_from(cat, tmp_path, "s.csv", f"指标,数值\n{name},7\n", year=2019)
    assert [f.series for f in sheet.figures] == ["national_high_tech_enterprises"]


def test_component_names_and_full_width_brackets(cat: Catalogue, tmp_path: Path) -> None:
    text = "指标,数值\n地区生产总值 GDP,380\n院士（博士）专家工作站,12\n"
    sheet = sheet_from(cat, tmp_path, "s.csv", text, year=2019)
    assert [f.series for f in sheet.figures] == ["gdp", "expert_workstations"]


def test_no_header_row(cat: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no header row"):
        sheet_from(cat, tmp_path, "s.csv", "德宏州科技统计\n一些说明\n", year=2019)
    with pytest.raises(DataError, match="no header row above it"):
        sheet_from(cat, tmp_path, "s.csv", "国家高新技术企业,12\n", year=2019)


def test_every_bad_cell_is_reported_at_once(cat: Catalogue, tmp_path: Path) -> None:
    text = (
        "指标,数值,单位\n"
        '国家高新技术企业,"12,3.4",家\n'
        "培养创客,12.5,\n"
        "国家高薪技术企业,3,\n"
        "科技型企业销售收入,5,家\n"
        "科技进步贡献率,45,千克\n"
    )
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "sheet.csv", text, year=2019)
    found = problems(exc)
    assert found == [
        "2:2: row 2, column 数值: '12,3.4' is not a number",
        "3:2: row 3, column 数值: 'makers_trained' is a count: it must be a whole number, 0 or more; "
        "got 12.5",
        "4:1: row 4, column 指标: unknown indicator '国家高薪技术企业'; did you mean '国家高新技术企业'?",
        "5:2: row 5, column 数值: 'tech_enterprise_sales' is in 亿元; a figure in 家 cannot be converted "
        "to it exactly",
        f"6:3: row 6, column 单位: unknown unit '千克' (known: {', '.join(importer._UNIT_WORDS)})",
    ]
    assert exc.value.diagnostics[0].path.endswith("sheet.csv")
    assert exc.value.diagnostics[0].field == "national_high_tech_enterprises"


def test_headings_and_blanks_are_skipped_and_reported(cat: Catalogue, tmp_path: Path) -> None:
    text = "指标,数值\n一、科技投入,\n国家高新技术企业,—\n培养创客,/\n企业孵化器,30\n,\n"
    sheet = sheet_from(cat, tmp_path, "s.csv", text, year=2019)
    assert figures(sheet) == {(2019, "533100", "business_incubators"): 30}
    assert [(s.series, s.cell.line) for s in sheet.skipped] == [
        (None, 2),
        ("national_high_tech_enterprises", 3),
        ("makers_trained", 4),
    ]


def test_sources_and_notes_are_kept_as_written(cat: Catalogue, tmp_path: Path) -> None:
    text = "指标,数值,来源,备注\n企业孵化器,30, 州科技局（2019）, 含瑞丽试验区：快报数，待核\n"
    (figure,) = sheet_from(cat, tmp_path, "s.csv", text, year=2019).figures
    assert (figure.source, figure.note) == ("州科技局（2019）", "含瑞丽试验区：快报数，待核")


def test_sheet_is_for_workbooks(cat: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--sheet"):
        sheet_from(cat, tmp_path, "s.csv", "指标,数值\n企业孵化器,30\n", year=2019, sheet="Sheet1")


def test_indicator_code_beside_its_name(cat: Catalogue, tmp_path: Path) -> None:
    text = (
        "指标代码,指标名称,数值\n"
        "business_incubators,企业孵化器,30\n"
        ",培养创客,900\n"
        "makers_trained,企业孵化器,1\n"
    )
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "s.csv", text, year=2019)
    assert problems(exc) == [
        "4:2: row 4, column 指标名称: this names business_incubators, but 指标代码 names makers_trained"
    ]
    good = sheet_from(cat, tmp_path, "s.csv", text.rsplit("makers_trained", 1)[0], year=2019)
    assert figures(good) == {
        (2019, "533100", "business_incubators"): 30,
        (2019, "533100", "makers_trained"): 900,
    }


def test_a_figure_given_twice(cat: Catalogue, tmp_path: Path) -> None:
    same = sheet_from(cat, tmp_path, "s.csv", "指标,数值\n企业孵化器,30\nbusiness_incubators,30\n", year=2019)
    assert len(same.figures) == 1
    with pytest.raises(DataError, match="given twice"):
        sheet_from(cat, tmp_path, "s.csv", "指标,数值\n企业孵化器,30\nbusiness_incubators,31\n", year=2019)


# ---------------------------------------------------------------------------- layouts


def test_long_needs_a_year(cat: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--year"):
        sheet_from(cat, tmp_path, "s.csv", "指标,数值\n企业孵化器,30\n")


def test_long_with_year_and_region_columns(cat: Catalogue, tmp_path: Path) -> None:
    text = (
        "年份,地区,指标,数值\n2018,芒市,企业孵化器,3\n2019年,533103,企业孵化器,4\n2019,德宏州,企业孵化器,30\n"
    )
    sheet = sheet_from(cat, tmp_path, "s.csv", text)
    assert figures(sheet) == {
        (2018, "533103", "business_incubators"): 3,
        (2019, "533103", "business_incubators"): 4,
        (2019, "533100", "business_incubators"): 30,
    }
    picked = sheet_from(cat, tmp_path, "s.csv", text, year=2019, region="533103")
    assert figures(picked) == {(2019, "533103", "business_incubators"): 4}


def test_long_with_a_column_per_year(cat: Catalogue, tmp_path: Path) -> None:
    text = '指标,单位,2018年,2019年\n科技型企业销售收入,万元,"310,000",320000\n企业孵化器,个,20,—\n'
    sheet = sheet_from(cat, tmp_path, "s.csv", text)
    assert figures(sheet) == {
        (2018, "533100", "tech_enterprise_sales"): 31,
        (2019, "533100", "tech_enterprise_sales"): 32,
        (2018, "533100", "business_incubators"): 20,
    }
    assert figures(sheet_from(cat, tmp_path, "s.csv", text, year=2018)).keys() == {
        (2018, "533100", "tech_enterprise_sales"),
        (2018, "533100", "business_incubators"),
    }


WIDE = (
    "德宏州科技创新指标（2017—2019）\n"
    "年份,国家高新技术企业(家),科技型企业销售收入（亿元）,全社会研发经费支出占GDP比重,备注\n"
    "2017,5,31,0.76%,\n"
    "2018,6,32.5,0.8,\n"
    "2019,7,34.5,—,快报数\n"
    "填表人：张三,,,,\n"
)


def test_wide_one_row_per_year(cat: Catalogue, tmp_path: Path) -> None:
    text = WIDE
    sheet = sheet_from(cat, tmp_path, "wide.csv", text)
    assert sheet.layout == "wide"
    assert figures(sheet) == {
        (2017, "533100", "national_high_tech_enterprises"): 5,
        (2017, "533100", "tech_enterprise_sales"): 31,
        (2017, "533100", "rd_expenditure_gdp_ratio"): 0.76,
        (2018, "533100", "national_high_tech_enterprises"): 6,
        (2018, "533100", "tech_enterprise_sales"): 32.5,
        (2018, "533100", "rd_expenditure_gdp_ratio"): 0.8,
        (2019, "533100", "national_high_tech_enterprises"): 7,
        (2019, "533100", "tech_enterprise_sales"): 34.5,
    }
    assert {f.note for f in sheet.figures if f.year == 2019} == {"快报数"}
    assert [s.series for s in sheet.skipped] == ["rd_expenditure_gdp_ratio"]
    picked = sheet_from(cat, tmp_path, "wide.csv", text, year=2018)
    assert {f.year for f in picked.figures} == {2018}


def test_wide_one_row_per_region(cat: Catalogue, tmp_path: Path) -> None:
    text = "县市,企业孵化器,培养创客\n芒市,5,100\n瑞丽,4,80\nYingjiang County,3,—\n"
    with pytest.raises(UsageError, match="--year"):
        sheet_from(cat, tmp_path, "s.csv", text)
    sheet = sheet_from(cat, tmp_path, "s.csv", text, year=2019)
    assert figures(sheet) == {
        (2019, "533103", "business_incubators"): 5,
        (2019, "533103", "makers_trained"): 100,
        (2019, "533102", "business_incubators"): 4,
        (2019, "533102", "makers_trained"): 80,
        (2019, "533123", "business_incubators"): 3,
    }


def test_wide_unknown_column_and_region(cat: Catalogue, tmp_path: Path) -> None:
    text = "地区,企业孵化器,培养创课\n芒市,5,100\n大理,4,80\n"
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "s.csv", text, year=2019)
    assert problems(exc) == [
        "1:3: row 1, column 培养创课: unknown indicator '培养创课'; did you mean '培养创客'?",
        "3:1: row 3, column 地区: unknown region '大理'",
    ]


def test_wide_year_out_of_range(cat: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="year 2030 is outside"):
        sheet_from(cat, tmp_path, "s.csv", "年份,企业孵化器\n2030,5\n")


# ------------------------------------------------------------------------------- xlsx


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
    with pytest.raises(UsageError, match="xls"):
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
    assert problems(exc) == ["None:None: the workbook has no worksheet, only charts (图表)"]


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


def test_a_report_file_as_input(cat: Catalogue, tmp_path: Path) -> None:
    text = (
        "year: 2019\nregion: 芒市\nprovenance: estimate\nsource: 芒市科技局\n"
        "values:\n  business_incubators: 5\n  makers_trained: {value: 90, source: 团市委}\n  gdp:\n"
    )
    sheet = sheet_from(cat, tmp_path, "r.yaml", text)
    assert figures(sheet) == {
        (2019, "533103", "business_incubators"): 5,
        (2019, "533103", "makers_trained"): 90,
    }
    assert [f.source for f in sheet.figures] == ["芒市科技局", "团市委"]
    assert {f.provenance for f in sheet.figures} == {importer.Provenance.ESTIMATE}
    with pytest.raises(UsageError, match="not --year 2018"):
        sheet_from(cat, tmp_path, "r.yaml", text, year=2018)


def test_formats(tmp_path: Path) -> None:
    assert importer.detect_format("a.CSV", None) == "csv"
    assert importer.detect_format("-", "yaml") == "yaml"
    with pytest.raises(UsageError, match="--input-format"):
        importer.detect_format("-", None)
    with pytest.raises(UsageError, match="--input-format"):
        importer.detect_format("figures.dat", None)

"""Sheets as departments send them (issue 13): a year joined to a value word, the statistics bureau's
names, the visible sheet, .xls and .ods, and what a CSV or JSON says that must not be read half-right."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from dehong_cli.errors import DataError, UsageError
from dehong_cli.importer.read import read_sheet
from dehong_cli.importer.types import Options
from dehong_cli.model.catalogue import Catalogue
from importer.sheets import figures, problems, sheet_from

P = "533100"
CORPUS = Path(__file__).parents[1] / "corpus" / "sheets"


@pytest.mark.parametrize(
    ("header", "year", "opts"),
    [
        ("2020年完成值", 2020, {}),
        ("2019年实际", 2019, {}),
        ("2019年实际完成值", 2019, {}),
        ("2020年", 2020, {}),
        ("本年实际", 2019, {"year": 2019}),
        ("本年完成", 2018, {"year": 2018}),
    ],
)
def test_a_year_joined_to_a_value_word(
    cat: Catalogue, tmp_path: Path, header: str, year: int, opts: dict[str, int]
) -> None:
    sheet = sheet_from(cat, tmp_path, "s.csv", f"指标,{header}\n培养创客,1234\n", **opts)
    assert figures(sheet) == {(year, P, "makers_trained"): 1234}


def test_a_target_column_is_not_a_figure(cat: Catalogue, tmp_path: Path) -> None:
    text = "指标,2020年目标值,目标值,2019年完成值\n培养创客,5000,5000,1234\n"
    assert figures(sheet_from(cat, tmp_path, "s.csv", text)) == {(2019, P, "makers_trained"): 1234}


@pytest.mark.parametrize(
    ("name", "series"),
    [
        ("R&D经费投入强度", "rd_expenditure_gdp_ratio"),
        ("研发投入强度", "rd_expenditure_gdp_ratio"),
        ("研发经费投入强度", "rd_expenditure_gdp_ratio"),
        ("R&D经费内部支出", "rd_expenditure"),
        ("规模以上工业企业R&D经费投入强度", "industrial_rd_intensity"),
    ],
)
def test_the_statistics_bureau_names_are_aliases(
    cat: Catalogue, tmp_path: Path, name: str, series: str
) -> None:
    sheet = sheet_from(cat, tmp_path, "s.csv", f"指标,数值\n{name},0.8\n", year=2019)
    assert figures(sheet) == {(2019, P, series): 0.8}


def _hidden_first(path: Path) -> Path:
    book = openpyxl.Workbook()
    old = book.active
    assert old is not None
    old.title = "旧数据"
    old.append(["指标", "数值"])
    old.append(["培养创客", 999])
    old.sheet_state = "hidden"
    new = book.create_sheet("2019")
    new.append(["指标", "数值"])
    new.append(["培养创客", 1234])
    book.save(path)
    return path


def test_the_visible_sheet_is_the_default_and_a_hidden_one_can_be_named(
    cat: Catalogue, tmp_path: Path
) -> None:
    path = _hidden_first(tmp_path / "book.xlsx")
    assert figures(read_sheet(cat, path, Options(year=2019))) == {(2019, P, "makers_trained"): 1234}
    named = read_sheet(cat, path, Options(year=2019, sheet="旧数据"))
    assert figures(named) == {(2019, P, "makers_trained"): 999}


def test_xls(cat: Catalogue) -> None:
    sheet = read_sheet(cat, CORPUS / "legacy.xls", Options(year=2019))
    assert figures(sheet) == {(2019, P, "makers_trained"): 1234}
    assert sheet.figures[0].cell.label == "Sheet1!B3 (数值)"


def test_ods_is_refused_rather_than_misread(cat: Catalogue) -> None:
    with pytest.raises(UsageError, match=r"\.ods \(OpenDocument\) is not read; save it as \.xlsx"):
        read_sheet(cat, CORPUS / "sheet.ods", Options(year=2019))


def test_an_unreadable_xls_is_an_error_not_a_traceback(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "s.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0 not really")
    with pytest.raises(DataError) as exc:
        read_sheet(cat, path, Options(year=2019))
    assert exc.value.diagnostics[0].code == "xls"


def test_unquoted_thousands_are_refused_with_a_hint(cat: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "s.csv", "指标,数值\n培养创客,1,234\n", year=2019)
    assert problems(exc) == [
        "2:3: row 2, column C: this row has 3 cells but the header has 2: is 1,234 missing its quotes? "
        'write "1,234" (or 1234)'
    ]
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "s.csv", "指标,数值\n培养创客,12,见附件\n", year=2019)
    assert "needs quotes, or the column a header" in problems(exc)[0]
    # an empty cell past the header (a trailing comma) is nothing
    assert figures(sheet_from(cat, tmp_path, "s.csv", "指标,数值\n培养创客,12,\n", year=2019))


def test_an_unclosed_quote(cat: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "s.csv", '指标,数值,备注\n企业孵化器,9,"见\n培养创客,12,无\n', year=2019)
    assert [d.code for d in exc.value.diagnostics] == ["csv-quote"]
    assert problems(exc)[0].startswith("2:3: row 2, column C: the quote")
    # a quoted note over two lines is fine
    text = '指标,数值,备注\n企业孵化器,9,"见\n附件"\n培养创客,12,无\n'
    assert len(figures(sheet_from(cat, tmp_path, "s.csv", text, year=2019))) == 2


def test_mixed_encodings(cat: Catalogue, tmp_path: Path) -> None:
    raw = "指标,数值,备注\n企业孵化器,9,正常\n".encode() + "培养创客,12,备注\n".encode("gbk")
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "s.csv", raw, year=2019)
    assert problems(exc)[0].startswith("3:1: line 3 is not UTF-8 (GBK?), but line 1 is")


def test_json_duplicate_keys_and_constants(cat: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "s.json", '[{"指标": "培养创客", "数值": 1, "数值": 2}]', year=2019)
    assert problems(exc) == ['1:26: "数值" is given twice in one object; which one is meant is unknown']
    # the same key in two rows is not a duplicate
    two = '[{"指标": "培养创客", "数值": 1}, {"指标": "企业孵化器", "数值": 2}]'
    assert len(figures(sheet_from(cat, tmp_path, "s.json", two, year=2019))) == 2
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "s.json", '[{"指标": "培养创客",\n "数值": -Infinity}]', year=2019)
    assert problems(exc) == ["2:8: -Infinity is not JSON (write a number, or null)"]


def test_a_json_report_with_decimals(cat: Catalogue, tmp_path: Path) -> None:
    text = (
        '{"year": 2019, "provenance": "official", "source": "s",'
        ' "values": {"rd_expenditure_gdp_ratio": 0.8, "gdp": 430.25}}'
    )
    sheet = sheet_from(cat, tmp_path, "r.json", text)
    assert figures(sheet) == {(2019, P, "rd_expenditure_gdp_ratio"): 0.8, (2019, P, "gdp"): 430.25}


def test_a_second_note_for_the_same_figure_is_not_dropped(cat: Catalogue, tmp_path: Path) -> None:
    text = "指标,数值,备注\n培养创客,12,一\n培养创客,12,二\n"
    with pytest.raises(DataError) as exc:
        sheet_from(cat, tmp_path, "s.csv", text, year=2019)
    assert [d.code for d in exc.value.diagnostics] == ["duplicate"]
    assert "given twice with different notes: '一' at row 2, column 数值, '二' here" in problems(exc)[0]
    same = "指标,数值,备注\n培养创客,12,一\n培养创客,12,一\n"
    assert len(figures(sheet_from(cat, tmp_path, "s.csv", same, year=2019))) == 1


XLS = Path(__file__).parent / "samples" / "percent-hidden-first.xls"  # written once by xlwt 1.3.0


def test_an_xls_reads_as_shown_from_its_first_visible_sheet(cat: Catalogue) -> None:
    """0.0085 formatted 0.00% is 0.85, as in an .xlsx; the hidden first sheet 旧数据 is passed over."""
    sheet = read_sheet(cat, XLS, Options(year=2019))
    assert figures(sheet) == {(2019, P, "rd_expenditure_gdp_ratio"): 0.85, (2019, P, "makers_trained"): 1234}
    hidden = read_sheet(cat, XLS, Options(year=2019, sheet="旧数据"))
    assert figures(hidden) == {(2019, P, "makers_trained"): 999}


def test_an_xls_is_held_to_the_sheet_limits(cat: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    from dehong_cli.importer import xls

    monkeypatch.setattr(xls, "MAX_ROWS", 2)
    with pytest.raises(DataError) as exc:
        read_sheet(cat, XLS, Options(year=2019))
    assert problems(exc) == ["3:1: 2019!A3: the worksheet has over 2 rows"]

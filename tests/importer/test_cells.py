"""Cells as people type them: numbers with commas, %, unit words and full-width digits; years; blanks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dehong_cli.errors import DataError
from dehong_cli.importer.cells import Parsed, parse_number, parse_year
from dehong_cli.importer.types import CellError
from dehong_cli.model.catalogue import Catalogue

from .sheets import problems, sheet_from


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
    assert problems(exc) == ["1:1: cannot read the JSON: a number has over 4300 digits"]


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

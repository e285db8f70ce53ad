"""The unit vocabulary of sheets, and conversion to the catalogue's unit: exact, or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehong_cli.importer.cells import parse_number
from dehong_cli.importer.convert import convert
from dehong_cli.importer.read import read_sheet
from dehong_cli.importer.types import CellError, Options
from dehong_cli.importer.units import SheetUnit, UnitKind, Vocabulary, unit_of
from dehong_cli.model.catalogue import Catalogue


def _convert(cat: Catalogue, series: str, typed: str, unit: str | None = None) -> int | float:
    ind, comp = cat.series[series]
    parsed = parse_number(typed)
    assert parsed is not None
    return convert(parsed, unit_of(unit), ind, comp, series)


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
    assert unit_of("千克") is None
    assert unit_of("单位：万元") == unit_of("万元")


# ---------------------------------------------------------------------- a `number` goal


@pytest.fixture(scope="module")
def quantities(cat: Catalogue) -> Catalogue:
    """The shipped catalogue with one goal made a `number` in 件/万人 (the shipped plan has none)."""
    data = cat.model_dump(mode="json")
    for ind in data["indicators"]:
        if ind["id"] == "national_high_tech_enterprises":
            ind.update(unit="number", measure="件/万人", scale=None)
    return Catalogue.model_validate(data)


def test_a_number_is_stored_as_typed_in_its_measure_word(quantities: Catalogue) -> None:
    units = Vocabulary.of(quantities)
    assert units.unit("件/万人") == SheetUnit(UnitKind.MEASURE, "件/万人")
    assert unit_of("件/万人") is None  # not a word of every sheet: the catalogue's
    ind, _ = quantities.series["national_high_tech_enterprises"]

    def number(typed: str, unit: str | None = None) -> int | float:
        parsed = parse_number(typed, units)
        assert parsed is not None
        return convert(parsed, units.unit(unit), ind, None, ind.id, units)

    assert number("12.5件/万人") == 12.5  # the measure word typed in the cell
    assert number("-0.35", "件/万人") == -0.35  # any sign, in the unit column
    whole = number("1,200")
    assert whole == 1200 and isinstance(whole, int)
    assert number("0.1") == 0.1  # decimal, not binary: 0.1 is 0.1
    with pytest.raises(CellError, match="is in 件/万人; a figure in 万元 cannot be converted"):
        number("3", "万元")
    with pytest.raises(CellError, match="is in 件/万人, but the cell is a percentage"):
        number("3%")


def test_a_number_read_from_a_sheet(quantities: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("指标,数值,单位\n国家高新技术企业,2.5,件/万人\n", encoding="utf-8")
    sheet = read_sheet(quantities, path, Options(year=2019))
    assert [(f.series, f.value) for f in sheet.figures] == [("national_high_tech_enterprises", 2.5)]
    path.write_text("年份,国家高新技术企业(件/万人)\n2019,-1.25\n", encoding="utf-8")
    assert [f.value for f in read_sheet(quantities, path, Options()).figures] == [-1.25]

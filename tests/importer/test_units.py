"""The unit vocabulary of sheets, and conversion to the catalogue's unit: exact, or refused."""

from __future__ import annotations

import pytest

from dehong_cli.importer.cells import parse_number
from dehong_cli.importer.convert import convert
from dehong_cli.importer.types import CellError
from dehong_cli.importer.units import unit_of
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

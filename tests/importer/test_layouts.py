"""The long and wide layouts, with year and region columns or --year and --region."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehong_cli.errors import DataError, UsageError
from dehong_cli.model.catalogue import Catalogue

from .sheets import figures, problems, sheet_from


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

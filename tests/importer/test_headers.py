"""Header rows: found below titles, Chinese or English, roles, indicators, units in brackets."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehong_cli.errors import DataError, UsageError
from dehong_cli.importer.units import UNIT_WORDS
from dehong_cli.model.catalogue import Catalogue

from .sheets import figures, problems, sheet_from


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
        f"6:3: row 6, column 单位: unknown unit '千克' (known: {', '.join(UNIT_WORDS)})",
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

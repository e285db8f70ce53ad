"""The report's renderers as pure functions on the view-model: self-contained HTML, Markdown, the
进展情况表 and its CSV for Excel."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re

import pytest
from conftest import SHIPPED

from dehong_cli.assess.annual import ReportData, SourceReport, build
from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.valid_reports import load_reports
from dehong_cli.render import charts
from dehong_cli.render.report_formats import REPORT_FORMATS


@pytest.fixture(scope="module")
def data() -> ReportData:
    cat = load_catalogue(SHIPPED / "targets.yaml")
    return build(cat, load_reports(SHIPPED, cat), made_on=dt.date(2020, 5, 1), data_from="data")


@pytest.fixture(scope="module")
def html(data: ReportData) -> str:
    out = REPORT_FORMATS["html"](data, "zh")
    assert isinstance(out, str)
    return out


def test_html_fetches_nothing(html: str) -> None:
    assert "<script" not in html and "<link" not in html and "<img" not in html and "<iframe" not in html
    assert "@import" not in html and "url(" not in html
    assert "@font-face" not in html
    # the only URL is the SVG namespace, which is a name, never fetched
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}


def test_every_chart_is_accessible(html: str) -> None:
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    assert len(svgs) >= 20
    for svg in svgs:
        assert 'role="img"' in svg
        assert re.search(r"<title>[^<]+</title><desc>[^<]+</desc>", svg)


def test_status_is_in_words_and_headings_and_tables_are_real(html: str) -> None:
    assert '<span class="status s-on-track">按期推进</span>' in html
    assert "<h1>" in html and html.count("<h2") >= 8 and "<thead>" in html and 'scope="col"' in html
    assert '<html lang="zh-CN">' in html
    assert "Microsoft YaHei" in html and "PingFang SC" in html and "Noto Sans CJK SC" in html
    assert "@page { size: A4" in html and "break-before: page" in html
    assert "display: table-header-group" in html and "break-inside: avoid" in html


def test_the_warning_comes_first(html: str) -> None:
    assert html.index('class="warning"') < html.index('id="summary"')
    assert "示例数据" in html


def test_text_from_the_data_is_escaped(data: ReportData) -> None:
    hostile = "<script>alert(1)</script> & “quoted”"
    region = data.region
    evil = dataclasses.replace(
        data, sources=(SourceReport(2019, region, data.sources[0].provenance, hostile),)
    )
    out = REPORT_FORMATS["html"](evil, "en")
    assert isinstance(out, str)
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quoted”" in out


def test_english_is_english(data: ReportData) -> None:
    out = REPORT_FORMATS["html"](data, "en")
    assert isinstance(out, str)
    assert '<html lang="en">' in out and "Annual assessment" in out and "on track" in out
    body = re.sub(r"<style>.*?</style>", "", out, flags=re.S)
    # Chinese appears only in names the plan gives (the document number, quotes, departments, sources)
    assert "年度考核评估报告" not in body and "按期推进" not in body and "均速路径" not in body


def test_markdown_has_every_section(data: ReportData) -> None:
    md = REPORT_FORMATS["markdown"](data, "zh")
    assert isinstance(md, str)
    for heading in (
        "## 数据来源说明",
        "## 总体情况",
        "## 科技投入",
        "## 逐年状态",
        "## 县市情况",
        "## 部门情况",
    ):
        assert heading in md
    assert "## 重点任务进展" not in md  # task progress comes with issue 12
    assert "> **⚠ 示例数据" in md
    assert "| 2019 | 9家 | 8.5家 |" in md  # a goal's data table, with its text chart
    assert "█" in md


def test_text_bar() -> None:
    from dehong_cli.render.report_markdown import text_bar

    assert text_bar(5, 10) == "█" * 10 + "░" * 10
    assert text_bar(None, 10) == "" and text_bar(-3, 10) == "░" * 20


def test_chart_leaves_a_gap_for_a_year_not_reported() -> None:
    svg = charts.line_chart(
        [2016, 2017, 2018, 2019],
        [1, 2, None, 4],
        [1, 2, 3, 4],
        5,
        title="t",
        desc="d",
        labels=("v", "p", "t"),
    )
    assert svg.count('<polyline class="value"') == 1  # 2016–2017; 2019 alone is a dot
    assert svg.count('<circle class="value"') == 3
    assert 'class="target"' in svg
    assert charts.line_chart([], [], [], None, title="t", desc="d", labels=("", "", "")) == ""


def test_chart_escapes_its_words() -> None:
    svg = charts.bar_chart([("<b>", 1, "s-achieved")], title="a<b", desc="&")
    assert "<b>" not in svg and "a&lt;b" in svg and "&amp;" in svg


def test_the_excel_csv_has_a_bom_and_chinese_headers(data: ReportData) -> None:
    text = REPORT_FORMATS["csv"](data, "zh")
    assert isinstance(text, str)
    assert text.startswith("\ufeff领域,指标,目标")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    hte = next(r for r in rows if r[1] == "国家高新技术企业")
    assert hte[3:7] == ["9", "2019", "1", "83.3%"] and hte[8] == "按期推进"


def test_the_progress_workbook(data: ReportData) -> None:
    from openpyxl import load_workbook

    payload = REPORT_FORMATS["xlsx"](data, "zh")
    assert isinstance(payload, bytes)
    book = load_workbook(io.BytesIO(payload))
    assert book.sheetnames == ["目标", "县市", "部门", "任务"]
    goals = book["目标"]
    assert "德宏州" in str(goals["A1"].value) and "截至2019年" in str(goals["A1"].value)
    assert [c.value for c in goals[2]][:3] == ["领域", "指标", "目标"]
    assert goals.freeze_panes == "A3" and goals.auto_filter.ref and goals.auto_filter.ref.startswith("A2:")
    row = next(r for r in goals.iter_rows(min_row=3) if r[1].value == "国家高新技术企业")
    assert row[3].value == 9 and row[3].number_format == '#,##0"家"'
    assert row[6].number_format == "0%" and row[6].value == pytest.approx(5 / 6)
    assert row[8].value == "按期推进" and row[8].fill.fgColor.rgb.endswith("8CCB8F")
    money = next(r for r in goals.iter_rows(min_row=3) if r[1].value == "科技型企业销售收入")
    assert money[3].number_format == '#,##0.00" 亿元"'
    assert goals.column_dimensions["B"].width > 10
    assert any("示例数据" in str(r[0].value) for r in goals.iter_rows(min_row=3))
    assert book["县市"]["C2"].value == "芒市"

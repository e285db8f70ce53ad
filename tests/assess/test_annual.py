"""The annual report's assembly step, on in-memory models: it adds nothing to the engine's numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SHIPPED

from dehong_cli.assess.annual import ReportData, build
from dehong_cli.assess.engine import assess
from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.valid_reports import load_reports
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.report import Report
from dehong_cli.model.status import Status

DAY = dt.date(2020, 5, 1)


@pytest.fixture(scope="module")
def shipped() -> tuple[Catalogue, list[Report]]:
    cat = load_catalogue(SHIPPED / "targets.yaml")
    return cat, load_reports(SHIPPED, cat)


@pytest.fixture(scope="module")
def data(shipped: tuple[Catalogue, list[Report]]) -> ReportData:
    return build(*shipped, made_on=DAY)


def test_every_goal_has_the_engines_result(shipped: tuple[Catalogue, list[Report]], data: ReportData) -> None:
    expected = assess(*shipped)
    goals = {g.id: g.progress for s in data.strands for g in s.goals}  # by strand, then catalogue order
    assert goals == {p.indicator.id: p for p in expected.results}
    assert len(goals) == len(expected.results)
    assert dict(data.summary.counts) == expected.counts
    assert data.as_of == expected.as_of == 2019


def test_the_trend_ends_with_the_status_as_of_the_year(data: ReportData) -> None:
    assert data.years == (2017, 2018, 2019)
    for strand in data.strands:
        for g in strand.goals:
            assert [y for y, _ in g.trend] == [2017, 2018, 2019]
            assert g.trend[-1][1] is g.progress.status


def test_the_series_is_the_even_pace_of_show(data: ReportData) -> None:
    g = data.goal("national_high_tech_enterprises")
    rows = {r.year: r for r in g.series}
    assert rows[2016].value == 4 and rows[2019].value == 9
    assert rows[2020].expected == pytest.approx(10)  # the path ends on the target


def test_summary_counts_completeness_and_awaiting(data: ReportData) -> None:
    s = data.summary
    assert (
        s.total == len(data.assessment.results)
        and s.quantified == s.total - dict(s.counts)[Status.QUALITATIVE]
    )
    assert s.awaiting == dict(s.counts)[Status.UNABLE_TO_ASSESS] + dict(s.counts)[Status.AWAITING_DATA]
    assert s.completeness == pytest.approx(s.with_current_figure / s.quantified)


def test_departments_own_their_goals_and_tasks(data: ReportData) -> None:
    finance = next(d for d in data.departments if d.name == "州财政局")
    assert "rd_expenditure_gdp_ratio" in finance.goals
    assert set(finance.behind) <= set(finance.goals)
    waiting = {Status.UNABLE_TO_ASSESS, Status.AWAITING_DATA}
    assert all(data.goal(i).progress.status in waiting for i in finance.awaiting)


def test_goals_awaiting_the_target_years_figures_count_as_awaiting_data(
    shipped: tuple[Catalogue, list[Report]],
) -> None:
    """As of 2020 on data ending in 2019: 23 goals await their 2020 figure, 1 has none at all."""
    s = build(*shipped, as_of=2020, made_on=DAY).summary
    assert dict(s.counts)[Status.AWAITING_DATA] == 23
    assert s.awaiting == 24


def test_the_county_view_shows_each_county_beside_the_prefecture(data: ReportData) -> None:
    assert data.counties is not None
    assert [r.code for r in data.counties.regions] == ["533103", "533102", "533122", "533123", "533124"]
    row = next(r for r in data.counties.rows if r.indicator_id == "national_high_tech_enterprises")
    assert row.prefecture == 9
    assert row.counties[0].value == 3
    assert row.counties[0].share == pytest.approx(3 / 9)


def test_a_county_report_has_no_county_view(shipped: tuple[Catalogue, list[Report]]) -> None:
    cat, reports = shipped
    data = build(cat, reports, made_on=DAY, region=cat.regions_by_key["533103"])
    assert data.counties is None
    assert {s.region.code for s in data.sources} == {"533103"}


def test_no_task_file_no_task_section_and_attainment_is_the_engines(data: ReportData) -> None:
    assert data.tasks is None
    goals = [g for s in data.strands for g in s.goals]
    assert [g.attainment for g in goals] == [g.progress.attainment for g in goals]
    assert any(g.attainment is not None for g in goals)


def test_keep_shows_only_the_goals_asked_for(shipped: tuple[Catalogue, list[Report]]) -> None:
    cat, reports = shipped
    data = build(
        cat, reports, made_on=DAY, keep={"sci_tech_progress_contribution", "productivity_promotion_centres"}
    )
    assert sorted(g.id for s in data.strands for g in s.goals) == [
        "productivity_promotion_centres",
        "sci_tech_progress_contribution",
    ]
    assert all(s.goals for s in data.strands)  # a strand with none of them is left out


def test_no_reports_no_year(shipped: tuple[Catalogue, list[Report]]) -> None:
    data = build(shipped[0], [], made_on=DAY)
    assert data.as_of is None and data.years == () and data.counties is None
    assert data.summary.completeness == 0


def test_illustrative_data_is_flagged(data: ReportData) -> None:
    assert {p.value for p in data.provenances} == {"illustrative"}

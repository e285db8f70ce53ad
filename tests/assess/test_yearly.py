"""`annual` and `growth_vs` goals: judged year by year; a missed year stands."""

from __future__ import annotations

import pytest
from builders import GROWTH, catalogue, indicator, one, report, series

from dehong_cli.assess.engine import assess
from dehong_cli.model.report import Report
from dehong_cli.model.status import Status
from dehong_cli.render.reasons import phrase

# --------------------------------------------------------------------- annual, growth_vs

FUND = {"unit": "money", "scale": "万元", "accrual": "annual", "target": 50}


def test_annual_all_met_is_on_track() -> None:
    cat = catalogue(indicator("fund", **FUND))
    p = one(cat, series("fund", {2016: 10, 2017: 50, 2018: 60}))
    assert p.status is Status.ON_TRACK
    assert [(r.year, r.met) for r in p.years] == [(2017, True), (2018, True)]
    assert p.progress == pytest.approx(0.5)  # two of the period's four years


def test_annual_missed_year_cannot_be_made_up() -> None:
    cat = catalogue(indicator("fund", **FUND))
    p = one(cat, series("fund", {2017: 50, 2018: 30, 2019: 80}))
    assert p.status is Status.NOT_ACHIEVED
    assert p.gap == 20  # the shortfall of 2018
    assert "2018" in phrase(p.reason, "en")


def test_annual_final_needs_every_year() -> None:
    cat = catalogue(indicator("fund", **FUND))
    every = one(cat, series("fund", {2017: 50, 2018: 50, 2019: 50, 2020: 50}))
    assert every.status is Status.ACHIEVED and every.final
    gap_year = one(cat, series("fund", {2017: 50, 2018: 50, 2020: 50}))
    assert gap_year.status is Status.AWAITING_DATA and not gap_year.final
    assert gap_year.provisional is Status.ON_TRACK and gap_year.awaiting_year == 2019
    assert [r.year for r in gap_year.years if r.met is None] == [2019]


def test_annual_missed_year_is_final_even_while_others_await() -> None:
    cat = catalogue(indicator("fund", **FUND))
    p = one(cat, series("fund", {2017: 50, 2018: 30}), as_of=2020)
    assert p.status is Status.NOT_ACHIEVED and p.provisional is None


def test_annual_gap_and_attainment_rest_on_the_years_reported() -> None:
    """50, 30, 45 against 50 a year: worst year 2018 short by 20; 完成率 125 ÷ 150."""
    cat = catalogue(indicator("fund", **FUND))
    p = one(cat, series("fund", {2017: 50, 2018: 30, 2019: 45}))
    assert p.gap == 20
    assert p.attainment == pytest.approx(125 / 150)


def test_annual_nothing_reported_is_unable_to_assess() -> None:
    cat = catalogue(indicator("fund", **FUND), indicator("other"))
    p = assess(cat, [report(2018, {"other": 1})]).results[0]
    assert p.status is Status.UNABLE_TO_ASSESS
    assert p.progress is None and p.gap is None


def growth_reports(spending: dict[int, float], revenue: dict[int, float]) -> list[Report]:
    return [report(y, {"spending": spending[y], "revenue": revenue[y]}) for y in spending]


def test_growth_comparison_by_hand() -> None:
    cat = catalogue(indicator("growth", **GROWTH))
    p = one(cat, growth_reports({2016: 100, 2017: 110, 2018: 115}, {2016: 200, 2017: 210, 2018: 230}))
    first, second = p.years
    assert (first.subject_growth, first.companion_growth, first.met) == (
        pytest.approx(10.0),
        pytest.approx(5.0),
        True,
    )
    assert second.subject_growth == pytest.approx(4.545455, abs=1e-5)
    assert second.companion_growth == pytest.approx(9.523810, abs=1e-5)
    assert second.met is False
    assert p.status is Status.NOT_ACHIEVED
    assert p.gap == pytest.approx(4.978355, abs=1e-5)  # percentage points, latest year
    assert p.latest.value == pytest.approx(4.545455, abs=1e-5)
    assert {f.series for f in p.figures} == {"spending", "revenue"}


def test_growth_every_year_met_is_on_track() -> None:
    cat = catalogue(indicator("growth", **GROWTH))
    p = one(cat, growth_reports({2016: 100, 2017: 110, 2018: 125}, {2016: 200, 2017: 210, 2018: 220}))
    assert p.status is Status.ON_TRACK
    assert p.gap == 0


def test_growth_needs_the_year_before() -> None:
    cat = catalogue(indicator("growth", **GROWTH))
    p = one(cat, growth_reports({2017: 110}, {2017: 210}))
    assert p.status is Status.UNABLE_TO_ASSESS
    assert p.years[0].met is None


def test_growth_equal_rates_miss_a_strict_comparison() -> None:
    cat = catalogue(indicator("growth", **GROWTH))
    p = one(cat, growth_reports({2016: 100, 2017: 110}, {2016: 200, 2017: 220}))
    assert p.status is Status.NOT_ACHIEVED

"""The progress engine on in-memory catalogues and reports, against figures worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dehong_cli.assess.progress import RANK, Status, assess, at_or_worse, band, detail
from dehong_cli.errors import UsageError
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.lookup import find_indicator, find_region
from dehong_cli.model.report import Provenance, Report

PREFECTURE, COUNTY = "533100", "533103"


def indicator(id: str, **over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": id,
        "name": f"指标{id}",
        "name_en": f"Indicator {id}",
        "definition": "A test goal.",
        "strand": "s",
        "unit": "count",
        "direction": "higher",
        "accrual": "level",
        "comparator": ">=",
        "target": 10,
        "source": {"section": "二", "quote": "quote"},
        "task": 1,
        "departments": ["州科技局"],
    }
    return {**base, **over}


def catalogue(*indicators: dict[str, Any]) -> Catalogue:
    return Catalogue.model_validate(
        {
            "schema_version": 1,
            "plan": {
                "id": "p",
                "title": "t",
                "title_en": "t",
                "document_number": "德发〔2017〕7号",
                "issuers": ["x"],
                "issue_date": "2017-03-02",
                "region": PREFECTURE,
                "baseline_year": 2016,
                "period_start": 2017,
                "period_end": 2020,
                "target_year": 2020,
                "source": "s",
            },
            "regions": [
                {"code": PREFECTURE, "name": "德宏州", "name_en": "Dehong Prefecture", "level": "prefecture"},
                {"code": COUNTY, "name": "芒市", "name_en": "Mangshi", "level": "county"},
            ],
            "strands": [{"id": "s", "name": "方面", "name_en": "Strand", "source_section": "二"}],
            "tasks": [{"number": 1, "title": "t", "section": "三", "lead_departments": ["州科技局"]}],
            "indicators": list(indicators),
        }
    )


def report(
    year: int, values: dict[str, float], region: str = PREFECTURE, provenance: str = "official"
) -> Report:
    return Report.model_validate(
        {"year": year, "region": region, "provenance": provenance, "source": f"test {year}", "values": values}
    )


def series(id: str, by_year: dict[int, float], region: str = PREFECTURE) -> list[Report]:
    return [report(y, {id: v}, region) for y, v in by_year.items()]


def one(cat: Catalogue, reports: list[Report], as_of: int | None = None, region: str | None = None) -> Any:
    result = assess(cat, reports, as_of=as_of, region=find_region(cat, region))
    assert len(result.results) == 1
    return result.results[0]


# ------------------------------------------------------------------------------- level


def test_level_on_track_by_hand() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2016: 4, 2017: 5, 2019: 9}))
    assert p.status is Status.ON_TRACK
    assert p.as_of == 2019
    assert (p.baseline.year, p.baseline.value) == (2016, 4)
    assert (p.latest.year, p.latest.value) == (2019, 9)
    # actual (9/4)^(1/3) - 1, required (10/4)^(1/4) - 1
    assert p.actual_cagr == pytest.approx(31.03707, abs=1e-4)
    assert p.required_cagr == pytest.approx(25.74334, abs=1e-4)
    assert p.ratio == pytest.approx(1.205635, abs=1e-5)
    assert p.gap == 1
    assert p.progress == pytest.approx(5 / 6)
    assert [f.year for f in p.figures] == [2016, 2017, 2019]


@pytest.mark.parametrize(
    ("latest", "status"),
    [(9, Status.ON_TRACK), (7, Status.MODERATE), (5, Status.LIMITED), (3, Status.DETERIORATION)],
)
def test_level_bands(latest: float, status: Status) -> None:
    # required (10/4)^(1/4)-1 = 25.74%; latest 7: (7/4)^(1/3)-1 = 20.51% → R 0.80; 5: 7.72% → 0.30; 3: < 0
    cat = catalogue(indicator("firms"))
    assert one(cat, series("firms", {2016: 4, 2019: latest})).status is status


def test_lower_is_better_moderate() -> None:
    cat = catalogue(indicator("energy", unit="none", direction="lower", comparator="<=", target=0.6))
    p = one(cat, series("energy", {2016: 1.0, 2018: 0.8}))
    # actual 0.8^(1/2)-1 = -10.557%, required 0.6^(1/4)-1 = -11.989%: both negative, R positive
    assert p.actual_cagr == pytest.approx(-10.55728, abs=1e-4)
    assert p.required_cagr == pytest.approx(-11.98883, abs=1e-4)
    assert p.ratio == pytest.approx(0.880593, abs=1e-5)
    assert p.status is Status.MODERATE
    assert p.gap == pytest.approx(0.2)  # latest - target
    assert p.progress == pytest.approx(0.5)  # (0.8 - 1) / (0.6 - 1)


def test_lower_is_better_rising_is_deterioration() -> None:
    cat = catalogue(indicator("energy", unit="none", direction="lower", comparator="<=", target=0.6))
    p = one(cat, series("energy", {2016: 1.0, 2018: 1.1}))
    assert p.ratio == pytest.approx(-0.407119, abs=1e-5)
    assert p.status is Status.DETERIORATION
    assert p.gap == pytest.approx(0.5)
    assert p.progress == pytest.approx(-0.25)
    assert p.bar == 0.0  # the bar is clamped, the number is kept


def test_lower_is_better_met_is_achieved_with_no_gap() -> None:
    cat = catalogue(indicator("energy", unit="none", direction="lower", comparator="<=", target=0.6))
    p = one(cat, series("energy", {2016: 1.0, 2018: 0.55}))
    assert p.status is Status.ACHIEVED
    assert p.gap == 0


def test_zero_baseline_is_unable_to_assess() -> None:
    cat = catalogue(indicator("labs", target=3))
    p = one(cat, series("labs", {2016: 0, 2019: 2}))
    assert p.status is Status.UNABLE_TO_ASSESS
    assert "baseline is 0" in p.reason
    assert p.ratio is None and p.actual_cagr is None
    assert p.gap == 1
    assert p.progress == pytest.approx(2 / 3)


def test_zero_baseline_that_reaches_the_target_is_achieved() -> None:
    cat = catalogue(indicator("labs", target=3))
    assert one(cat, series("labs", {2016: 0, 2019: 3})).status is Status.ACHIEVED


def test_one_data_point_is_unable_to_assess() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2018: 5}))
    assert p.status is Status.UNABLE_TO_ASSESS
    assert "only one value" in p.reason
    assert p.latest.value == 5 and p.gap == 5


def test_one_data_point_meeting_the_target_is_achieved() -> None:
    cat = catalogue(indicator("firms"))
    assert one(cat, series("firms", {2018: 12})).status is Status.ACHIEVED


def test_baseline_from_a_later_year_is_said() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2017: 5, 2019: 8}))
    assert p.baseline.year == 2017
    # actual (8/5)^(1/2)-1 = 26.49%, required (10/5)^(1/3)-1 = 25.99% over 2017..2020
    assert p.required_cagr == pytest.approx(25.99210, abs=1e-4)
    assert p.ratio == pytest.approx(1.019198, abs=1e-5)
    assert p.status is Status.ON_TRACK
    assert "no 2016 value" in p.reason


def test_met_early_is_achieved_whatever_the_trend() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2016: 4, 2017: 12, 2018: 11}))
    assert p.status is Status.ACHIEVED
    assert p.gap == 0
    assert p.progress == pytest.approx(7 / 6)
    assert p.bar == 1.0


def test_baseline_met_then_lost_is_deterioration() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2016: 12, 2018: 9}))
    assert p.status is Status.DETERIORATION
    assert p.ratio is None
    assert p.gap == 1


def test_target_year_passed_is_final() -> None:
    cat = catalogue(indicator("firms"))
    missed = one(cat, series("firms", {2016: 4, 2020: 9}))
    assert missed.status is Status.NOT_ACHIEVED and missed.final
    assert missed.ratio == pytest.approx(((9 / 4) ** (1 / 4) - 1) / ((10 / 4) ** (1 / 4) - 1))


def test_a_value_after_the_target_year_does_not_change_the_verdict() -> None:
    """The goal is about 2020: a 2021 catch-up is shown, but the final verdict stands."""
    cat = catalogue(indicator("firms"))
    at_deadline = one(cat, series("firms", {2016: 4, 2020: 9}), as_of=2020)
    late = one(cat, series("firms", {2016: 4, 2020: 9, 2021: 12}))
    assert late.as_of == 2021 and late.final
    assert late.status is at_deadline.status is Status.NOT_ACHIEVED
    assert late.latest is not None and late.latest.year == 2020
    assert late.gap == pytest.approx(1)


def test_additions_after_the_target_year_do_not_count() -> None:
    cat = catalogue(indicator("makers", accrual="additions", target=100))
    p = one(cat, series("makers", {2017: 20, 2018: 20, 2019: 20, 2020: 20, 2021: 50}))
    assert p.final and p.status is Status.NOT_ACHIEVED
    assert p.achieved == 80 and p.gap == 20
    assert "2017–2020" in p.reason


def test_nothing_reported_by_the_target_year_is_not_a_final_verdict() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {}), as_of=2020)
    assert p.status is Status.UNABLE_TO_ASSESS and not p.final


def test_asking_for_the_target_year_judges_the_latest_value() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2016: 4, 2019: 9}), as_of=2020)
    assert p.status is Status.NOT_ACHIEVED
    assert p.latest.year == 2019


def test_values_after_the_as_of_year_are_ignored() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2016: 4, 2018: 5, 2019: 12}), as_of=2018)
    assert p.latest.year == 2018
    assert p.status is not Status.ACHIEVED
    assert all(f.year <= 2018 for f in p.figures)


def test_a_year_before_any_data() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2017: 4, 2018: 5}), as_of=2016)
    assert p.status is Status.UNABLE_TO_ASSESS
    assert "the first is for 2017" in p.reason


# --------------------------------------------------------------------------- additions


def test_additions_ahead_of_pace() -> None:
    cat = catalogue(indicator("makers", accrual="additions", target=20))
    p = one(cat, series("makers", {2016: 50, 2017: 6, 2018: 6}))
    assert p.achieved == 12  # the 2016 figure predates the plan
    assert p.expected == 10  # 20 × (2018 − 2016) / 4
    assert p.ratio == pytest.approx(1.2)
    assert p.status is Status.ON_TRACK
    assert p.gap == 8
    assert p.progress == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("values", "status", "ratio"),
    [({2017: 3, 2018: 4}, Status.MODERATE, 0.7), ({2017: 2, 2018: 3}, Status.LIMITED, 0.5)],
)
def test_additions_behind_pace(values: dict[int, float], status: Status, ratio: float) -> None:
    cat = catalogue(indicator("makers", accrual="additions", target=20))
    p = one(cat, series("makers", values))
    assert p.ratio == pytest.approx(ratio)
    assert p.status is status


def test_additions_one_year_is_enough_and_missing_years_count_as_none() -> None:
    cat = catalogue(indicator("makers", accrual="additions", target=20))
    p = one(cat, [*series("makers", {2017: 4}), report(2019, {"other": 1})], as_of=2019)
    assert p.achieved == 4 and p.expected == 15
    assert p.status is Status.LIMITED  # 4 / 15
    assert "2018, 2019 not reported" in p.reason


def test_additions_met_early_and_final() -> None:
    cat = catalogue(indicator("makers", accrual="additions", target=20))
    assert one(cat, series("makers", {2017: 15, 2018: 6})).status is Status.ACHIEVED
    final = one(cat, series("makers", {2017: 5, 2018: 5, 2019: 5, 2020: 4}))
    assert final.status is Status.NOT_ACHIEVED and final.final
    assert final.gap == 1


def test_additions_in_the_baseline_year_are_not_due() -> None:
    cat = catalogue(indicator("makers", accrual="additions", target=20))
    p = one(cat, series("makers", {2016: 3}))
    assert p.status is Status.UNABLE_TO_ASSESS
    assert "starts in 2017" in p.reason


def test_additions_ceiling_for_lower_is_better() -> None:
    cat = catalogue(indicator("accidents", accrual="additions", direction="lower", comparator="<=", target=8))
    assert one(cat, series("accidents", {2017: 2, 2018: 3})).status is Status.ON_TRACK
    over = one(cat, series("accidents", {2017: 5, 2018: 4}))
    assert over.status is Status.NOT_ACHIEVED and over.gap == 1


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
    assert "2018" in p.reason


def test_annual_final_needs_every_year() -> None:
    cat = catalogue(indicator("fund", **FUND))
    every = one(cat, series("fund", {2017: 50, 2018: 50, 2019: 50, 2020: 50}))
    assert every.status is Status.ACHIEVED and every.final
    gap_year = one(cat, series("fund", {2017: 50, 2018: 50, 2020: 50}))
    assert gap_year.status is Status.NOT_ACHIEVED
    assert [r.year for r in gap_year.years if r.met is None] == [2019]


def test_annual_nothing_reported_is_unable_to_assess() -> None:
    cat = catalogue(indicator("fund", **FUND), indicator("other"))
    p = assess(cat, [report(2018, {"other": 1})]).results[0]
    assert p.status is Status.UNABLE_TO_ASSESS
    assert p.progress is None and p.gap is None


GROWTH = {
    "unit": "percent",
    "accrual": "growth_vs",
    "comparator": ">",
    "target": None,
    "compare_with": "revenue",
    "components": [
        {
            "id": "spending",
            "name": "投入",
            "name_en": "Spending",
            "unit": "money",
            "scale": "万元",
            "role": "subject",
        },
        {
            "id": "revenue",
            "name": "收入",
            "name_en": "Revenue",
            "unit": "money",
            "scale": "万元",
            "role": "companion",
        },
    ],
}


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


# -------------------------------------------------------------------------- ratios

RATIO = {
    "unit": "percent",
    "target": 1,
    "components": [
        {"id": "rd", "name": "研发", "name_en": "R&D", "unit": "money", "scale": "亿元", "role": "numerator"},
        {
            "id": "gdp",
            "name": "GDP",
            "name_en": "GDP",
            "unit": "money",
            "scale": "亿元",
            "role": "denominator",
        },
    ],
}


def test_ratio_from_components() -> None:
    cat = catalogue(indicator("rd_ratio", **RATIO))
    p = one(cat, [report(2016, {"rd": 1.0, "gdp": 400}), report(2019, {"rd": 2.0, "gdp": 500})])
    assert p.baseline.value == pytest.approx(0.25)
    assert p.latest.value == pytest.approx(0.4)
    assert p.latest.computed_from == ("rd", "gdp")
    assert p.gap == pytest.approx(0.6)
    assert p.progress == pytest.approx(0.2)  # (0.4 - 0.25) / (1 - 0.25)
    assert p.ratio == pytest.approx((1.6 ** (1 / 3) - 1) / (4 ** (1 / 4) - 1))
    # the components travel with the ratio, so the figure can be retraced
    assert {(f.series, f.year) for f in p.figures} >= {("rd", 2016), ("gdp", 2019)}


def test_reported_ratio_wins_over_components() -> None:
    cat = catalogue(indicator("rd_ratio", **RATIO))
    p = one(cat, [report(2019, {"rd": 2.0, "gdp": 500, "rd_ratio": 0.41})])
    assert p.latest.value == 0.41 and p.latest.computed_from == ()


# ------------------------------------------------------------------------ regions


def test_region_filtering() -> None:
    cat = catalogue(indicator("firms"))
    reports = [*series("firms", {2016: 4, 2019: 9}), *series("firms", {2018: 1, 2019: 12}, COUNTY)]
    assert one(cat, reports).latest.value == 9
    county = one(cat, reports, region="芒市")
    assert county.status is Status.ACHIEVED and county.latest.value == 12
    assert assess(cat, reports, region=find_region(cat, "mangshi")).region.code == COUNTY


def test_reports_naming_their_region_by_name_count() -> None:
    cat = catalogue(indicator("firms"))
    assert one(cat, series("firms", {2016: 4, 2019: 9}, region="德宏州")).latest.value == 9


def test_unknown_region_suggests() -> None:
    cat = catalogue(indicator("firms"))
    with pytest.raises(UsageError, match="did you mean '芒市'"):
        find_region(cat, "芒")


def test_a_region_without_reports_has_no_as_of_year() -> None:
    cat = catalogue(indicator("firms"), indicator("q", accrual="qualitative", comparator=None, target=None))
    result = assess(cat, series("firms", {2016: 4}), region=find_region(cat, COUNTY))
    assert result.as_of is None
    assert [p.status for p in result.results] == [Status.UNABLE_TO_ASSESS, Status.QUALITATIVE]


# ------------------------------------------------------------------ scale and lookups


@pytest.mark.parametrize(
    ("r", "status"),
    [
        (0.95, Status.ON_TRACK),
        (0.9499, Status.MODERATE),
        (0.6, Status.MODERATE),
        (0.5999, Status.LIMITED),
        (0.0, Status.LIMITED),
        (-0.0001, Status.DETERIORATION),
    ],
)
def test_band_edges(r: float, status: Status) -> None:
    assert band(r) is status


def test_fail_on_order() -> None:
    assert at_or_worse(Status.NOT_ACHIEVED, Status.LIMITED)
    assert at_or_worse(Status.LIMITED, Status.LIMITED)
    assert not at_or_worse(Status.MODERATE, Status.LIMITED)
    assert not at_or_worse(Status.UNABLE_TO_ASSESS, Status.ACHIEVED)
    assert not at_or_worse(Status.QUALITATIVE, Status.ACHIEVED)
    assert at_or_worse(Status.UNABLE_TO_ASSESS, Status.UNABLE_TO_ASSESS)
    assert not at_or_worse(Status.NOT_ACHIEVED, Status.UNABLE_TO_ASSESS)


def test_provenance_travels() -> None:
    cat = catalogue(indicator("firms"))
    reports = [report(2016, {"firms": 4}), report(2019, {"firms": 9}, provenance="illustrative")]
    result = assess(cat, reports)
    assert result.results[0].provenances == {Provenance.OFFICIAL, Provenance.ILLUSTRATIVE}
    assert result.illustrative and not result.estimate
    assert not assess(cat, reports[:1]).illustrative


def test_counts_and_filters() -> None:
    cat = catalogue(indicator("a"), indicator("b"))
    result = assess(cat, [report(2016, {"a": 4, "b": 4}), report(2019, {"a": 12, "b": 3})])
    assert result.counts[Status.ACHIEVED] == 1 and result.counts[Status.DETERIORATION] == 1
    assert [p.indicator.id for p in result.only(Status.ACHIEVED).results] == ["a"]
    assert [p.indicator.id for p in result.failing(Status.LIMITED)] == ["b"]


def test_find_indicator_by_id_names_and_component() -> None:
    cat = catalogue(indicator("rd_ratio", **RATIO), indicator("firms"))
    assert find_indicator(cat, "firms").id == "firms"
    assert find_indicator(cat, "指标firms").id == "firms"
    assert find_indicator(cat, "indicator FIRMS").id == "firms"
    assert find_indicator(cat, "gdp").id == "rd_ratio"
    with pytest.raises(UsageError, match="did you mean 'firms'"):
        find_indicator(cat, "firm")


# ------------------------------------------------------------------------------ show


def test_pace_and_history_for_a_level_goal() -> None:
    cat = catalogue(indicator("firms"))
    d = detail(cat, series("firms", {2016: 4, 2018: 7}), cat.indicators[0])
    pace = {row.year: row for row in d.pace}
    assert list(pace) == [2016, 2017, 2018, 2019, 2020]
    assert pace[2017].expected == pytest.approx(5.5)  # 4 + (10 - 4) × 1/4
    assert pace[2017].value is None and not pace[2017].reported
    assert pace[2018].value == 7
    assert [(h.as_of, h.status) for h in d.history] == [
        (2016, Status.UNABLE_TO_ASSESS),
        (2018, d.progress.status),
    ]


def test_pace_for_additions_is_cumulative() -> None:
    cat = catalogue(indicator("makers", accrual="additions", target=20))
    d = detail(cat, series("makers", {2017: 4, 2019: 6}), cat.indicators[0])
    assert [(r.year, r.value, r.expected) for r in d.pace] == [
        (2017, 4, 5),
        (2018, 4, 10),
        (2019, 10, 15),
        (2020, None, 20),
    ]


def test_the_engine_imports_neither_yaml_nor_rich() -> None:
    import subprocess
    import sys

    code = "import sys, dehong_cli.assess.progress; print(sorted({'yaml', 'rich'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ------------------------------------------------------------------------- properties

LEVEL = catalogue(indicator("firms", unit="none", target=100))
ADDITIONS = catalogue(indicator("makers", accrual="additions", target=100))
LOWER = catalogue(indicator("defects", unit="none", direction="lower", comparator="<=", target=10))
values = st.floats(min_value=0.5, max_value=500, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(base=values, lower=values, higher=values, year=st.integers(2017, 2021))
def test_a_higher_latest_value_is_never_judged_worse(
    base: float, lower: float, higher: float, year: int
) -> None:
    lower, higher = sorted((lower, higher))
    worse = one(LEVEL, series("firms", {2016: base, year: lower}))
    better = one(LEVEL, series("firms", {2016: base, year: higher}))
    assert better.gap <= worse.gap
    if worse.status in RANK and better.status in RANK:
        assert RANK[better.status] <= RANK[worse.status]


@settings(max_examples=60, deadline=None)
@given(base=values, lower=values, higher=values, year=st.integers(2017, 2021))
def test_a_lower_latest_value_is_never_judged_worse_for_a_lower_is_better_goal(
    base: float, lower: float, higher: float, year: int
) -> None:
    lower, higher = sorted((lower, higher))
    better = one(LOWER, series("defects", {2016: base, year: lower}))
    worse = one(LOWER, series("defects", {2016: base, year: higher}))
    assert better.gap <= worse.gap
    if better.status in RANK and worse.status in RANK:
        assert RANK[better.status] <= RANK[worse.status], (better.status, worse.status)


@settings(max_examples=60, deadline=None)
@given(first=values, lower=values, higher=values)
def test_more_additions_are_never_judged_worse(first: float, lower: float, higher: float) -> None:
    lower, higher = sorted((lower, higher))
    worse = one(ADDITIONS, series("makers", {2017: first, 2018: lower}))
    better = one(ADDITIONS, series("makers", {2017: first, 2018: higher}))
    assert RANK[better.status] <= RANK[worse.status]
    assert better.ratio >= worse.ratio

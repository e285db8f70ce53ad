"""The engine as a whole: ratios, regions, bands, provenance, show's pace and history, properties."""

from __future__ import annotations

import pytest
from builders import COUNTY, catalogue, indicator, one, report, series
from hypothesis import given, settings
from hypothesis import strategies as st

from dehong_cli.assess.engine import assess, detail
from dehong_cli.assess.measures import band
from dehong_cli.errors import UsageError
from dehong_cli.model.lookup import find_indicator, find_region
from dehong_cli.model.report import Provenance
from dehong_cli.model.status import RANK, Status, at_or_worse

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
    assert find_indicator(cat, "firm").id == "firms"  # a part that only one goal has
    with pytest.raises(UsageError, match="did you mean 'firms'"):
        find_indicator(cat, "firmz")


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

    code = "import sys, dehong_cli.assess.engine; print(sorted({'yaml', 'rich'} & set(sys.modules)))"
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

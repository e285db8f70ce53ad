"""The roll-up on in-memory reports: hand-worked sums, ratios, completeness, who wins, what never sums."""

from __future__ import annotations

from typing import Any

import pytest
from builders import GROWTH, PREFECTURE, catalogue, indicator, report

from dehong_cli.assess.engine import assess
from dehong_cli.assess.rollup import Regions
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.lookup import find_region
from dehong_cli.model.rollup import Mode, mode_of
from dehong_cli.model.status import Status

A, B, C = "533103", "533102", "533122"
RATIO: dict[str, Any] = {
    "unit": "percent",
    "target": 1,
    "components": [
        {"id": "rd", "name": "研发", "name_en": "R&D", "unit": "money", "scale": "亿元", "role": "numerator"},
        {
            "id": "gdp",
            "name": "生产总值",
            "name_en": "GDP",
            "unit": "money",
            "scale": "亿元",
            "role": "denominator",
        },
    ],
}


def counties(*indicators: dict[str, Any]) -> Catalogue:
    """The test plan with three counties under the prefecture."""
    data = catalogue(*indicators).model_dump(mode="json", exclude_none=True)
    data["regions"] = [
        data["regions"][0],
        *(
            {"code": c, "name": n, "name_en": e, "level": "county", "parent": PREFECTURE}
            for c, n, e in ((A, "芒市", "Mangshi"), (B, "瑞丽市", "Ruili"), (C, "梁河县", "Lianghe County"))
        ),
    ]
    return Catalogue.model_validate(data)


def test_counts_sum_over_every_county_and_carry_their_figures() -> None:
    cat = counties(indicator("firms"))
    regions = Regions.of(
        cat, [report(2019, {"firms": 3}, A), report(2019, {"firms": 2}, B), report(2019, {"firms": 4}, C)]
    )
    fig = regions.table(PREFECTURE)["firms"][2019]
    assert fig.value == 9 and fig.rolled_up
    assert [(p.region, p.value) for p in fig.parts] == [(A, 3), (B, 2), (C, 4)]


def test_a_ratio_is_recomputed_from_summed_components_never_averaged() -> None:
    cat = counties(indicator("ratio", **RATIO))
    reports = [
        report(2019, {"rd": 1, "gdp": 100}, A),  # 1%
        report(2019, {"rd": 3, "gdp": 100}, B),  # 3%
        report(2019, {"rd": 1, "gdp": 300}, C),  # 0.33%
    ]
    fig = Regions.of(cat, reports).table(PREFECTURE)["ratio"][2019]
    assert fig.value == pytest.approx(5 / 500 * 100)  # 1.0, where the average of the three would be 1.44
    assert fig.computed_from == ("rd", "gdp") and fig.rolled_up


def test_an_incomplete_ratio_pairs_each_numerator_with_its_own_denominator() -> None:
    cat = counties(indicator("ratio", **RATIO))
    reports = [
        report(2019, {"rd": 1, "gdp": 100}, A),
        report(2019, {"rd": 3, "gdp": 100}, B),
        report(2019, {"rd": 1}, C),  # no GDP: its R&D must not be divided by the others' GDP
    ]
    rolled = Regions.of(cat, reports).rolled(PREFECTURE)["ratio", 2019]
    assert not rolled.complete and rolled.missing == (C,)
    assert rolled.value == pytest.approx(4 / 200 * 100)  # A and B only: 2.0, not 5 / 200 × 100 = 2.5
    assert "ratio" not in Regions.of(cat, reports).table(PREFECTURE)


def test_a_percentage_without_components_is_never_summed_or_averaged() -> None:
    cat = counties(indicator("ratio", **RATIO))
    reports = [report(2019, {"ratio": 1.0}, c) for c in (A, B, C)]
    assert "ratio" not in Regions.of(cat, reports).table(PREFECTURE)
    plain = counties(indicator("share", unit="percent"))
    assert mode_of(plain, "share") is Mode.NONE


def test_an_incomplete_sum_names_who_is_missing_and_is_not_the_prefecture_figure() -> None:
    cat = counties(indicator("firms"))
    regions = Regions.of(cat, [report(2019, {"firms": 3}, A), report(2019, {"firms": 2}, B)])
    rolled = regions.rolled(PREFECTURE)["firms", 2019]
    assert rolled.value == 5 and not rolled.complete and rolled.missing == (C,)
    assert "firms" not in regions.table(PREFECTURE)
    result = assess(cat, [report(2019, {"firms": 3}, A), report(2019, {"firms": 2}, B)])
    assert result.results[0].status is Status.UNABLE_TO_ASSESS


def test_the_prefecture_figure_wins() -> None:
    cat = counties(indicator("firms"))
    reports = [report(2019, {"firms": 1}, c) for c in (A, B, C)] + [report(2019, {"firms": 7})]
    fig = Regions.of(cat, reports).table(PREFECTURE)["firms"][2019]
    assert fig.value == 7 and not fig.rolled_up


def test_each_level_and_rollup_none_are_never_derived() -> None:
    cat = counties(
        indicator("growth", **GROWTH, applies_to="each_level"),
        indicator("headline", unit="count", rollup="none"),
        indicator("fund", unit="money", scale="万元", applies_to="region_government"),
    )
    reports = [
        report(y, {"spending": 10 + y - 2018, "revenue": 100, "headline": 1, "fund": 5}, c)
        for y in (2018, 2019)
        for c in (A, B, C)
    ]
    table = Regions.of(cat, reports).table(PREFECTURE)
    assert table == {}
    assert {mode_of(cat, k) for k in ("growth", "spending", "revenue", "headline", "fund")} == {Mode.NONE}


def test_sums_nest_to_any_depth() -> None:
    cat = counties(indicator("firms"))
    data = cat.model_dump(mode="json", exclude_none=True)
    data["regions"].append(
        {"code": "533199", "name": "某乡", "name_en": "Some Town", "level": "county", "parent": C}
    )
    deep = Catalogue.model_validate(data)
    reports = [
        report(2019, {"firms": 1}, A),
        report(2019, {"firms": 1}, B),
        report(2019, {"firms": 5}, "533199"),
    ]
    assert Regions.of(deep, reports).table(PREFECTURE)["firms"][2019].value == 7


def test_a_county_sees_region_wide_goals_as_not_binding_with_its_share() -> None:
    cat = counties(indicator("firms"), indicator("growth", **GROWTH, applies_to="each_level"))
    reports = [report(2019, {"firms": n}, c) for c, n in ((A, 3), (B, 2), (C, 5))]
    reports += [
        report(2018, {"spending": 10, "revenue": 100}, A),
        report(2019, {"spending": 12, "revenue": 101}, A),
    ]
    firms, growth = assess(cat, reports, region=find_region(cat, A)).results
    assert firms.status is Status.NOT_BINDING and firms.share == pytest.approx(30.0)
    assert firms.gap is None and firms.progress is None and firms.ratio is None  # never a score
    assert growth.status is Status.ON_TRACK  # its own 20% against its own 1%


def test_an_each_level_verdict_holds_only_if_every_level_holds() -> None:
    cat = counties(indicator("growth", **GROWTH, applies_to="each_level"))
    reports = [report(2018, {"spending": 10, "revenue": 100}, c) for c in (PREFECTURE, A, B, C)]
    reports += [report(2019, {"spending": 12, "revenue": 101}, c) for c in (PREFECTURE, A, B)]
    reports += [report(2019, {"spending": 9, "revenue": 101}, C)]  # 梁河县 spends less
    p = assess(cat, reports).results[0]
    assert p.status is Status.NOT_ACHIEVED
    assert p.reason.args["regions"][0]["code"] == C and p.reason.args["own_status"] == "on_track"
    assert [q.status for q in p.levels] == [Status.ON_TRACK, Status.ON_TRACK, Status.NOT_ACHIEVED]

"""From the target year on: which verdicts wait for a figure and which are already certain."""

from __future__ import annotations

import pytest
from builders import GROWTH, catalogue, indicator, one, report, series

from dehong_cli.assess.engine import assess
from dehong_cli.assess.reasons import ReasonCode
from dehong_cli.model.report import Report
from dehong_cli.model.status import Status, at_or_worse
from dehong_cli.render.reasons import phrase

MAKERS = {"accrual": "additions", "target": 20}


def test_an_additions_sum_past_its_target_is_final_without_the_last_year() -> None:
    cat = catalogue(indicator("makers", **MAKERS))
    p = one(cat, series("makers", {2017: 10, 2018: 12}), as_of=2020)
    assert p.status is Status.ACHIEVED and p.final and p.provisional is None
    assert p.attainment == pytest.approx(22 / 20)


def test_an_additions_sum_short_of_its_target_awaits_the_missing_years() -> None:
    """6 + 6 by 2018 against 20 × 2/4 = 10 expected: R = 1.2, on_track, waiting for 2019 and 2020."""
    cat = catalogue(indicator("makers", **MAKERS))
    p = one(cat, series("makers", {2017: 6, 2018: 6}), as_of=2020)
    assert p.status is Status.AWAITING_DATA and not p.final
    assert p.provisional is Status.ON_TRACK and p.ratio == pytest.approx(1.2)
    assert p.reason.code is ReasonCode.AWAITING_DATA and p.reason.args["awaiting"] == (2019, 2020)
    assert p.awaiting_year == 2020 and p.as_of == 2020
    assert p.provisional_year == 2018 and p.judged_as_of == 2018
    assert phrase(p.reason, "en").startswith(
        "awaiting the 2019, 2020 figures; provisionally on_track as of 2018"
    )
    assert phrase(p.reason, "zh").startswith("待报送 2019、2020 年数据；按截至 2018 年的数据暂判为按期推进")


def test_every_year_reported_and_short_is_final() -> None:
    cat = catalogue(indicator("makers", **MAKERS))
    p = one(cat, series("makers", {2017: 4, 2018: 4, 2019: 4, 2020: 4}), as_of=2020)
    assert p.status is Status.NOT_ACHIEVED and p.final
    assert p.gap == 4 and p.attainment == pytest.approx(0.8)


def test_a_middle_year_missing_is_awaited_even_with_the_target_year_in() -> None:
    """2017–2018 and 2020 in, 2019 missing: provisional as of 2020, 12 of 20 (R = 0.6, moderate)."""
    cat = catalogue(indicator("makers", **MAKERS))
    p = one(cat, series("makers", {2017: 4, 2018: 4, 2020: 4}), as_of=2020)
    assert p.status is Status.AWAITING_DATA and p.awaiting_year == 2019
    assert p.provisional is Status.MODERATE and p.ratio == pytest.approx(0.6)


def test_a_broken_ceiling_is_final_and_an_unbroken_one_waits() -> None:
    cap = indicator("waste", accrual="additions", direction="lower", comparator="<=", target=10)
    cat = catalogue(cap)
    broken = one(cat, series("waste", {2017: 6, 2018: 6}), as_of=2020)
    assert broken.status is Status.NOT_ACHIEVED
    under = one(cat, series("waste", {2017: 3, 2018: 3}), as_of=2020)
    assert under.status is Status.AWAITING_DATA and under.provisional is Status.ON_TRACK
    assert under.attainment == pytest.approx(10 / 6)  # lower is better: target ÷ sum


def _growth(spending: dict[int, float], revenue: dict[int, float]) -> list[Report]:
    return [report(y, {"spending": spending[y], "revenue": revenue[y]}) for y in spending]


def test_a_growth_goal_that_missed_a_year_is_final_with_a_real_gap() -> None:
    """2018: +4.55% against +9.52%: missed by 4.98 pp, and 2019 back ahead: the gap stays 4.98."""
    cat = catalogue(indicator("growth", **GROWTH))
    spending = {2016: 100, 2017: 110, 2018: 115, 2019: 130}
    revenue = {2016: 200, 2017: 210, 2018: 230, 2019: 235}
    p = one(cat, _growth(spending, revenue), as_of=2020)
    assert p.status is Status.NOT_ACHIEVED
    assert p.gap == pytest.approx(9.523810 - 4.545455, abs=1e-5)
    assert p.attainment is None


def test_a_growth_goal_met_so_far_awaits_the_target_year() -> None:
    cat = catalogue(indicator("growth", **GROWTH))
    p = one(cat, _growth({2016: 100, 2017: 110}, {2016: 200, 2017: 205}), as_of=2020)
    assert p.status is Status.AWAITING_DATA and p.provisional is Status.ON_TRACK
    assert p.awaiting_year == 2020 and p.reason.args["awaiting"] == (2018, 2019, 2020)
    assert p.gap == 0


def test_no_figure_at_all_stays_unable_to_assess() -> None:
    cat = catalogue(indicator("makers", **MAKERS), indicator("other"))
    p = assess(cat, [report(2020, {"other": 12})], as_of=2020).results[0]
    assert p.status is Status.UNABLE_TO_ASSESS


def test_the_assessment_counts_what_waits_and_what_is_reported() -> None:
    cat = catalogue(indicator("firms"), indicator("makers", **MAKERS), indicator("labs", target=3))
    reports = [report(2016, {"firms": 4, "labs": 1}), report(2019, {"firms": 9, "labs": 2})]
    reports.append(report(2020, {"labs": 3, "makers": 25}))
    result = assess(cat, reports)
    assert result.as_of == 2020
    assert [p.status for p in result.results] == [Status.AWAITING_DATA, Status.ACHIEVED, Status.ACHIEVED]
    assert result.awaiting == {2020: 1}
    assert (result.reported, result.quantified, result.partial) == (2, 3, True)
    assert result.only(Status.ACHIEVED).awaiting == {}


def test_fail_on_leaves_awaiting_off_the_scale() -> None:
    assert not at_or_worse(Status.AWAITING_DATA, Status.ACHIEVED)
    assert not at_or_worse(Status.NOT_ACHIEVED, Status.AWAITING_DATA)
    assert at_or_worse(Status.AWAITING_DATA, Status.AWAITING_DATA)

"""`level` goals: CAGR pace, edge cases and final verdicts, against figures worked out by hand."""

from __future__ import annotations

import pytest
from builders import catalogue, indicator, one, series

from dehong_cli.assess.reasons import ReasonCode
from dehong_cli.model.status import Status
from dehong_cli.render.reasons import phrase

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


def test_zero_baseline_is_paced_linearly() -> None:
    """0 (2016) → 2 (2019), target 3 by 2020: +2/3 a year against +3/4 a year: R = 8/9, moderate."""
    cat = catalogue(indicator("labs", target=3))
    p = one(cat, series("labs", {2016: 0, 2019: 2}))
    assert p.reason.code is ReasonCode.LINEAR_PACE and p.reason.args["basis"] == "zero_baseline"
    assert p.actual_change == pytest.approx(2 / 3) and p.required_change == pytest.approx(0.75)
    assert p.ratio == pytest.approx(8 / 9)
    assert p.status is Status.MODERATE
    assert p.actual_cagr is None and p.required_cagr is None
    assert "linear pace" in phrase(p.reason, "en") and "线性进度" in phrase(p.reason, "zh")
    assert p.gap == 1
    assert p.progress == pytest.approx(2 / 3)
    assert p.attainment == pytest.approx(2 / 3)


def test_negative_baseline_is_paced_linearly() -> None:
    """-4 (2016) → -1 (2018), target >= 2 by 2020: +1.5 a year against +1.5 a year: R = 1, on_track."""
    cat = catalogue(indicator("balance", unit="none", target=2))
    p = one(cat, series("balance", {2016: -4, 2018: -1}))
    assert p.reason.args["basis"] == "negative_baseline"
    assert p.ratio == pytest.approx(1.0)
    assert p.status is Status.ON_TRACK


def test_a_falling_value_from_zero_is_deterioration() -> None:
    cat = catalogue(indicator("balance", unit="none", target=2))
    p = one(cat, series("balance", {2016: 0, 2019: -3}))  # -1 a year against +0.5 a year: R = -2
    assert p.ratio == pytest.approx(-2.0)
    assert p.status is Status.DETERIORATION


def test_zero_baseline_that_reaches_the_target_is_achieved() -> None:
    cat = catalogue(indicator("labs", target=3))
    assert one(cat, series("labs", {2016: 0, 2019: 3})).status is Status.ACHIEVED


def test_one_data_point_is_unable_to_assess() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2018: 5}))
    assert p.status is Status.UNABLE_TO_ASSESS
    assert "only one value" in phrase(p.reason, "en")
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
    assert "no 2016 value" in phrase(p.reason, "en")


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
    assert "2017–2020" in phrase(p.reason, "en")


def test_nothing_reported_by_the_target_year_is_not_a_final_verdict() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {}), as_of=2020)
    assert p.status is Status.UNABLE_TO_ASSESS and not p.final


def test_asking_for_the_target_year_without_its_figure_awaits_it() -> None:
    """9 of 10 by 2019 and no 2020 figure: not a failure, a wait, provisionally on_track (R = 1.21)."""
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2016: 4, 2019: 9}), as_of=2020)
    assert p.status is Status.AWAITING_DATA and not p.final
    assert p.provisional is Status.ON_TRACK and p.awaiting_year == 2020
    assert p.as_of == 2020 and p.latest.year == 2019
    assert p.ratio == pytest.approx(1.2056, abs=1e-4)
    assert p.attainment == pytest.approx(0.9)
    assert phrase(p.reason, "en").startswith(
        "awaiting the 2020 figure; provisionally on_track as of 2019: R = 1.21"
    )


def test_a_target_year_figure_makes_a_level_goal_final() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2016: 4, 2019: 9, 2020: 9}), as_of=2021)
    assert p.status is Status.NOT_ACHIEVED and p.final and p.provisional is None


def test_a_level_goal_already_met_still_awaits_the_target_year() -> None:
    cat = catalogue(indicator("firms"))
    p = one(cat, series("firms", {2016: 4, 2019: 12}), as_of=2020)
    assert p.status is Status.AWAITING_DATA and p.provisional is Status.ACHIEVED


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
    assert "the first is for 2017" in phrase(p.reason, "en")

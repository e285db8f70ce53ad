"""`additions` goals: the sum against an even pace, against figures worked out by hand."""

from __future__ import annotations

import pytest
from builders import catalogue, indicator, one, report, series

from dehong_cli.model.status import Status
from dehong_cli.render.reasons import phrase

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
    assert "2018, 2019 not reported" in phrase(p.reason, "en")


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
    assert "starts in 2017" in phrase(p.reason, "en")


def test_additions_ceiling_for_lower_is_better() -> None:
    cat = catalogue(indicator("accidents", accrual="additions", direction="lower", comparator="<=", target=8))
    assert one(cat, series("accidents", {2017: 2, 2018: 3})).status is Status.ON_TRACK
    over = one(cat, series("accidents", {2017: 5, 2018: 4}))
    assert over.status is Status.NOT_ACHIEVED and over.gap == 1

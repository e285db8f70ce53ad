"""完成率: actual ÷ target, worked by hand, uncapped; inverted when lower is better."""

from __future__ import annotations

import pytest
from builders import catalogue, indicator, one, series

from dehong_cli.model.status import Status


def test_level_attainment_is_latest_over_target() -> None:
    cat = catalogue(indicator("firms"))
    assert one(cat, series("firms", {2016: 4, 2019: 9})).attainment == pytest.approx(0.9)


def test_attainment_is_not_capped() -> None:
    cat = catalogue(indicator("firms"))
    assert one(cat, series("firms", {2016: 4, 2019: 12})).attainment == pytest.approx(1.2)


def test_lower_is_better_attainment_is_target_over_latest() -> None:
    cat = catalogue(indicator("energy", unit="none", direction="lower", comparator="<=", target=0.6))
    p = one(cat, series("energy", {2016: 1.0, 2018: 0.8}))
    assert p.attainment == pytest.approx(0.75)
    assert p.status is not Status.ACHIEVED


def test_lower_is_better_at_zero_has_no_attainment() -> None:
    cat = catalogue(indicator("energy", unit="none", direction="lower", comparator="<=", target=0.6))
    assert one(cat, series("energy", {2016: 1.0, 2018: 0})).attainment is None


def test_additions_attainment_is_the_sum_over_the_target() -> None:
    cat = catalogue(indicator("makers", accrual="additions", target=5000))
    p = one(cat, series("makers", {2017: 900, 2018: 1100, 2019: 1200}))
    assert p.attainment == pytest.approx(0.64)


def test_qualitative_has_no_attainment() -> None:
    cat = catalogue(indicator("vision", accrual="qualitative", comparator=None, target=None, unit="none"))
    assert one(cat, []).attainment is None

"""The arithmetic shared by the accruals: the R bands, the gap, 完成率, the growth rates."""

from __future__ import annotations

import math

from dehong_cli.model.catalogue import Direction, Indicator
from dehong_cli.model.status import Status

ON_TRACK_FROM = 0.95  # R at or above this: on_track
MODERATE_FROM = 0.6  # R in [0.6, 0.95): moderate; [0, 0.6): limited; below 0: deterioration


def band(r: float) -> Status:
    """The status for a ratio R of actual to required progress."""
    if r >= ON_TRACK_FROM:
        return Status.ON_TRACK
    if r >= MODERATE_FROM:
        return Status.MODERATE
    if r >= 0:
        return Status.LIMITED
    return Status.DETERIORATION


def gap(ind: Indicator, value: float, target: float, met: bool) -> float:
    """How far a value is from the target, in the goal's unit: 0 once met, never below 0."""
    if met:
        return 0.0
    short = target - value if ind.direction is Direction.HIGHER else value - target
    return max(short, 0.0)


def attainment(ind: Indicator, value: float, target: float) -> float | None:
    """完成率: the value as a share of the target (target ÷ value when lower is better), uncapped;
    None when it would divide by zero."""
    top, bottom = (value, target) if ind.direction is Direction.HIGHER else (target, value)
    return top / bottom if bottom else None


def linear(start: float, end: float, years: int) -> float:
    """The change a year in the goal's unit, for when a compound rate is undefined (a start at or
    below zero)."""
    return (end - start) / years


def cagr(start: float, end: float, years: int) -> float:
    """Compound annual growth rate in percent; the caller makes sure it is defined."""
    return (math.pow(end / start, 1 / years) - 1) * 100

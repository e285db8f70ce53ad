"""The rules a figure obeys, in one copy: `dehong validate` checks report files with them, `dehong import`
checks sheet cells with them, and `dehong schema report` states them as JSON Schema bounds.

Each rule answers with a `Refusal` (a diagnostic code and a sentence an analyst can act on) or None.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import assert_never

from dehong_cli.model.catalogue import Accrual, Component, Indicator
from dehong_cli.model.units import MAX_MAGNITUDE, Unit

Value = Decimal | float | int


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str  # the diagnostic code: count, percent-range, negative, range, qualitative, growth-series
    message: str


@dataclass(frozen=True, slots=True)
class Bounds:
    """The figures a unit allows, as a JSON Schema states them."""

    integer: bool
    minimum: float
    maximum: float


def bounds(unit: Unit) -> Bounds | None:
    """What a figure in `unit` may be; None for a unit that takes no figure (qualitative goals)."""
    match unit:
        case Unit.COUNT:
            return Bounds(integer=True, minimum=0, maximum=MAX_MAGNITUDE)
        case Unit.PERCENT:
            return Bounds(integer=False, minimum=0, maximum=100)
        case Unit.MONEY:
            return Bounds(integer=False, minimum=0, maximum=MAX_MAGNITUDE)
        case Unit.NUMBER:
            return Bounds(integer=False, minimum=-MAX_MAGNITUDE, maximum=MAX_MAGNITUDE)
        case Unit.NONE:
            return None
        case _:
            assert_never(unit)


def series_refusal(key: str, ind: Indicator, comp: Component | None) -> Refusal | None:
    """Whether series `key` takes a figure at all: a qualitative goal does not, and a growth comparison
    is computed from its two series."""
    if comp is not None:
        return None
    if ind.accrual is Accrual.QUALITATIVE:
        return Refusal("qualitative", f"'{key}' is a qualitative goal; it takes no figure (use note)")
    if ind.accrual is Accrual.GROWTH_VS:
        ids = " and ".join(c.id for c in ind.components)
        return Refusal("growth-series", f"'{key}' is computed from {ids}; report those figures instead")
    return None


def figure_refusal(key: str, value: Value, unit: Unit, shown: str | None = None) -> Refusal | None:
    """Whether `value` is a sensible figure for a series in `unit`; `shown` is how to quote it."""
    got = shown if shown is not None else str(value)
    value = value if isinstance(value, Decimal) else Decimal(repr(value))
    if abs(value) > MAX_MAGNITUDE:
        return Refusal("range", f"{got} is too large to be a real figure")
    match unit:
        case Unit.COUNT:
            if value < 0 or value != value.to_integral_value():
                return Refusal(
                    "count", f"'{key}' is a count: it must be a whole number, 0 or more; got {got}"
                )
        case Unit.PERCENT:
            if not 0 <= value <= 100:
                return Refusal(
                    "percent-range",
                    f"'{key}' is a percent (0.8 means 0.8%): it must lie between 0 and 100; got {got}",
                )
        case Unit.MONEY:
            if value < 0:
                return Refusal("negative", f"'{key}' is an amount of money: it cannot be negative; got {got}")
        case Unit.NUMBER | Unit.NONE:
            pass
        case _:
            assert_never(unit)
    return None

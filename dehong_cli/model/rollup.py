"""How sub-regions' figures combine into their region's: the one copy of the roll-up rule.

The engine's roll-up (`assess.rollup`), validate's mismatch warning (`checks.rollup`) and the
importer's total rows (`importer.totals`) all ask this module which series add up, and how.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from dehong_cli.model.catalogue import Catalogue, ComponentRole
from dehong_cli.model.units import Unit


class Mode(StrEnum):
    SUM = "sum"  # counts, money, yearly additions
    RECOMPUTE = "recompute"  # a ratio: summed numerator over summed denominator
    NONE = "none"  # never derived from sub-regions


def mode_of(cat: Catalogue, key: str) -> Mode:
    """How the sub-regions' figures of one report series combine into their region's."""
    ind, comp = cat.series[key]
    if ind.applies_to != "whole_region" or ind.rollup == "none":
        return Mode.NONE
    if comp is not None:
        summable = comp.role in (ComponentRole.NUMERATOR, ComponentRole.DENOMINATOR)
        return Mode.SUM if summable and comp.unit in (Unit.COUNT, Unit.MONEY) else Mode.NONE
    if ind.is_ratio:
        return Mode.RECOMPUTE
    if ind.rollup == "sum" or (ind.rollup is None and ind.unit in (Unit.COUNT, Unit.MONEY)):
        return Mode.SUM
    return Mode.NONE


def complete_sum(values: Sequence[float | None]) -> float | None:
    """The sum over every sub-region, or None when any has no figure: an incomplete sum is no figure."""
    if not values or any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)

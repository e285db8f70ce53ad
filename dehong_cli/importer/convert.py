"""A number read from a sheet, in the unit of the series it is for: exact, or refused.

What a sensible figure is (a whole count, a percent within 0–100) is `model.rules`'; here is only the
arithmetic of units: 12.3亿元 is 123000万元, a 小数 of 0.0085 is 0.85%.
"""

from __future__ import annotations

from decimal import Decimal

from dehong_cli.importer.cells import FARTHEST, Parsed, short
from dehong_cli.importer.types import CellError
from dehong_cli.importer.units import SHEET_UNITS, SheetUnit, UnitKind, Vocabulary
from dehong_cli.model.catalogue import Component, Indicator
from dehong_cli.model.lookup import name_key
from dehong_cli.model.rules import figure_refusal, series_refusal
from dehong_cli.model.units import SCALE_FACTOR, Scale, Unit, unit_label


def target_label(unit: Unit, scale: Scale | None, measure: str | None) -> str:
    """The series' unit in a message: 亿元, %, 家; `count` or `no unit` where it has no word."""
    return unit_label(unit, scale, measure) or ("count" if unit is Unit.COUNT else "no unit")


def convert(
    parsed: Parsed,
    unit: SheetUnit | None,
    ind: Indicator,
    comp: Component | None,
    series: str,
    units: Vocabulary = SHEET_UNITS,
) -> int | float:
    """The figure in the catalogue's unit, or CellError when that is not exact or not sensible.

    `unit` is the column's (or row's) unit; one typed in the cell, looked up in `units`, beats it."""
    kind = comp.unit if comp is not None else ind.unit
    scale = comp.scale if comp is not None else ind.scale
    measure = None if comp is not None else ind.measure
    refusal = series_refusal(series, ind, comp)
    if refusal is not None:
        raise CellError(refusal.message, refusal.code)
    if parsed.unit is not None:
        unit = units.unit(parsed.unit)  # a unit typed in the cell beats the column's
    wanted = target_label(kind, scale, measure)
    number = parsed.number
    if parsed.percent:
        if kind is not Unit.PERCENT:
            raise CellError(f"'{series}' is in {wanted}, but the cell is a percentage", "unit")
    elif unit is not None:
        converted = _in_unit(number, unit, kind, scale, measure)
        if converted is None:
            raise CellError(
                f"'{series}' is in {wanted}; a figure in {unit.text} cannot be converted to it exactly",
                "unit",
            )
        number = converted
    refusal = figure_refusal(series, number, kind, _plain(number))
    if refusal is not None:
        raise CellError(refusal.message, refusal.code)
    if kind is Unit.COUNT:
        return int(number)
    return to_python(number)


def _in_unit(
    number: Decimal, unit: SheetUnit, kind: Unit, scale: Scale | None, measure: str | None
) -> Decimal | None:
    """`number`, written in the sheet's `unit`, in the series' unit; None when that cannot be done exactly."""
    if kind is Unit.PERCENT and unit.kind is UnitKind.FRACTION:
        return number * 100
    if kind is Unit.MONEY and unit.kind is UnitKind.MONEY and scale is not None:
        return number * unit.yuan / SCALE_FACTOR[scale]
    if (kind is Unit.PERCENT and unit.kind is UnitKind.PERCENT) or (
        kind is Unit.COUNT and unit.kind is UnitKind.COUNT
    ):
        return number
    if kind is Unit.NUMBER and measure is not None and name_key(unit.text) == name_key(measure):
        return number  # a quantity in its own measure word: as typed
    return None


def to_python(number: Decimal) -> int | float:
    """An int when whole (so 12.3亿元 → 123000万元 is written 123000), else the nearest float."""
    if number == number.to_integral_value() and abs(number) < 2**53:
        return int(number)
    return float(number)


def _plain(number: Decimal) -> str:
    """A number for a message: 0.0081, 123000; cut past 40 characters, and a tiny one as 1E-401."""
    tiny = number != 0 and number.adjusted() < -FARTHEST  # spelt out, 1e-999999 is a million zeros
    return short(format(number, "E") if tiny else format(number.normalize(), "f"))

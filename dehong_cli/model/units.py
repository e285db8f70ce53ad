"""Units of measure and the figure rules every number obeys, wherever it comes from.

One copy: the model validates report files with them, the importer checks sheet cells with them, and the
JSON Schema is built from them.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

# Values beyond this are typos or hostile input, not statistics (GDP in 元 is ~1e11).
MAX_MAGNITUDE = 1e15


class Unit(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    MONEY = "money"
    NONE = "none"


class Scale(StrEnum):
    WAN = "万元"
    YI = "亿元"


SCALE_FACTOR: dict[Scale, int] = {Scale.WAN: 10_000, Scale.YI: 100_000_000}


def _strict_number(value: Any) -> float | int:
    """Accept int or float only: no bools, no numeric strings, nothing non-finite."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "text" if isinstance(value, str) else type(value).__name__
        raise PydanticCustomError(
            "number_type",
            "expected a number written as a plain decimal (12, 0.8, 1.5e3), got {kind}",
            {"kind": kind},
        )
    if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > MAX_MAGNITUDE:
        raise PydanticCustomError("number_range", "number is too large to be a real figure")
    return value


Number = Annotated[float | int, PlainValidator(_strict_number), WithJsonSchema({"type": "number"})]


def _unit_label(unit: Unit, scale: Scale | None, measure: str | None = None) -> str:
    """The unit as written after a number: %, the scale of money (亿元), the measure word of a
    count (家); '' when there is none."""
    match unit:
        case Unit.PERCENT:
            return "%"
        case Unit.MONEY:
            return str(scale or "")
        case Unit.COUNT:
            return measure or ""
        case Unit.NONE:
            return ""

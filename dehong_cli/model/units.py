"""Units of measure and the figure rules every number obeys, wherever it comes from.

One copy: the model validates report files with them, the importer checks sheet cells with them, and the
JSON Schema is built from them.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Any, assert_never

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

# Values beyond this are typos or hostile input, not statistics (GDP in 元 is ~1e11).
MAX_MAGNITUDE = 1e15


class Unit(StrEnum):
    PERCENT = "percent"  # written in percent: 0.8 means 0.8%
    COUNT = "count"  # a whole number, 0 or more, with its measure word (家, 项)
    MONEY = "money"  # an amount in the goal's scale (万元, 亿元), 0 or more
    NUMBER = "number"  # any decimal quantity with its measure word (件/万人, 吨标准煤/万元); any sign
    NONE = "none"  # a qualitative goal: no figure


class Scale(StrEnum):
    WAN = "万元"
    YI = "亿元"


# The unit words sheets and reports write, in one copy: the importer reads sheets with them, the
# catalogue's scales are sized by them. Money is scaled by powers of ten, which decimals do exactly.
MONEY_WORDS: dict[str, int] = {
    "元": 1,
    "千元": 1_000,
    "万元": 10_000,
    "百万元": 1_000_000,
    "亿元": 100_000_000,
}
MEASURE_WORDS = ("家", "个", "户", "名", "人", "项", "支")  # the measure words of a count
PERCENT_WORDS = ("%", "百分比", "百分数", "percent")
FRACTION_WORDS = ("小数", "fraction")  # 0.85 for 85%

SCALE_FACTOR: dict[Scale, int] = {scale: MONEY_WORDS[scale.value] for scale in Scale}  # in 元


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


def unit_label(unit: Unit, scale: Scale | None, measure: str | None = None) -> str:
    """The unit as written after a number: %, the scale of money (亿元), the measure word of a
    count or quantity (家, 件/万人); '' when there is none."""
    match unit:
        case Unit.PERCENT:
            return "%"
        case Unit.MONEY:
            return str(scale or "")
        case Unit.COUNT | Unit.NUMBER:
            return measure or ""
        case Unit.NONE:
            return ""
        case _:
            assert_never(unit)

"""Reading one cell as people type it: a number (with %, a unit word, thousands commas), a year, or blank.

Full-width forms are folded first (１２．５％ is 12.5%); a cell of —, -, / or n/a is blank, not an error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from dehong_cli.importer.types import CellError
from dehong_cli.importer.units import SHEET_UNITS, Vocabulary
from dehong_cli.model.lookup import fold

MISSING = frozenset({"", "-", "--", "—", "——", "–", "―", "/", "n/a"})
_NUMBER = re.compile(
    r"(?P<sign>[-+])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)(?P<exp>[eE][-+]?\d+)?"
    r"\s*(?P<unit>%|[^\d\s][^\d]*)?"
)
_YEAR = re.compile(r"(\d{4})(?:\.0+)?\s*(?:年度?|年)?")
FARTHEST = 40  # powers of ten: no real figure lies beyond 1e±40 (the largest allowed is 1e15)


def normalise(text: str) -> str:
    """Fold full-width forms (０-９ ． ， ％ （） and full-width spaces) to ASCII and trim."""
    return fold(text).strip()


def short(text: str, width: int = 40) -> str:
    """A cell (or number) as a message quotes it: past `width` characters, cut in half and "…"."""
    return text if len(text) <= width else f"{text[: width // 2]}…"


@dataclass(frozen=True, slots=True)
class Parsed:
    """A number as typed: its decimal value, a trailing %, and a unit word typed after it."""

    number: Decimal
    percent: bool = False
    unit: str | None = None


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, str) and normalise(value).casefold() in MISSING)


def parse_number(value: object, units: Vocabulary = SHEET_UNITS) -> Parsed | None:
    """Read one cell as a number; None when it is blank or a dash. Raises CellError.

    A word typed after the number (万元, 家) must be one of `units`."""
    if is_missing(value):
        return None
    parsed = _number(value, units)
    if parsed.number.adjusted() > FARTHEST:
        # refused as typed: spelt out, 1e999999999 has a billion digits (and Decimal overflows)
        typed = short(value.strip() if isinstance(value, str) else str(value))
        raise CellError(f"{typed} is too large to be a real figure", "range")
    return parsed


def _number(value: object, units: Vocabulary) -> Parsed:
    if isinstance(value, bool):
        raise CellError(f"{'TRUE' if value else 'FALSE'} is a yes/no value, not a number")
    if isinstance(value, int):
        return Parsed(Decimal(value))
    if isinstance(value, Decimal):
        return Parsed(value)
    if isinstance(value, float):
        return Parsed(_from_float(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        raise CellError(f"{value} is a date, not a number")
    if not isinstance(value, str):
        raise CellError(f"{short(repr(value))} is not a number")
    text = normalise(value)
    match = _NUMBER.fullmatch(text)
    unit = (match["unit"] or "").strip() if match else ""
    if match is None or (unit and unit != "%" and units.unit(unit) is None):
        raise CellError(f"{short(value.strip())!r} is not a number")
    number = Decimal(match["num"].replace(",", "") + (match["exp"] or ""))
    if match["sign"] == "-":
        number = -number
    return Parsed(number, percent=unit == "%", unit=unit if unit and unit != "%" else None)


def _from_float(value: float) -> Decimal:
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError(f"{value} is not a number")
    # Excel keeps 15 significant digits; what lies beyond is binary noise (0.1+0.2 → 0.30000000000000004).
    return Decimal(f"{value:.15g}")


def parse_year(value: object) -> int:
    """A year as typed: 2019, "2019", "2019年", "2019年度" (or 2019.0 from a spreadsheet)."""
    if isinstance(value, bool):
        raise CellError(f"{value!r} is not a year", "year")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and 1000 <= value <= 9999:
        return value
    if isinstance(value, str):
        match = _YEAR.fullmatch(normalise(value))
        if match:
            return int(match[1])
    raise CellError(f"{short(str(value).strip())!r} is not a year", "year")

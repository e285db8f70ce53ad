"""The units a sheet may name — in a 单位 column, after a header, after a number — and what each one is.

The words themselves (万元 and its size, 家, 百分比, 小数) are the model's (`model.units`); here they are
sorted into kinds, with the measure words of the catalogue's quantities (件/万人) added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from dehong_cli.model.lookup import name_key
from dehong_cli.model.units import FRACTION_WORDS, MEASURE_WORDS, MONEY_WORDS, PERCENT_WORDS, Unit

if TYPE_CHECKING:
    from dehong_cli.model.catalogue import Catalogue


class UnitKind(Enum):
    MONEY = "money"
    PERCENT = "percent"
    FRACTION = "fraction"
    COUNT = "count"
    MEASURE = "measure"  # the measure word of one of the catalogue's quantities (件/万人)


@dataclass(frozen=True, slots=True)
class SheetUnit:
    """A unit as a sheet writes it; money carries its size in 元."""

    kind: UnitKind
    text: str
    yuan: int = 1


UNIT_WORDS: dict[str, SheetUnit] = {
    **{w: SheetUnit(UnitKind.MONEY, w, n) for w, n in MONEY_WORDS.items()},
    **{w: SheetUnit(UnitKind.COUNT, w) for w in (*MEASURE_WORDS, "count")},
    **{w: SheetUnit(UnitKind.PERCENT, w) for w in PERCENT_WORDS},
    **{w: SheetUnit(UnitKind.FRACTION, w) for w in FRACTION_WORDS},
}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The unit words a sheet may use, by `name_key`."""

    words: Mapping[str, SheetUnit]

    @classmethod
    def of(cls, cat: Catalogue) -> Vocabulary:
        """The fixed words, and the measure word of each quantity (`number`) goal of the catalogue."""
        words = dict(UNIT_WORDS)
        for ind in cat.indicators:
            if ind.unit is Unit.NUMBER and ind.measure:
                words.setdefault(name_key(ind.measure), SheetUnit(UnitKind.MEASURE, ind.measure))
        return cls(words)

    def unit(self, text: str | None) -> SheetUnit | None:
        """The unit a sheet names (万元, 亿元, %, 小数, 家, …); None for blank or unknown."""
        if text is None:
            return None
        key = name_key(text).removeprefix("单位:").removeprefix("unit:")
        return self.words.get(key)

    @property
    def known(self) -> str:
        """The words, for a message about one that is not among them."""
        return ", ".join(self.words)


SHEET_UNITS = Vocabulary(UNIT_WORDS)  # without a catalogue: the fixed words only


def unit_of(text: str | None) -> SheetUnit | None:
    """The unit a sheet names, among the fixed words; None for blank or unknown."""
    return SHEET_UNITS.unit(text)

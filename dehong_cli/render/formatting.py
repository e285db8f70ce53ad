"""Numbers as the views show them: with the goal's unit, as a share or a rate, or for machines."""

from __future__ import annotations

from typing import assert_never

from dehong_cli.assess.results import Progress
from dehong_cli.assess.yearly import worst_missed
from dehong_cli.model.catalogue import Accrual, ComponentRole, Indicator
from dehong_cli.model.units import Unit


def fmt_number(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def machine(value: float | None) -> float | int | None:
    """Machine-readable numbers: full enough to recompute from, without float noise."""
    if value is None or isinstance(value, int):
        return value
    rounded = round(value, 6)
    return int(rounded) if rounded.is_integer() else rounded  # 1, not 1.0, in CSV cells


def pct(value: float | None, digits: int = 0) -> str:
    """A share as a percentage: 0.5 → `50%`."""
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def rate(value: float | None) -> str:
    """A growth rate already in percent, with its sign: `+25.74%`."""
    return "—" if value is None else f"{value:+.2f}%"


# Money scales in English: 万元 is ten thousand yuan, 亿元 a hundred million.
MONEY_EN = {"元": "yuan", "千元": "1k yuan", "万元": "10k yuan", "百万元": "1M yuan", "亿元": "100M yuan"}


def points(lang: str) -> str:
    """A difference of two percentages: percentage points."""
    return " pp" if lang == "en" else "百分点"


def unit_suffix(ind: Indicator, lang: str, *, gap: bool = False) -> str:
    """What follows a number of the goal's: %, ` 亿元` (` 100M yuan`), 家 (nothing in English),
    件/万人; percentage points for a gap between percentages."""
    if ind.accrual is Accrual.GROWTH_VS:
        return points(lang) if gap else "%"  # a difference of two growth rates is in percentage points
    match ind.unit:
        case Unit.PERCENT:
            return points(lang) if gap else "%"
        case Unit.MONEY:
            label = ind.unit_label()
            return f" {MONEY_EN.get(label, label)}" if lang == "en" else f" {label}"
        case Unit.COUNT:
            return "" if lang == "en" else ind.unit_label()  # 家, 个, 名 mean nothing in English
        case Unit.NUMBER:
            return ind.unit_label()  # a unit of measure (件/万人, 吨标准煤/万元) in either language
        case Unit.NONE:
            return ""
        case _:
            assert_never(ind.unit)


def quantity(value: float | None, ind: Indicator, lang: str, *, gap: bool = False) -> str:
    """A number of the goal's with its unit: `12家`, `3.5 亿元`, `0.8%`, `-0.4件/万人`; `—` for none."""
    if value is None:
        return "—"
    return f"{fmt_number(value)}{unit_suffix(ind, lang, gap=gap)}"


def target_text(ind: Indicator, lang: str, *, short: bool = False) -> str:
    """The goal in a few words: `>= 10家`, `>= 5,000 (新增)`, `增幅 > 同级财政经常性收入增幅`;
    `short`, for a table cell, names a growth goal's companion only as such (`dehong show` names it)."""
    zh = lang == "zh"
    text = f"{ind.comparator} {quantity(ind.target, ind, lang)}"
    match ind.accrual:
        case Accrual.QUALITATIVE:
            return "定性" if zh else "qualitative"
        case Accrual.GROWTH_VS:
            # The English name of the companion is too long for a table cell; `dehong show` gives it.
            companion = ind.component(ComponentRole.COMPANION)
            name = "对比项" if short or companion is None else companion.name
            if not zh:
                name = "companion" if short or companion is None else companion.name_en
            return f"增幅 {ind.comparator} {name}增幅" if zh else f"growth {ind.comparator} {name}"
        case Accrual.ADDITIONS:
            return text + (" (新增)" if zh else " added")
        case Accrual.ANNUAL:
            return text + ("/年" if zh else " a year")
        case Accrual.LEVEL:
            return text
        case _:
            assert_never(ind.accrual)


def latest_figure(p: Progress) -> tuple[float | None, int | None]:
    """The number and year that `latest_text` shows, for views that want them apart (the workbook):
    the sum for additions; for a yearly goal that missed a year, the worst missed year's figure (its
    growth rate for growth_vs), the one its verdict and gap rest on; else the latest value."""
    ind = p.indicator
    if p.latest is None:
        return None, None
    missed = worst_missed(p)
    if ind.accrual is Accrual.ADDITIONS:
        return p.achieved, p.latest.year
    if ind.accrual is Accrual.GROWTH_VS:
        record = missed or next(r for r in reversed(p.years) if r.met is not None)
        return record.subject_growth, record.year
    if ind.accrual is Accrual.ANNUAL and missed is not None:
        return missed.value, missed.year
    return p.latest.value, p.latest.year


def latest_text(p: Progress, lang: str, first: int) -> str:
    """The latest value and its year; for additions the sum since `first`, the period's first year;
    for a yearly goal that missed a year, the worst missed year, the one its verdict and gap rest on."""
    ind = p.indicator
    if p.latest is None:
        return "—"
    missed = worst_missed(p)
    match ind.accrual:
        case Accrual.ADDITIONS if p.achieved is not None:
            years = str(first) if p.latest.year == first else f"{first}–{str(p.latest.year)[-2:]}"
            return f"{quantity(p.achieved, ind, lang)} ({years})"
        case Accrual.GROWTH_VS:
            record = missed or next(r for r in reversed(p.years) if r.met is not None)
            vs = "vs" if lang == "en" else "对"
            return f"{record.subject_growth:+.1f}% {vs} {record.companion_growth:+.1f}% ({record.year})"
        case Accrual.ANNUAL if missed is not None:
            return f"{quantity(missed.value, ind, lang)} ({missed.year})"
        case Accrual.LEVEL | Accrual.ADDITIONS | Accrual.ANNUAL | Accrual.QUALITATIVE:
            return f"{quantity(p.latest.value, ind, lang)} ({p.latest.year})"
        case _:
            assert_never(ind.accrual)

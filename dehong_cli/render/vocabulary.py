"""The words the views share, in English and Chinese: statuses, regions, strands, periods."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from dehong_cli.assess.results import Assessment, Progress
from dehong_cli.model.catalogue import Accrual, Catalogue, Direction, Indicator, Plan, Region
from dehong_cli.model.status import Status


def t(lang: str, en: str, zh: str) -> str:
    """The English or the Chinese of a phrase."""
    return zh if lang == "zh" else en


STATUS_ZH: dict[Status, str] = {
    Status.ACHIEVED: "已实现",
    Status.ON_TRACK: "按期推进",
    Status.MODERATE: "进展中等",
    Status.LIMITED: "进展有限",
    Status.DETERIORATION: "倒退",
    Status.NOT_ACHIEVED: "未实现",
    Status.AWAITING_DATA: "待报送",
    Status.UNABLE_TO_ASSESS: "无法评估",
    Status.QUALITATIVE: "定性目标",
    Status.NOT_BINDING: "不单独考核",
}

STATUS_COLOUR: dict[Status, str] = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.MODERATE: "yellow",
    Status.LIMITED: "dark_orange",
    Status.DETERIORATION: "bold red",
    Status.NOT_ACHIEVED: "bold red",
    Status.AWAITING_DATA: "blue",
    Status.UNABLE_TO_ASSESS: "dim",
    Status.QUALITATIVE: "cyan",
    Status.NOT_BINDING: "dim",
}

# The columns of the status table and of its Markdown twin, in English and Chinese.
HEADERS = (
    ("indicator", "指标"),
    ("target", "目标"),
    ("latest (year)", "最新 (年份)"),
    ("gap", "差距"),
    ("progress", "进度"),
    ("status", "状态"),
)


def status_word(status: Status, lang: str) -> str:
    """The stable name (what --status and --fail-on take), with the Chinese label in zh."""
    return f"{status.value} {STATUS_ZH[status]}" if lang == "zh" else status.value


def status_cell(p: Progress, lang: str, sep: str = " ") -> str:
    """A goal's status in a table cell; an awaiting goal's provisional status beside it (or, with
    `sep` a newline, under it)."""
    word = status_word(p.status, lang)
    if p.provisional is None:
        return word
    return f"{word}{sep}({STATUS_ZH[p.provisional] if lang == 'zh' else p.provisional.value})"


def awaiting_text(result: Assessment, lang: str) -> str | None:
    """Under the status table: how many goals await which year's figures, and whether the as-of
    year is only partly reported."""
    parts = [
        t(lang, f"{n} {'goal awaits' if n == 1 else 'goals await'} {y} figures", f"{n} 项待报送 {y} 年数据")
        for y, n in result.awaiting.items()
    ]
    if result.partial:
        y, n, of = result.as_of, result.reported, result.quantified
        en = f"{n} of {of} goals have a figure" if n else "no goal has a figure yet"
        zh = f"{of} 项量化目标中 {n} 项有数据" if n else "尚无目标有数据"
        parts.insert(0, t(lang, f"{y} is only partly reported: {en}", f"{y} 年数据尚未报齐：{zh}"))
    return t(lang, "; ", "；").join(parts) if parts else None


def region_words(region: Region, lang: str) -> str:
    return f"{region.name_en if lang == 'en' else region.name} ({region.code})"


def strand_name(cat: Catalogue, strand_id: str, lang: str) -> str:
    strand = next((s for s in cat.strands if s.id == strand_id), None)
    if strand is None:
        return strand_id
    return strand.name_en if lang == "en" else strand.name


def grouped(cat: Catalogue, results: Sequence[Progress]) -> list[tuple[str, list[Progress]]]:
    """Results by strand, strands in catalogue order, goals in catalogue order within each."""
    order = {s.id: i for i, s in enumerate(cat.strands)}
    groups: dict[str, list[Progress]] = {}
    for p in sorted(results, key=lambda p: order.get(p.indicator.strand, len(order))):
        groups.setdefault(p.indicator.strand, []).append(p)
    return list(groups.items())


def direction_words(ind: Indicator) -> str:
    match ind.direction:
        case Direction.HIGHER:
            return "higher is better"
        case Direction.LOWER:
            return "lower is better"
        case _:
            assert_never(ind.direction)


def period_words(ind: Indicator, plan: Plan) -> str:
    """When the goal is due, from the plan's years: `by 2020`, `over 2017–2020`, `in each year of …`."""
    match ind.accrual:
        case Accrual.ANNUAL | Accrual.GROWTH_VS:
            return f"in each year of {plan.period_start}–{plan.period_end}"
        case Accrual.ADDITIONS:
            return f"over {plan.period_start}–{plan.target_year}"
        case Accrual.LEVEL | Accrual.QUALITATIVE:
            return f"by {plan.target_year}"
        case _:
            assert_never(ind.accrual)

"""The words the views share, in English and Chinese: statuses, regions, strands, periods."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from dehong_cli.assess.results import Assessment, Progress
from dehong_cli.model.catalogue import Accrual, Catalogue, Direction, Indicator, Plan, Region, Task
from dehong_cli.model.status import STATUS_ZH, Status

__all__ = ["STATUS_ZH", "t"]


def t(lang: str, en: str, zh: str) -> str:
    """The English or the Chinese of a phrase."""
    return zh if lang == "zh" else en


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
    """The Chinese word in zh; in English the stable name (what --status and --fail-on take)."""
    return STATUS_ZH.get(status, status.value) if lang == "zh" else status.value


# How yearly values combine, in words: (English, Chinese).
ACCRUAL_WORDS: dict[Accrual, tuple[str, str]] = {
    Accrual.LEVEL: ("level", "水平值"),
    Accrual.ADDITIONS: ("additions", "新增累计"),
    Accrual.ANNUAL: ("annual", "每年"),
    Accrual.GROWTH_VS: ("growth vs", "增速比较"),
    Accrual.QUALITATIVE: ("qualitative", "定性"),
}


def accrual_word(accrual: Accrual, lang: str) -> str:
    en, zh = ACCRUAL_WORDS[accrual]
    return t(lang, en, zh)


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


def direction_words(ind: Indicator, lang: str = "en") -> str:
    match ind.direction:
        case Direction.HIGHER:
            return t(lang, "higher is better", "越高越好")
        case Direction.LOWER:
            return t(lang, "lower is better", "越低越好")
        case _:
            assert_never(ind.direction)


def span(first: int, last: int) -> str:
    """A range of years, `2017–2019`; one year alone is just that year."""
    return str(first) if first == last else f"{first}–{last}"


def period_words(ind: Indicator, plan: Plan, lang: str = "en") -> str:
    """When the goal is due, from the plan's years: `by 2020`, `over 2017–2020`, `in each year of …`."""
    match ind.accrual:
        case Accrual.ANNUAL | Accrual.GROWTH_VS:
            years = span(plan.period_start, plan.period_end)
            return t(lang, f"in each year of {years}", f"{years} 年每年")
        case Accrual.ADDITIONS:
            years = span(plan.period_start, plan.target_year)
            return t(lang, f"over {years}", f"{years} 年累计")
        case Accrual.LEVEL | Accrual.QUALITATIVE:
            return t(lang, f"by {plan.target_year}", f"到 {plan.target_year} 年")
        case _:
            assert_never(ind.accrual)


def department_words(cat: Catalogue, names: Sequence[str], lang: str) -> str:
    """Departments as the tasks write them; in English, the registry's English name where it has one."""
    if lang != "en":
        return "、".join(names)
    words = []
    for name in names:
        body = cat.department(name)
        words.append(body.name_en if body is not None and body.name_en else name)
    return "; ".join(dict.fromkeys(words))


def task_title(task: Task, lang: str) -> str:
    return task.title_en if lang == "en" and task.title_en else task.title

"""`dehong show`: one goal in depth, as text or JSON.

The text gives the goal's definition and clause, its status and reason, a year-by-year table
against an even pace, a chart, the calculation and the figures used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, assert_never

from dehong_cli.assess.results import Detail, Progress
from dehong_cli.model.catalogue import Accrual, Catalogue, Indicator, Region
from dehong_cli.model.report import Provenance
from dehong_cli.render.banner import banner, banner_text
from dehong_cli.render.calculation import calculation, figures_lines
from dehong_cli.render.chart import EMPTY, FULL, chart
from dehong_cli.render.encode import JSON_VERSION, draw, to_json
from dehong_cli.render.formatting import machine, quantity, target_text
from dehong_cli.render.reasons import phrase
from dehong_cli.render.regions import figure_parts_lines, levels_lines
from dehong_cli.render.report_words import REBUILT_MARK, Words
from dehong_cli.render.status_data import progress_dict, reason_fields, region_dict
from dehong_cli.render.terminal import Style
from dehong_cli.render.vocabulary import (
    STATUS_COLOUR,
    accrual_word,
    department_words,
    direction_words,
    period_words,
    region_words,
    status_word,
    t,
    task_title,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


ROLE_ZH = {"numerator": "分子", "denominator": "分母", "subject": "主项", "companion": "对比项"}


def _label(word: str, lang: str) -> str:
    """A label of the head, padded to line the values up (by display width, for Chinese)."""
    from rich.cells import cell_len

    text = LABELS[word][0 if lang == "en" else 1]
    return text + " " * max(12 - cell_len(text), 1)


LABELS: dict[str, tuple[str, str]] = {
    "id": ("id", "编号"),
    "definition": ("definition", "定义"),
    "source": ("source", "依据"),
    "task": ("task", "任务"),
    "departments": ("departments", "责任部门"),
    "goal": ("goal", "目标"),
    "series": ("series", "数据项"),
    "note": ("note", "说明"),
    "region": ("region", "地区"),
    "status": ("status", "状态"),
}


def _head(cat: Catalogue, p: Progress, region: Region, lang: str, style: Style) -> Text:
    """Who and what: names, definition, clause, task, departments, goal, region, status.

    The catalogue's definitions are in English; in Chinese the quoted clause stands in for one."""
    from rich.text import Text

    ind, en = p.indicator, lang == "en"
    head = Text()
    head.append(f"{ind.display_name(lang)}\n", style="bold")
    head.append(f"{_label('id', lang)}{ind.id}\n")
    if en:
        head.append(f"{_label('definition', lang)}{ind.definition}\n")
    head.append(f"{_label('source', lang)}{ind.source.section}: “{ind.source.quote}”\n")
    for i, task in enumerate(cat.tasks_of(ind)):
        label = _label("task", lang) if i == 0 else " " * 12
        head.append(f"{label}{task.number} {task_title(task, lang)}\n")
    head.append(f"{_label('departments', lang)}{department_words(cat, cat.departments_of(ind), lang)}\n")
    goal = t(lang, "{0}, {1}, {2} {3}", "{0}，{1}，{2}，{3}").format(
        accrual_word(ind.accrual, lang),
        direction_words(ind, lang),
        target_text(ind, lang),
        period_words(ind, cat.plan, lang),
    )
    if ind.accrual is Accrual.QUALITATIVE:
        goal = t(lang, "qualitative: shown, never scored", "定性目标：只列出，不评分")
    head.append(f"{_label('goal', lang)}{goal}\n")
    if ind.components:
        comps = "; ".join(
            f"{c.id} ({c.role.value}, {c.name_en})" if en else f"{c.id}（{ROLE_ZH[c.role.value]}，{c.name}）"
            for c in ind.components
        )
        head.append(f"{_label('series', lang)}{comps}\n")
    if ind.reconstructed:
        head.append(f"{' ' * 12}{REBUILT_MARK} {Words(lang)('rebuilt')}\n", style="bold")
    if ind.note:
        head.append(f"{_label('note', lang)}{ind.note}\n")
    when = (
        t(lang, "no data", "无数据") if p.as_of is None else t(lang, f"as of {p.as_of}", f"截至 {p.as_of} 年")
    )
    head.append(f"{_label('region', lang)}{region_words(region, lang)}, {when}\n")
    head.append("\n" + _label("status", lang))
    head.append(status_word(p.status, lang), style=STATUS_COLOUR[p.status] if style.color else "")
    head.append(f" — {phrase(p.reason, lang)}")
    return head


def _pace_headings(ind: Indicator, lang: str) -> tuple[str, str]:
    """The headings of the value column and of the expectation column of the pace table."""
    match ind.accrual:
        case Accrual.LEVEL:
            return t(lang, "value", "数值"), t(lang, "even pace", "均衡进度")
        case Accrual.ADDITIONS:
            return t(lang, "cumulative", "累计"), t(lang, "even pace (cumulative)", "均衡进度（累计）")
        case Accrual.ANNUAL:
            return t(lang, "value", "数值"), t(lang, "required", "应达")
        case Accrual.GROWTH_VS:
            return t(lang, "growth", "增幅"), t(lang, "companion growth", "对比项增幅")
        case Accrual.QUALITATIVE:
            return t(lang, "value", "数值"), ""  # a qualitative goal has no pace
        case _:
            assert_never(ind.accrual)


def _labeller(ind: Indicator, lang: str) -> Callable[[float | None], str]:
    """How the pace table and the chart write a value: growth rates signed, others with their unit."""
    if ind.accrual is Accrual.GROWTH_VS:
        return lambda v: "—" if v is None else f"{v:+.2f}%"
    return lambda v: quantity(v, ind, lang)


def _pace_table(detail: Detail, lang: str) -> RenderableType:
    from rich.table import Table

    ind = detail.progress.indicator
    history = {h.as_of: h for h in detail.history}
    value_head, even = _pace_headings(ind, lang)
    label = _labeller(ind, lang)
    table = Table(title=t(lang, "year by year", "逐年情况"), title_justify="left")
    table.add_column(t(lang, "year", "年份"), justify="right")
    table.add_column(value_head, justify="right")
    table.add_column(even, justify="right")
    table.add_column(t(lang, "status as of that year", "截至该年的状态"))
    growth = ind.accrual is Accrual.GROWTH_VS
    for row in detail.pace:
        h = history.get(row.year)
        expected = row.expected if growth or row.expected is None else machine(row.expected)
        table.add_row(
            str(row.year), label(row.value), label(expected), status_word(h.status, lang) if h else ""
        )
    return table


def _chart(detail: Detail, lang: str, style: Style) -> RenderableType | None:
    from rich.text import Text

    ind = detail.progress.indicator
    growth = ind.accrual is Accrual.GROWTH_VS
    marker = None if growth else ind.target  # growth goals mark each year's companion growth
    label = _labeller(ind, lang)
    lines = chart(detail.pace, marker, width=max(10, min(50, style.width - 24)), label=label)
    if not lines:
        return None
    target = quantity(ind.target, ind, lang)
    if lang == "en":
        legend = "│ companion growth" if growth else f"│ target {target}"
        key = f"chart ({FULL} value, {EMPTY} still missing, {legend})"
    else:
        legend = "│ 对比项增幅" if growth else f"│ 目标 {target}"
        key = f"图（{FULL} 数值，{EMPTY} 尚差，{legend}）"
    return Text("\n".join([key, *lines]))


def show_text(cat: Catalogue, detail: Detail, region: Region, lang: str, style: Style) -> str:
    from rich.console import Group
    from rich.text import Text

    p = detail.progress
    parts: list[RenderableType] = []
    warning = banner(detail.provenances, lang)
    if warning is not None:
        parts.append(warning)
    parts.append(_head(cat, p, region, lang, style))
    if detail.pace:
        parts.append(_pace_table(detail, lang))
        drawn = _chart(detail, lang, style)
        if drawn is not None:
            parts.append(drawn)
    calc = calculation(p, cat, lang)
    if calc:
        parts.append(
            Text(t(lang, "calculation", "计算过程") + "\n" + "\n".join(f"  {line}" for line in calc))
        )
    if p.levels:
        each = t(lang, "each level", "各级（同级）")
        parts.append(Text(each + "\n" + "\n".join(levels_lines(p, lang))))
    if p.figures:
        used = t(lang, "figures used", "所用数据")
        rolled = figure_parts_lines(p.figures)
        parts.append(Text(used + "\n" + "\n".join([*figures_lines(p.figures, lang), *rolled])))
    return draw(Group(*parts), style)


def show_payload(cat: Catalogue, detail: Detail, region: Region) -> dict[str, Any]:
    p, ind = detail.progress, detail.progress.indicator
    provenances = detail.provenances
    return {
        "version": JSON_VERSION,
        "as_of": p.as_of,
        "region": region_dict(region),
        "illustrative": Provenance.ILLUSTRATIVE in provenances,
        "estimate": Provenance.ESTIMATE in provenances,
        "banner": banner_text(provenances, "en"),
        "indicator": {
            **ind.model_dump(mode="json", exclude={"components"}),
            "task": ind.task,
            "departments": cat.departments_of(ind),
            "components": [c.model_dump(mode="json") for c in ind.components],
        },
        "progress": progress_dict(p),
        "history": [
            {"as_of": h.as_of, "status": h.status.value, **reason_fields(h.reason), "ratio": machine(h.ratio)}
            for h in detail.history
        ],
        "pace": [
            {
                "year": r.year,
                "value": machine(r.value),
                "expected": machine(r.expected),
                "reported": r.reported,
            }
            for r in detail.pace
        ],
    }


def show_json(cat: Catalogue, detail: Detail, region: Region, lang: str, style: Style) -> str:
    return to_json(show_payload(cat, detail, region))


SHOW_FORMATS: dict[str, Callable[[Catalogue, Detail, Region, str, Style], str]] = {
    "text": show_text,
    "table": show_text,  # the text view is the table view: `-f table` as for every other command
    "json": show_json,
}

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
    direction_words,
    period_words,
    region_words,
    status_word,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def _head(cat: Catalogue, p: Progress, region: Region, lang: str, style: Style) -> Text:
    """Who and what: names, definition, clause, task, departments, goal, region, status."""
    from rich.text import Text

    ind = p.indicator
    head = Text()
    head.append(f"{ind.name}  {ind.name_en}\n", style="bold")
    head.append(f"id          {ind.id}\n")
    head.append(f"definition  {ind.definition}\n")
    head.append(f"source      {ind.source.section}: “{ind.source.quote}”\n")
    for i, task in enumerate(cat.tasks_of(ind)):
        head.append(f"{'task' if i == 0 else '':<12}{task.number} {task.title}\n")
    head.append(f"departments {'、'.join(cat.departments_of(ind))}\n")
    goal = (
        f"{ind.accrual.value}, {direction_words(ind)}, {target_text(ind, lang)} {period_words(ind, cat.plan)}"
    )
    if ind.accrual is Accrual.QUALITATIVE:
        goal = "qualitative: shown, never scored"
    head.append(f"goal        {goal}\n")
    if ind.components:
        comps = "; ".join(f"{c.id} ({c.role.value}, {c.name})" for c in ind.components)
        head.append(f"series      {comps}\n")
    if ind.reconstructed:
        head.append(f"{'rebuilt':<12}{REBUILT_MARK} {Words(lang)('rebuilt')}\n", style="bold")
    if ind.note:
        head.append(f"note        {ind.note}\n")
    when = f"as of {p.as_of}" if p.as_of is not None else "no data"
    head.append(f"region      {region_words(region, lang)}, {when}\n")
    head.append("\nstatus      ")
    head.append(status_word(p.status, lang), style=STATUS_COLOUR[p.status] if style.color else "")
    # The reason stays in English in both languages for now; `phrase(p.reason, "zh")` is ready.
    head.append(f" — {phrase(p.reason, 'en')}")
    return head


def _pace_headings(ind: Indicator) -> tuple[str, str]:
    """The headings of the value column and of the expectation column of the pace table."""
    match ind.accrual:
        case Accrual.LEVEL:
            return "value", "even pace"
        case Accrual.ADDITIONS:
            return "cumulative", "even pace (cumulative)"
        case Accrual.ANNUAL:
            return "value", "required"
        case Accrual.GROWTH_VS:
            return "growth", "companion growth"
        case Accrual.QUALITATIVE:
            return "value", ""  # a qualitative goal has no pace
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
    value_head, even = _pace_headings(ind)
    label = _labeller(ind, lang)
    table = Table(title="year by year", title_justify="left")
    table.add_column("year", justify="right")
    table.add_column(value_head, justify="right")
    table.add_column(even, justify="right")
    table.add_column("status as of that year")
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
    lines = chart(detail.pace, marker, width=max(10, min(50, style.width - 20)), label=label)
    if not lines:
        return None
    legend = "│ companion growth" if growth else f"│ target {quantity(ind.target, ind, lang)}"
    return Text("\n".join([f"chart ({FULL} value, {EMPTY} still missing, {legend})", *lines]))


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
        parts.append(Text("calculation\n" + "\n".join(f"  {line}" for line in calc)))
    if p.levels:
        parts.append(Text("each level (同级)\n" + "\n".join(levels_lines(p, lang))))
    if p.figures:
        rolled = figure_parts_lines(p.figures)
        parts.append(Text("figures used\n" + "\n".join([*figures_lines(p.figures), *rolled])))
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
    "json": show_json,
}

"""`dehong targets` and `dehong tasks`: the plan's goals and numbered tasks, as a table, JSON or CSV."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dehong_cli.model.catalogue import Catalogue, Indicator, Task
from dehong_cli.render.encode import JSON_VERSION, to_csv, to_json, to_text
from dehong_cli.render.fit import cells, wrap
from dehong_cli.render.formatting import target_text
from dehong_cli.render.report_words import REBUILT_MARK, Words
from dehong_cli.render.terminal import Style
from dehong_cli.render.vocabulary import accrual_word, department_words, strand_name, t, task_title


def targets_rows(cat: Catalogue, indicators: Sequence[Indicator], lang: str) -> list[dict[str, Any]]:
    strands = {s.id: s for s in cat.strands}
    rows = []
    for ind in indicators:
        strand = strands[ind.strand]
        rows.append(
            {
                "id": ind.id,
                "name": ind.name,
                "name_en": ind.name_en,
                "strand": ind.strand,
                "strand_name": strand.name_en if lang == "en" else strand.name,
                "unit": ind.unit.value,
                "scale": ind.scale.value if ind.scale else None,
                "direction": ind.direction.value,
                "accrual": ind.accrual.value,
                "comparator": ind.comparator.value if ind.comparator else None,
                "target": ind.target,
                "task": ind.task,
                "tasks": list(ind.tasks),
                "departments": cat.departments_of(ind),
                "source_section": ind.source.section,
                "source_quote": ind.source.quote,
                "note": ind.note,
                "reconstructed": ind.reconstructed,
            }
        )
    return rows


def targets_json(cat: Catalogue, indicators: Sequence[Indicator], lang: str) -> str:
    return to_json({"version": JSON_VERSION, "targets": targets_rows(cat, indicators, lang)})


def targets_table(cat: Catalogue, indicators: Sequence[Indicator], lang: str, style: Style) -> str:
    """The goals by strand. Ids are never broken (they are what the other commands take); on a narrower
    terminal the departments and the accrual go (`dehong show` gives them), and below that the
    goals are listed, each id on a line of its own."""
    from rich.markup import escape
    from rich.table import Table

    strands = {s.id: s for s in cat.strands}
    order = {s.id: i for i, s in enumerate(cat.strands)}  # each strand once, in catalogue order
    indicators = sorted(indicators, key=lambda i: order.get(i.strand, len(order)))
    title = t(
        lang,
        f"{cat.plan.document_number} — {cat.plan.target_year} targets",
        f"{cat.plan.document_number} — {cat.plan.target_year}年目标",
    )
    table = Table(title=title, show_lines=False, show_edge=style.width >= 100)
    id_width = max((cells(i.id) for i in indicators), default=2)
    if style.width < id_width + 50:
        return targets_list(cat, indicators, lang, style)
    wide = style.width >= id_width + 80
    table.add_column("id", no_wrap=True, min_width=id_width)
    table.add_column(t(lang, "indicator", "指标"), overflow="fold", min_width=12, ratio=3)
    table.add_column(t(lang, "target", "目标"), overflow="fold", min_width=10, ratio=2)
    if wide:
        table.add_column(t(lang, "accrual", "口径"), no_wrap=True)
    table.add_column(t(lang, "task", "任务"), justify="right", max_width=8)
    if wide:
        table.add_column(t(lang, "departments", "责任部门"), overflow="fold", min_width=8, ratio=3)
    current = None
    for ind in indicators:
        if ind.strand != current:
            current = ind.strand
            strand = strands[ind.strand]
            table.add_section()
            name = strand.name_en if lang == "en" else strand.name
            table.add_row("", f"[bold]{escape(name)}[/bold]", *([""] * (4 if wide else 2)))
        row = [
            ind.id,
            ind.display_name(lang),
            target_text(ind, lang) + (f" {REBUILT_MARK}" if ind.reconstructed else ""),
        ]
        if wide:
            row.append(accrual_word(ind.accrual, lang))
        row.append(", ".join(map(str, ind.tasks)))
        if wide:
            row.append(department_words(cat, cat.departments_of(ind), lang))
        table.add_row(*row)
    if any(ind.reconstructed for ind in indicators):
        table.caption = f"{REBUILT_MARK} {Words(lang)('rebuilt')}: dehong show ID"
    return to_text(table, style)


def targets_list(cat: Catalogue, indicators: Sequence[Indicator], lang: str, style: Style) -> str:
    """The goals for a terminal too narrow for a table: each id whole on its own line, the rest
    indented beneath it."""
    lines = [
        t(
            lang,
            f"{cat.plan.document_number} — {cat.plan.target_year} targets",
            f"{cat.plan.document_number} — {cat.plan.target_year}年目标",
        )
    ]
    current = None
    for ind in indicators:
        if ind.strand != current:
            current = ind.strand
            lines += ["", strand_name(cat, ind.strand, lang)]
        tasks = ", ".join(map(str, ind.tasks))
        about = t(
            lang,
            f"{ind.display_name(lang)} · {target_text(ind, lang)} · task {tasks}",
            f"{ind.display_name(lang)} · {target_text(ind, lang)} · 任务 {tasks}",
        )
        lines.append(f"  {ind.id}")
        lines += [f"    {line}" for line in wrap(about, style.width - 4, max_lines=6)]
    return "\n".join(lines) + "\n"


def targets_csv(cat: Catalogue, indicators: Sequence[Indicator], lang: str) -> str:
    rows = targets_rows(cat, indicators, lang)
    header = list(rows[0]) if rows else ["id"]
    cells = (["、".join(map(str, v)) if isinstance(v, list) else v for v in r.values()] for r in rows)
    return to_csv(header, cells)


def tasks_table(cat: Catalogue, tasks: Sequence[Task], lang: str, style: Style) -> str:
    from rich.table import Table

    table = Table(title=t(lang, "Tasks", "重点任务"), show_edge=style.width >= 100)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t(lang, "title", "任务"), overflow="fold", ratio=3)
    table.add_column(t(lang, "lead departments", "责任部门"), overflow="fold", ratio=2)
    table.add_column(t(lang, "supporting", "配合部门"), overflow="fold", ratio=2)
    for task in tasks:
        table.add_row(
            str(task.number),
            task_title(task, lang),
            department_words(cat, task.lead_departments, lang),
            department_words(cat, task.supporting_departments, lang),
        )
    return to_text(table, style)


TargetsRenderer = Callable[[Catalogue, Sequence[Indicator], str, Style], str]


def _without_style(render: Callable[[Catalogue, Sequence[Indicator], str], str]) -> TargetsRenderer:
    def rendered(cat: Catalogue, indicators: Sequence[Indicator], lang: str, style: Style) -> str:
        return render(cat, indicators, lang)

    return rendered


TARGETS_FORMATS: dict[str, TargetsRenderer] = {  # `dehong targets --format`
    "table": targets_table,
    "json": _without_style(targets_json),
    "csv": _without_style(targets_csv),
}

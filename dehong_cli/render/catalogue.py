"""`dehong targets` and `dehong tasks`: the plan's goals and numbered tasks, as a table, JSON or CSV."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dehong_cli.model.catalogue import Catalogue, Indicator, Task
from dehong_cli.render.encode import JSON_VERSION, to_csv, to_json, to_text
from dehong_cli.render.formatting import target_text
from dehong_cli.render.report_words import REBUILT_MARK, Words
from dehong_cli.render.terminal import Style


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
    from rich.table import Table

    en = lang == "en"
    strands = {s.id: s for s in cat.strands}
    table = Table(title=f"{cat.plan.document_number} — {cat.plan.target_year} targets", show_lines=False)
    # Every column folds but the short ones; each keeps room enough to read (a name 2 cells wide does not).
    table.add_column("id", overflow="fold", min_width=12)
    table.add_column("indicator" if en else "指标", overflow="fold", min_width=12)
    table.add_column("target" if en else "目标", overflow="fold", min_width=10)
    table.add_column("accrual" if en else "口径", no_wrap=True)
    table.add_column("task" if en else "任务", justify="right", no_wrap=True)
    table.add_column("departments" if en else "责任部门", overflow="fold", min_width=8)
    current = None
    for ind in indicators:
        if ind.strand != current:
            current = ind.strand
            strand = strands[ind.strand]
            table.add_section()
            table.add_row("", f"[bold]{strand.name_en if en else strand.name}[/bold]", "", "", "", "")
        table.add_row(
            ind.id,
            ind.display_name(lang),
            target_text(ind, lang) + (f" {REBUILT_MARK}" if ind.reconstructed else ""),
            ind.accrual.value,
            "、".join(map(str, ind.tasks)),
            "、".join(cat.departments_of(ind)),
        )
    if any(ind.reconstructed for ind in indicators):
        table.caption = f"{REBUILT_MARK} {Words(lang)('rebuilt')}: dehong show ID"
    return to_text(table, style)


def targets_csv(cat: Catalogue, indicators: Sequence[Indicator], lang: str) -> str:
    rows = targets_rows(cat, indicators, lang)
    header = list(rows[0]) if rows else ["id"]
    cells = (["、".join(map(str, v)) if isinstance(v, list) else v for v in r.values()] for r in rows)
    return to_csv(header, cells)


def tasks_table(tasks: Sequence[Task], lang: str, style: Style) -> str:
    from rich.table import Table

    en = lang == "en"
    table = Table(title="重点任务" if not en else "Tasks")
    table.add_column("#", justify="right")
    table.add_column("title" if en else "任务", overflow="fold")
    table.add_column("lead departments" if en else "责任部门", overflow="fold")
    table.add_column("supporting" if en else "配合部门", overflow="fold")
    for t in tasks:
        table.add_row(
            str(t.number), t.title, "、".join(t.lead_departments), "、".join(t.supporting_departments)
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

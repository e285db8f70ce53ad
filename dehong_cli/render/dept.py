"""`dehong dept NAME`: one department's scorecard as a table, JSON or Markdown.

Goals it leads or supports with the engine's statuses, its tasks with their progress for the year,
and what it still owes: a figure for each quantified goal it leads, an entry for each task it leads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dehong_cli.assess.departments import Scorecard
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.render.banner import banner, banner_text
from dehong_cli.render.encode import JSON_VERSION, draw, md, to_json
from dehong_cli.render.tasks import STATUS_COLOUR as TASK_COLOUR
from dehong_cli.render.tasks import row_dict, status_word
from dehong_cli.render.terminal import Style
from dehong_cli.render.vocabulary import STATUS_COLOUR, STATUS_ZH, t

ROLE_ZH = {"lead": "牵头", "supporting": "配合"}


def _role(role: str | None, lang: str) -> str:
    return t(lang, role or "", ROLE_ZH.get(role or "", ""))


def _heading(cat: Catalogue, card: Scorecard, lang: str) -> str:
    d = card.department
    name = f"{d.name_en} ({d.name})" if lang == "en" else d.name
    region = card.region.name_en if lang == "en" else card.region.name
    year = card.year if card.year is not None else "—"
    return t(lang, f"{name} — {region}, {year}", f"{name} — {region} {year}年")


def dept_json(cat: Catalogue, card: Scorecard, lang: str, style: Style) -> str:
    d = card.department
    payload: dict[str, Any] = {
        "version": JSON_VERSION,
        "plan": cat.plan.document_number,
        "department": {
            "id": d.id,
            "name": d.name,
            "name_en": d.name_en,
            "kind": d.kind,
            "variants": d.variants,
        },
        "year": card.year,
        "region": {"code": card.region.code, "name": card.region.name, "name_en": card.region.name_en},
        "illustrative": any(p.value == "illustrative" for p in card.provenances),
        "estimate": any(p.value == "estimate" for p in card.provenances),
        "banner": banner_text(card.provenances, "en"),
        "goals": [
            {
                "id": g.progress.indicator.id,
                "name": g.progress.indicator.name,
                "name_en": g.progress.indicator.name_en,
                "role": g.role,
                "status": g.progress.status.value,
                "tasks": list(g.progress.indicator.tasks),
                "unofficial": g.progress.unofficial,
            }
            for g in card.goals
        ],
        "tasks": [row_dict(r) for r in card.tasks.rows] if card.tasks else [],
        "owes": {
            "figures": [i.id for i in card.owed_figures],
            "task_reports": [task.number for task in card.owed_tasks],
        },
    }
    return to_json(payload)


def _owes_lines(card: Scorecard, lang: str) -> list[str]:
    if card.year is None:
        return [t(lang, "No year with data: nothing can be owed yet.", "尚无任何年度数据。")]
    figures = "、".join(f"{i.display_name(lang)} ({i.id})" for i in card.owed_figures)
    tasks = "、".join(str(task.number) for task in card.owed_tasks)
    return [
        t(lang, f"Figures still owed for {card.year}: ", f"{card.year}年尚缺数据的目标：") + (figures or "—"),
        t(lang, f"Task reports still owed for {card.year}: ", f"{card.year}年尚未报送进展的任务：")
        + (tasks or "—"),
    ]


def dept_table(cat: Catalogue, card: Scorecard, lang: str, style: Style) -> str:
    from rich.console import Group, RenderableType
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = []
    warning = banner(card.provenances, lang)
    if warning is not None:
        parts.append(warning)
    parts.append(Text(_heading(cat, card, lang), style="bold"))
    goals = Table(title=t(lang, "Goals", "目标"), title_justify="left")
    goals.add_column(t(lang, "goal", "指标"), overflow="fold")
    goals.add_column(t(lang, "role", "职责"), no_wrap=True)
    goals.add_column(t(lang, "tasks", "任务"), no_wrap=True)
    goals.add_column(t(lang, "status", "状态"), no_wrap=True)
    for g in card.goals:
        ind, status = g.progress.indicator, g.progress.status
        word = status.value if lang == "en" else STATUS_ZH[status]  # the table's words, as in status
        goals.add_row(
            Text(ind.display_name(lang)),
            _role(g.role, lang),
            "、".join(map(str, ind.tasks)),
            Text(word, style=STATUS_COLOUR[status] if style.color else ""),
        )
    parts.append(goals if card.goals else Text(t(lang, "No goal.", "无目标。")))
    if card.tasks is not None:
        tasks = Table(title=t(lang, f"Tasks, {card.year}", f"{card.year}年任务进展"), title_justify="left")
        tasks.add_column("#", justify="right", no_wrap=True)
        tasks.add_column(t(lang, "task", "任务"), overflow="fold", ratio=3)
        tasks.add_column(t(lang, "role", "职责"), no_wrap=True)
        tasks.add_column(t(lang, "status", "状态"), no_wrap=True)
        tasks.add_column(t(lang, "progress", "进展情况"), overflow="fold", ratio=3)
        for r in card.tasks.rows:
            colour = TASK_COLOUR[r.status_id] if style.color else ""
            tasks.add_row(
                str(r.task.number),
                Text(r.task.title_en if lang == "en" and r.task.title_en else r.task.title),
                _role(r.role, lang),
                Text(status_word(r, lang), style=colour),
                Text(r.progress or "—"),
            )
        parts.append(tasks if card.tasks.rows else Text(t(lang, "No task.", "无任务。")))
    parts += [Text(line) for line in _owes_lines(card, lang)]
    return draw(Group(*parts), style)


def dept_markdown(cat: Catalogue, card: Scorecard, lang: str, style: Style) -> str:
    lines = []
    warning = banner_text(card.provenances, lang)
    if warning:
        lines += [f"> **{md(warning)}**", ""]
    lines += [f"## {md(_heading(cat, card, lang))}", "", f"### {t(lang, 'Goals', '目标')}", ""]
    lines += [t(lang, "| id | goal | role | tasks | status |", "| id | 指标 | 职责 | 任务 | 状态 |")]
    lines += ["| --- | --- | --- | --- | --- |"]
    for g in card.goals:
        ind = g.progress.indicator
        cells = [ind.id, ind.display_name(lang), _role(g.role, lang), "、".join(map(str, ind.tasks))]
        lines.append(
            "| "
            + " | ".join(md(c) for c in cells)
            + f" | **{g.progress.status.value if lang == 'en' else STATUS_ZH[g.progress.status]}** |"
        )
    if card.tasks is not None:
        lines += ["", f"### {t(lang, f'Tasks, {card.year}', f'{card.year}年任务进展')}", ""]
        lines += [t(lang, "| # | task | role | status | progress |", "| # | 任务 | 职责 | 状态 | 进展情况 |")]
        lines += ["| ---: | --- | --- | --- | --- |"]
        for r in card.tasks.rows:
            cells = [
                str(r.task.number),
                r.task.title,
                _role(r.role, lang),
                status_word(r, lang),
                r.progress or "—",
            ]
            lines.append("| " + " | ".join(md(c) for c in cells) + " |")
    lines += ["", *(f"- {md(line)}" for line in _owes_lines(card, lang))]
    return "\n".join(lines) + "\n"


DEPT_FORMATS: dict[str, Callable[[Catalogue, Scorecard, str, Style], str]] = {
    "table": dept_table,
    "json": dept_json,
    "markdown": dept_markdown,
}

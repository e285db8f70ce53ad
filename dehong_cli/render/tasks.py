"""`dehong tasks --year Y`: every task with its status, department and progress for the year.

Tasks with no entry are shown as not reported (未报送). Illustrative or estimated progress gets the
same banner as figures, and `illustrative` / `estimate` fields in JSON and CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dehong_cli.assess.departments import TaskRow, TaskYear
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.tasks import NOT_REPORTED as NOT_REPORTED_ZH
from dehong_cli.render.banner import banner, banner_text
from dehong_cli.render.cells import neutralise
from dehong_cli.render.encode import JSON_VERSION, draw, md, to_csv, to_json
from dehong_cli.render.terminal import Style
from dehong_cli.render.vocabulary import t

STATUS_COLOUR = {
    "done": "bold green",
    "in_progress": "green",
    "not_started": "yellow",
    "delayed": "bold red",
    "not_reported": "dim",
}
COLUMNS = (
    "year",
    "region",
    "task",
    "title",
    "status",
    "status_zh",
    "department",
    "lead_departments",
    "progress",
    "evidence",
    "provenance",
    "source",
    "illustrative",
    "estimate",
)


def status_word(row: TaskRow, lang: str) -> str:
    """The status as a person reads it: 推进中 / in_progress; 未报送 / not reported."""
    if row.status is None:
        return t(lang, "not reported", NOT_REPORTED_ZH)
    return t(lang, row.status.value, row.status.word)


def row_dict(row: TaskRow) -> dict[str, Any]:
    return {
        "task": row.task.number,
        "title": row.task.title,
        "title_en": row.task.title_en,
        "status": row.status_id,
        "status_zh": status_word(row, "zh"),
        "department": row.department,
        "lead_departments": list(row.task.lead_departments),
        "supporting_departments": list(row.task.supporting_departments),
        "progress": row.progress,
        "evidence": list(row.evidence),
        "provenance": row.provenance.value if row.provenance else None,
        "source": row.source,
        "illustrative": row.provenance is not None and row.provenance.value == "illustrative",
        **({"role": row.role} if row.role is not None else {}),
    }


def counts(data: TaskYear) -> dict[str, int]:
    found = dict.fromkeys(STATUS_COLOUR, 0)
    for row in data.rows:
        found[row.status_id] += 1
    return found


def counts_text(data: TaskYear, lang: str) -> str:
    parts = []
    for key, n in counts(data).items():
        if n:
            word = t(lang, key.replace("_", " "), _ZH[key])
            parts.append(f"{word} {n}")
    return " · ".join(parts) + t(lang, f"  ({len(data.rows)} tasks)", f"（共 {len(data.rows)} 项任务）")


_ZH = {
    "done": "已完成",
    "in_progress": "推进中",
    "not_started": "未启动",
    "delayed": "滞后",
    "not_reported": "未报送",
}


def title(cat: Catalogue, data: TaskYear, lang: str) -> str:
    region = data.region.name_en if lang == "en" else data.region.name
    return t(
        lang,
        f"{cat.plan.document_number} tasks — {region}, {data.year}",
        f"{cat.plan.document_number} 重点任务进展 — {region} {data.year}年",
    )


def tasks_json(cat: Catalogue, data: TaskYear, lang: str, style: Style) -> str:
    return to_json(
        {
            "version": JSON_VERSION,
            "plan": cat.plan.document_number,
            "year": data.year,
            "region": {"code": data.region.code, "name": data.region.name, "name_en": data.region.name_en},
            "illustrative": data.illustrative,
            "estimate": data.estimate,
            "banner": banner_text(data.provenances, "en"),
            "tasks": [row_dict(r) for r in data.rows],
            "counts": counts(data),
        }
    )


def tasks_csv(cat: Catalogue, data: TaskYear, lang: str, style: Style) -> str:
    rows = []
    for r in data.rows:
        d = row_dict(r)
        rows.append(
            [
                data.year,
                data.region.code,
                d["task"],
                cell(d["title"]),
                d["status"],
                d["status_zh"],
                cell(d["department"]),
                cell("、".join(d["lead_departments"])),
                cell(d["progress"]),
                cell("; ".join(d["evidence"])),
                d["provenance"],
                cell(d["source"]),
                str(d["illustrative"]).lower(),
                str(r.provenance is not None and r.provenance.value == "estimate").lower(),
            ]
        )
    return to_csv(COLUMNS, rows)


def cell(text: str | None) -> str | None:
    """Text from data as a spreadsheet cell that never runs as a formula (=, +, -, @ lead it):
    the one rule, render/cells.py (to_csv applies it too; a cell it quoted is not quoted again)."""
    return None if text is None else neutralise(text)


def tasks_table(cat: Catalogue, data: TaskYear, lang: str, style: Style) -> str:
    from rich.console import Group, RenderableType
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title(cat, data, lang))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t(lang, "task", "任务"), overflow="fold", ratio=3)
    table.add_column(t(lang, "status", "状态"), no_wrap=True)
    table.add_column(t(lang, "department", "报送部门"), overflow="fold", ratio=1)
    table.add_column(t(lang, "progress", "进展情况"), overflow="fold", ratio=3)
    for r in data.rows:
        colour = STATUS_COLOUR[r.status_id] if style.color else ""
        name = r.task.title_en if lang == "en" and r.task.title_en else r.task.title
        table.add_row(
            str(r.task.number),
            Text(name),
            Text(status_word(r, lang), style=colour),
            Text(r.department or "—"),
            Text(r.progress or ("—" if r.status is None else "")),
        )
    parts: list[RenderableType] = []
    warning = banner(data.provenances, lang)
    if warning is not None:
        parts.append(warning)
    parts.append(table if data.rows else Text(t(lang, "No task matches.", "没有符合条件的任务。")))
    parts.append(Text(counts_text(data, lang)))
    return draw(Group(*parts), style)


def tasks_markdown(cat: Catalogue, data: TaskYear, lang: str, style: Style) -> str:
    lines = []
    warning = banner_text(data.provenances, lang)
    if warning:
        lines += [f"> **{md(warning)}**", ""]
    lines += [f"**{md(title(cat, data, lang))}**", ""]
    lines += [
        t(lang, "| # | task | status | department | progress |", "| # | 任务 | 状态 | 报送部门 | 进展情况 |")
    ]
    lines += ["| ---: | --- | --- | --- | --- |"]
    for r in data.rows:
        cells = [
            str(r.task.number),
            r.task.title,
            status_word(r, lang),
            r.department or "—",
            r.progress or "",
        ]
        lines.append("| " + " | ".join(md(c) for c in cells) + " |")
    lines += ["", counts_text(data, lang)]
    return "\n".join(lines) + "\n"


TASK_FORMATS: dict[str, Callable[[Catalogue, TaskYear, str, Style], str]] = {
    "table": tasks_table,
    "json": tasks_json,
    "csv": tasks_csv,
    "markdown": tasks_markdown,
}

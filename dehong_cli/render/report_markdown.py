"""The annual report as Markdown: the same content as the HTML page, as tables and text charts,
for documents and for diffs in version control."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dehong_cli.assess.annual import ReportData
from dehong_cli.render.encode import md
from dehong_cli.render.report_view import Chart, context
from dehong_cli.render.report_words import Words

BAR = 20  # cells of a text bar at the chart's largest value


def table(
    headers: Sequence[object], rows: Sequence[Sequence[object]], right: Sequence[int] = ()
) -> list[str]:
    align = ["---:" if k in right else "---" for k in range(len(headers))]
    lines = ["| " + " | ".join(md(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def text_bar(value: float | None, top: float) -> str:
    if value is None or top <= 0:
        return ""
    cells = round(max(value, 0.0) / top * BAR)
    return "█" * cells + "░" * (BAR - cells)


def _chart_rows(g: dict[str, Any]) -> list[list[str]]:
    """The data table with a text bar per year; the bar is the value against the largest number drawn."""
    chart: Chart = g["chart"]
    numbers = [v for v in (*chart.values, *chart.pace, chart.target) if v is not None]
    top = max([*numbers, 0.0])
    return [
        [str(year), value, pace, text_bar(raw, top)]
        for (year, value, pace), raw in zip(g["series"], chart.values, strict=True)
    ]


def _goal(g: dict[str, Any], ctx: dict[str, Any], w: Words) -> list[str]:
    c = ctx["c"]
    mark = " †" if g["rebuilt"] else ""
    lines = [f"### {md(g['name'])}{mark} — {g['status']}", ""]
    if g["rebuilt"]:
        lines += [f"> **{md(g['rebuilt'])}**{c}{md(g['note'])}", ""]
    facts = [f"{w('target')}{c}{g['target']}", f"{w('latest')}{c}{g['latest']}", f"{w('gap')}{c}{g['gap']}"]
    facts.append(f"{w('progress')}{c}{g['progress']}")
    if g["attainment"]:
        facts.append(f"{w('attainment')}{c}{g['attainment']}")
    lines += [" · ".join(md(f) for f in facts), ""]
    if g["series"]:
        lines += table([w("year"), *g["series_heads"], ""], _chart_rows(g), right=(1, 2))
    q = ctx["q"]
    lines += [f"{w('clause')}{c}{md(g['clause'])}{q[0]}{md(g['quote'])}{q[1]}", ""]
    lines += [f"{w('departments_of')}{c}{md(g['departments'])}", ""]
    if g["reason"]:
        lines += [f"{w('reason')}{c}{md(g['reason'])}", ""]
    return lines


def render_markdown(data: ReportData, lang: str) -> str:
    ctx = context(data, lang)
    w: Words = ctx["w"]
    lines = [f"# {ctx['title']}", "", f"{ctx['subtitle']} · {w('made_on')} {ctx['made_on']}", ""]
    lines += [f"## {w('provenance')}", ""]
    lines += [f"> **⚠ {text}**" for text in ctx["warnings"]] or [w("official")]
    lines += ["", f"## {w('summary')}", ""]
    rows = ctx["summary"]["rows"]
    top = max([n for _, n, _ in rows] or [1])
    lines += table([w("status"), w("count"), ""], [[word, n, text_bar(n, top)] for word, n, _ in rows], (1,))
    lines += table(["", ""], ctx["summary"]["facts"], (1,))
    for s in ctx["strands"]:
        lines += [f"## {s['name']}", ""]
        heads = [w("indicator"), w("target"), w("latest"), w("gap"), w("progress"), w("status")]
        body = [
            [g["name"], g["target"], g["latest"], g["gap"], g["progress"], g["status"]] for g in s["goals"]
        ]
        lines += table(heads, body, (3, 4))
        for g in s["goals"]:
            lines += _goal(g, ctx, w)
    trend = ctx["trend"]
    lines += [f"## {w('trend')}", "", w("trend_note"), ""]
    lines += table(
        [w("indicator"), *trend["years"]], [[n, *(c[0] for c in cells)] for n, cells in trend["rows"]]
    )
    if ctx["counties"]:
        cv = ctx["counties"]
        heads = [w("indicator"), w("prefecture"), *(x for r in cv["regions"] for x in (r, w("share")))]
        body = [[n, total, *(x for cell in cells for x in cell)] for n, total, cells in cv["rows"]]
        lines += [f"## {w('counties')}", "", cv["note"], ""]
        lines += table(heads, body, tuple(range(1, len(heads))))
    if ctx["departments"]:
        heads = [w("department"), w("dept_goals"), w("dept_tasks"), w("dept_behind"), w("dept_awaiting")]
        lines += [f"## {w('departments')}", "", *table(heads, ctx["departments"])]
    if ctx["tasks"] is not None:
        lines += [
            f"## {w('tasks')}",
            "",
            *table(["#", w("task"), w("task_status"), w("task_progress")], ctx["tasks"], (0,)),
        ]
    lines += [f"## {w('method')}", "", w("method_text"), "", f"## {w('made_from')}", "", ctx["made_with"], ""]
    heads = [w("year"), w("region"), w("provenance_col"), w("source")]
    lines += table(heads, ctx["sources"])
    return "\n".join(lines).rstrip("\n") + "\n"


__all__ = ["render_markdown", "table", "text_bar"]

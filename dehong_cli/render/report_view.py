"""The annual report in words: the `ReportData` view-model turned into the texts every format shows.

HTML and Markdown render the same context, so they carry the same content; only the markup
differs. Numbers are formatted here with the helpers `dehong status` uses, so a figure reads the
same in the terminal and on paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dehong_cli import __version__
from dehong_cli.assess.annual import GoalView, ReportData
from dehong_cli.model.catalogue import Accrual, Indicator
from dehong_cli.model.report import Provenance
from dehong_cli.model.status import Status
from dehong_cli.render.formatting import latest_text, quantity, target_text
from dehong_cli.render.reasons import phrase
from dehong_cli.render.report_words import REBUILT_MARK, Words


def status_css(status: Status) -> str:
    return f"s-{status.value.replace('_', '-')}"


def pct(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


@dataclass(frozen=True, slots=True)
class Chart:
    """What a goal's chart draws: its years, values, even pace and target."""

    years: tuple[int, ...]
    values: tuple[float | None, ...]
    pace: tuple[float | None, ...]
    target: float | None


def _series_headers(ind: Indicator, w: Words) -> tuple[str, str]:
    match ind.accrual:
        case Accrual.ADDITIONS:
            return w("cumulative"), w("pace")
        case Accrual.ANNUAL:
            return w("value"), w("target")
        case Accrual.GROWTH_VS:
            return w("growth"), w("companion")
        case _:
            return w("value"), w("pace")


def _cell(value: float | None, ind: Indicator, lang: str) -> str:
    if value is None:
        return "—"
    if ind.accrual is Accrual.GROWTH_VS:
        return f"{value:+.2f}%"
    return quantity(value, ind, lang)


def goal_context(goal: GoalView, lang: str, first: int) -> dict[str, Any]:
    """One goal's row, its yearly series, its chart and its chart's words."""
    w = Words(lang)
    p, ind = goal.progress, goal.progress.indicator
    name = ind.display_name(lang)
    heads = _series_headers(ind, w)
    due = p.as_of if p.as_of is not None else 0

    def shown(value: float | None, year: int) -> str:
        return w("not_reported") if value is None and year <= due else _cell(value, ind, lang)

    # a cumulative sum before any figure is reported is not 0 but nothing reported
    first_reported = next((r.year for r in goal.series if r.reported), None)
    values = tuple(
        None
        if ind.accrual is Accrual.ADDITIONS and (first_reported is None or r.year < first_reported)
        else r.value
        for r in goal.series
    )
    series = [
        (r.year, shown(v, r.year), _cell(r.expected, ind, lang))
        for r, v in zip(goal.series, values, strict=True)
    ]
    chart_target = None if ind.accrual is Accrual.GROWTH_VS else ind.target
    chart = Chart(
        tuple(r.year for r in goal.series),
        values,
        tuple(None if ind.accrual is Accrual.ANNUAL else r.expected for r in goal.series),
        chart_target,
    )
    points = (
        "；".join(f"{y} {v}" for y, v, _ in series)
        if lang == "zh"
        else "; ".join(f"{y} {v}" for y, v, _ in series)
    )
    return {
        "id": ind.id,
        "name": name,
        "status": w.status(p.status),
        "status_css": status_css(p.status),
        "target": target_text(ind, lang) + (f" {REBUILT_MARK}" if ind.reconstructed else ""),
        "rebuilt": f"{REBUILT_MARK} {w('rebuilt')}" if ind.reconstructed else None,
        "note": ind.note or "",
        "latest": latest_text(p, lang, first),
        "gap": "—" if p.gap is None else quantity(p.gap, ind, lang, gap=True),
        "progress": pct(p.progress),
        "attainment": None if goal.attainment is None else pct(goal.attainment),
        "clause": ind.source.section,
        "quote": ind.source.quote,
        "departments": "、".join(goal.departments) if lang == "zh" else ", ".join(goal.departments),
        "reason": phrase(p.reason, lang),
        "series_heads": heads,
        "series": series,
        "chart": chart,
        "chart_title": w("chart_of", name=name),
        "chart_desc": w(
            "chart_desc",
            points=points or w("no_data"),
            target="—" if chart_target is None else quantity(chart_target, ind, lang),
        ),
        "chart_labels": (heads[0], heads[1], w("target")),
    }


def warnings(data: ReportData, w: Words) -> list[str]:
    found = data.provenances
    out = [
        w(k)
        for k, p in (("illustrative", Provenance.ILLUSTRATIVE), ("estimate", Provenance.ESTIMATE))
        if p in found
    ]
    return out


def context(data: ReportData, lang: str) -> dict[str, Any]:
    """Everything the report shows, as texts, for the HTML and Markdown templates."""
    w = Words(lang)
    first = data.plan.baseline_year + 1
    region = data.region.name if lang == "zh" else data.region.name_en
    when = w("as_of", year=data.as_of) if data.as_of is not None else w("no_data")
    goals = {g.id: goal_context(g, lang, first) for s in data.strands for g in s.goals}
    if lang == "en":  # the registry's English names of the departments
        for g in (g for s in data.strands for g in s.goals):
            goals[g.id]["departments"] = "; ".join(data.department_name(d, lang) for d in g.departments)
    names = {k: g["name"] for k, g in goals.items()}
    sep = "、" if lang == "zh" else ", "
    s = data.summary
    return {
        "lang": lang,
        "w": w,
        "c": "：" if lang == "zh" else ": ",
        "q": ("「", "」") if lang == "zh" else ("“", "”"),
        "title": f"{data.plan.document_number} {w('goals_of', year=data.plan.target_year)} {w('report')}",
        "subtitle": f"{region} ({data.region.code}) · {when}",
        "made_on": data.made_on.isoformat(),
        "warnings": warnings(data, w),
        "summary": {
            "rows": [(w.status(st), n, status_css(st)) for st, n in s.counts if n],
            "facts": [
                (w("goals_total"), str(s.total)),
                (w("quantified"), str(s.quantified)),
                (w("with_figure", year=data.as_of or "—"), str(s.with_current_figure)),
                (w("completeness"), pct(s.completeness)),
                (w("awaiting"), str(s.awaiting)),
            ],
        },
        "strands": [
            {
                "id": sv.strand.id,
                "name": sv.strand.name if lang == "zh" else sv.strand.name_en,
                "goals": [goals[g.id] for g in sv.goals],
            }
            for sv in data.strands
        ],
        "trend": {
            "years": list(data.years),
            "rows": [
                (goals[g.id]["name"], [(w.status(st), status_css(st)) for _, st in g.trend])
                for sv in data.strands
                for g in sv.goals
            ],
        },
        "counties": _counties(data, lang, w),
        "departments": [
            (
                data.department_name(d.name, lang),
                sep.join(names[i] for i in d.goals) or w("none"),
                sep.join(str(t) for t in d.tasks) or w("none"),
                sep.join(names[i] for i in d.behind) or w("none"),
                sep.join(names[i] for i in d.awaiting) or w("none"),
            )
            for d in data.departments
        ],
        "tasks": _tasks(data, lang, w),
        "sources": [
            (
                str(src.year),
                src.region.name if lang == "zh" else src.region.name_en,
                w(f"{src.provenance.value}_word"),
                src.source,
            )
            for src in data.sources
        ],
        "made_with": w("made_with", version=__version__, date=data.made_on.isoformat(), data=data.data_from),
    }


def _tasks(data: ReportData, lang: str, w: Words) -> list[tuple[str, str, str, str]] | None:
    """Each task's number, title, status word and progress text in the year (`dehong tasks --year`)."""
    if data.tasks is None:
        return None
    return [
        (
            str(t.task.number),
            t.task.title_en if lang == "en" and t.task.title_en else t.task.title,
            w.task_status(t.status),
            t.progress or "",
        )
        for t in data.tasks
    ]


def _counties(data: ReportData, lang: str, w: Words) -> dict[str, Any] | None:
    view = data.counties
    if view is None:
        return None
    cat_inds = {g.id: g.progress.indicator for s in data.strands for g in s.goals}
    rows = []
    for row in view.rows:
        ind = cat_inds.get(row.indicator_id)
        if ind is None:
            continue
        cells = [
            (_cell(c.value, ind, lang), pct(c.share, 1) if c.share is not None else "") for c in row.counties
        ]
        total = _cell(row.prefecture, ind, lang) + (" Σ" if row.rolled_up else "")
        rows.append((ind.display_name(lang), total, cells))
    return {
        "note": w("counties_note", year=data.as_of),
        "regions": [r.name if lang == "zh" else r.name_en for r in view.regions],
        "rows": rows,
    }


__all__ = ["Chart", "context", "goal_context", "pct", "status_css"]

"""Counties and their prefecture: the roll-up mark, shares, and the goals × regions matrix."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from dehong_cli.assess.by_region import Matrix, Row
from dehong_cli.assess.results import Figure, Progress
from dehong_cli.assess.rollup import Rolled
from dehong_cli.model.catalogue import Catalogue, Region
from dehong_cli.model.report import Provenance
from dehong_cli.model.status import Status
from dehong_cli.render.banner import banner, banner_text
from dehong_cli.render.encode import JSON_VERSION, draw, md, to_csv, to_json
from dehong_cli.render.formatting import machine, quantity, target_text
from dehong_cli.render.reasons import phrase
from dehong_cli.render.terminal import Style
from dehong_cli.render.vocabulary import region_words, t

ROLLED = "Σ"  # the figure is the sum of the sub-regions' reports, not reported by the region itself


def mark(p: Progress) -> str:
    """What follows the latest figure in a table: Σ when rolled up, the share when not binding."""
    if p.status is Status.NOT_BINDING:
        return f" [{p.share:.1f}%]" if p.share is not None else ""
    return f" {ROLLED}" if p.rolled_up else ""


def figure_fields(f: Figure) -> dict[str, Any]:
    """Where a figure came from: its region, and for a roll-up every figure summed."""
    return {
        "region": f.region,
        "rolled_up": f.rolled_up,
        "parts": [
            {"region": q.region, "series": q.series, "value": machine(q.value), "source": q.source}
            for q in f.parts
        ],
    }


def binding_fields(p: Progress) -> dict[str, Any]:
    """The roll-up and whom-it-binds fields of one result in `status --format json`."""
    return {
        "rolled_up": p.rolled_up,
        "share": machine(p.share),
        "levels": [
            {
                "region": q.region.code if q.region else None,
                "status": q.status.value,
                "latest": machine(q.latest.value) if q.latest else None,
            }
            for q in p.levels
        ],
    }


# ------------------------------------------------------------------ status --by-region

ABBR: dict[Status, str] = {
    Status.ACHIEVED: "ach",
    Status.ON_TRACK: "on",
    Status.MODERATE: "mod",
    Status.LIMITED: "lim",
    Status.DETERIORATION: "det",
    Status.NOT_ACHIEVED: "NOT",
    Status.UNABLE_TO_ASSESS: "n/a",
    Status.QUALITATIVE: "qual",
    Status.NOT_BINDING: "share",
    Status.AWAITING_DATA: "await",
}
GOAL_CELLS, REGION_CELLS = 22, 12


def cell_value(p: Progress, lang: str) -> str:
    """The figure behind a verdict, compactly: the sum so far for additions, else the latest."""
    ind = p.indicator
    if p.achieved is not None and p.status is not Status.NOT_BINDING:
        return quantity(p.achieved, ind, lang) + (f" {ROLLED}" if p.rolled_up else "")
    if p.latest is None:
        return "—"
    return quantity(p.latest.value, ind, lang) + (f" {ROLLED}" if p.rolled_up else "")


def cell_status(p: Progress, lang: str) -> str:
    """The status in a matrix cell: the Chinese word, or a short English one; a share where the goal
    does not bind the region."""
    from dehong_cli.model.status import STATUS_ZH

    if p.status is Status.NOT_BINDING:
        return f"{p.share:.0f}%" if p.share is not None else "—"
    return STATUS_ZH[p.status] if lang == "zh" else ABBR[p.status]


def rolled_text(row: Row, lang: str) -> str:
    r = row.rolled
    if r is None or r.value is None:
        return ""
    text = quantity(r.value, row.indicator, lang)
    return text if r.complete else f"{text}*"


def _short(text: str, cells: int) -> str:
    from rich.cells import cell_len

    if cell_len(text) <= cells:
        return text
    while cell_len(text + "…") > cells:
        text = text[:-1]
    return text + "…"


def region_label(region: Region, lang: str) -> str:
    return region.name if lang == "zh" else region.name_en


def _missing_notes(matrix: Matrix, lang: str) -> list[str]:
    names = {r.code: region_label(r, lang) for r in matrix.regions}
    notes = []
    for row in matrix.rows:
        r = row.rolled
        if r is not None and not r.complete and r.missing:
            who = ", ".join(names.get(c, c) for c in r.missing)
            notes.append(
                t(
                    lang,
                    f"* {row.indicator.id}: incomplete sum, missing {who}",
                    f"* {row.indicator.id}：合计不完整，缺 {who}",
                )
            )
    return notes


def matrix_table(cat: Catalogue, matrix: Matrix, lang: str, style: Style) -> str:
    """Goals down, regions across, in blocks of regions that fit the terminal's width."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    fit = max(1, (style.width - GOAL_CELLS - REGION_CELLS - 8) // (REGION_CELLS + 3))
    parts: list[Any] = []
    if (warning := banner(matrix.provenances, lang)) is not None:
        parts.append(warning)
    when = (
        t(lang, f"as of {matrix.as_of}", f"截至 {matrix.as_of} 年")
        if matrix.as_of
        else t(lang, "no data", "无数据")
    )
    parts.append(Text(f"{cat.plan.document_number} — {region_words(matrix.regions[0], lang)}, {when}"))
    for start in range(0, len(matrix.regions), fit):
        block = range(start, min(start + fit, len(matrix.regions)))
        table = Table(show_edge=False, pad_edge=False)
        table.add_column(t(lang, "goal", "目标"), width=GOAL_CELLS, no_wrap=True)
        table.add_column(t(lang, "Σ sub", "县市合计"), justify="right", no_wrap=True)
        for k in block:
            table.add_column(
                _short(region_label(matrix.regions[k], lang), REGION_CELLS), justify="right", no_wrap=True
            )
        for row in matrix.rows:
            cells = [f"{cell_value(row.cells[k], lang)}\n{cell_status(row.cells[k], lang)}" for k in block]
            table.add_row(
                _short(row.indicator.display_name(lang), GOAL_CELLS), rolled_text(row, lang), *cells
            )
        parts.append(table)
    legend = t(
        lang,
        "on on_track · ach achieved · mod moderate · lim limited · det deterioration · NOT not_achieved · "
        "n/a unable_to_assess · N% not binding on the county: its share of the prefecture · Σ rolled up",
        "on 按期推进 · ach 已实现 · mod 进展中等 · lim 进展有限 · det 倒退 · NOT 未实现 · n/a 无法评估 · "
        "N% 不单独考核：占全州比重 · Σ 由县市合计",
    )
    parts += [Text(n) for n in _missing_notes(matrix, lang)] + [Text(legend)]
    return draw(Group(*parts), style)


def _cell_dict(p: Progress) -> dict[str, Any]:
    return {
        "region": p.region.code if p.region else None,
        "status": p.status.value,
        "value": machine(p.achieved if p.achieved is not None else p.latest.value if p.latest else None),
        "year": p.latest.year if p.latest else None,
        "share": machine(p.share),
        "rolled_up": p.rolled_up,
        "reason": phrase(p.reason, "en"),
    }


def _rolled_dict(r: Rolled | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "value": machine(r.value),
        "complete": r.complete,
        "missing": list(r.missing),
        "parts": [{"region": q.region, "series": q.series, "value": machine(q.value)} for q in r.parts],
    }


def matrix_payload(cat: Catalogue, matrix: Matrix) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "plan": cat.plan.document_number,
        "as_of": matrix.as_of,
        "regions": [
            {"code": r.code, "name": r.name, "name_en": r.name_en, "level": r.level} for r in matrix.regions
        ],
        "illustrative": Provenance.ILLUSTRATIVE in matrix.provenances,
        "estimate": Provenance.ESTIMATE in matrix.provenances,
        "banner": banner_text(matrix.provenances, "en"),
        "indicators": [
            {
                "id": row.indicator.id,
                "name": row.indicator.name,
                "name_en": row.indicator.name_en,
                "applies_to": row.indicator.applies_to,
                "sum_of_subregions": _rolled_dict(row.rolled),
                "cells": [_cell_dict(p) for p in row.cells],
            }
            for row in matrix.rows
        ],
    }


def matrix_json(cat: Catalogue, matrix: Matrix, lang: str, style: Style) -> str:
    return to_json(matrix_payload(cat, matrix))


MATRIX_CSV = (
    "as_of",
    "id",
    "region",
    "status",
    "value",
    "year",
    "share",
    "rolled_up",
    "sum_complete",
    "illustrative",
)


def matrix_csv(cat: Catalogue, matrix: Matrix, lang: str, style: Style) -> str:
    def rows() -> Iterator[list[Any]]:
        for row in matrix.rows:
            complete = None if row.rolled is None else str(row.rolled.complete).lower()
            for p in row.cells:
                d = _cell_dict(p)
                illustrative = Provenance.ILLUSTRATIVE in p.provenances
                yield [
                    matrix.as_of,
                    row.indicator.id,
                    d["region"],
                    d["status"],
                    d["value"],
                    d["year"],
                    d["share"],
                    str(p.rolled_up).lower(),
                    complete,
                    str(illustrative).lower(),
                ]

    return to_csv(MATRIX_CSV, rows())


def matrix_markdown(cat: Catalogue, matrix: Matrix, lang: str, style: Style) -> str:
    lines = []
    if warning := banner_text(matrix.provenances, lang):
        lines += [f"> **{warning}**", ""]
    head = [
        t(lang, "goal", "目标"),
        t(lang, "Σ sub-regions", "县市合计"),
        *(region_label(r, lang) for r in matrix.regions),
    ]
    lines += ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 1)]
    for row in matrix.rows:
        cells = [f"{cell_value(p, lang)} {cell_status(p, lang)}" for p in row.cells]
        text = [row.indicator.display_name(lang), rolled_text(row, lang), *cells]
        lines.append("| " + " | ".join(md(c) for c in text) + " |")
    lines += ["", *_missing_notes(matrix, lang)]
    return "\n".join(lines) + "\n"


REGION_FORMATS: dict[str, Callable[[Catalogue, Matrix, str, Style], str]] = {
    "table": matrix_table,
    "json": matrix_json,
    "csv": matrix_csv,
    "markdown": matrix_markdown,
}


def levels_lines(p: Progress, lang: str) -> list[str]:
    """`dehong show` on a 同级 goal: each level's own verdict (the region's first), one a line."""
    if not p.levels:
        return []
    own = p.region
    first = f"  {region_label(own, lang) if own else '?'} ({t(lang, 'own level', '本级')}): "
    lines = [first + _level_text(p, lang, own_only=True)]
    for q in p.levels:
        label = region_label(q.region, lang) if q.region else "?"
        lines.append(f"  {label}: {_level_text(q, lang, own_only=False)}")
    return lines


def _level_text(p: Progress, lang: str, *, own_only: bool) -> str:
    from dehong_cli.model.status import STATUS_ZH, Status

    status = p.reason.args.get("own_status", p.status.value) if own_only and p.levels else p.status.value
    if lang == "zh" and status in {s.value for s in Status}:
        status = STATUS_ZH.get(Status(status), status)
    latest = ""
    if p.years and (done := [r for r in p.years if r.subject_growth is not None]):
        r = done[-1]
        vs = "vs" if lang == "en" else "对"
        latest = f" ({r.subject_growth:+.1f}% {vs} {r.companion_growth:+.1f}%, {r.year})"
    return f"{status}{latest}"


def figure_parts_lines(figures: tuple[Figure, ...]) -> list[str]:
    """Under `figures used`: what each rolled-up figure is the sum of."""
    out = []
    for f in figures:
        if f.parts:
            each = " + ".join(f"{q.region}={machine(q.value)}" for q in f.parts if q.series == f.series)
            if each:
                out.append(f"  {f.series} {f.year} Σ = {each}")
    return out


def target_cell(p: Progress, lang: str, *, short: bool = False) -> str:
    """The target column: a region-wide goal seen from a sub-region has no target of its own (—)."""
    if p.status is Status.NOT_BINDING:
        return "—"
    return target_text(p.indicator, lang, short=short)

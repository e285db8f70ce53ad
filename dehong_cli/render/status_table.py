"""`dehong status` for people: the table drawn for the terminal, and its Markdown twin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dehong_cli.assess.results import Assessment, Progress
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.status import Status
from dehong_cli.render.banner import banner, banner_text
from dehong_cli.render.encode import draw
from dehong_cli.render.formatting import latest_text, pct, quantity
from dehong_cli.render.regions import mark, target_cell
from dehong_cli.render.terminal import Style
from dehong_cli.render.vocabulary import (
    HEADERS,
    STATUS_COLOUR,
    awaiting_text,
    grouped,
    region_words,
    status_cell,
    status_word,
    strand_name,
    t,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

BAR_CELLS = 10
ATTAINMENT_FROM = 100  # the status table shows 完成率 from this many columns on
ATTAINMENT_HEADER = ("attained", "完成率")
MIN_FOLD = 4  # the fewest cells a folding column of the status table is given
FULL, EMPTY = "█", "░"


def progress_bar(share: float | None, raw: float | None, cells: int = BAR_CELLS) -> str:
    """`██████░░░░  60%`: the bar is clamped to 0..100%, the number is not."""
    if share is None or raw is None:
        return ""
    if cells == 0:
        return f"{raw * 100:.0f}%"
    filled = round(share * cells)
    return f"{FULL * filled}{EMPTY * (cells - filled)} {raw * 100:4.0f}%"


def title(cat: Catalogue, result: Assessment, lang: str) -> str:
    """`<document number> <target year> goals — <region>, as of <year>`, from the plan's header."""
    when = (
        t(lang, f"as of {result.as_of}", f"截至 {result.as_of} 年")
        if result.as_of is not None
        else t(lang, "no data", "无数据")
    )
    goals = t(lang, f"{cat.plan.target_year} goals", f"{cat.plan.target_year}年目标")
    return f"{cat.plan.document_number} {goals} — {region_words(result.region, lang)}, {when}"


def counts_text(result: Assessment, lang: str) -> str:
    parts = [f"{status_word(s, lang)} {n}" for s, n in result.counts.items() if n]
    total = len(result.results)
    return " · ".join(parts) + t(lang, f"  ({total} goals)", f"  (共 {total} 项)")


Row = tuple[str, list[str], str, Status | None]  # kind ("section" or "row"), cells, status cell, status


def _rows(cat: Catalogue, result: Assessment, lang: str, cells: int, *, attained: bool) -> list[Row]:
    """A section row per strand, then a row per goal: name, target, latest, gap, bar (and 完成率)."""
    first = cat.plan.baseline_year + 1
    rows: list[Row] = []
    for strand_id, results in grouped(cat, result.results):
        blank = [""] * (5 if attained else 4)
        rows.append(("section", [strand_name(cat, strand_id, lang), *blank], "", None))
        for p in results:
            ind = p.indicator
            gap = quantity(p.gap, ind, lang, gap=True) if p.gap is not None else ""
            texts = [
                ind.display_name(lang),
                target_cell(p, lang),
                latest_text(p, lang, first) + mark(p),
                gap,
            ]
            texts.append(progress_bar(p.bar, p.progress, cells))
            if attained:
                texts.append(pct(p.attainment) if p.attainment is not None else "")
            rows.append(("row", texts, status_cell(p, "en", "\n"), p.status))
    return rows


def status_table(cat: Catalogue, result: Assessment, lang: str, style: Style) -> str:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    # A narrow terminal keeps room for the names: a shorter bar, or only the share; 完成率 from
    # ATTAINMENT_FROM columns on.
    cells = BAR_CELLS if style.width >= 120 else 5 if style.width >= 80 else 0
    attained = style.width >= ATTAINMENT_FROM
    rows = _rows(cat, result, lang, cells, attained=attained)
    headers = [t(lang, en, zh) for en, zh in HEADERS]
    if attained:
        headers.insert(5, t(lang, *ATTAINMENT_HEADER))
    words = [[*r[1], r[2]] for r in rows]
    widths = column_widths(headers, words, style.width, edge=style.width >= 100)
    table = Table(title=title(cat, result, lang), title_justify="left", show_edge=style.width >= 100)
    # The names, targets and values fold; the gap, bar and status word never break, and are
    # never narrower than their widest cell (so "not_achieved" is never cut to "not_achiev").
    for k, header in enumerate(headers):
        fixed = k >= 3
        table.add_column(
            header,
            width=None if fixed else widths[k],
            min_width=widths[k] if fixed else None,
            overflow="fold",
            no_wrap=fixed,
            justify="right" if k == 3 or (attained and k == 5) else "left",
        )
    for kind, texts, word, status in rows:
        if kind == "section":
            table.add_section()
            table.add_row(Text(texts[0], style="bold"), *texts[1:], "")
            continue
        assert status is not None
        table.add_row(*texts, Text(word, style=STATUS_COLOUR[status] if style.color else ""))
    parts: list[RenderableType] = []
    warning = banner(result.provenances, lang)
    if warning is not None:
        parts.append(warning)
    parts.append(table if result.results else Text(t(lang, "No goal matches.", "没有符合条件的目标。")))
    parts.append(Text(counts_text(result, lang)))
    waiting = awaiting_text(result, lang)
    if waiting is not None:
        parts.append(Text(waiting))
    hint = t(
        lang,
        "`dehong show INDICATOR` explains a row; README, How status is judged, gives the method.",
        "`dehong show 指标` 说明任一行的计算；方法见 README 的 How status is judged 一节。",
    )
    parts.append(Text(hint, style="dim" if style.color else ""))
    return draw(Group(*parts), style)


def column_widths(headers: list[str], rows: list[list[str]], width: int, *, edge: bool) -> list[int]:
    """Widths for the status table: the gap, bar and status columns as wide as their widest cell,
    the target and latest columns as wide as they need up to a share of what is left, the names the rest.

    Rich, left to itself, shrinks the widest column first, which is the names, the column that
    most needs room.
    """
    from rich.cells import cell_len

    def natural(k: int) -> int:  # a cell of two lines (an awaiting status) is as wide as its wider line
        return max([cell_len(headers[k]), *(cell_len(line) for r in rows for line in r[k].splitlines())])

    fixed = [natural(k) for k in range(3, len(headers))]
    chrome = 2 * len(headers) + (len(headers) + 1 if edge else len(headers) - 1)
    free = width - chrome - sum(fixed)
    target = min(natural(1), max(8, free * 22 // 100))
    latest = min(natural(2), max(10, free * 24 // 100))
    names = max(free - target - latest, 12)
    if names + target + latest > free:
        # A narrow terminal: the columns that fold give up room first, down to a few cells each,
        # so that the table still fits and the status word is never cut.
        target = latest = max(free // 4, MIN_FOLD)
        names = max(free - target - latest, MIN_FOLD)
    return [names, target, latest, *fixed]


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_cells(cat: Catalogue, strand_id: str, p: Progress, lang: str) -> list[str]:
    ind = p.indicator
    return [
        strand_name(cat, strand_id, lang),
        ind.display_name(lang),
        target_cell(p, lang),
        latest_text(p, lang, cat.plan.baseline_year + 1) + mark(p),
        quantity(p.gap, ind, lang, gap=True) if p.gap is not None else "",
        pct(p.progress),
        f"**{status_cell(p, 'en')}**",
    ]


def status_markdown(cat: Catalogue, result: Assessment, lang: str, style: Style) -> str:
    lines = []
    warning = banner_text(result.provenances, lang)
    if warning:
        lines += [f"> **{_md(warning)}**", ""]
    lines += [f"**{_md(title(cat, result, lang))}**", ""]
    header = [t(lang, en, zh) for en, zh in (("strand", "方面"), *HEADERS)]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("| --- | --- | --- | --- | ---: | ---: | --- |")
    for strand_id, results in grouped(cat, result.results):
        for p in results:
            lines.append("| " + " | ".join(_md(c) for c in _md_cells(cat, strand_id, p, lang)) + " |")
    lines += ["", counts_text(result, lang)]
    waiting = awaiting_text(result, lang)
    if waiting is not None:
        lines.append(waiting)
    return "\n".join(lines) + "\n"

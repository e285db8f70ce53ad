"""`dehong status` for people: the table drawn for the terminal, and its Markdown twin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dehong_cli.assess.results import Assessment, Progress
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.status import Status
from dehong_cli.render.banner import banner, banner_text
from dehong_cli.render.encode import draw, md
from dehong_cli.render.fit import cells, clip, narrowest, wrap
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
ATTAINMENT_HEADER = ("attained", "完成率")
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
    return "  ".join([" · ".join(parts), t(lang, f"({total} goals)", f"（共 {total} 项）")]).strip()


Row = tuple[str, list[str], Status | None]  # kind ("section" or "row"), cell texts, status

# The columns: name, target, latest, gap, progress, 完成率, status. As the terminal narrows, the
# progress bar shortens to its share, then 完成率, the progress, the gap and the target columns go,
# in that order.
LAYOUTS: tuple[
    tuple[int | None, bool, bool, bool], ...
] = (  # bar cells (None: no column), 完成率, gap, target
    (BAR_CELLS, True, True, True),
    (5, True, True, True),
    (0, True, True, True),
    (0, False, True, True),
    (None, False, True, True),
    (None, False, False, True),
    (None, False, False, False),
)
NAME_MIN = 16  # the fewest columns the names are given before another column goes
NAME_MAX = 32  # names wider than two lines of this are cut, once the other columns are on one line
FIXED = 4  # the columns from here on (progress, 完成率, status) are never broken


def _rows(cat: Catalogue, result: Assessment, lang: str, cells: int) -> list[Row]:
    """A section row per strand, then a row per goal: name, target, latest, gap, bar, 完成率 and
    status (an awaiting goal's provisional status under it)."""
    first = cat.plan.baseline_year + 1
    rows: list[Row] = []
    for strand_id, results in grouped(cat, result.results):
        rows.append(("section", [strand_name(cat, strand_id, lang), *[""] * 6], None))
        for p in results:
            ind = p.indicator
            gap = quantity(p.gap, ind, lang, gap=True) if p.gap is not None else ""
            texts = [
                ind.display_name(lang),
                target_cell(p, lang, short=True),
                latest_text(p, lang, first) + mark(p),
                gap,
                progress_bar(p.bar, p.progress, cells),
                pct(p.attainment) if p.attainment is not None else "",
                status_cell(p, lang, "\n"),
            ]
            rows.append(("row", texts, p.status))
    return rows


def _need(text: str, k: int) -> int:
    """The fewest columns a cell needs: two lines for those that fold, its widest line for the rest."""
    if k >= FIXED:
        return max((cells(line) for line in text.split("\n")), default=0)
    return narrowest(text, 2)


Layout = tuple[list[int], list[int], int]  # columns kept, their widths, the bar's cells


def _layout(headers: list[str], drawn: dict[int, list[list[str]]], width: int, edge: bool) -> Layout:
    """Which columns to keep, how wide each is and how long the bar, so that every goal takes at
    most two lines and the table fits `width`. `drawn` holds the goal rows for each bar length."""
    some = drawn[0] or [[""] * 7]
    widest_name = min(max(narrowest(r[0]) for r in some), NAME_MAX)
    chosen: Layout | None = None
    for bar, attained, gap, target in LAYOUTS:
        rows = drawn[bar or 0] or [[""] * 7]
        keep = [0, *([1] if target else []), 2, *([3] if gap else [])]
        keep += [*([4] if bar is not None else []), *([5] if attained else []), 6]
        mins = [max(narrowest(headers[k]), *(_need(r[k], k) for r in rows)) for k in keep]
        chrome = 2 * len(keep) + (len(keep) + 1 if edge else len(keep) - 1)
        free = width - chrome - sum(mins[1:])
        chosen = (keep, [free, *mins[1:]], bar or 0)
        if free >= widest_name or (bar in (0, None) and free >= NAME_MIN + (6 if bar == 0 else 0)):
            break
    assert chosen is not None
    keep, widths, bar = chosen
    rows = drawn[bar] or [[""] * 7]
    # What is left once the names have room for two lines goes to the other columns, so that
    # they take one line where they can; the rest back to the names.
    spare = widths[0] - widest_name
    naturals = {i: max(cells(headers[k]), *(_need(r[k], FIXED) for r in rows)) for i, k in enumerate(keep)}
    for i in sorted(range(1, len(keep)), key=lambda i: naturals[i] - widths[i]):  # the cheapest first
        more = max(0, min(spare, naturals[i] - widths[i]))
        widths[i] += more
        spare -= more
        widths[0] -= more
    widths[0] = max(widths[0], 4)
    return keep, widths, bar


def status_table(cat: Catalogue, result: Assessment, lang: str, style: Style) -> str:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    edge = style.width >= 100
    headers = [t(lang, en, zh) for en, zh in HEADERS]
    headers.insert(5, t(lang, *ATTAINMENT_HEADER))
    drawn = {
        bar: [texts for kind, texts, _ in _rows(cat, result, lang, bar) if kind == "row"]
        for bar in (BAR_CELLS, 5, 0)
    }
    keep, widths, bar = _layout(headers, drawn, style.width, edge)
    table = Table(title=title(cat, result, lang), title_justify="left", show_edge=edge)
    for k, w in zip(keep, widths, strict=True):
        table.add_column(
            "\n".join(wrap(headers[k], w)),
            width=w,
            no_wrap=True,
            overflow="ellipsis",
            justify="right" if k in (3, 5) or (k == 4 and bar == 0) else "left",
        )
    for kind, texts, status in _rows(cat, result, lang, bar):
        if kind == "section":
            table.add_section()
            table.add_row(Text(clip(texts[0], widths[0]), style="bold"), *([""] * (len(keep) - 1)))
            continue
        assert status is not None
        # the bar and the status word are never broken (their column is as wide as the widest)
        lines = [
            "\n".join(wrap(texts[k], w)) if k < FIXED else texts[k] for k, w in zip(keep, widths, strict=True)
        ]
        colour = STATUS_COLOUR[status] if style.color else ""
        table.add_row(*lines[:-1], Text(lines[-1], style=colour))
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
        "`dehong show INDICATOR` explains a row; `dehong method` gives the method.",
        "`dehong show 指标` 说明一行的计算；`dehong method` 说明判断方法。",
    )
    parts.append(Text(hint, style="dim" if style.color else ""))
    return draw(Group(*parts), style)


def _md_cells(cat: Catalogue, strand_id: str, p: Progress, lang: str) -> list[str]:
    ind = p.indicator
    return [
        strand_name(cat, strand_id, lang),
        ind.display_name(lang),
        target_cell(p, lang),
        latest_text(p, lang, cat.plan.baseline_year + 1) + mark(p),
        quantity(p.gap, ind, lang, gap=True) if p.gap is not None else "",
        pct(p.progress),
        f"**{status_cell(p, lang)}**",
    ]


def status_markdown(cat: Catalogue, result: Assessment, lang: str, style: Style) -> str:
    lines = []
    warning = banner_text(result.provenances, lang)
    if warning:
        lines += [f"> **{md(warning)}**", ""]
    lines += [f"**{md(title(cat, result, lang))}**", ""]
    header = [t(lang, en, zh) for en, zh in (("strand", "方面"), *HEADERS)]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("| --- | --- | --- | --- | ---: | ---: | --- |")
    for strand_id, results in grouped(cat, result.results):
        for p in results:
            lines.append("| " + " | ".join(md(c) for c in _md_cells(cat, strand_id, p, lang)) + " |")
    lines += ["", counts_text(result, lang)]
    waiting = awaiting_text(result, lang)
    if waiting is not None:
        lines.append(waiting)
    return "\n".join(lines) + "\n"

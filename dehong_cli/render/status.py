"""Rendering `dehong status` and `dehong show`: pure functions from progress results to text.

Table, JSON, CSV and Markdown for the status of many goals; text and JSON for one goal in
depth. The progress bar and the chart are drawn with text characters, so they read the
same with colour or without it; colour only repeats what the words already say.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from dehong_cli.assess.progress import Assessment, Detail, Figure, PaceRow, Progress, Status, YearRecord
from dehong_cli.model.catalogue import Accrual, Catalogue, Direction, Indicator
from dehong_cli.model.report import Provenance
from dehong_cli.render.terminal import Style

from . import JSON_VERSION, fmt_number, quantity, target_text, to_csv, to_json, to_text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from dehong_cli.model.catalogue import Region

BAR_CELLS = 10
MIN_FOLD = 4  # the fewest cells a folding column of the status table is given
FULL, EMPTY, MARK = "█", "░", "│"

STATUS_ZH: dict[Status, str] = {
    Status.ACHIEVED: "已实现",
    Status.ON_TRACK: "按期推进",
    Status.MODERATE: "进展中等",
    Status.LIMITED: "进展有限",
    Status.DETERIORATION: "倒退",
    Status.NOT_ACHIEVED: "未实现",
    Status.UNABLE_TO_ASSESS: "无法评估",
    Status.QUALITATIVE: "定性目标",
}

STATUS_COLOUR: dict[Status, str] = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.MODERATE: "yellow",
    Status.LIMITED: "dark_orange",
    Status.DETERIORATION: "bold red",
    Status.NOT_ACHIEVED: "bold red",
    Status.UNABLE_TO_ASSESS: "dim",
    Status.QUALITATIVE: "cyan",
}


def _draw(renderable: RenderableType, style: Style) -> str:
    """Rich pads every line to the full width; trailing blanks only get in the way of a diff."""
    return "\n".join(line.rstrip() for line in to_text(renderable, style).splitlines()) + "\n"


def _t(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def status_word(status: Status, lang: str) -> str:
    """The stable name (what --status and --fail-on take), with the Chinese label in zh."""
    return f"{status.value} {STATUS_ZH[status]}" if lang == "zh" else status.value


def grouped(cat: Catalogue, results: Sequence[Progress]) -> list[tuple[str, list[Progress]]]:
    """Results by strand, strands in catalogue order, goals in catalogue order within each."""
    order = {s.id: i for i, s in enumerate(cat.strands)}
    groups: dict[str, list[Progress]] = {}
    for p in sorted(results, key=lambda p: order.get(p.indicator.strand, len(order))):
        groups.setdefault(p.indicator.strand, []).append(p)
    return list(groups.items())


def strand_name(cat: Catalogue, strand_id: str, lang: str) -> str:
    strand = next((s for s in cat.strands if s.id == strand_id), None)
    if strand is None:
        return strand_id
    return strand.name_en if lang == "en" else strand.name


# ------------------------------------------------------------------------------ numbers


def _round(value: float | None) -> float | int | None:
    """Machine-readable numbers: full enough to recompute from, without float noise."""
    if value is None or isinstance(value, int):
        return value
    rounded = round(value, 6)
    return int(rounded) if rounded.is_integer() else rounded  # 1, not 1.0, in CSV cells


def _pct(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}%"


def latest_text(p: Progress, lang: str, first: int) -> str:
    """The latest value and its year; for additions the sum since `first`, the period's first year."""
    ind = p.indicator
    if p.latest is None:
        return "—"
    if ind.accrual is Accrual.ADDITIONS and p.achieved is not None:
        return f"{quantity(p.achieved, ind, lang)} ({first}–{str(p.latest.year)[-2:]})"
    if ind.accrual is Accrual.GROWTH_VS:
        record = next(r for r in reversed(p.years) if r.met is not None)
        return f"{record.subject_growth:+.1f}% vs {record.companion_growth:+.1f}% ({record.year})"
    return f"{quantity(p.latest.value, ind, lang)} ({p.latest.year})"


def progress_bar(share: float | None, raw: float | None, cells: int = BAR_CELLS) -> str:
    """`██████░░░░  60%`: the bar is clamped to 0..100%, the number is not."""
    if share is None or raw is None:
        return ""
    if cells == 0:
        return f"{raw * 100:.0f}%"
    filled = round(share * cells)
    return f"{FULL * filled}{EMPTY * (cells - filled)} {raw * 100:4.0f}%"


# ------------------------------------------------------------------------------- banner


def banner_text(provenances: frozenset[Provenance], lang: str) -> str | None:
    """The warning shown whenever a figure on screen is not an official statistic."""
    parts = []
    if Provenance.ILLUSTRATIVE in provenances:
        parts.append(
            _t(
                lang,
                "ILLUSTRATIVE DATA: figures marked illustrative are MADE UP for demonstration. "
                "They are not statistics; do not cite them.",
                "示例数据 ILLUSTRATIVE DATA：标为 illustrative 的数字是为演示而编造的 (MADE UP)，"
                "不是统计数据，请勿引用。",
            )
        )
    if Provenance.ESTIMATE in provenances:
        parts.append(
            _t(
                lang,
                "ESTIMATES: some figures are estimates, not official statistics.",
                "估计数：部分数字为估计值，不是官方统计。",
            )
        )
    return " ".join(parts) or None


def _banner(provenances: frozenset[Provenance], lang: str) -> RenderableType | None:
    from rich.panel import Panel
    from rich.text import Text

    text = banner_text(provenances, lang)
    if text is None:
        return None
    return Panel(Text(text, style="bold"), border_style="bold red", style="bold", expand=True)


# ------------------------------------------------------------------------------ status


def _region_words(region: Region, lang: str) -> str:
    return f"{region.name_en if lang == 'en' else region.name} ({region.code})"


def _title(cat: Catalogue, result: Assessment, lang: str) -> str:
    when = (
        _t(lang, f"as of {result.as_of}", f"截至 {result.as_of} 年")
        if result.as_of is not None
        else _t(lang, "no data", "无数据")
    )
    goals = _t(lang, f"{cat.plan.target_year} goals", f"{cat.plan.target_year}年目标")
    return f"{cat.plan.document_number} {goals} — {_region_words(result.region, lang)}, {when}"


def counts_text(result: Assessment, lang: str) -> str:
    parts = [f"{status_word(s, lang)} {n}" for s, n in result.counts.items() if n]
    total = len(result.results)
    return " · ".join(parts) + _t(lang, f"  ({total} goals)", f"  (共 {total} 项)")


# The columns of the status table and of its Markdown twin, in English and Chinese.
HEADERS = (
    ("indicator", "指标"),
    ("target", "目标"),
    ("latest (year)", "最新 (年份)"),
    ("gap", "差距"),
    ("progress", "进度"),
    ("status", "状态"),
)


def status_table(cat: Catalogue, result: Assessment, lang: str, style: Style) -> str:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    first = cat.plan.baseline_year + 1
    # A narrow terminal keeps room for the names: a shorter bar, or only the share.
    cells = BAR_CELLS if style.width >= 100 else 5 if style.width >= 80 else 0
    rows: list[tuple[str, list[str], Status | None]] = []
    for strand_id, results in grouped(cat, result.results):
        rows.append(("section", [strand_name(cat, strand_id, lang), "", "", "", ""], None))
        for p in results:
            ind = p.indicator
            gap = quantity(p.gap, ind, lang, gap=True) if p.gap is not None else ""
            texts = [ind.display_name(lang), target_text(ind, lang), latest_text(p, lang, first), gap]
            rows.append(("row", [*texts, progress_bar(p.bar, p.progress, cells)], p.status))
    headers = [_t(lang, en, zh) for en, zh in HEADERS]
    words = [[*r[1], r[2].value if r[2] else ""] for r in rows]
    widths = _column_widths(headers, words, style.width, edge=style.width >= 100)
    table = Table(title=_title(cat, result, lang), title_justify="left", show_edge=style.width >= 100)
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
            justify="right" if k == 3 else "left",
        )
    for kind, texts, status in rows:
        if kind == "section":
            table.add_section()
            table.add_row(Text(texts[0], style="bold"), *texts[1:], "")
            continue
        assert status is not None
        word = Text(status.value, style=STATUS_COLOUR[status] if style.color else "")
        table.add_row(*texts, word)
    parts: list[RenderableType] = []
    banner = _banner(result.provenances, lang)
    if banner is not None:
        parts.append(banner)
    if result.results:
        parts.append(table)
    else:
        parts.append(Text(_t(lang, "No goal matches.", "没有符合条件的目标。")))
    parts.append(Text(counts_text(result, lang)))
    hint = _t(
        lang,
        "`dehong show INDICATOR` explains a row; README, How status is judged, gives the method.",
        "`dehong show 指标` 说明任一行的计算；方法见 README 的 How status is judged 一节。",
    )
    parts.append(Text(hint, style="dim" if style.color else ""))
    return _draw(Group(*parts), style)


def _column_widths(headers: list[str], rows: list[list[str]], width: int, *, edge: bool) -> list[int]:
    """Widths for the status table: the gap, bar and status columns as wide as their widest cell,
    the target and latest columns as wide as they need up to a share of what is left, the names the rest.

    Rich, left to itself, shrinks the widest column first, which is the names, the column that
    most needs room.
    """
    from rich.cells import cell_len

    def natural(k: int) -> int:
        return max([cell_len(headers[k]), *(cell_len(r[k]) for r in rows)])

    fixed = [natural(3), natural(4), natural(5)]
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


def _figure_dict(f: Figure) -> dict[str, Any]:
    return {
        "series": f.series,
        "year": f.year,
        "value": _round(f.value),
        "provenance": f.provenance.value,
        "source": f.source,
        "computed_from": list(f.computed_from),
    }


def _point(f: Figure | None) -> dict[str, Any] | None:
    return None if f is None else {"year": f.year, "value": _round(f.value)}


def _year_dict(r: YearRecord) -> dict[str, Any]:
    return {
        "year": r.year,
        "met": r.met,
        "value": _round(r.value),
        "subject_growth": _round(r.subject_growth),
        "companion_growth": _round(r.companion_growth),
    }


def progress_dict(p: Progress) -> dict[str, Any]:
    """Every component of one result; the shape is documented in the README."""
    ind = p.indicator
    return {
        "id": ind.id,
        "name": ind.name,
        "name_en": ind.name_en,
        "strand": ind.strand,
        "accrual": ind.accrual.value,
        "direction": ind.direction.value,
        "unit": ind.unit.value,
        "scale": ind.scale.value if ind.scale else None,
        "comparator": ind.comparator.value if ind.comparator else None,
        "target": ind.target,
        "status": p.status.value,
        "reason": p.reason,
        "final": p.final,
        "baseline": _point(p.baseline),
        "latest": _point(p.latest),
        "gap": _round(p.gap),
        "progress": _round(p.progress),
        "progress_bar": _round(p.bar),
        "actual_cagr": _round(p.actual_cagr),
        "required_cagr": _round(p.required_cagr),
        "ratio": _round(p.ratio),
        "achieved": _round(p.achieved),
        "expected": _round(p.expected),
        "years": [_year_dict(r) for r in p.years],
        "figures": [_figure_dict(f) for f in p.figures],
        "provenance": sorted(v.value for v in p.provenances),
        "unofficial": p.unofficial,
    }


def _region_dict(region: Region) -> dict[str, Any]:
    return {"code": region.code, "name": region.name, "name_en": region.name_en, "level": region.level}


def status_payload(cat: Catalogue, result: Assessment) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "plan": cat.plan.document_number,
        "as_of": result.as_of,
        "region": _region_dict(result.region),
        "illustrative": result.illustrative,
        "estimate": result.estimate,
        "banner": banner_text(result.provenances, "en"),
        "indicators": [progress_dict(p) for p in result.results],
        "counts": {s.value: n for s, n in result.counts.items()},
    }


def status_json(cat: Catalogue, result: Assessment, lang: str, style: Style) -> str:
    return to_json(status_payload(cat, result))


CSV_COLUMNS = (
    "as_of",
    "region",
    "id",
    "name",
    "name_en",
    "strand",
    "accrual",
    "direction",
    "unit",
    "scale",
    "comparator",
    "target",
    "status",
    "reason",
    "final",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "gap",
    "progress",
    "actual_cagr",
    "required_cagr",
    "ratio",
    "achieved",
    "expected",
    "years_met",
    "years_missed",
    "years_not_reported",
    "subject_growth",
    "companion_growth",
    "values",
    "provenance",
    "illustrative",
    "estimate",
)


def _by_year(records: Sequence[YearRecord], pick: Callable[[YearRecord], float | None]) -> str:
    return "; ".join(f"{r.year}={_round(v)}" for r in records if (v := pick(r)) is not None)


def status_csv(cat: Catalogue, result: Assessment, lang: str, style: Style) -> str:
    rows = []
    for p in result.results:
        d = progress_dict(p)
        rows.append(
            [
                result.as_of,
                result.region.code,
                d["id"],
                d["name"],
                d["name_en"],
                d["strand"],
                d["accrual"],
                d["direction"],
                d["unit"],
                d["scale"],
                d["comparator"],
                d["target"],
                d["status"],
                d["reason"],
                d["final"],
                p.baseline.year if p.baseline else None,
                d["baseline"]["value"] if p.baseline else None,
                p.latest.year if p.latest else None,
                d["latest"]["value"] if p.latest else None,
                d["gap"],
                d["progress"],
                d["actual_cagr"],
                d["required_cagr"],
                d["ratio"],
                d["achieved"],
                d["expected"],
                " ".join(str(r.year) for r in p.years if r.met is True),
                " ".join(str(r.year) for r in p.years if r.met is False),
                " ".join(str(r.year) for r in p.years if r.met is None),
                _by_year(p.years, lambda r: r.subject_growth),
                _by_year(p.years, lambda r: r.companion_growth),
                "; ".join(f"{f.series}@{f.year}={_round(f.value)}" for f in p.figures),
                " ".join(d["provenance"]),
                Provenance.ILLUSTRATIVE in p.provenances,
                Provenance.ESTIMATE in p.provenances,
            ]
        )
    # true/false as in the JSON, not Python's True/False
    return to_csv(CSV_COLUMNS, ([_csv_cell(v) for v in row] for row in rows))


def _csv_cell(value: Any) -> Any:
    return ("true" if value else "false") if isinstance(value, bool) else value


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def status_markdown(cat: Catalogue, result: Assessment, lang: str, style: Style) -> str:
    lines = []
    banner = banner_text(result.provenances, lang)
    if banner:
        lines += [f"> **{_md(banner)}**", ""]
    lines += [f"**{_md(_title(cat, result, lang))}**", ""]
    header = [_t(lang, en, zh) for en, zh in (("strand", "方面"), *HEADERS)]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("| --- | --- | --- | --- | ---: | ---: | --- |")
    first = cat.plan.baseline_year + 1
    for strand_id, results in grouped(cat, result.results):
        for p in results:
            ind = p.indicator
            cells = [
                strand_name(cat, strand_id, lang),
                ind.display_name(lang),
                target_text(ind, lang),
                latest_text(p, lang, first),
                quantity(p.gap, ind, lang, gap=True) if p.gap is not None else "",
                _pct(p.progress),
                f"**{p.status.value}**",
            ]
            lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    lines += ["", counts_text(result, lang)]
    return "\n".join(lines) + "\n"


STATUS_FORMATS: dict[str, Callable[[Catalogue, Assessment, str, Style], str]] = {
    "table": status_table,
    "json": status_json,
    "csv": status_csv,
    "markdown": status_markdown,
}


# -------------------------------------------------------------------------------- show


def chart(
    rows: Sequence[PaceRow],
    marker: float | None,
    width: int = 40,
    label: Callable[[float], str] = fmt_number,
) -> list[str]:
    """Horizontal bars, one a year: █ the value, ░ what is still missing up to the mark,
    │ the target (for growth goals, each year's companion growth)."""
    drawn = [r for r in rows if r.value is not None]
    if not drawn:
        return []
    marks = [marker if marker is not None else r.expected for r in drawn]
    top = max([abs(r.value or 0.0) for r in drawn] + [m for m in marks if m is not None] + [1e-12])
    lines = []
    for row, mark in zip(drawn, marks, strict=True):
        value = max(row.value or 0.0, 0.0)  # a negative value draws no bar; its number says it
        filled = round(value / top * width)
        cells = [FULL] * filled + [" "] * (width - filled)
        if mark is not None and mark > 0:
            at = min(round(mark / top * width), width) - 1
            for i in range(filled, max(at, filled)):
                cells[i] = EMPTY
            cells[max(at, 0)] = MARK
        lines.append(f"{row.year} {''.join(cells)} {label(row.value or 0.0)}")
    return lines


def _calculation(p: Progress, cat: Catalogue, lang: str) -> list[str]:
    ind, plan = p.indicator, cat.plan
    lines: list[str] = []
    if p.baseline is not None:
        lines.append(f"baseline        {quantity(p.baseline.value, ind, lang)} ({p.baseline.year})")
    if p.latest is not None and ind.accrual is Accrual.LEVEL:
        lines.append(f"latest          {quantity(p.latest.value, ind, lang)} ({p.latest.year})")
    if ind.target is not None:
        lines.append(f"target          {ind.comparator} {quantity(ind.target, ind, lang)} {_when(ind, cat)}")
    if p.actual_cagr is not None and p.baseline and p.latest:
        n = p.latest.year - p.baseline.year
        lines.append(
            f"actual CAGR     {_rate(p.actual_cagr)}/yr = ({fmt_number(p.latest.value, 4)} / "
            f"{fmt_number(p.baseline.value, 4)})^(1/{n}) − 1"
        )
    if p.required_cagr is not None and p.baseline and ind.target is not None:
        n = plan.target_year - p.baseline.year
        lines.append(
            f"required CAGR   {_rate(p.required_cagr)}/yr = ({fmt_number(ind.target, 4)} / "
            f"{fmt_number(p.baseline.value, 4)})^(1/{n}) − 1"
        )
    if p.achieved is not None:
        added = " + ".join(fmt_number(f.value) for f in p.figures)
        lines.append(f"achieved        {fmt_number(p.achieved)} = {added}")
    if p.expected is not None and ind.target is not None and p.as_of is not None:
        done = min(p.as_of, plan.target_year) - plan.baseline_year
        span = plan.target_year - plan.baseline_year
        lines.append(f"expected        {fmt_number(p.expected)} = {fmt_number(ind.target)} × {done}/{span}")
    if p.ratio is not None:
        how = "actual ÷ required CAGR" if ind.accrual is Accrual.LEVEL else "achieved ÷ expected"
        lines.append(f"R               {p.ratio:.3f} = {how}")
    for r in p.years:
        verdict = {True: "met", False: "MISSED", None: "not reported"}[r.met]
        if ind.accrual is Accrual.GROWTH_VS:
            growths = (
                f"{r.subject_growth:+.2f}% vs {r.companion_growth:+.2f}%"
                if r.subject_growth is not None and r.companion_growth is not None
                else "growth not computable"
            )
            lines.append(f"{r.year}            {growths}: {verdict}")
        else:
            lines.append(f"{r.year}            {quantity(r.value, ind, lang)}: {verdict}")
    if p.gap is not None:
        lines.append(f"gap             {quantity(p.gap, ind, lang, gap=True)}")
    if p.progress is not None:
        share = {
            Accrual.LEVEL: "of the way from baseline to target",
            Accrual.ADDITIONS: "of the target",
        }.get(ind.accrual, "of the period's years met")
        lines.append(f"progress        {_pct(p.progress, 1)} {share}")
    return lines


def figures_lines(figures: Sequence[Figure]) -> list[str]:
    """Each series' figures on one line, then each source once, with its provenance."""
    by_series: dict[str, list[Figure]] = {}
    sources: dict[tuple[str, str], list[int]] = {}
    for f in figures:
        by_series.setdefault(f.series, []).append(f)
        sources.setdefault((f.provenance.value, f.source), []).append(f.year)
    lines = []
    for series, figs in by_series.items():
        values = " · ".join(f"{f.year} = {fmt_number(f.value, 4)}" for f in figs)
        how = figs[0].computed_from
        computed = f" (= {how[0]} ÷ {how[1]} × 100)" if len(how) == 2 else ""
        lines.append(f"  {series}{computed}: {values}")
    for (provenance, source), years in sources.items():
        span = sorted(set(years))
        lines.append(f"  [{provenance}] {span[0]}–{span[-1]}: {source}")
    return lines


def _when(ind: Indicator, cat: Catalogue) -> str:
    plan = cat.plan
    if ind.accrual in (Accrual.ANNUAL, Accrual.GROWTH_VS):
        return f"in each year of {plan.period_start}–{plan.period_end}"
    if ind.accrual is Accrual.ADDITIONS:
        return f"over {plan.period_start}–{plan.target_year}"
    return f"by {plan.target_year}"


def _direction_words(ind: Indicator) -> str:
    return "higher is better" if ind.direction is Direction.HIGHER else "lower is better"


def show_text(cat: Catalogue, detail: Detail, region: Region, lang: str, style: Style) -> str:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    p, ind = detail.progress, detail.progress.indicator
    parts: list[RenderableType] = []
    provenances = frozenset().union(p.provenances, *(h.provenances for h in detail.history))
    banner = _banner(provenances, lang)
    if banner is not None:
        parts.append(banner)
    head = Text()
    head.append(f"{ind.name}  {ind.name_en}\n", style="bold")
    head.append(f"id          {ind.id}\n")
    head.append(f"definition  {ind.definition}\n")
    head.append(f"source      {ind.source.section}: “{ind.source.quote}”\n")
    for i, task in enumerate(cat.tasks_of(ind)):
        head.append(f"{'task' if i == 0 else '':<12}{task.number} {task.title}\n")
    head.append(f"departments {'、'.join(cat.departments_of(ind))}\n")
    goal = f"{ind.accrual.value}, {_direction_words(ind)}, {target_text(ind, lang)} {_when(ind, cat)}"
    if ind.accrual is Accrual.QUALITATIVE:
        goal = "qualitative: shown, never scored"
    head.append(f"goal        {goal}\n")
    if ind.components:
        comps = "; ".join(f"{c.id} ({c.role.value}, {c.name})" for c in ind.components)
        head.append(f"series      {comps}\n")
    if ind.note:
        head.append(f"note        {ind.note}\n")
    when = f"as of {p.as_of}" if p.as_of is not None else "no data"
    head.append(f"region      {_region_words(region, lang)}, {when}\n")
    head.append("\nstatus      ")
    head.append(status_word(p.status, lang), style=STATUS_COLOUR[p.status] if style.color else "")
    head.append(f" — {p.reason}")
    parts.append(head)

    if detail.pace:
        history = {h.as_of: h for h in detail.history}
        even = {
            Accrual.LEVEL: "even pace",
            Accrual.ADDITIONS: "even pace (cumulative)",
            Accrual.ANNUAL: "required",
            Accrual.GROWTH_VS: "companion growth",
        }[ind.accrual]
        value_head = {
            Accrual.ADDITIONS: "cumulative",
            Accrual.GROWTH_VS: "growth",
        }.get(ind.accrual, "value")
        table = Table(title="year by year", title_justify="left")
        table.add_column("year", justify="right")
        table.add_column(value_head, justify="right")
        table.add_column(even, justify="right")
        table.add_column("status as of that year")
        growth = ind.accrual is Accrual.GROWTH_VS
        for row in detail.pace:
            h = history.get(row.year)
            shown = (
                (f"{row.value:+.2f}%" if growth else quantity(row.value, ind, lang))
                if row.value is not None
                else "—"
            )
            expected = (
                (f"{row.expected:+.2f}%" if growth else quantity(_round(row.expected), ind, lang))
                if row.expected is not None
                else "—"
            )
            table.add_row(str(row.year), shown, expected, status_word(h.status, lang) if h else "")
        parts.append(table)
        marker = None if growth else ind.target  # growth goals mark each year's companion growth
        label: Callable[[float], str] = (
            (lambda v: f"{v:+.2f}%") if growth else (lambda v: quantity(v, ind, lang))
        )
        lines = chart(detail.pace, marker, width=max(10, min(50, style.width - 20)), label=label)
        if lines:
            legend = "│ companion growth" if growth else f"│ target {quantity(ind.target, ind, lang)}"
            parts.append(Text("\n".join([f"chart ({FULL} value, {EMPTY} still missing, {legend})", *lines])))
    calc = _calculation(p, cat, lang)
    if calc:
        parts.append(Text("calculation\n" + "\n".join(f"  {line}" for line in calc)))
    if p.figures:
        parts.append(Text("figures used\n" + "\n".join(figures_lines(p.figures))))
    return _draw(Group(*parts), style)


def show_payload(cat: Catalogue, detail: Detail, region: Region) -> dict[str, Any]:
    p, ind = detail.progress, detail.progress.indicator
    provenances = frozenset().union(p.provenances, *(h.provenances for h in detail.history))
    return {
        "version": JSON_VERSION,
        "as_of": p.as_of,
        "region": _region_dict(region),
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
            {"as_of": h.as_of, "status": h.status.value, "reason": h.reason, "ratio": _round(h.ratio)}
            for h in detail.history
        ],
        "pace": [
            {"year": r.year, "value": _round(r.value), "expected": _round(r.expected), "reported": r.reported}
            for r in detail.pace
        ],
    }


def show_json(cat: Catalogue, detail: Detail, region: Region, lang: str, style: Style) -> str:
    return to_json(show_payload(cat, detail, region))


SHOW_FORMATS: dict[str, Callable[[Catalogue, Detail, Region, str, Style], str]] = {
    "text": show_text,
    "json": show_json,
}

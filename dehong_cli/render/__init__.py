"""Rendering: pure functions from results to text, chosen by `--format`.

Every renderer returns a string; none writes to a stream, so each is tested as a
function. Rich is used only here, and only imported by the renderers that draw tables.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.render.terminal import Style

if TYPE_CHECKING:
    from rich.console import RenderableType

    from dehong_cli.checks.core import Result
    from dehong_cli.model.catalogue import Catalogue, Indicator, Task

JSON_VERSION = 1


def to_json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], *, lineterminator: str = "\n") -> str:
    """A header and rows as CSV; None is an empty cell. `dehong export` asks for CRLF, as Excel writes."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buf.getvalue()


def to_text(renderable: RenderableType, style: Style) -> str:
    """Draw a rich renderable into a string of the given width, with or without colour."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(
        file=buf,
        width=style.width,
        color_system="standard" if style.color else None,
        force_terminal=style.color,
        no_color=not style.color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return buf.getvalue()


# ------------------------------------------------------------------------------ validate


def _location(d: Diagnostic) -> str:
    if d.line is None:
        return d.path
    return f"{d.path}:{d.line}:{d.column}"


def validate_text(result: Result, style: Style) -> str:
    lines = []
    for d in result.diagnostics:
        where = f" ({d.field})" if d.field else ""
        lines.append(f"{_location(d)}: {d.severity}[{d.code}]: {d.message}{where}")
    return "\n".join(lines) + ("\n" if lines else "")


def validate_json(result: Result, style: Style) -> str:
    return to_json(
        {
            "version": JSON_VERSION,
            "valid": not result.errors,
            "files": result.files,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "diagnostics": [d.as_dict() for d in result.diagnostics],
        }
    )


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def validate_github(result: Result, style: Style) -> str:
    lines = []
    for d in result.diagnostics:
        props = [f"file={_gh_escape(d.path, prop=True)}"]
        if d.line is not None:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={_gh_escape('dehong ' + d.code, prop=True)}")
        kind = "error" if d.severity == "error" else "warning"
        where = f" ({d.field})" if d.field else ""
        lines.append(f"::{kind} {','.join(props)}::{_gh_escape(d.message + where)}")
    return "\n".join(lines) + ("\n" if lines else "")


VALIDATE_FORMATS: dict[str, Callable[[Result, Style], str]] = {
    "text": validate_text,
    "json": validate_json,
    "github": validate_github,
}


def validate_summary(result: Result, strict: bool) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    files = f"{result.files} file{'s' * (result.files != 1)}"
    if not errors and not (strict and warnings):
        extra = f" ({warnings} warning{'s' * (warnings != 1)})" if warnings else ""
        return f"ok: {files} valid{extra}"
    return (
        f"invalid: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} in {files}"
    )


# ------------------------------------------------------------------------------ catalogue


def fmt_number(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".")


def unit_suffix(ind: Indicator, lang: str, *, gap: bool = False) -> str:
    """What follows a number of the goal's: %, ` 亿元`, 家 (nothing in English); ` pp` for a gap
    between percentages."""
    from dehong_cli.model.catalogue import Accrual
    from dehong_cli.model.units import Unit

    if ind.accrual is Accrual.GROWTH_VS or (gap and ind.unit is Unit.PERCENT):
        return " pp" if gap else "%"  # a difference of two percentages is in percentage points
    label = ind.unit_label()
    if ind.unit is Unit.MONEY:
        return f" {label}"
    if ind.unit is Unit.COUNT and lang == "en":
        return ""  # the measure word (家, 个, 名) means nothing in English
    return label


def quantity(value: float | None, ind: Indicator, lang: str, *, gap: bool = False) -> str:
    """A number of the goal's with its unit: `12家`, `3.5 亿元`, `0.8%`; `—` for none."""
    if value is None:
        return "—"
    return f"{fmt_number(value)}{unit_suffix(ind, lang, gap=gap)}"


def target_text(ind: Indicator, lang: str) -> str:
    """The goal in a few words: `>= 10家`, `>= 5,000 (新增)`, `增幅 > 同级财政经常性收入增幅`."""
    from dehong_cli.model.catalogue import Accrual, ComponentRole

    zh = lang == "zh"
    if ind.accrual is Accrual.QUALITATIVE:
        return "定性" if zh else "qualitative"
    if ind.accrual is Accrual.GROWTH_VS:
        # The English name of the companion is too long for a table cell; `dehong show` gives it.
        companion = ind.component(ComponentRole.COMPANION)
        name = companion.name if companion else ind.compare_with
        return f"增幅 {ind.comparator} {name}增幅" if zh else f"growth {ind.comparator} companion"
    text = f"{ind.comparator} {quantity(ind.target, ind, lang)}"
    if ind.accrual is Accrual.ADDITIONS:
        return text + (" (新增)" if zh else " added")
    if ind.accrual is Accrual.ANNUAL:
        return text + ("/年" if zh else " a year")
    return text


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
            }
        )
    return rows


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
            target_text(ind, lang),
            ind.accrual.value,
            "、".join(map(str, ind.tasks)),
            "、".join(cat.departments_of(ind)),
        )
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

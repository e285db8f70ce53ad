"""The 进展情况表: the annual report as an Excel workbook, one sheet per view (goals, counties,
departments, tasks), laid out to be printed or sent on as it is.

Each sheet has a title row (plan, region, as-of year), Chinese (or English) headers, a frozen
header row, an autofilter, column widths, and number formats: percentages as percentages,
money in its 万元 or 亿元, status as a word on its colour. Numbers stay numbers, so a reader can
sort and sum them; they are the engine's numbers, unrounded, with the rounding in the format.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dehong_cli.assess.annual import GoalView, ReportData
from dehong_cli.model.catalogue import Accrual, Indicator
from dehong_cli.model.units import Unit
from dehong_cli.render.cells import append_row
from dehong_cli.render.formatting import latest_figure, target_text
from dehong_cli.render.report_view import warnings
from dehong_cli.render.report_words import DARK_FILLS, REBUILT_MARK, STATUS_FILL, Words

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

PERCENT = "0%"
HEADER_FILL = "DCE6F1"
Cell = tuple[Any, str | None]  # a value and its number format


def number_format(ind: Indicator, *, gap: bool = False) -> str:
    """The Excel format of a figure of this goal: `0.00"%"` for a figure written in percent,
    `#,##0.00" 亿元"` for money, `#,##0" 家"` for a count with its measure word."""
    if ind.accrual is Accrual.GROWTH_VS or ind.unit is Unit.PERCENT:
        return '0.00" pp"' if gap else '0.00"%"'
    label = ind.unit_label()
    suffix = f'" {label}"' if ind.unit is Unit.MONEY else (f'"{label}"' if label else "")
    base = "#,##0" if ind.unit is Unit.COUNT else "#,##0.00"
    return base + suffix


def _goal_row(g: GoalView, w: Words, strand: str, lang: str) -> list[Cell]:
    p, ind = g.progress, g.progress.indicator
    fmt = number_format(ind)
    latest, year = latest_figure(p)  # what every other view shows: the figure the verdict rests on
    return [
        (strand, None),
        (ind.display_name(lang), None),
        (target_text(ind, lang) + (f" {REBUILT_MARK}" if ind.reconstructed else ""), None),
        (latest, fmt),
        (year, "0"),
        (p.gap, number_format(ind, gap=True)),
        (p.progress, PERCENT),
        (g.attainment, PERCENT),
        (w.status(p.status), None),
        (ind.source.section, None),
    ]


def goals_table(data: ReportData, lang: str) -> tuple[list[str], list[list[Cell]]]:
    """The goals view: its headers, and one row of (value, number format) per goal."""
    w = Words(lang)
    heads = [w("strand"), w("indicator"), w("target"), w("latest_value"), w("year"), w("gap"), w("progress")]
    heads += [w("attainment"), w("status"), w("clause"), w("departments_of")]
    sep = "、" if lang == "zh" else "; "
    rows = [
        [
            *_goal_row(g, w, s.strand.name if lang == "zh" else s.strand.name_en, lang),
            (sep.join(data.department_name(d, lang) for d in g.departments), None),
        ]
        for s in data.strands
        for g in s.goals
    ]
    return heads, rows


def render_excel_csv(data: ReportData, lang: str) -> str:
    """The goals view as CSV for Excel: a BOM, so Excel on Chinese Windows reads it as UTF-8 (not
    GBK), and CRLF line ends; percentages as numbers with a % sign, the rest as the engine gives them."""
    from dehong_cli.render.encode import to_csv
    from dehong_cli.render.export import BOM

    heads, rows = goals_table(data, lang)
    return BOM + to_csv(heads, ([_csv_value(v, f) for v, f in row] for row in rows), lineterminator="\r\n")


def _csv_value(value: Any, fmt: str | None) -> Any:
    if fmt == PERCENT and isinstance(value, float):
        return f"{value * 100:.1f}%"
    if isinstance(value, float):
        rounded = round(value, 6)
        return int(rounded) if rounded.is_integer() else rounded  # 1, not 1.0, as status's CSV
    return value


def _sheet(
    book: Any, name: str, title: str, heads: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> Worksheet:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet: Worksheet = book.create_sheet(name)
    append_row(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(sheet, list(heads))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        append_row(sheet, [value for value, _ in row])
        for cell, (_, fmt) in zip(sheet[sheet.max_row], row, strict=True):
            if fmt:
                cell.number_format = fmt
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    last = get_column_letter(max(len(heads), 1))
    sheet.auto_filter.ref = f"A2:{last}{max(sheet.max_row, 2)}"
    for k, head in enumerate(heads, start=1):
        texts = [str(head), *(str(r[k - 1][0]) for r in rows if r[k - 1][0] is not None)]
        wide = max(_width(t) for t in texts)
        sheet.column_dimensions[get_column_letter(k)].width = min(max(wide + 2, 8), 48)
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    if sheet.sheet_properties.pageSetUpPr is not None:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return sheet


def _width(text: str) -> int:
    """Excel counts a CJK character as two columns wide."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _paint_status(sheet: Worksheet, column: int, words: dict[str, Any]) -> None:
    from openpyxl.styles import Font, PatternFill

    for row in sheet.iter_rows(min_row=3, min_col=column, max_col=column):
        for cell in row:
            status = words.get(str(cell.value))
            if status is not None:
                cell.fill = PatternFill("solid", fgColor=STATUS_FILL[status])
                cell.font = Font(bold=True, color="FFFFFF" if status in DARK_FILLS else "000000")


def render_xlsx(data: ReportData, lang: str) -> bytes:
    from openpyxl import Workbook

    w = Words(lang)
    region = data.region.name if lang == "zh" else data.region.name_en
    when = w("as_of", year=data.as_of) if data.as_of is not None else w("no_data")
    title = f"{data.plan.document_number} {w('goals_of', year=data.plan.target_year)}{w('progress_table')} — "
    title += f"{region} ({data.region.code}) · {when}"
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    heads, rows = goals_table(data, lang)
    goals = _sheet(book, w("sheet_goals"), title, heads, rows)
    status_by_word = {w.status(s): s for s in STATUS_FILL}
    _paint_status(goals, heads.index(w("status")) + 1, status_by_word)
    for text in warnings(data, w):  # the provenance warning travels with the figures
        append_row(goals, [text])
    for g in (g for s in data.strands for g in s.goals if g.progress.indicator.reconstructed):
        ind = g.progress.indicator
        colon = "：" if lang == "zh" else ": "
        append_row(
            goals, [f"{REBUILT_MARK} {ind.display_name(lang)}{colon}{w('rebuilt')}{colon}{ind.note or ''}"]
        )
    _counties(book, data, w, title, lang)
    names = {g.id: g.progress.indicator.display_name(lang) for s in data.strands for g in s.goals}
    dept_heads = [w("department"), w("dept_goals"), w("dept_tasks"), w("dept_behind"), w("dept_awaiting")]
    dept_rows = [
        [
            (data.department_name(d.name, lang), None),
            ("、".join(names[i] for i in d.goals), None),
            ("、".join(str(t) for t in d.tasks), None),
            ("、".join(names[i] for i in d.behind), None),
            ("、".join(names[i] for i in d.awaiting), None),
        ]
        for d in data.departments
    ]
    _sheet(book, w("sheet_departments"), title, dept_heads, dept_rows)
    _tasks(book, data, w, title)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _counties(book: Any, data: ReportData, w: Words, title: str, lang: str) -> None:
    view = data.counties
    if view is None:
        return
    inds = {g.id: g.progress.indicator for s in data.strands for g in s.goals}
    heads = [w("indicator"), w("prefecture")]
    for r in view.regions:
        heads += [r.name if lang == "zh" else r.name_en, f"{w('share')}"]
    rows = []
    for row in view.rows:
        ind = inds[row.indicator_id]
        cells: list[Cell] = [(ind.display_name(lang), None), (row.prefecture, number_format(ind))]
        for c in row.counties:
            cells += [(c.value, number_format(ind)), (c.share, "0.0%")]
        rows.append(cells)
    _sheet(book, w("sheet_counties"), title, heads, rows)


def _tasks(book: Any, data: ReportData, w: Words, title: str) -> None:
    """The tasks with their departments, and each one's status and progress in the year (as
    `dehong tasks --year`) when a task file covers the year."""
    year = {t.task.number: t for t in data.tasks or ()}
    heads = ["#", w("task"), w("lead"), w("support")]
    if data.tasks is not None:
        heads += [w("task_status"), w("task_progress")]
    rows = []
    for t in data.plan_tasks:
        row: list[Cell] = [
            (t.number, "0"),
            (t.title, None),
            ("、".join(t.lead_departments), None),
            ("、".join(t.supporting_departments), None),
        ]
        if data.tasks is not None:
            done = year.get(t.number)
            row += [(w.task_status(done.status if done else None), None), (done and done.progress, None)]
        rows.append(row)
    _sheet(book, w("sheet_tasks"), title, heads, rows)


__all__ = ["goals_table", "number_format", "render_excel_csv", "render_xlsx"]

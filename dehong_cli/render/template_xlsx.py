"""`dehong template`: the fill-in sheet as a workbook (title, 填报单位, headers, one row per series,
value cells validated and the rest locked) or as CSV (the header row and the rows)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from dehong_cli.importer.template import FILLED_COLUMNS, HEADERS, VALUE_COLUMN, Template, TemplateRow
from dehong_cli.model.rules import Bounds
from dehong_cli.render.cells import append_row
from dehong_cli.render.encode import to_csv

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one


def _cells(t: Template, k: int, row: TemplateRow) -> list[Any]:
    return [k, row.name, row.series, row.unit, t.year, t.region, row.last_year, None, None, None]


ILLUSTRATIVE = "上年数值为示意数据（illustrative，编造的演示数字），不是统计数字，请勿引用"


def template_csv(t: Template) -> str:
    rows = [_cells(t, k, r) for k, r in enumerate(t.rows, 1)]
    if t.illustrative:  # a row the importer skips (no 指标代码), so the warning travels with the figures
        rows.append(["", "", "", "", "", "", "", "", "", ILLUSTRATIVE])
    return BOM + to_csv(HEADERS, rows, lineterminator="\r\n")


def template_xlsx(t: Template) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "填报表"
    append_row(sheet, [t.title])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(sheet, [f"填报单位：{t.reporter}" if t.reporter else "填报单位："])
    if t.illustrative:
        append_row(sheet, [ILLUSTRATIVE])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, color="C00000")
    append_row(sheet, list(HEADERS))
    first = sheet.max_row + 1
    for cell in sheet[first - 1]:
        cell.font = Font(bold=True)
    for k, row in enumerate(t.rows, 1):
        append_row(sheet, _cells(t, k, row))
    letter = get_column_letter(VALUE_COLUMN + 1)
    rules: dict[Bounds, DataValidation] = {}  # one rule per kind of figure: the figure rules' bounds
    for b in sorted({row.bounds for row in t.rows if row.bounds is not None}, key=repr):
        rule = DataValidation(
            type="whole" if b.integer else "decimal",
            operator="between",
            formula1=f"{b.minimum:g}",
            formula2=f"{b.maximum:g}",
        )
        rule.error, rule.errorTitle, rule.showErrorMessage = "请填写数字", "数值有误", True
        sheet.add_data_validation(rule)
        rules[b] = rule
    for k, row in enumerate(t.rows):
        if row.bounds is not None:
            rules[row.bounds].add(f"{letter}{first + k}")
        for col in FILLED_COLUMNS:
            sheet.cell(first + k, col + 1).protection = Protection(locked=False)
    sheet.protection.sheet = True  # only 本年数值, 来源 and 备注 can be typed in (no password)
    for col, width in enumerate((6, 36, 30, 8, 8, 10, 12, 12, 24, 24), start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = f"A{first}"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


TEMPLATE_FORMATS: dict[str, Callable[[Template], str | bytes]] = {"xlsx": template_xlsx, "csv": template_csv}

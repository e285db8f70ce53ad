"""Cells of the CSV and .xlsx files we write, made safe for the programs that open them.

The rules are model/text.py's: formula-like text gets OWASP's leading quote (the importer takes it
off again), a number stays a number, and an .xlsx never holds a formula cell nor a character a
workbook cannot hold (openpyxl's IllegalCharacterError): that one is written as `\\u0007`.
"""

from __future__ import annotations

import re
from typing import Any

from dehong_cli.model import text

_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: Any) -> Any:
    """A cell's value that no spreadsheet runs: formula-like text gets a leading '."""
    return text.neutralise(value) if isinstance(value, str) else value


def xlsx_value(value: Any) -> Any:
    """A value for an .xlsx cell: neutralised, and a character no workbook can hold escaped."""
    value = neutralise(value)
    return text.escape_pattern(value, _XLSX_ILLEGAL) if isinstance(value, str) else value


def append_row(sheet: Any, values: list[Any]) -> None:
    """Append a row to a sheet (write-only or not): text as text cells (data_type 's'), never a formula."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    safe = [xlsx_value(v) for v in values]
    if isinstance(sheet, WriteOnlyWorksheet):
        sheet.append([_text_cell(WriteOnlyCell(sheet, value=v)) if isinstance(v, str) else v for v in safe])
        return
    sheet.append(safe)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            _text_cell(cell)


def _text_cell(cell: Any) -> Any:
    cell.data_type = "s"
    return cell

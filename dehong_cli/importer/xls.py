"""An Excel 97–2003 (.xls) worksheet as a grid, through xlrd.

xlrd reads BIFF with each cell's saved value (a formula's cached result), its number format (a cell
shown as 0.85% holding 0.0085 reads as 0.85, as in an .xlsx) and which sheets are hidden. A BIFF8
sheet is at most 65,536 rows × 256 columns; its size is checked against the limits before a cell is
read, and rows are kept ragged (never padded to the widest).
"""

from __future__ import annotations

import struct
from typing import Any

from dehong_cli.errors import DataError, UsageError
from dehong_cli.importer.cells import short
from dehong_cli.importer.grids import Grid, letter
from dehong_cli.importer.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, cell_too_large
from dehong_cli.importer.types import Cell
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import suggest


def xls_grid(raw: bytes, path: str, sheet: str | None) -> Grid:
    """The rows of a worksheet of an .xls workbook, as their saved values."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw, formatting_info=True, on_demand=True, ragged_rows=True)
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, struct.error, IndexError, ValueError, KeyError,
            AssertionError, EOFError, OverflowError, UnicodeDecodeError, TypeError) as exc:  # fmt: skip
        detail = short(str(exc) or type(exc).__name__, 80)
        raise DataError([Diagnostic(path, 1, 1, "xls", f"not a readable .xls workbook ({detail})")]) from None
    try:
        title = _worksheet(book, sheet, path)
        found = book.sheet_by_name(title)
        locate = _locator(path, title)
        _check_size(found, locate)
        rows, percent = _rows(book, found)
    finally:
        book.release_resources()
    return Grid(path, rows, locate, percent_cells=percent)


def _check_size(found: Any, locate: Any) -> None:
    if found.nrows > MAX_ROWS:
        raise cell_too_large(locate(MAX_ROWS, 0, ""), f"the worksheet has over {MAX_ROWS:,} rows")
    widest = max((found.row_len(r) for r in range(found.nrows)), default=0)
    if widest > MAX_COLUMNS:
        raise cell_too_large(locate(0, MAX_COLUMNS, ""), f"a cell past column {letter(MAX_COLUMNS - 1)}")
    cells = sum(found.row_len(r) for r in range(found.nrows))
    if cells > MAX_CELLS:
        raise cell_too_large(locate(found.nrows - 1, 0, ""), f"the worksheet has over {MAX_CELLS:,} cells")


def _rows(book: Any, found: Any) -> tuple[list[list[Any]], set[tuple[int, int]]]:
    import xlrd

    rows: list[list[Any]] = []
    percent: set[tuple[int, int]] = set()
    for r in range(found.nrows):
        row: list[Any] = []
        for c, cell in enumerate(found.row(r)):
            row.append(_value(book, cell))
            if cell.ctype == xlrd.XL_CELL_NUMBER and "%" in _format(book, found, r, c):
                percent.add((r, c))
        rows.append(row)
    return rows, percent


def _format(book: Any, found: Any, r: int, c: int) -> str:
    xf = book.xf_list[found.cell_xf_index(r, c)]
    fmt = book.format_map.get(xf.format_key)
    return str(fmt.format_str) if fmt is not None else ""


def _value(book: Any, cell: Any) -> Any:
    """A cell as the other readers give it: blank as None, a whole number as int, a date as a date."""
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return f"date {cell.value}"
    value = cell.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _locator(path: str, title: str) -> Any:
    def locate(r: int, c: int, header: str) -> Cell:
        ref = f"{title}!{letter(c)}{r + 1}"
        return Cell(path, r + 1, c + 1, f"{ref} ({header})" if header else ref)

    return locate


def _worksheet(book: Any, sheet: str | None, path: str) -> str:
    """--sheet (hidden or not), else the first visible worksheet."""
    names = list(book.sheet_names())
    if sheet is None:
        if not names:
            raise DataError([Diagnostic(path, 1, 1, "xls", "the workbook has no worksheet")])
        visible = [name for i, name in enumerate(names) if book.sheet_by_index(i).visibility == 0]
        return str((visible or names)[0])
    if sheet in names:
        return sheet
    listed = ", ".join(names) or "none"
    raise UsageError(f"no worksheet '{sheet}'{suggest(sheet, names)}; worksheets: {listed}")

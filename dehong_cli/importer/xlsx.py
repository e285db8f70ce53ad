"""An .xlsx worksheet as a grid, read as a stream within the limits (`importer.limits`).

The zip's parts are checked before any is inflated; then openpyxl (read-only) reads the workbook's
structure (sheets and whether each is hidden, shared strings, number formats) and its worksheet
parser yields the rows one `<row>` at a time. Rows and cells are counted as they come and the read
stops at the first past a limit; `<dimension>` is never trusted, and rows without cells are never
built. One pass gives each cell's saved value, whether it is a formula, and its number format.
"""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from typing import Any

from dehong_cli.errors import DataError, UsageError
from dehong_cli.importer.cells import short
from dehong_cli.importer.grids import Grid, Uncached, letter
from dehong_cli.importer.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, cell_too_large, check_zip
from dehong_cli.importer.types import Cell
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import suggest

_UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    OSError,
    SyntaxError,
)


def open_book(raw: bytes) -> Any:
    """The workbook in openpyxl's read-only mode, without its scan of every sheet for <dimension>.

    openpyxl looks for each worksheet's <dimension> when it opens the workbook, and where there is
    none (a file not written by Excel) that look parses the whole sheet: a full extra pass over every
    sheet, 10 s for 50,000 rows of 20 cells. The rows are counted as they stream instead.
    """
    from unittest import mock

    # openpyxl is imported here, not at the top: `dehong --help` should not pay for it.
    import openpyxl
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    with warnings.catch_warnings(), mock.patch.object(ReadOnlyWorksheet, "_get_size", lambda self: None):
        warnings.simplefilter("ignore")  # style warnings about files written by other programs
        return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)


def xlsx_grid(raw: bytes, path: str, sheet: str | None) -> Grid:
    check_zip(raw, path)
    book: Any = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # style warnings about files written by other programs
            book = open_book(raw)
            title = worksheet(book, sheet, path)
            rows, percent = _rows(book, book[title], path)
    # A file openpyxl cannot make sense of fails with whatever broke inside it: a zip that is not
    # one, a part missing (KeyError) or malformed (ParseError, a SyntaxError), or an AttributeError
    # on a part it did not expect (an empty chart sheet).
    except _UNREADABLE as exc:
        detail = short(str(exc) or type(exc).__name__, 80)
        raise DataError(
            [Diagnostic(path, 1, 1, "xlsx", f"not a readable .xlsx workbook ({detail})")]
        ) from None
    finally:
        if book is not None:
            book.close()
    return Grid(path, rows, _locator(path, title), percent_cells=percent)


def _locator(path: str, title: str) -> Any:
    def locate(r: int, c: int, header: str) -> Cell:
        ref = f"{title}!{letter(c)}{r + 1}"
        return Cell(path, r + 1, c + 1, f"{ref} ({header})" if header else ref)

    return locate


def worksheet(book: Any, sheet: str | None, path: str) -> str:
    """The worksheet to read: --sheet (hidden or not), else the first visible one (the one Excel opens
    on; a hidden sheet holds old data). A chart sheet has no cells to read."""
    names = [ws.title for ws in book.worksheets]  # chart sheets are not among them
    charts = [cs.title for cs in book.chartsheets]
    if sheet is None:
        if not names:
            only = f", only charts ({', '.join(charts)})" if charts else ""
            raise DataError([Diagnostic(path, 1, 1, "xlsx", f"the workbook has no worksheet{only}")])
        visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
        return str((visible or names)[0])
    listed = ", ".join(names) or "none"
    if sheet in names:
        return sheet
    if sheet in charts:
        raise UsageError(f"'{sheet}' is a chart, not a worksheet; worksheets: {listed}")
    raise UsageError(f"no worksheet '{sheet}'{suggest(sheet, names)}; worksheets: {listed}")


def _parser(book: Any, ws: Any, src: Any) -> Any:
    """openpyxl's worksheet parser, reading saved values, that also marks a formula with no saved value."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None:
                formula = element.findtext(FORMULA_TAG)
                if formula is not None:
                    cell["value"] = Uncached(f"={formula}")
            return cell

    return Parser(
        src,
        ws._shared_strings,
        data_only=True,
        epoch=book.epoch,
        date_formats=book._date_formats,
        timedelta_formats=book._timedelta_formats,
    )


def _rows(book: Any, ws: Any, path: str) -> tuple[list[list[Any]], set[tuple[int, int]]]:
    """The rows of a worksheet as values, and the cells shown as a percentage; refused past a limit."""
    from openpyxl.cell.read_only import ReadOnlyCell

    locate = _locator(path, ws.title)
    rows: list[list[Any]] = []
    percent: set[tuple[int, int]] = set()
    seen_rows = seen_cells = 0
    shown_as_percent: dict[int, bool] = {}
    with ws._get_source() as src:
        for number, cells in _parser(book, ws, src).parse():
            seen_rows += 1
            if number > MAX_ROWS or seen_rows > MAX_ROWS:
                column = cells[0]["column"] if cells else 1
                raise cell_too_large(
                    locate(number - 1, column - 1, ""),
                    f"the worksheet has over {MAX_ROWS:,} rows; a sheet to import has a few dozen",
                )
            seen_cells += len(cells)
            if seen_cells > MAX_CELLS:
                raise cell_too_large(
                    locate(number - 1, cells[-1]["column"] - 1, ""),
                    f"the worksheet has over {MAX_CELLS:,} cells; a sheet to import has a few hundred",
                )
            kept = [c for c in cells if c["value"] is not None]
            for c in kept:
                if c["column"] > MAX_COLUMNS:
                    raise cell_too_large(
                        locate(number - 1, c["column"] - 1, ""),
                        f"a cell past column {letter(MAX_COLUMNS - 1)} ({MAX_COLUMNS} columns); "
                        "a sheet to import has a dozen",
                    )
            if not kept:
                continue  # an empty row is never built: trailing ones cost nothing
            while len(rows) < number:
                rows.append([])
            row = rows[number - 1]
            for c in kept:
                index = c["column"] - 1
                row.extend([None] * (index + 1 - len(row)))
                row[index] = c["value"]
                style = c["style_id"]
                if style not in shown_as_percent:  # once per style, not per cell
                    fmt = ReadOnlyCell(ws, number, c["column"], None, "n", style).number_format
                    shown_as_percent[style] = "%" in (fmt or "")
                if shown_as_percent[style]:
                    percent.add((number - 1, index))
    return rows, percent

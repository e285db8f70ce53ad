"""Any source as a grid: rows of raw cells from a CSV, an .xlsx worksheet or a list of JSON/YAML rows,
each grid knowing how to name one of its cells to a person (row 5, column 数值; Sheet1!C5).
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dehong_cli.errors import DataError, UsageError
from dehong_cli.files.yaml_read import Document, Path_
from dehong_cli.importer.cells import short
from dehong_cli.importer.types import Cell
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import suggest


class Uncached:
    """An .xlsx formula cell whose result was never saved (written by a program, not Excel)."""

    def __init__(self, formula: str) -> None:
        self.formula = formula


@dataclass(slots=True)
class Grid:
    """Rows of raw cells from any source, and how to name a cell in a message."""

    path: str
    rows: list[list[Any]]
    locate: Callable[[int, int, str], Cell]  # (row index, column index, header) -> Cell
    percent_cells: set[tuple[int, int]] = field(default_factory=set)  # xlsx cells formatted as %
    header_row: int | None = None  # known header (JSON/YAML rows); else detected


def csv_grid(text: str, path: str) -> Grid:
    delimiter = _delimiter(text)
    rows: list[list[Any]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            rows.append(list(row))
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise DataError(
            [Diagnostic(path, reader.line_num, None, "csv", f"cannot read the CSV: {exc}")]
        ) from None

    def locate(r: int, c: int, header: str) -> Cell:
        return Cell(path, lines[r], c + 1, f"row {lines[r]}, column {header or letter(c)}")

    return Grid(path, rows, locate)


def _delimiter(text: str) -> str:
    head = text[:4000]
    counts = {d: head.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def letter(c: int) -> str:
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def xlsx_grid(raw: bytes, path: str, sheet: str | None) -> Grid:
    # openpyxl is imported here, not at the top: `dehong --help` should not pay for it.
    import zipfile
    import zlib

    import openpyxl

    books: list[Any] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # style warnings about files written by other programs
            for data_only in (True, False):
                books.append(openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only))
            values_book, formula_book = books
            title = _worksheet(values_book, sheet, path)
            rows, percent = _xlsx_rows(values_book[title], formula_book[title])
    # A file openpyxl cannot make sense of fails with whatever broke inside it: a zip that is not
    # one, a part missing (KeyError) or malformed (ParseError, a SyntaxError), or an AttributeError
    # on a part it did not expect (an empty chart sheet).
    except (
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
    ) as exc:
        detail = short(str(exc) or type(exc).__name__, 80)
        raise DataError(
            [Diagnostic(path, None, None, "xlsx", f"not a readable .xlsx workbook ({detail})")]
        ) from None
    finally:
        for book in books:
            book.close()

    def locate(r: int, c: int, header: str) -> Cell:
        ref = f"{title}!{letter(c)}{r + 1}"
        return Cell(path, r + 1, c + 1, f"{ref} ({header})" if header else ref)

    return Grid(path, rows, locate, percent_cells=percent)


def _worksheet(book: Any, sheet: str | None, path: str) -> str:
    """The worksheet to read: --sheet, else the first. A chart sheet has no cells to read."""
    names = [ws.title for ws in book.worksheets]  # chart sheets are not among them
    charts = [cs.title for cs in book.chartsheets]
    if sheet is None:
        if not names:
            only = f", only charts ({', '.join(charts)})" if charts else ""
            raise DataError([Diagnostic(path, None, None, "xlsx", f"the workbook has no worksheet{only}")])
        return str(names[0])
    listed = ", ".join(names) or "none"
    if sheet in names:
        return sheet
    if sheet in charts:
        raise UsageError(f"'{sheet}' is a chart, not a worksheet; worksheets: {listed}")
    raise UsageError(f"no worksheet '{sheet}'{suggest(sheet, names)}; worksheets: {listed}")


def _xlsx_rows(values_sheet: Any, formula_sheet: Any) -> tuple[list[list[Any]], set[tuple[int, int]]]:
    """The rows of a worksheet as values (a formula's saved value), and the cells shown as a percentage."""
    # Some programs write a wrong used range (<dimension ref="A1"/>); read the rows themselves.
    values_sheet.reset_dimensions()
    formula_sheet.reset_dimensions()
    rows: list[list[Any]] = []
    percent: set[tuple[int, int]] = set()
    for r, (cells, formulas) in enumerate(
        zip(values_sheet.iter_rows(), formula_sheet.iter_rows(), strict=False)
    ):
        row: list[Any] = []
        for c, (cell, formula) in enumerate(zip(cells, formulas, strict=False)):
            value = cell.value
            if value is None and getattr(formula, "data_type", None) == "f":
                value = Uncached(str(formula.value))
            if "%" in (getattr(cell, "number_format", None) or ""):
                percent.add((r, c))
            row.append(value)
        rows.append(row)
    return rows, percent


def rows_grid(items: list[Any], path: str, doc: Document | None) -> Grid:
    header: list[str] = []
    problems: list[Diagnostic] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(
                Diagnostic(path, *_pos(doc, (i,)), "row", f"row {i + 1} is not a mapping of column: value")
            )
            continue
        header.extend(str(k) for k in item if str(k) not in header)
    if problems:
        raise DataError(problems)
    rows: list[list[Any]] = [list(header)]
    rows += [[item.get(k) for k in header] for item in items]
    keys = {str(k): k for item in items for k in item}

    def locate(r: int, c: int, name: str) -> Cell:
        line, column = _pos(doc, (r - 1, keys.get(header[c], header[c])))
        return Cell(path, line, column, f"row {r}, {header[c]}")

    return Grid(path, rows, locate, header_row=0)


def _pos(doc: Document | None, loc: Path_) -> tuple[int | None, int | None]:
    if doc is None:
        return None, None
    return doc.positions.of(loc)

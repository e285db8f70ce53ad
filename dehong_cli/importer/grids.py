"""Any source as a grid: rows of raw cells from a CSV, an .xlsx worksheet or a list of JSON/YAML rows,
each grid knowing how to name one of its cells to a person (row 5, column 数值; Sheet1!C5).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from dehong_cli.errors import DataError
from dehong_cli.files.yaml_read import Document, Path_
from dehong_cli.importer.limits import MAX_COLUMNS, MAX_ROWS
from dehong_cli.importer.types import Cell
from dehong_cli.model.diagnostic import Diagnostic


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
    delimited: bool = False  # CSV: a row longer than its header is a separator typed in a cell


def csv_grid(text: str, path: str) -> Grid:
    delimiter = _delimiter(text)
    rows: list[list[Any]] = []
    lines: list[int] = []
    # strict: a quote left open runs to the end of the file, swallowing the rows after it; only a
    # strict reader says so. Its other complaints (a character after a closing quote) are read leniently.
    for strict in (True, False):
        rows, lines = [], []
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=strict)
        try:
            for row in reader:
                if len(rows) == MAX_ROWS or len(row) > MAX_COLUMNS:  # the limits of a worksheet, too
                    _too_large(path, reader.line_num, len(rows) == MAX_ROWS)
                rows.append(list(row))
                lines.append(reader.line_num)
            break
        except csv.Error as exc:
            start = (lines[-1] if lines else 0) + 1
            if strict and "unexpected end of data" in str(exc):
                raise DataError([_unclosed_quote(text, start, delimiter, path)]) from None
            if not strict:
                raise DataError([Diagnostic(path, start, 1, "csv", f"cannot read the CSV: {exc}")]) from None

    def locate(r: int, c: int, header: str) -> Cell:
        return Cell(path, lines[r], c + 1, f"row {lines[r]}, column {header or letter(c)}")

    return Grid(path, rows, locate, delimited=True)


def _too_large(path: str, line: int, rows: bool) -> NoReturn:
    what = f"over {MAX_ROWS:,} rows" if rows else f"a row of over {MAX_COLUMNS} cells"
    raise DataError(
        [Diagnostic(path, line, 1, "too-large", f"the sheet has {what}; a sheet to import has a few dozen")]
    )


def _unclosed_quote(text: str, line: int, delimiter: str, path: str) -> Diagnostic:
    """Where a quote opens that is never closed: the first line of the record, and its field."""
    physical = text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""
    field, quoted, at_start, opened = 0, False, True, 0
    for ch in physical:
        if quoted:
            quoted = ch != '"'
        elif ch == '"' and at_start:
            quoted, opened = True, field
        elif ch == delimiter:
            field += 1
            at_start = True
            continue
        at_start = False
    where = f"row {line}, column {letter(opened)}"
    message = (
        f'{where}: the quote (") that opens this cell is never closed, so every row after it would be '
        "read into this cell; close the quote or remove it"
    )
    return Diagnostic(path, line, opened + 1, "csv-quote", message)


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

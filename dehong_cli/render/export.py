"""`dehong export`'s formats: the tidy table (assess.table) as CSV, JSON or .xlsx.

Each renderer takes the rows and columns and returns the file's content: text for CSV and
JSON, bytes for a workbook. Chosen by `--format` from EXPORT_FORMATS.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from dehong_cli.render import encode

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one

Row = dict[str, Any]


def to_csv(table: Sequence[Row], columns: Sequence[str]) -> str:
    """The table as CSV for Excel: with a BOM (see BOM) and CRLF line ends, as Excel writes them."""
    values = ([row.get(c) for c in columns] for row in table)
    return BOM + encode.to_csv(columns, values, lineterminator="\r\n")


def to_json(table: Sequence[Row], columns: Sequence[str]) -> str:
    rows = [{c: row.get(c) for c in columns} for row in table]
    return encode.to_json({"version": encode.JSON_VERSION, "columns": list(columns), "rows": rows})


def to_xlsx(table: Sequence[Row], columns: Sequence[str]) -> bytes:
    # imported here: openpyxl takes a while to load, and only this format needs it
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("dehong")
    sheet.append(list(columns))
    for row in table:
        sheet.append([row.get(c) for c in columns])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


EXPORT_FORMATS: dict[str, Callable[[Sequence[Row], Sequence[str]], str | bytes]] = {
    "csv": to_csv,
    "json": to_json,
    "xlsx": to_xlsx,
}
BINARY_FORMATS = frozenset({"xlsx"})  # these cannot go to a terminal: they need --output

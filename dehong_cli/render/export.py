"""`dehong export`'s formats: the tidy table (assess.table) as CSV, JSON or .xlsx.

Each writer takes the rows, each a sequence of values in the order of the columns (any iterable:
a generator keeps memory flat), the columns and a binary file, writes the rows as they come and
returns how many it wrote. Chosen by `--format`
from EXPORT_WRITERS; EXPORT_FORMATS gives the same content as a string or bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from dehong_cli.render import encode
from dehong_cli.render.cells import neutralise
from dehong_cli.render.xlsx_stream import write_rows as write_xlsx_rows

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with one

Row = dict[str, Any]
Values = Sequence[Any]  # one row: a value for each column, in order
Writer = Callable[[Iterable[Values], Sequence[str], IO[bytes]], int]


def write_csv(table: Iterable[Values], columns: Sequence[str], fh: IO[bytes]) -> int:
    """The table as CSV for Excel: with a BOM (see BOM) and CRLF line ends, as Excel writes them."""
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=False)
    try:
        text.write(BOM)
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([neutralise(c) for c in columns])
        count = 0
        for row in table:  # formula-like text neutralised, as in every CSV we write (render/cells.py)
            writer.writerow(["" if v is None else neutralise(v) for v in row])
            count += 1
        text.flush()
    finally:
        text.detach()  # the caller owns the file
    return count


def write_json(table: Iterable[Values], columns: Sequence[str], fh: IO[bytes]) -> int:
    """`{"version", "columns", "rows"}`, the same bytes as encode.to_json of the whole, row by row."""
    head = encode.to_json({"version": encode.JSON_VERSION, "columns": list(columns), "rows": []})
    before, _, after = head.rpartition("[]")  # after: the closing brace of the object
    fh.write(before.encode("utf-8"))
    count = 0
    for row in table:
        item = json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, indent=2, allow_nan=False)
        fh.write((("[\n" if count == 0 else ",\n") + "    " + item.replace("\n", "\n    ")).encode("utf-8"))
        count += 1
    fh.write((("[]" if count == 0 else "\n  ]") + after).encode("utf-8"))
    return count


def write_xlsx(table: Iterable[Values], columns: Sequence[str], fh: IO[bytes]) -> int:
    return write_xlsx_rows("dehong", columns, table, fh)


def values(table: Iterable[Row], columns: Sequence[str]) -> Iterable[Values]:
    """Rows given as mappings, as values in the columns' order (None where a row has no value)."""
    return ([row.get(c) for c in columns] for row in table)


EXPORT_WRITERS: dict[str, Writer] = {"csv": write_csv, "json": write_json, "xlsx": write_xlsx}
BINARY_FORMATS = frozenset({"xlsx"})  # these cannot go to a terminal: they need --output


def _whole(writer: Writer, binary: bool) -> Callable[[Sequence[Row], Sequence[str]], str | bytes]:
    def render(table: Sequence[Row], columns: Sequence[str]) -> str | bytes:
        buf = io.BytesIO()
        writer(values(table, columns), columns, buf)
        return buf.getvalue() if binary else buf.getvalue().decode("utf-8")

    return render


def to_csv(table: Sequence[Row], columns: Sequence[str]) -> str:
    return str(_whole(write_csv, False)(table, columns))


def to_json(table: Sequence[Row], columns: Sequence[str]) -> str:
    return str(_whole(write_json, False)(table, columns))


EXPORT_FORMATS: dict[str, Callable[[Sequence[Row], Sequence[str]], str | bytes]] = {
    name: _whole(writer, name in BINARY_FORMATS) for name, writer in EXPORT_WRITERS.items()
}

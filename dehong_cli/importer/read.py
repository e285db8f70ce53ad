"""Reading a sheet (CSV, .xlsx, JSON or YAML; a file or stdin) into a table of figures.

A sheet comes in one of two layouts: long (one row per indicator) or wide (one row per year
or region, one column per indicator), with Chinese or English headers and possibly a title
row above them; a report-shaped YAML or JSON file is read as well. Cells are read as people type
them and converted to the catalogue's unit where that is exact. The result is a `Sheet`: plain
(year, region, indicator, value, source, note) records, each with the cell it came from. Every bad
cell is collected and raised in one `DataError`; nothing here writes, prints or exits.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from dehong_cli.errors import DataError, UsageError
from dehong_cli.files.yaml_read import Document, parse
from dehong_cli.importer.grids import csv_grid, rows_grid, xlsx_grid
from dehong_cli.importer.layouts import from_grid
from dehong_cli.importer.names import Names
from dehong_cli.importer.reports import from_report
from dehong_cli.importer.sources import STDIN, decode, detect_format, read_bytes
from dehong_cli.importer.types import Options, Sheet
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic


def read_sheet(cat: Catalogue, path: Path, opts: Options, data: bytes | None = None) -> Sheet:
    """Read a sheet file (or `data`, for stdin) into figures; DataError lists every bad cell."""
    where = STDIN if data is not None else str(path)
    fmt = detect_format("-" if data is not None else str(path), opts.format)
    raw = data if data is not None else read_bytes(path)
    names = Names.of(cat)
    name = None if data is not None else path.name
    if fmt == "xlsx":
        return from_grid(xlsx_grid(raw, where, opts.sheet), cat, names, opts, name)
    if opts.sheet is not None:
        raise UsageError(f"--sheet picks a worksheet of an .xlsx workbook; {where} is {fmt}")
    if raw.startswith(b"PK\x03\x04"):
        raise DataError(
            [Diagnostic(where, None, None, "format", "this is an Excel workbook, not text; name it .xlsx")]
        )
    text = decode(raw, where)
    if fmt == "csv":
        return from_grid(csv_grid(text, where), cat, names, opts, name)
    doc: Document | None = None
    if fmt == "json":
        content = _json(text, where)
    else:
        doc = parse(text, Path(where))
        if doc.problems:
            raise DataError(doc.problems)
        content = doc.data
    if isinstance(content, dict) and "values" in content:
        report_doc = doc or Document(Path(where), text, content)
        return from_report(content, report_doc, cat, names, opts, name, positions=doc is not None)
    if isinstance(content, dict) and isinstance(content.get("rows"), list):
        content = content["rows"]  # the shape `dehong export --format json` writes
    if not isinstance(content, list):
        raise DataError(
            [
                Diagnostic(
                    where, 1, 1, "shape", "expected a list of rows, {rows: [...]}, or a report with values:"
                )
            ]
        )
    return from_grid(rows_grid(content, where, doc), cat, names, opts, name)


def _json(text: str, where: str) -> Any:
    """JSON text as data, numbers as exact decimals; DataError naming the line of a syntax error."""
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise DataError(
            [Diagnostic(where, exc.lineno, exc.colno, "json", f"invalid JSON: {exc.msg}")]
        ) from None
    except ValueError:  # Python reads no int of over 4300 digits
        digits = sys.get_int_max_str_digits()
        message = f"cannot read the JSON: a number has over {digits} digits"
        raise DataError([Diagnostic(where, None, None, "json", message)]) from None
    except RecursionError:
        raise DataError([Diagnostic(where, None, None, "json", "the JSON is nested too deep")]) from None

"""Reading a sheet (CSV, .xlsx, JSON or YAML; a file or stdin) into a table of figures.

A sheet comes in one of two layouts: long (one row per indicator) or wide (one row per year
or region, one column per indicator), with Chinese or English headers and possibly a title
row above them; a report-shaped YAML or JSON file is read as well. Cells are read as people type
them and converted to the catalogue's unit where that is exact. The result is a `Sheet`: plain
(year, region, indicator, value, source, note) records, each with the cell it came from. Every bad
cell is collected and raised in one `DataError`; nothing here writes, prints or exits.
"""

from __future__ import annotations

from pathlib import Path

from dehong_cli.errors import DataError, UsageError
from dehong_cli.files.yaml_read import Document, parse
from dehong_cli.importer.grids import csv_grid, rows_grid
from dehong_cli.importer.jsontext import loads, plain_numbers
from dehong_cli.importer.layouts import from_grid
from dehong_cli.importer.names import Names
from dehong_cli.importer.reports import from_report
from dehong_cli.importer.sources import STDIN, capped, decode, detect_format, read_bytes
from dehong_cli.importer.types import Options, Sheet
from dehong_cli.importer.xls import xls_grid
from dehong_cli.importer.xlsx import xlsx_grid
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic


def read_sheet(cat: Catalogue, path: Path, opts: Options, data: bytes | None = None) -> Sheet:
    """Read a sheet file (or `data`, for stdin) into figures; DataError lists every bad cell."""
    where = STDIN if data is not None else str(path)
    fmt = detect_format("-" if data is not None else str(path), opts.format)
    raw = capped(data, where) if data is not None else read_bytes(path)
    names = Names.of(cat)
    name = None if data is not None else path.name
    if fmt == "xlsx":
        return from_grid(xlsx_grid(raw, where, opts.sheet), cat, names, opts, name)
    if fmt == "xls":
        return from_grid(xls_grid(raw, where, opts.sheet), cat, names, opts, name)
    if opts.sheet is not None:
        raise UsageError(f"--sheet picks a worksheet of a workbook (.xlsx, .xls); {where} is {fmt}")
    if raw.startswith(b"PK\x03\x04"):
        raise DataError(
            [Diagnostic(where, None, None, "format", "this is an Excel workbook, not text; name it .xlsx")]
        )
    text = decode(raw, where)
    if fmt == "csv":
        return from_grid(csv_grid(text, where), cat, names, opts, name)
    doc: Document | None = None
    if fmt == "json":
        content = loads(text, where)
    else:
        doc = parse(text, Path(where))
        if doc.problems:
            raise DataError(doc.problems)
        content = doc.data
    if isinstance(content, dict) and "values" in content:
        if doc is None:
            content = plain_numbers(content)  # JSON's exact decimals, as a report's numbers
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

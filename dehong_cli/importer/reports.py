"""A report-shaped file (year, region, provenance, source, values) read as a sheet: `dehong import`
takes another data folder's report as readily as a department's table.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from dehong_cli.checks.schema_errors import pydantic_diagnostics
from dehong_cli.errors import DataError, UsageError
from dehong_cli.files.yaml_read import Document
from dehong_cli.importer.cells import Parsed
from dehong_cli.importer.convert import convert
from dehong_cli.importer.names import Names
from dehong_cli.importer.types import Cell, CellError, Figure, Options, Sheet, Skipped
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import suggest
from dehong_cli.model.report import Report


def from_report(
    content: dict[str, Any],
    doc: Document,
    cat: Catalogue,
    names: Names,
    opts: Options,
    name: str | None,
    *,
    positions: bool,
) -> Sheet:
    """A report-shaped file (year, region, provenance, source, values) read as figures."""
    try:
        report = Report.model_validate(content)
    except ValidationError as exc:
        raise DataError(pydantic_diagnostics(doc, exc)) from None
    region = names.region(report.region_key(cat))
    problems: list[Diagnostic] = []
    if region is None:
        problems.append(
            doc.diagnostic(("region",), "unknown-region", f"unknown region '{report.region_key(cat)}'")
        )
    if not cat.first_year <= report.year <= cat.last_year:
        problems.append(
            doc.diagnostic(("year",), "year-range", f"year {report.year} is outside the plan's years")
        )
    if opts.year is not None and opts.year != report.year:
        raise UsageError(f"{doc.path} is a report for {report.year}, not --year {opts.year}")
    if opts.region is not None and region is not None and opts.region != region.code:
        raise UsageError(f"{doc.path} is a report for region {region.code}, not --region {opts.region}")
    figures: list[Figure] = []
    skipped: list[Skipped] = []
    for key, entry in report.values.items():
        loc = ("values", key)
        line, column = doc.positions.of(loc) if positions else (None, None)
        cell = Cell(str(doc.path), line, column, f"values.{key}")
        if key not in cat.series:
            problems.append(
                doc.diagnostic(
                    loc,
                    "unknown-indicator",
                    f"unknown indicator '{key}'{suggest(key, cat.series)}",
                    key=True,
                )
            )
            continue
        if entry is None or entry.value is None:
            skipped.append(Skipped(cell, key, "blank"))
            continue
        ind, comp = cat.series[key]
        try:
            value = convert(Parsed(Decimal(repr(entry.value))), None, ind, comp, key)
        except CellError as exc:
            problems.append(cell.diagnostic(exc.code, str(exc), key))
            continue
        code = region.code if region else report.region_key(cat)
        figures.append(
            Figure(
                report.year,
                code,
                key,
                value,
                cell,
                entry.source or report.source,
                entry.note,
                report.provenance,
            )
        )
    if problems:
        raise DataError(problems)
    return Sheet(str(doc.path), name, tuple(figures), tuple(skipped), layout="report")

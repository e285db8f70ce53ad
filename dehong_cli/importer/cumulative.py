"""A cumulative figure (累计) for an `additions` goal, made into the year's addition.

Statistical tables often give the running total since the plan began (2017—2019年累计完成 3200);
an `additions` goal stores what was added each year. The year's addition is the total less the
additions of the period's earlier years, from the stored reports (or the same sheet): 3200 − (900 +
1100) = 1200, and the change list says so. When an earlier year is missing, the addition cannot be
known: refused at the cell. A 累计 figure for any other goal (a level is a running total already) is
taken as it is.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from dehong_cli.checks.report import report_from_document
from dehong_cli.errors import DataError
from dehong_cli.files.locations import find_report, report_exists
from dehong_cli.files.yaml_read import load
from dehong_cli.importer.convert import to_python
from dehong_cli.importer.types import Figure, Sheet
from dehong_cli.model.catalogue import Accrual, Catalogue
from dehong_cli.model.diagnostic import Diagnostic


def resolve_cumulative(sheet: Sheet, cat: Catalogue, data_dir: Path) -> Sheet:
    """The sheet with each cumulative figure of an additions goal replaced by the year's addition."""
    if not any(f.cumulative for f in sheet.figures):
        return sheet
    given = {(f.year, f.region, f.series): f.value for f in sheet.figures if not f.cumulative}
    stored: dict[tuple[int, str], dict[str, int | float]] = {}
    figures: list[Figure] = []
    problems: list[Diagnostic] = []
    for fig in sheet.figures:
        ind, comp = cat.series[fig.series]
        if not fig.cumulative or comp is not None or ind.accrual is not Accrual.ADDITIONS:
            figures.append(fig)
            continue
        since = fig.since or cat.plan.period_start
        earlier: list[tuple[int, int | float | None]] = []
        for year in range(since, fig.year):
            value = given.get((year, fig.region, fig.series))
            if value is None:
                values = stored.get((year, fig.region))
                if values is None:
                    values = stored[(year, fig.region)] = _stored(cat, data_dir, year, fig.region)
                value = values.get(fig.series)
            earlier.append((year, value))
        missing = [str(year) for year, value in earlier if value is None]
        span = f"{since}–{fig.year}"
        if fig.year < since or missing:
            why = f"no {', '.join(missing)} figure is stored" if missing else f"it begins after {fig.year}"
            problems.append(
                fig.cell.diagnostic(
                    "cumulative",
                    f"累计 {fig.value} for '{fig.series}' is a total over {span}, but {why} for region "
                    f"{fig.region}; the year's addition cannot be known: import the earlier years first, "
                    "or give the year's addition alone",
                    fig.series,
                )
            )
            continue
        total = sum((Decimal(repr(v)) for _, v in earlier if v is not None), Decimal(0))
        addition = Decimal(repr(fig.value)) - total
        if addition < 0:
            problems.append(
                fig.cell.diagnostic(
                    "cumulative",
                    f"累计 {fig.value} over {span} is less than the earlier years' additions ({total}) "
                    f"stored for '{fig.series}'",
                    fig.series,
                )
            )
            continue
        value = to_python(addition)
        derivation = f"累计 {fig.value} − earlier {to_python(total)} = {value}"
        figures.append(dataclasses.replace(fig, value=value, derivation=derivation))
    if problems:
        raise DataError(problems)
    return dataclasses.replace(sheet, figures=tuple(figures))


def _stored(cat: Catalogue, data_dir: Path, year: int, region: str) -> dict[str, int | float]:
    """The figures of the stored report for a year and region (none when there is no report)."""
    path = find_report(data_dir, cat, year, region)
    if not report_exists(path):
        return {}
    report, diagnostics = report_from_document(load(path), cat)
    errors = [d for d in diagnostics if d.severity == "error"]
    if report is None or errors:
        raise DataError(errors or diagnostics)
    return {k: e.value for k, e in report.values.items() if e is not None and e.value is not None}

"""The table `dehong export` gives: every reported figure as one row, optionally with its status.

One row per figure: year, region, indicator, its names and unit, the value, the report's
provenance and the figure's source. The same columns are what `dehong import` reads back,
so export → import into an empty data folder → export gives the same table. Formatting it
(CSV, JSON, .xlsx) is render.export's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from dehong_cli.assess.engine import assess
from dehong_cli.assess.rollup import Regions
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.report import Report

COLUMNS = (
    "year",
    "region",
    "region_name",
    "indicator",
    "name",
    "name_en",
    "unit",
    "value",
    "provenance",
    "source",
    "note",
)
STATUS_COLUMNS = ("target", "status", "progress", "gap", "as_of")

Row = dict[str, Any]


def export_table(
    cat: Catalogue, reports: Sequence[Report], *, with_status: bool = False
) -> tuple[list[Row], tuple[str, ...]]:
    """The rows and columns of the export; with_status adds STATUS_COLUMNS."""
    table = rows(cat, reports)
    if not with_status:
        return table, COLUMNS
    return add_status(cat, reports, table), COLUMNS + STATUS_COLUMNS


def report_rows(cat: Catalogue, rep: Report) -> list[Row]:
    """One row per figure of one report, in catalogue order."""
    region = cat.regions_by_key[rep.region_key(cat)]
    series = _series_order(cat)
    out: list[Row] = []
    for key, entry in sorted(rep.values.items(), key=lambda item: series[item[0]]):
        if entry is None or entry.value is None:
            continue
        ind, comp = cat.series[key]
        thing = comp if comp is not None else ind
        out.append(
            {
                "year": rep.year,
                "region": region.code,
                "region_name": region.name,
                "indicator": key,
                "name": thing.name,
                "name_en": thing.name_en,
                "unit": cat.series_unit(key),
                "value": entry.value,
                "provenance": rep.provenance.value,
                "source": entry.source or rep.source,
                "note": entry.note,
            }
        )
    return out


def report_values(cat: Catalogue, rep: Report) -> list[tuple[Any, ...]]:
    """One report's rows as values in COLUMNS order: what the export's workers send back (a tuple
    costs a fraction of a dict to pass between processes)."""
    return [tuple(row[c] for c in COLUMNS) for row in report_rows(cat, rep)]


def iter_rows(cat: Catalogue, reports: Iterable[Report]) -> Iterator[Row]:
    """The rows of reports given in export order (by year, then region in catalogue order), one
    report at a time: what `dehong export` streams, so memory stays flat."""
    for rep in reports:
        yield from report_rows(cat, rep)


def rows(cat: Catalogue, reports: Iterable[Report]) -> list[Row]:
    """One row per reported figure, by year, region (catalogue order) and indicator (catalogue order)."""
    regions = {r.code: i for i, r in enumerate(cat.regions)}
    ordered = sorted(reports, key=lambda rep: (rep.year, regions[rep.region_code(cat)]))
    return list(iter_rows(cat, ordered))


def _series_order(cat: Catalogue) -> dict[str, int]:
    return {sid: i for i, sid in enumerate(cat.series)}


def add_status(cat: Catalogue, reports: Sequence[Report], table: list[Row]) -> list[Row]:
    """Each row with the status of its goal, for its region, as of its year."""
    regions = {r.code: r for r in cat.regions}
    shared = Regions.of(cat, reports)  # every region's figures and roll-ups, built once
    cache: dict[tuple[str, int], dict[str, Any]] = {}
    out = []
    for row in table:
        key = (row["region"], row["year"])
        if key not in cache:
            assessment = assess(cat, reports, region=regions[key[0]], as_of=key[1], regions=shared)
            cache[key] = {p.indicator.id: p for p in assessment.results}
        ind, _ = cat.series[row["indicator"]]
        result = cache[key].get(ind.id)
        extra = dict.fromkeys(STATUS_COLUMNS)
        if result is not None:
            extra |= {
                "target": result.target,
                "status": result.status.value,
                "progress": None if result.progress is None else round(result.progress, 4),
                "gap": result.gap,
                "as_of": result.as_of,
            }
        out.append(row | extra)
    return out

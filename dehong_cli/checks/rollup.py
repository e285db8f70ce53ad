"""Cross-file rule: a region's own figure against the complete sum of its sub-regions' figures.

The region's own figure wins in every assessment; this only warns (`warning[rollup-mismatch]`,
a failure under `validate --strict`) when the two disagree beyond rounding: half a unit in the last
decimal the region wrote, the tolerance a ratio is held to against its components.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from dehong_cli.assess.results import Figure
from dehong_cli.assess.rollup import Mode, Regions
from dehong_cli.assess.series import Table, fill_ratios
from dehong_cli.checks.core import Checked, ratio_tolerance
from dehong_cli.errors import DataError
from dehong_cli.files import store
from dehong_cli.model.catalogue import Catalogue, Region
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.report import Provenance


def rollup_rules(checked: Sequence[Checked], cat: Catalogue) -> Iterable[Diagnostic]:
    """Every region's own figures against its sub-regions' complete sums, from the checked files."""
    own: dict[str, Table] = {}
    for item in checked:
        if item.key is None or item.figures is None:
            continue
        (year, code), path, figures = item.key, item.path, item.figures
        table = own.setdefault(code, {})
        for series, value in figures.items():
            if series in cat.series:
                table.setdefault(series, {})[year] = Figure(
                    series, year, value, Provenance.OFFICIAL, path, region=code
                )
    kids: dict[str, list[Region]] = {}
    for r in cat.regions:
        if r.parent is not None:
            kids.setdefault(r.parent, []).append(r)
    for table in own.values():
        fill_ratios(cat, table)
    regions = Regions(cat, own, kids)
    for code in kids:
        yield from _mismatches(regions, code)


def _mismatches(regions: Regions, code: str) -> Iterable[Diagnostic]:
    reported = regions.reported(code)
    for (key, year), r in sorted(regions.rolled(code).items()):
        mine = reported.get(key, {}).get(year)
        if mine is None or mine.computed_from or not r.complete or r.mode is Mode.NONE or r.value is None:
            continue
        if math.isclose(mine.value, r.value, abs_tol=ratio_tolerance(mine.value)):
            continue
        how = "sum" if r.mode is Mode.SUM else "ratio of the summed components"
        files = sorted(dict.fromkeys(p.source for p in r.parts))
        line, col = _position(mine.source, key)
        yield Diagnostic(
            mine.source,
            line,
            col,
            "rollup-mismatch",
            f"'{key}' {year} is given as {mine.value:g} but the {how} of the sub-regions' figures is "
            f"{r.value:.6g} ({', '.join(files)}); the region's own figure is used",
            field=f"values.{key}",
            severity="warning",
        )


def _position(path: str, key: str) -> tuple[int, int]:
    try:
        return store.load(Path(path)).positions.of(("values", key))
    except (DataError, KeyError, OSError):
        return (1, 1)

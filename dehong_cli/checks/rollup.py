"""Cross-file rule: a region's own figure against the complete sum of its sub-regions' figures.

The region's own figure wins in every assessment; this only warns (`warning[rollup-mismatch]`,
a failure under `validate --strict`) when the two disagree beyond rounding: half a unit in the last
decimal the region wrote, the tolerance a ratio is held to against its components. Which series add
up, and how, is `model.rollup`'s rule, the one the engine's roll-up follows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from dehong_cli.checks.run import Checked
from dehong_cli.errors import DataError
from dehong_cli.files.yaml_read import load
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.ratios import ratio_percent, ratio_tolerance
from dehong_cli.model.rollup import Mode, complete_sum, mode_of

Values = dict[tuple[str, int], tuple[float, str]]  # (series, year) -> (value, file it came from)


def rollup_rules(checked: Sequence[Checked], cat: Catalogue) -> Iterable[Diagnostic]:
    """Every region's own figures against its sub-regions' complete sums, from the checked files."""
    own: dict[str, Values] = {}
    for item in checked:
        if item.key is None or item.figures is None:
            continue
        year, code = item.key
        values = own.setdefault(code, {})
        for series, value in item.figures.items():
            if series in cat.series:
                values[series, year] = (value, item.path)
    kids: dict[str, list[str]] = {}
    for r in cat.regions:
        if r.parent is not None:
            kids.setdefault(r.parent, []).append(r.code)
    effective: dict[str, dict[tuple[str, int], float]] = {}

    def values_of(code: str) -> dict[tuple[str, int], float]:
        """A region's figures: its own, else the complete sum of its sub-regions' (any depth)."""
        if code not in effective:
            mine = {k: v for k, (v, _) in own.get(code, {}).items()}
            below = [values_of(k) for k in kids.get(code, [])]
            for key in {k for b in below for k in b if mode_of(cat, k[0]) is Mode.SUM}:
                total = complete_sum([b.get(key) for b in below])
                if total is not None:
                    mine.setdefault(key, total)
            effective[code] = mine
        return effective[code]

    for code, children in kids.items():
        below = [values_of(k) for k in children]
        yield from _mismatches(cat, own.get(code, {}), below, [own.get(k, {}) for k in children])


def _mismatches(
    cat: Catalogue, mine: Values, below: list[dict[tuple[str, int], float]], files: list[Values]
) -> Iterable[Diagnostic]:
    ratios = {ind.id: (num.id, den.id) for ind, num, den in cat.ratios}
    for (series, year), (value, path) in sorted(mine.items()):
        mode = mode_of(cat, series)
        parts: tuple[str, ...]
        if mode is Mode.SUM:
            counted, parts = complete_sum([b.get((series, year)) for b in below]), (series,)
        elif mode is Mode.RECOMPUTE:
            num, den = ratios[series]
            n, d = (complete_sum([b.get((s, year)) for b in below]) for s in (num, den))
            counted, parts = (ratio_percent(n, d) if n is not None and d else None), (num, den)
        else:
            continue
        if counted is None or math.isclose(value, counted, abs_tol=ratio_tolerance(value)):
            continue
        how = "sum" if mode is Mode.SUM else "ratio of the summed components"
        names = sorted({f[s, year][1] for f in files for s in parts if (s, year) in f})
        line, col = _position(path, series)
        yield Diagnostic(
            path,
            line,
            col,
            "rollup-mismatch",
            f"'{series}' {year} is given as {value:g} but the {how} of the sub-regions' figures is "
            f"{counted:.6g} ({', '.join(names)}); the region's own figure is used",
            field=f"values.{series}",
            severity="warning",
        )


def _position(path: str, key: str) -> tuple[int, int]:
    try:
        return load(Path(path)).positions.of(("values", key))
    except (DataError, OSError):
        return (1, 1)

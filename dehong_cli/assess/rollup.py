"""County figures rolled up into their region's: pure, and traceable to every figure summed.

The rules (README, "Roll-up"):

- counts, money and yearly additions of a region-wide goal sum over the sub-regions;
- a ratio goal is recomputed from its summed numerator and denominator, never averaged, and a
  percentage given without its components is never summed or averaged;
- goals that bind each level (同级), the region government, or each sub-region are never summed,
  and a goal marked `rollup: none` (the headline 科技进步贡献率) is never derived;
- a sum is complete only when every sub-region gave the series for the year; an incomplete sum is
  kept (naming who is missing) but never used as the region's figure;
- where the region reports its own figure, that figure wins.

Regions nest to any depth through `parent`: a sub-region's figure is its own, else its own
complete roll-up. Reports are read once and grouped by region; each region's table is built once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dehong_cli.assess.results import Figure
from dehong_cli.assess.series import Table, fill_ratios, series_table
from dehong_cli.model.catalogue import Catalogue, Region
from dehong_cli.model.ratios import ratio_percent
from dehong_cli.model.report import Provenance, Report
from dehong_cli.model.rollup import Mode, mode_of

_DOUBT = [Provenance.OFFICIAL, Provenance.ESTIMATE, Provenance.ILLUSTRATIVE]


@dataclass(frozen=True, slots=True)
class Rolled:
    """One series in one year, summed (or recomputed) over a region's sub-regions."""

    series: str
    year: int
    mode: Mode
    value: float | None  # of the sub-regions that reported; None when a ratio cannot be formed
    parts: tuple[Figure, ...]  # the sub-regions' figures, each with its region
    missing: tuple[str, ...]  # codes of the sub-regions without the figure

    @property
    def complete(self) -> bool:
        return not self.missing and self.value is not None

    def figure(self) -> Figure:
        worst = max((p.provenance for p in self.parts), key=_DOUBT.index, default=Provenance.OFFICIAL)
        names = ", ".join(p.region or "?" for p in self.parts)
        return Figure(self.series, self.year, self.value or 0.0, worst, f"Σ {names}", parts=self.parts)


@dataclass
class Regions:
    """Every region's figures from one pass over the reports, with roll-ups built on demand."""

    cat: Catalogue
    own: dict[str, Table]
    kids: dict[str, list[Region]]
    _tables: dict[str, Table] = field(default_factory=dict)
    _rolled: dict[str, dict[tuple[str, int], Rolled]] = field(default_factory=dict)

    @classmethod
    def of(cls, cat: Catalogue, reports: Iterable[Report]) -> Regions:
        grouped: dict[str, list[Report]] = {}
        for rep in reports:
            grouped.setdefault(rep.region_code(cat), []).append(rep)
        kids: dict[str, list[Region]] = {}
        for r in cat.regions:
            if r.parent is not None:
                kids.setdefault(r.parent, []).append(r)
        own = {code: series_table(cat, reps, code) for code, reps in grouped.items()}
        return cls(cat, own, kids)

    def children(self, code: str) -> list[Region]:
        return self.kids.get(code, [])

    def reported(self, code: str) -> Table:
        """Only what the region's own reports give (ratios computed from its own components)."""
        return self.own.get(code, {})

    def rolled(self, code: str) -> dict[tuple[str, int], Rolled]:
        """Every series and year summed over the region's sub-regions, complete or not."""
        if code not in self._rolled:
            self._rolled[code] = roll_up(
                self.cat, [(k.code, self.table(k.code)) for k in self.children(code)]
            )
        return self._rolled[code]

    def table(self, code: str) -> Table:
        """The region's figures: its own, and its complete roll-ups where it has none of its own."""
        if code not in self._tables:
            table = {key: dict(by_year) for key, by_year in self.reported(code).items()}
            for (key, year), r in self.rolled(code).items():
                if r.complete and r.mode is Mode.SUM and year not in table.get(key, {}):
                    table.setdefault(key, {})[year] = r.figure()
            fill_ratios(self.cat, table)
            self._tables[code] = table
        return self._tables[code]


def roll_up(cat: Catalogue, children: Sequence[tuple[str, Table]]) -> dict[tuple[str, int], Rolled]:
    """Sum every summable series over the children (code, table), and recompute the ratios."""
    out: dict[tuple[str, int], Rolled] = {}
    if not children:
        return out
    keys = {k for _, table in children for k in table if mode_of(cat, k) is Mode.SUM}
    for key in sorted(keys):
        years = sorted({y for _, table in children for y in table.get(key, {})})
        for year in years:
            parts, missing = _parts(children, key, year)
            total = sum(p.value for p in parts)
            out[key, year] = Rolled(key, year, Mode.SUM, total, parts, missing)
    for ind, num, den in cat.ratios:
        if mode_of(cat, ind.id) is not Mode.RECOMPUTE:
            continue
        for year in sorted({y for (k, y) in out if k in (num.id, den.id)}):
            n, d = out.get((num.id, year)), out.get((den.id, year))
            parts = (*(n.parts if n else ()), *(d.parts if d else ()))
            missing = tuple(dict.fromkeys((*_missing(n, children), *_missing(d, children))))
            out[ind.id, year] = Rolled(ind.id, year, Mode.RECOMPUTE, _ratio(n, d), parts, missing)
    return out


def _ratio(n: Rolled | None, d: Rolled | None) -> float | None:
    """A ratio from summed components, over the sub-regions that gave BOTH: all of them for a complete
    sum, and for an incomplete one never one region's numerator over another set's denominator."""
    if n is None or d is None:
        return None
    both = {f.region for f in n.parts} & {f.region for f in d.parts}
    num = sum(f.value for f in n.parts if f.region in both)
    den = sum(f.value for f in d.parts if f.region in both)
    return ratio_percent(num, den) if both and den else None


def _parts(
    children: Sequence[tuple[str, Table]], key: str, year: int
) -> tuple[tuple[Figure, ...], tuple[str, ...]]:
    parts: list[Figure] = []
    missing: list[str] = []
    for code, table in children:
        fig = table.get(key, {}).get(year)
        if fig is None:
            missing.append(code)
        else:
            parts.append(fig if fig.region == code else _tagged(fig, code))
    return tuple(parts), tuple(missing)


def _tagged(fig: Figure, code: str) -> Figure:
    return Figure(
        fig.series, fig.year, fig.value, fig.provenance, fig.source, fig.computed_from, code, fig.parts
    )


def _missing(r: Rolled | None, children: Sequence[tuple[str, Table]]) -> tuple[str, ...]:
    return tuple(code for code, _ in children) if r is None else r.missing


def share(part: Figure | None, whole: Figure | None) -> float | None:
    """A sub-region's figure as a percent of its region's, for series that sum."""
    if part is None or whole is None or whole.value <= 0:
        return None
    return part.value / whole.value * 100

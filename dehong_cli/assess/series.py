"""The figures of one region: every series by year, with ratios computed from their components."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from dehong_cli.assess.results import Figure
from dehong_cli.model.catalogue import Catalogue, Indicator
from dehong_cli.model.ratios import ratio_percent
from dehong_cli.model.report import Provenance, Report

Table = dict[str, dict[int, Figure]]  # series id -> year -> figure

# A ratio is as doubtful as its worse part.
_DOUBT = [Provenance.OFFICIAL, Provenance.ESTIMATE, Provenance.ILLUSTRATIVE]


def series_table(cat: Catalogue, reports: Iterable[Report], region_code: str) -> Table:
    """Every figure the region's reports give, by series and year; ratios filled in from components."""
    table: Table = {}
    for rep in reports:
        region = rep.region_in(cat)
        if region is None or region.code != region_code:
            continue
        for key, entry in rep.values.items():
            if entry is None or entry.value is None or key not in cat.series:
                continue
            table.setdefault(key, {})[rep.year] = Figure(
                key, rep.year, entry.value, rep.provenance, entry.source or rep.source
            )
    fill_ratios(cat, table)
    return table


def fill_ratios(cat: Catalogue, table: Table) -> None:
    """Ratio goals given only as components: numerator ÷ denominator × 100, where both are known.
    A computed ratio whose components were rolled up from sub-regions is marked as rolled up too."""
    for ind, num, den in cat.ratios:
        nums, dens = table.get(num.id, {}), table.get(den.id, {})
        for year in sorted(nums.keys() & dens.keys()):
            if year in table.get(ind.id, {}) or dens[year].value == 0:
                continue  # a reported ratio wins (validate checks that the two agree)
            n, d = nums[year], dens[year]
            worst = max(n.provenance, d.provenance, key=_DOUBT.index)
            table.setdefault(ind.id, {})[year] = Figure(
                ind.id,
                year,
                ratio_percent(n.value, d.value),
                worst,
                n.source,
                computed_from=(num.id, den.id),
                parts=(*n.parts, *d.parts),
            )


def data_years(table: Table) -> list[int]:
    return sorted({y for by_year in table.values() for y in by_year})


def series_ids(ind: Indicator) -> list[str]:
    """The ids a goal's figures may be reported under: its own and its components'."""
    return [ind.id, *(c.id for c in ind.components)]


def reported_in(ind: Indicator, table: Table, year: int) -> bool:
    """Whether the goal has a figure of its own (or of a component) for the year."""
    return any(year in table.get(s, {}) for s in series_ids(ind))


def up_to(figs: Mapping[int, Figure], year: int) -> list[Figure]:
    """The figures of years up to `year`, oldest first."""
    return [figs[y] for y in sorted(figs) if y <= year]


def first_after(figs: Mapping[int, Figure], year: int) -> int | None:
    """The first year with a figure after `year`, when the figures start too late."""
    later = [y for y in figs if y > year]
    return min(later) if later else None


def with_inputs(figures: Sequence[Figure], table: Table) -> tuple[Figure, ...]:
    """A ratio computed from its components brings those figures along, so it can be retraced."""
    out: list[Figure] = []
    for f in figures:
        out.extend(table[c][f.year] for c in f.computed_from if f.year in table.get(c, {}))
        out.append(f)
    return tuple(out)


def growth(figs: Mapping[int, Figure], year: int) -> float | None:
    """Percent growth on the year before; None when either level is missing or the earlier is 0."""
    if year not in figs or year - 1 not in figs or figs[year - 1].value <= 0:
        return None
    return (figs[year].value / figs[year - 1].value - 1) * 100

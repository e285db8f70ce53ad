"""`dehong missing`: who still has to report what for a year, by region and by department.

A region owes, for the year, every quantified goal that binds it (README, Roll-up): a county its
同级 goals and its part of every region-wide total that sums; the top region every goal it is judged
on, unless the complete county sum already gives the figure. A ratio goal is owed as the ratio or
both its components, a growth goal as both its series. Whom to chase: the lead departments of the
goal's tasks (`Catalogue.lead_departments_of`), named as the department registry names them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dehong_cli.assess.binding import binds
from dehong_cli.assess.rollup import Regions
from dehong_cli.model.catalogue import Accrual, Catalogue, ComponentRole, Indicator, Region
from dehong_cli.model.report import Report
from dehong_cli.model.rollup import Mode, mode_of


@dataclass(frozen=True, slots=True)
class Owed:
    """One goal a region has not reported for the year, and whom to ask."""

    region: Region
    indicator: Indicator
    series: tuple[str, ...]  # the ids still missing (any one of the alternatives for a ratio)
    departments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Missing:
    year: int
    regions: tuple[Region, ...]
    owed: tuple[Owed, ...]

    def by_department(self) -> dict[str, list[Owed]]:
        out: dict[str, list[Owed]] = {}
        for o in self.owed:
            for d in o.departments or ("—",):
                out.setdefault(d, []).append(o)
        return out


def missing(cat: Catalogue, reports: Iterable[Report], year: int, region: Region | None = None) -> Missing:
    """What each region (the one asked, else the top region and every region under it) still owes."""
    regions = Regions.of(cat, reports)
    top = region or cat.home_region
    shown = [top]
    for r in shown:  # breadth-first, any depth
        shown.extend(regions.children(r.code))
    if region is not None:
        shown = [region]
    owed = [
        o for r in shown for ind in cat.indicators if (o := _owed(cat, regions, r, ind, year)) is not None
    ]
    return Missing(year, tuple(shown), tuple(owed))


def _owed(cat: Catalogue, regions: Regions, region: Region, ind: Indicator, year: int) -> Owed | None:
    if ind.accrual is Accrual.QUALITATIVE or not _expected(cat, region, ind):
        return None
    table = regions.table(region.code)
    have = {key for key, by_year in table.items() if year in by_year}
    if ind.accrual is Accrual.GROWTH_VS:
        lacking = tuple(c.id for c in ind.components if c.id not in have)
    elif ind.id in have:
        lacking = ()
    elif ind.is_ratio:
        lacking = tuple(c.id for c in ind.components if c.role in _RATIO and c.id not in have)
    else:
        lacking = (ind.id,)
    if not lacking:
        return None
    names = (d.name if (d := cat.department(n)) else n for n in cat.lead_departments_of(ind))
    return Owed(region, ind, lacking, tuple(dict.fromkeys(names)))


_RATIO = (ComponentRole.NUMERATOR, ComponentRole.DENOMINATOR)


def _expected(cat: Catalogue, region: Region, ind: Indicator) -> bool:
    """Whether the region is asked for the goal's figures: it binds the region, or they add up."""
    if binds(ind, region):
        return True
    return ind.applies_to == "whole_region" and mode_of(cat, ind.id) is not Mode.NONE

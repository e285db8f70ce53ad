"""Whom a goal binds, applied to one region's verdict (the catalogue's `applies_to`).

- `whole_region` and `region_government` goals bind the top region: seen from a sub-region they are
  `not_binding`, with the sub-region's figure and its share of its region's, never a score;
- `each_level` (同级) goals bind every level against its own figures: a region's verdict holds only
  if it holds at every level below it, so its status is the worst of its own and each sub-region's;
- `each_subregion` goals are qualitative commitments of each sub-region, shown as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from dehong_cli.assess.reasons import Reason, ReasonCode
from dehong_cli.assess.results import Figure, Progress
from dehong_cli.assess.rollup import Regions, share
from dehong_cli.assess.series import Table
from dehong_cli.model.catalogue import Accrual, Catalogue, Indicator, Plan, Region
from dehong_cli.model.rollup import Mode, mode_of
from dehong_cli.model.status import RANK, Status

Judge = Callable[[Indicator, Plan, Table, int | None], Progress]


def binds(ind: Indicator, region: Region) -> bool:
    """Whether the goal is judged for this region (a region without a parent: always)."""
    return region.parent is None or ind.applies_to in ("each_level", "each_subregion")


def judge(
    cat: Catalogue, regions: Regions, ind: Indicator, where: Region, year: int | None, by: Judge
) -> Progress:
    """The verdict on one goal for one region, by the engine's own `by` (its progress_of)."""
    if ind.accrual is not Accrual.QUALITATIVE and not binds(ind, where):
        return not_binding(cat, regions, ind, where, year)
    own = replace(by(ind, cat.plan, regions.table(where.code), year), region=where)
    kids = regions.children(where.code)
    if ind.applies_to != "each_level" or not kids or ind.accrual is Accrual.QUALITATIVE:
        return own
    levels = tuple(judge(cat, regions, ind, k, year, by) for k in kids)
    return _every_level(own, levels, where)


def _every_level(own: Progress, levels: tuple[Progress, ...], where: Region) -> Progress:
    """The worst of the region's own verdict and each level's below it, saying which level failed."""
    ranked = [p for p in (own, *levels) if p.status in RANK]
    worst = max(ranked, key=lambda p: RANK[p.status], default=None)
    unknown = [p for p in levels if p.status is Status.UNABLE_TO_ASSESS]
    if worst is not None and worst is not own and RANK[worst.status] > RANK.get(own.status, -1):
        failed = [p for p in levels if p.status is worst.status]
        reason = Reason.of(
            ReasonCode.LEVEL_FAILED,
            status=worst.status.value,
            regions=[_names(p) for p in failed],
            own_status=own.status.value,
        )
        return replace(own, status=worst.status, reason=reason, levels=levels)
    if own.status in RANK and own.status is not Status.NOT_ACHIEVED and unknown:
        reason = Reason.of(
            ReasonCode.LEVEL_UNKNOWN, regions=[_names(p) for p in unknown], own_status=own.status.value
        )
        return replace(own, status=Status.UNABLE_TO_ASSESS, reason=reason, levels=levels)
    return replace(own, levels=levels)


def _names(p: Progress) -> dict[str, str]:
    region = p.region
    return {"code": region.code, "name": region.name, "name_en": region.name_en} if region else {}


def not_binding(
    cat: Catalogue, regions: Regions, ind: Indicator, where: Region, year: int | None
) -> Progress:
    """A region-wide goal seen from a sub-region: its latest figure and share, never a score."""
    own = regions.table(where.code).get(ind.id, {})
    latest: Figure | None = None
    if year is not None:
        latest = next((own[y] for y in sorted(own, reverse=True) if y <= year), None)
    parent = cat.regions_by_key.get(where.parent or "")
    part_of: float | None = None
    if latest is not None and parent is not None and mode_of(cat, ind.id) is Mode.SUM:
        part_of = share(latest, regions.table(parent.code).get(ind.id, {}).get(latest.year))
    whom = "region_government" if ind.applies_to == "region_government" else "whole_region"
    reason = Reason.of(
        ReasonCode.NOT_BINDING,
        applies_to=whom,
        parent=parent.name if parent else "",
        parent_en=parent.name_en if parent else "",
        share=part_of,
        year=latest.year if latest else None,
    )
    figures = (latest,) if latest is not None else ()
    return Progress(
        ind,
        year,
        Status.NOT_BINDING,
        reason,
        ind.target,
        figures=figures,
        latest=latest,
        share=part_of,
        region=where,
    )

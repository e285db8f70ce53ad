"""Counties and their prefecture: the roll-up mark, shares, and the goals × regions matrix."""

from __future__ import annotations

from typing import Any

from dehong_cli.assess.results import Figure, Progress
from dehong_cli.model.status import Status
from dehong_cli.render.formatting import machine

ROLLED = "Σ"  # the figure is the sum of the sub-regions' reports, not reported by the region itself


def mark(p: Progress) -> str:
    """What follows the latest figure in a table: Σ when rolled up, the share when not binding."""
    if p.status is Status.NOT_BINDING:
        return f" [{p.share:.1f}%]" if p.share is not None else ""
    return f" {ROLLED}" if p.rolled_up else ""


def figure_fields(f: Figure) -> dict[str, Any]:
    """Where a figure came from: its region, and for a roll-up every figure summed."""
    return {
        "region": f.region,
        "rolled_up": f.rolled_up,
        "parts": [
            {"region": q.region, "series": q.series, "value": machine(q.value), "source": q.source}
            for q in f.parts
        ],
    }


def binding_fields(p: Progress) -> dict[str, Any]:
    """The roll-up and whom-it-binds fields of one result in `status --format json`."""
    return {
        "rolled_up": p.rolled_up,
        "share": machine(p.share),
        "levels": [
            {
                "region": q.region.code if q.region else None,
                "status": q.status.value,
                "latest": machine(q.latest.value) if q.latest else None,
            }
            for q in p.levels
        ],
    }

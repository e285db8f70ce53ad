"""Counties and their prefecture on the command line: `status --by-region` and `dehong missing`.

Like `cli.app`, no `from __future__ import annotations`: Typer reads these annotations at start-up.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer

from dehong_cli.errors import EXIT_INVALID
from dehong_cli.model.status import Status, at_or_worse
from dehong_cli.render.terminal import out, say, style_for

if TYPE_CHECKING:
    from dehong_cli.model.catalogue import Catalogue, Region
    from dehong_cli.model.report import Report


def status_by_region(
    cat: "Catalogue",
    reports: Sequence["Report"],
    where: "Region",
    year: int | None,
    chosen: Sequence[Any],
    fmt: str,
    lang: str,
    fail_on: Status | None,
) -> None:
    """`dehong status --by-region`: goals × (the region and each of its sub-regions)."""
    from dehong_cli.assess.by_region import by_region
    from dehong_cli.render.regions import REGION_FORMATS

    matrix = by_region(cat, reports, region=where, as_of=year, indicators=chosen)
    out(REGION_FORMATS[fmt](cat, matrix, lang, style_for()))
    if fail_on is not None:
        failing = [
            f"{p.indicator.id}@{p.region.code if p.region else '?'}"
            for row in matrix.rows
            for p in row.cells
            if at_or_worse(p.status, fail_on)
        ]
        if failing:
            say(f"fail: {len(failing)} goal(s) at {fail_on.value} or worse: {', '.join(failing)}")
            raise typer.Exit(EXIT_INVALID)

"""`dehong targets` and `dehong tasks`: the catalogue's goals and tasks, chosen by `--format`.

The table and CSV renderers themselves are shared with the rest of render/; this module
gives the JSON payload and the registry that `--format` chooses from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dehong_cli.model.catalogue import Catalogue, Indicator
from dehong_cli.render import JSON_VERSION, targets_csv, targets_rows, targets_table, tasks_table, to_json
from dehong_cli.render.terminal import Style


def targets_json(cat: Catalogue, indicators: Sequence[Indicator], lang: str, style: Style) -> str:
    return to_json({"version": JSON_VERSION, "targets": targets_rows(cat, indicators, lang)})


def _targets_csv(cat: Catalogue, indicators: Sequence[Indicator], lang: str, style: Style) -> str:
    return targets_csv(cat, indicators, lang)


TARGETS_FORMATS: dict[str, Callable[[Catalogue, Sequence[Indicator], str, Style], str]] = {
    "table": targets_table,
    "json": targets_json,
    "csv": _targets_csv,
}

__all__ = ["TARGETS_FORMATS", "tasks_table"]

"""Series, regions and units as sheets write them, mapped to the catalogue's ids and codes.

Names are compared as `model.lookup` compares them everywhere (full-width folded, spaces and case
ignored), so a sheet's 瑞丽 is the `--region 瑞丽` of every command.
"""

from __future__ import annotations

from dataclasses import dataclass

from dehong_cli.importer.units import Vocabulary
from dehong_cli.model.catalogue import Catalogue, Region
from dehong_cli.model.lookup import name_key, region_keys


@dataclass(frozen=True, slots=True)
class Names:
    """Indicator, region and unit names as sheets write them, mapped to catalogue ids and codes."""

    series: dict[str, str]
    regions: dict[str, Region]
    choices: tuple[str, ...]  # for did-you-mean
    units: Vocabulary

    @classmethod
    def of(cls, cat: Catalogue) -> Names:
        series: dict[str, str] = {}
        choices: list[str] = []
        for sid, (ind, comp) in cat.series.items():
            thing = comp if comp is not None else ind
            for name in (sid, thing.name, thing.name_en):
                series.setdefault(name_key(name), sid)
                choices.append(name)
            for name in thing.aliases:  # matched, but not offered: a did-you-mean names each series once
                series.setdefault(name_key(name), sid)
        return cls(series, region_keys(cat), tuple(choices), Vocabulary.of(cat))

    def indicator(self, text: str) -> str | None:
        return self.series.get(name_key(text))

    def region(self, value: object) -> Region | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return self.regions.get(name_key(str(value))) if value is not None else None

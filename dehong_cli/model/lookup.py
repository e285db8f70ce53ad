"""Names as people type them, resolved against the catalogue: regions, goals and years.

One rule for every command and every sheet, so that `--region 瑞丽` means the same to
`status` as to `import`. A name that matches nothing is a UsageError with a did-you-mean.
Light on purpose: no YAML, no rich, and the models only for their types.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dehong_cli.errors import UsageError

if TYPE_CHECKING:
    from dehong_cli.model.catalogue import Catalogue, Indicator, Region


def fold(text: str) -> str:
    """Full-width forms (０-９ ． ， ％ （） －, the full-width space) folded to ASCII."""
    # NFKC leaves the minus sign U+2212 alone
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-")


def name_key(text: str) -> str:
    """How names are compared: full-width folded, every space removed, case ignored."""
    return re.sub(r"\s+", "", fold(text)).casefold()


def suggest(name: str, choices: Iterable[str], also: Sequence[str] = ()) -> str:
    """The did-you-mean text for an unknown name ('' when nothing is close), plus `also`."""
    import difflib

    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.6)
    close += [c for c in also if c not in close]
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


# ------------------------------------------------------------------------------ regions


def _short_names(region: Region) -> list[str]:
    """梁河 for 梁河县, 瑞丽 for 瑞丽市, Lianghe for Lianghe County."""
    short = [region.name.rstrip("州市县"), re.sub(r"\s+(County|Prefecture)$", "", region.name_en)]
    return [s for s in short if len(s) >= 2]  # 芒 alone is too short to mean 芒市


def region_keys(cat: Catalogue) -> dict[str, Region]:
    """Every way to name a region, as `name_key` folds it: code, Chinese and English name, short name."""
    keys: dict[str, Region] = {}
    for region in cat.regions:
        for name in (region.code, region.name, region.name_en):
            keys.setdefault(name_key(name), region)
    for region in cat.regions:  # after every full name, so that a short name never hides one
        for name in _short_names(region):
            keys.setdefault(name_key(name), region)
    from dehong_cli.model.catalogue import WHOLE_REGION

    if (whole := WHOLE_REGION.get(cat.home_region.level)) is not None:
        keys.setdefault(name_key(whole), cat.home_region)  # 全州: the plan's whole prefecture
    return keys


def find_region(cat: Catalogue, key: str | None) -> Region:
    """A region by code, Chinese or English name, or short name (any case, full-width or not);
    default the plan's region."""
    if key is None:
        return cat.home_region
    found = region_keys(cat).get(name_key(key))
    if found is None:
        known = ", ".join(f"{r.code} {r.name} ({r.name_en})" for r in cat.regions)
        hint = suggest(key.strip(), cat.regions_by_key)
        raise UsageError(f"unknown region '{key}'{hint}; known: {known}")
    return found


# ------------------------------------------------------------------------------- goals


def find_indicator(cat: Catalogue, key: str) -> Indicator:
    """A goal by id, Chinese or English name (any case), the id of one of its components, or an
    alias of the goal or of a component."""
    wanted = key.strip()
    for ind in cat.indicators:
        if wanted in (ind.id, ind.name) or wanted.casefold() == ind.name_en.casefold():
            return ind
    if wanted in cat.series:
        return cat.series[wanted][0]
    folded = name_key(wanted)
    for ind in cat.indicators:  # the names statistical tables use (aliases), of the goal or its series
        if any(
            name_key(a) == folded for a in (*ind.aliases, *(a for c in ind.components for a in c.aliases))
        ):
            return ind
    names = [n for i in cat.indicators for n in (i.id, i.name, i.name_en)]
    # A fragment of a name ("创客", "incubator") is a miss too, and as easy to help with.
    fragments = [n for n in names if wanted and wanted.casefold() in n.casefold()][:3]
    hint = suggest(wanted, names, also=fragments)
    raise UsageError(f"unknown indicator '{key}'{hint} (`dehong targets` lists every goal)")


# ------------------------------------------------------------------------------- years


def check_year(cat: Catalogue, year: int | None) -> int | None:
    """--year, if given, must be a year reports are accepted for."""
    if year is not None and not cat.first_year <= year <= cat.last_year:
        raise UsageError(f"--year {year} is outside {cat.first_year}–{cat.last_year}")
    return year

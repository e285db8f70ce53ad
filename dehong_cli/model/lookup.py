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
from dehong_cli.model.status import STATUS_ZH, Status, status_choices

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
    # A part of a name ("创客", "incubator") that only one goal has means that goal.
    holders = [i for i in cat.indicators if folded and any(folded in name_key(n) for n in _names(i))]
    if len(holders) == 1:
        return holders[0]
    fragments = [i.name for i in holders][:5]
    if len(holders) > 1:
        raise UsageError(
            f"'{key}' is part of the names of {len(holders)} goals: {', '.join(fragments)}"
            f"{'…' if len(holders) > 5 else ''}; say which"
        )
    hint = suggest(wanted, names)
    raise UsageError(f"unknown indicator '{key}'{hint} (`dehong targets` lists every goal)")


def _names(ind: Indicator) -> list[str]:
    """Every name of a goal: id, Chinese and English name, aliases, and those of its series."""
    comps = [n for c in ind.components for n in (c.id, c.name, c.name_en, *c.aliases)]
    return [ind.id, ind.name, ind.name_en, *ind.aliases, *comps]


# ------------------------------------------------------------------------------ strands


def find_strand(cat: Catalogue, key: str) -> str:
    """A strand's id, from its id, Chinese or English name, or any part of one that only it has."""
    folded = name_key(key)
    for strand in cat.strands:
        if folded in (name_key(strand.id), name_key(strand.name), name_key(strand.name_en)):
            return strand.id
    holders = [
        s for s in cat.strands if folded and any(folded in name_key(n) for n in (s.id, s.name, s.name_en))
    ]
    if len(holders) == 1:
        return holders[0].id
    known = ", ".join(f"{s.id} ({s.name})" for s in cat.strands)
    if holders:
        which = ", ".join(f"{s.id} ({s.name})" for s in holders)
        raise UsageError(f"--strand '{key}' is part of the names of several strands: {which}; say which")
    names = [n for s in cat.strands for n in (s.id, s.name, s.name_en)]
    raise UsageError(f"no strand '{key}'{suggest(key.strip(), names)} (strands: {known})")


# ------------------------------------------------------------------------------ statuses


def find_status(text: str | None, option: str) -> Status | None:
    """A status from its id or Chinese word (`已实现`, `on_track`, `on-track`); a usage error with
    the choices on a miss."""
    if text is None:
        return None
    key = name_key(text).replace("-", "_")
    for status in Status:
        if key in (status.value, STATUS_ZH.get(status)):
            return status
    names = [s.value for s in Status] + [STATUS_ZH[s] for s in Status if s in STATUS_ZH]
    raise UsageError(f"{option}: unknown status '{text}'{suggest(key, names)} (choices: {status_choices()})")


# ------------------------------------------------------------------------------- years


def check_year(cat: Catalogue, year: int | None) -> int | None:
    """--year, if given, must be a year reports are accepted for."""
    if year is not None and not cat.first_year <= year <= cat.last_year:
        raise UsageError(f"--year {year} is outside {cat.first_year}–{cat.last_year}")
    return year

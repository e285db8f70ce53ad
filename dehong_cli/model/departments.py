"""Departments as people type them, resolved against the catalogue's registry.

The one rule for `--dept`, `dehong dept`, task-progress files and task sheets: a department is
named by its name, one of its variant spellings (州工息委 for 州工信委), or a part of either that
only one body's names contain (工信委, 科技局). A part that several bodies share, or a name
nothing contains, is refused with suggestions. Light on purpose: no YAML, no rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dehong_cli.errors import UsageError
from dehong_cli.model.lookup import name_key, suggest

if TYPE_CHECKING:
    from dehong_cli.model.catalogue import Catalogue, Department, Indicator, Task


def _spellings(dept: Department) -> tuple[str, ...]:
    return (dept.name, *dept.variants)


def matches(cat: Catalogue, text: str) -> list[Department]:
    """The registry entries `text` names: the one it spells exactly (name, variant, or id), else
    every entry one of whose spellings contains it (compared as `name_key` folds names)."""
    wanted = name_key(text)
    if not wanted:
        return []
    for dept in cat.departments:
        if wanted == dept.id or any(name_key(s) == wanted for s in _spellings(dept)):
            return [dept]
    found = [d for d in cat.departments if any(wanted in name_key(s) for s in _spellings(d))]
    if not found:  # English names: whole name or a part, any case
        found = [d for d in cat.departments if wanted in name_key(d.name_en)]
    return found


def refusal(cat: Catalogue, text: str, found: list[Department]) -> str:
    """Why `text` names no one department, with suggestions."""
    if found:
        names = ", ".join(d.name for d in found)
        return f"'{text}' is part of the names of {len(found)} departments ({names}); give one of them"
    import difflib

    spellings = [s for d in cat.departments for s in _spellings(d)]
    # Department names are short and alike (州X局): a looser cutoff than other names still helps.
    # A name shares its telling characters (卫 of 州卫生局 with 州卫计委) before its suffix (局).
    telling = set(text) - set("州局委会部办室 ")
    sharing = sorted((s for s in spellings if telling & set(s)), key=lambda s: -len(telling & set(s)))
    close = list(dict.fromkeys([*sharing[:2], *difflib.get_close_matches(text.strip(), spellings, 3, 0.4)]))[
        :3
    ]
    return f"unknown department '{text}'{suggest(text.strip(), (), also=close)}"


def find_department(cat: Catalogue, text: str) -> Department:
    """The one department `text` names; UsageError (exit 2) with suggestions otherwise."""
    found = matches(cat, text)
    if len(found) != 1:
        raise UsageError(f"{refusal(cat, text, found)} (`dehong tasks` lists every department)")
    return found[0]


def task_bodies(cat: Catalogue, task: Task, *, lead: bool = True, supporting: bool = True) -> list[str]:
    """The registry ids of a task's departments (lead, supporting or both); spellings the registry
    does not know are left out."""
    names = [*(task.lead_departments if lead else ()), *(task.supporting_departments if supporting else ())]
    return list(dict.fromkeys(d.id for n in names if (d := cat.department(n)) is not None))


def leads_task(cat: Catalogue, dept: Department, task: Task) -> bool:
    return dept.id in task_bodies(cat, task, supporting=False)


def has_task(cat: Catalogue, dept: Department, task: Task) -> bool:
    return dept.id in task_bodies(cat, task)


def goal_role(cat: Catalogue, dept: Department, ind: Indicator) -> str | None:
    """'lead' when a department leads a task behind the goal (or an older catalogue's own list
    names it), 'supporting' when it only supports one, else None."""
    if ind.departments is not None:
        own = {d.id for n in ind.departments if (d := cat.department(n)) is not None}
        return "lead" if dept.id in own else None
    tasks = cat.tasks_of(ind)
    if any(leads_task(cat, dept, t) for t in tasks):
        return "lead"
    if any(has_task(cat, dept, t) for t in tasks):
        return "supporting"
    return None

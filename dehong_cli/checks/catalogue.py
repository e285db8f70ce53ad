"""The catalogue's rules (targets.yaml), beyond its schema, with every problem located."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from dehong_cli.checks.schema_errors import merge, pydantic_diagnostics, value_at
from dehong_cli.errors import DataError
from dehong_cli.files.yaml_read import Document, Path_, load
from dehong_cli.model.catalogue import (
    Accrual,
    Catalogue,
    Component,
    ComponentRole,
    Direction,
    Indicator,
    Task,
)
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import name_key, suggest
from dehong_cli.model.units import Unit


def load_catalogue(path: Path) -> Catalogue:
    """Load and check targets.yaml; raise DataError listing every problem."""
    doc = load(path)
    if not isinstance(doc.data, dict):
        raise DataError([doc.diagnostic((), "schema", "the catalogue must be a mapping")])
    try:
        catalogue = Catalogue.model_validate(doc.data)
    except ValidationError as exc:
        raise DataError(merge(doc.problems, pydantic_diagnostics(doc, exc))) from None
    problems = merge(doc.problems, catalogue_rules(doc, catalogue))
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return catalogue


def catalogue_rules(doc: Document, cat: Catalogue) -> Iterable[Diagnostic]:
    plan = cat.plan
    if plan.region not in {r.code for r in cat.regions}:
        yield doc.diagnostic(("plan", "region"), "unknown-region", f"region {plan.region} is not in regions")
    if not plan.baseline_year < plan.period_start <= plan.period_end <= plan.target_year:
        yield doc.diagnostic(
            ("plan",), "plan-years", "expected baseline < period start <= period end <= target"
        )
    strands = {s.id for s in cat.strands}
    tasks_by_number = cat.tasks_by_number
    seen_tasks: set[int] = set()
    for i, listed in enumerate(cat.tasks):
        if listed.number in seen_tasks:
            yield doc.diagnostic(
                ("tasks", i, "number"), "duplicate-id", f"task {listed.number} is listed twice"
            )
        seen_tasks.add(listed.number)
    seen_ids: set[str] = set()
    for i, ind in enumerate(cat.indicators):
        at = ("indicators", i)
        for sid in (ind.id, *(c.id for c in ind.components)):
            if sid in seen_ids:
                yield doc.diagnostic((*at, "id"), "duplicate-id", f"id '{sid}' is used twice")
            seen_ids.add(sid)
        if ind.strand not in strands:
            yield doc.diagnostic(
                (*at, "strand"), "unknown-strand", f"no strand '{ind.strand}'{suggest(ind.strand, strands)}"
            )
        yield from _task_link_rules(doc, at, ind, tasks_by_number)
        yield from _unit_rules(doc, at, ind.unit, ind.scale)
        for j, comp in enumerate(ind.components):
            yield from _unit_rules(doc, (*at, "components", j), comp.unit, comp.scale)
        yield from _accrual_rules(doc, at, ind)
    yield from _department_registry_rules(doc, cat)
    yield from _region_parent_rules(doc, cat)
    yield from _alias_rules(doc, cat)


def _task_link_rules(
    doc: Document, at: Path_, ind: Indicator, tasks_by_number: dict[int, Task]
) -> Iterable[Diagnostic]:
    """Every linked task exists; an older catalogue's own department list names their departments."""
    raw = value_at(doc.data, at)
    field_name = "task" if isinstance(raw, dict) and "task" in raw else "tasks"
    named: set[str] = set()
    for j, number in enumerate(ind.tasks):
        loc = (*at, "task") if field_name == "task" else (*at, "tasks", j)
        task = tasks_by_number.get(number)
        if task is None:
            yield doc.diagnostic(loc, "unknown-task", f"no task number {number}")
            return
        named |= {*task.lead_departments, *task.supporting_departments}
    numbers = " or ".join(str(n) for n in ind.tasks)
    for j, dept in enumerate(ind.departments or ()):
        if dept not in named:
            yield doc.diagnostic(
                (*at, "departments", j), "department", f"'{dept}' is not a department of task {numbers}"
            )


def _department_registry_rules(doc: Document, cat: Catalogue) -> Iterable[Diagnostic]:
    """Registry names and variants are unique; with a registry, every task spelling is in it."""
    if not cat.departments:
        return
    seen_names: dict[str, str] = {}
    seen_ids: set[str] = set()
    for i, dept in enumerate(cat.departments):
        at = ("departments", i)
        if dept.id in seen_ids:
            yield doc.diagnostic(
                (*at, "id"), "duplicate-department", f"department id '{dept.id}' is used twice"
            )
        seen_ids.add(dept.id)
        for loc, name in [
            ((*at, "name"), dept.name),
            *(((*at, "variants", j), v) for j, v in enumerate(dept.variants)),
        ]:
            if name in seen_names:
                yield doc.diagnostic(
                    loc, "duplicate-department", f"'{name}' already names department '{seen_names[name]}'"
                )
            else:
                seen_names[name] = dept.id
    for i, task in enumerate(cat.tasks):
        for role in ("lead_departments", "supporting_departments"):
            for j, name in enumerate(getattr(task, role)):
                if cat.department(name) is None:
                    yield doc.diagnostic(
                        ("tasks", i, role, j),
                        "unknown-department",
                        f"'{name}' (task {task.number}) is neither a name nor a variant in departments"
                        f"{suggest(name, cat.departments_by_name)}",
                    )


def _region_parent_rules(doc: Document, cat: Catalogue) -> Iterable[Diagnostic]:
    """A region's parent is another region, and following parents never comes back round."""
    parents = {r.code: r.parent for r in cat.regions}
    for i, region in enumerate(cat.regions):
        if region.parent is None:
            continue
        loc = ("regions", i, "parent")
        if region.parent not in parents:
            yield doc.diagnostic(loc, "region-parent", f"parent {region.parent} is not in regions")
            continue
        seen: set[str] = {region.code}
        code: str | None = region.parent
        while code is not None and code not in seen:
            seen.add(code)
            code = parents.get(code)
        if code == region.code:
            yield doc.diagnostic(loc, "region-parent", f"region {region.code} is its own ancestor (a cycle)")


def _alias_rules(doc: Document, cat: Catalogue) -> Iterable[Diagnostic]:
    """An alias must not be another series' id, name, English name or alias (compared as lookup
    compares names: full-width folded, spaces removed, case ignored)."""
    owner: dict[str, str] = {}
    for ind in cat.indicators:
        things: list[Indicator | Component] = [ind, *ind.components]
        for thing in things:
            for name in (thing.id, thing.name, thing.name_en):
                owner.setdefault(name_key(name), thing.id)
    aliases: list[tuple[Path_, str, str]] = []
    for i, ind in enumerate(cat.indicators):
        aliases += [(("indicators", i, "aliases", j), a, ind.id) for j, a in enumerate(ind.aliases)]
        for k, comp in enumerate(ind.components):
            at = ("indicators", i, "components", k, "aliases")
            aliases += [((*at, j), a, comp.id) for j, a in enumerate(comp.aliases)]
    for loc, alias, sid in aliases:
        other = owner.setdefault(name_key(alias), sid)
        if other != sid:
            yield doc.diagnostic(loc, "alias", f"alias '{alias}' of '{sid}' already names '{other}'")


def _unit_rules(doc: Document, at: Path_, unit: Unit, scale: object) -> Iterable[Diagnostic]:
    if unit is Unit.MONEY and scale is None:
        yield doc.diagnostic((*at, "unit"), "unit", "money needs a scale (万元 or 亿元)")
    if unit is not Unit.MONEY and scale is not None:
        yield doc.diagnostic((*at, "scale"), "unit", "only money has a scale")


_PACED = (Accrual.LEVEL, Accrual.ADDITIONS)  # judged by their pace towards the target


def _accrual_rules(doc: Document, at: Path_, ind: Indicator) -> Iterable[Diagnostic]:
    if ind.accrual is Accrual.QUALITATIVE:
        if ind.target is not None or ind.comparator is not None:
            yield doc.diagnostic((*at, "target"), "accrual", "a qualitative goal has no target or comparator")
        return
    if ind.comparator is None:
        yield doc.diagnostic((*at,), "accrual", "a quantified goal needs a comparator")
    if ind.accrual is Accrual.GROWTH_VS:
        roles = {c.role for c in ind.components}
        if {ComponentRole.SUBJECT, ComponentRole.COMPANION} - roles:
            yield doc.diagnostic(
                (*at, "components"), "accrual", "growth_vs needs a subject and a companion series"
            )
        companion = ind.component(ComponentRole.COMPANION)
        if companion is None or ind.compare_with != companion.id:
            yield doc.diagnostic(
                (*at, "compare_with"), "accrual", "compare_with must name the companion component"
            )
        return
    if ind.target is None:
        yield doc.diagnostic((*at,), "accrual", "a quantified goal needs a target")
    elif ind.unit is Unit.PERCENT and not 0 <= ind.target <= 100:
        yield doc.diagnostic((*at, "target"), "range", "a percent target must lie between 0 and 100")
    elif ind.direction is Direction.HIGHER and ind.accrual in _PACED and ind.target <= 0:
        yield doc.diagnostic(
            (*at, "target"),
            "range",
            f"a higher-is-better {ind.accrual.value} goal needs a target above 0; "
            f"with {ind.target} there is nothing to pace against",
        )
    if ind.components and not (
        ind.component(ComponentRole.NUMERATOR) and ind.component(ComponentRole.DENOMINATOR)
    ):
        yield doc.diagnostic((*at, "components"), "accrual", "a ratio needs a numerator and a denominator")

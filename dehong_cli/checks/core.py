"""Validation: the catalogue and reports, beyond their schema, with every problem located.

Each check returns diagnostics instead of stopping, so one run reports every bad field of
every bad file. Nothing here prints or exits.
"""

from __future__ import annotations

import gc
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dehong_cli.checks import advice
from dehong_cli.errors import DataError
from dehong_cli.files import store
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
from dehong_cli.model.lookup import fold, name_key, suggest
from dehong_cli.model.report import Provenance, Report
from dehong_cli.model.rules import figure_refusal, series_refusal
from dehong_cli.model.units import Unit

_REPORT_NAME = re.compile(r"^(\d{4})(?:-(.+))?$")
PARALLEL_THRESHOLD = 64  # below this, starting worker processes costs more than it saves


@dataclass(slots=True)
class Result:
    """What a validation run found, for the CLI to render."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def pydantic_diagnostics(doc: store.Document, exc: ValidationError) -> list[Diagnostic]:
    out = []
    for err in exc.errors(include_input=False, include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            out.append(doc.diagnostic(loc, "unknown-field", f"unknown field '{loc[-1]}'", key=True))
        elif kind == "missing":
            out.append(doc.diagnostic(loc, "missing-field", f"required field '{loc[-1]}' is missing"))
        elif kind in ("value_type", "number_type") and (hint := _number_text_hint(_raw(doc.data, loc))):
            out.append(doc.diagnostic(loc, "number-format", hint))
        else:
            out.append(doc.diagnostic(loc, "schema", err["msg"], key=kind == "dict_type" and False))
    return out


_OCTAL_12 = re.compile(r"[-+]?0o[0-7]+")  # YAML 1.2's octal; PyYAML (1.1) reads it as text
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ]|$)")


def _raw(data: Any, loc: tuple[Any, ...]) -> Any:
    """The loaded value at a pydantic location, or None."""
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _number_text_hint(raw: Any) -> str | None:
    """Why text where a number belongs is not a number, when it was plainly meant as one."""
    if not isinstance(raw, str):
        return None
    ascii_digits = fold(raw)
    if ascii_digits != raw and store.is_number(ascii_digits):
        return f"'{raw}' is written in full-width digits; write {ascii_digits}"
    if store.is_number(raw):
        return f"'{raw}' is quoted, which makes it text; write the number without quotes"
    if fix := advice.number_in_text(raw):
        return fix
    if _OCTAL_12.fullmatch(raw):
        return f"'{raw}' is not a plain decimal number; write numbers like 12, 0.8 or 1.5e3"
    if _DATE.match(raw):
        return f"'{raw}' is a date, not a number"
    return None


# ------------------------------------------------------------------------------ catalogue


def load_catalogue(path: Path) -> Catalogue:
    """Load and check targets.yaml; raise DataError listing every problem."""
    doc = store.load(path)
    if not isinstance(doc.data, dict):
        raise DataError([doc.diagnostic((), "schema", "the catalogue must be a mapping")])
    try:
        catalogue = Catalogue.model_validate(doc.data)
    except ValidationError as exc:
        raise DataError(_merge(doc.problems, pydantic_diagnostics(doc, exc))) from None
    problems = _merge(doc.problems, catalogue_rules(doc, catalogue))
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return catalogue


def catalogue_rules(doc: store.Document, cat: Catalogue) -> Iterable[Diagnostic]:
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
    doc: store.Document, at: store.Path_, ind: Indicator, tasks_by_number: dict[int, Task]
) -> Iterable[Diagnostic]:
    """Every linked task exists; an older catalogue's own department list names their departments."""
    raw = _raw(doc.data, at)
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


def _department_registry_rules(doc: store.Document, cat: Catalogue) -> Iterable[Diagnostic]:
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


def _region_parent_rules(doc: store.Document, cat: Catalogue) -> Iterable[Diagnostic]:
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


def _alias_rules(doc: store.Document, cat: Catalogue) -> Iterable[Diagnostic]:
    """An alias must not be another series' id, name, English name or alias (compared as lookup
    compares names: full-width folded, spaces removed, case ignored)."""
    owner: dict[str, str] = {}
    for ind in cat.indicators:
        things: list[Indicator | Component] = [ind, *ind.components]
        for thing in things:
            for name in (thing.id, thing.name, thing.name_en):
                owner.setdefault(name_key(name), thing.id)
    aliases: list[tuple[store.Path_, str, str]] = []
    for i, ind in enumerate(cat.indicators):
        aliases += [(("indicators", i, "aliases", j), a, ind.id) for j, a in enumerate(ind.aliases)]
        for k, comp in enumerate(ind.components):
            at = ("indicators", i, "components", k, "aliases")
            aliases += [((*at, j), a, comp.id) for j, a in enumerate(comp.aliases)]
    for loc, alias, sid in aliases:
        other = owner.setdefault(name_key(alias), sid)
        if other != sid:
            yield doc.diagnostic(loc, "alias", f"alias '{alias}' of '{sid}' already names '{other}'")


def _unit_rules(doc: store.Document, at: store.Path_, unit: Unit, scale: object) -> Iterable[Diagnostic]:
    if unit is Unit.MONEY and scale is None:
        yield doc.diagnostic((*at, "unit"), "unit", "money needs a scale (万元 or 亿元)")
    if unit is not Unit.MONEY and scale is not None:
        yield doc.diagnostic((*at, "scale"), "unit", "only money has a scale")


_PACED = (Accrual.LEVEL, Accrual.ADDITIONS)  # judged by their pace towards the target


def _accrual_rules(doc: store.Document, at: store.Path_, ind: Indicator) -> Iterable[Diagnostic]:
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


# -------------------------------------------------------------------------------- reports


@dataclass(frozen=True, slots=True)
class Checked:
    """One report file after checking: its key for cross-file rules, and what was wrong."""

    path: str
    diagnostics: list[Diagnostic]
    key: tuple[int, str] | None = None  # (year, region code) when the report loaded


def load_report(path: Path, cat: Catalogue) -> tuple[Report | None, list[Diagnostic]]:
    """Load one report and check it against the catalogue."""
    try:
        doc = store.load(path)
    except DataError as exc:
        return None, exc.diagnostics
    return report_from_document(doc, cat)


def report_from_document(doc: store.Document, cat: Catalogue) -> tuple[Report | None, list[Diagnostic]]:
    """Validate parsed YAML as a report. The report is None when it cannot be trusted."""
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        return None, [
            doc.diagnostic((), "schema", f"a report must be a mapping of fields; this file is {what}")
        ]
    try:
        report = Report.model_validate(doc.data)
    except ValidationError as exc:
        # Every problem in one run: unknown ids are still named and, when only some values are
        # malformed, the rest of the report is still checked without them.
        values = doc.data.get("values")
        found = [*pydantic_diagnostics(doc, exc)]
        found += unknown_series(doc, values, cat) if isinstance(values, dict) else []
        rest = _without_bad_values(doc.data, exc)
        if rest is not None:
            found += (d for d in report_rules(doc, rest, cat) if d not in found)
        return None, _merge(doc.problems, found)
    return (None if doc.problems else report), _merge(doc.problems, report_rules(doc, report, cat))


def _without_bad_values(data: dict[str, Any], exc: ValidationError) -> Report | None:
    """The report without the values that failed, when only values failed."""
    errors = exc.errors(include_input=False, include_url=False)
    if not all(len(err["loc"]) > 1 and err["loc"][0] == "values" for err in errors):
        return None
    bad = {err["loc"][1] for err in errors}
    values = data.get("values")
    if not isinstance(values, dict):
        return None
    try:
        return Report.model_validate({**data, "values": {k: v for k, v in values.items() if k not in bad}})
    except ValidationError:
        return None


def _merge(first: list[Diagnostic], more: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Loader problems first; a later one at the same place says the same thing again."""
    seen = {(d.line, d.column) for d in first}
    return [*first, *(d for d in more if (d.line, d.column) not in seen)]


def check_report_file(path: Path, cat: Catalogue) -> Checked:
    report, diagnostics = load_report(path, cat)
    key = None
    if report is not None:
        key = (report.year, report.region_code(cat))
    return Checked(str(path), diagnostics, key)


def report_rules(doc: store.Document, rep: Report, cat: Catalogue) -> Iterable[Diagnostic]:
    if not cat.first_year <= rep.year <= cat.last_year:
        yield doc.diagnostic(
            ("year",),
            "year-range",
            f"year {rep.year} is outside {cat.first_year}–{cat.last_year} "
            f"(baseline year to five years past the target year)",
        )
    region = rep.region_in(cat)
    if region is None:
        yield doc.diagnostic(
            ("region",),
            "unknown-region",
            f"unknown region '{rep.region_key(cat)}'{suggest(rep.region_key(cat), cat.regions_by_key)}; "
            f"known: {', '.join(f'{r.code} {r.name}' for r in cat.regions)}",
        )
    yield from _file_name_rules(doc, rep, region.code if region else None, cat)
    yield from advice.placeholder_source(doc, rep)
    if rep.provenance is Provenance.ILLUSTRATIVE:
        yield doc.diagnostic(
            ("provenance",), "illustrative", "figures are marked illustrative (made up)", severity="warning"
        )
    series = cat.series
    yield from unknown_series(doc, rep.values, cat)
    for key, entry in rep.values.items():
        loc = ("values", key)
        if key not in series or entry is None or entry.value is None:
            continue
        value_loc = loc if isinstance(doc.data["values"][key], int | float) else (*loc, "value")
        ind, comp = series[key]
        yield from _value_rules(doc, value_loc, key, entry.value, ind, comp)
    yield from _ratio_rules(doc, rep, cat)


def unknown_series(doc: store.Document, values: dict[Any, Any], cat: Catalogue) -> Iterable[Diagnostic]:
    """Value keys that name no indicator or component, each with a did-you-mean."""
    series = cat.series
    for key in values:
        if key not in series:
            known = advice.id_for_name(str(key), cat)
            hint = f"; use the id `{known}`" if known else suggest(str(key), series)
            yield doc.diagnostic(
                ("values", key), "unknown-indicator", f"unknown indicator '{key}'{hint}", key=True
            )


def _file_name_rules(
    doc: store.Document, rep: Report, code: str | None, cat: Catalogue
) -> Iterable[Diagnostic]:
    name, stem = doc.path.name, Path(doc.path.name).stem
    if not name.endswith(store.REPORT_SUFFIX):
        # an error, not a warning: a script that globs reports/*.yaml would skip this report
        yield doc.diagnostic(
            (),
            "file-name",
            f"report files end in {store.REPORT_SUFFIX}; rename {name} to {stem}{store.REPORT_SUFFIX}",
        )
    # No name is suggested for an unknown region: it may be anything, `../x` included.
    expected = f"; expected {report_file_name(rep.year, code, cat)}" if code else ""
    parts = report_name(name)
    if parts is None:
        yield doc.diagnostic(
            (),
            "file-name",
            f"report files are named <year>.yaml or <year>-<region>.yaml{expected}",
            severity="warning",
        )
        return
    year, region_part = parts
    if year != rep.year:
        yield doc.diagnostic(
            ("year",), "file-name", f"file name says {year} but the report is for {rep.year}"
        )
    named = cat.regions_by_key.get(region_part) if region_part else cat.home_region
    if code is not None and (named is None or named.code != code):
        yield doc.diagnostic(
            ("region",),
            "file-name",
            f"file name says region '{region_part or cat.home_region.code}' "
            f"but the report is for {code}{expected}",
        )


def report_name(name: str) -> tuple[int, str | None] | None:
    """The year and region part of a report file's name (2019.yaml, 2019-芒市.yaml), or None."""
    match = _REPORT_NAME.fullmatch(Path(name).stem)
    return (int(match[1]), match[2]) if match else None


def report_file_name(year: int, region_code: str, cat: Catalogue) -> str:
    return f"{year}.yaml" if region_code == cat.plan.region else f"{year}-{region_code}.yaml"


def _value_rules(
    doc: store.Document, loc: store.Path_, key: str, value: float, ind: Indicator, comp: Any
) -> Iterable[Diagnostic]:
    unit = comp.unit if comp is not None else ind.unit
    refusal = series_refusal(key, ind, comp) or figure_refusal(key, value, unit)
    if refusal is not None:
        yield doc.diagnostic(loc, refusal.code, refusal.message)


def ratio_tolerance(reported: float) -> float:
    """Half a unit in the last decimal place the reporter wrote: 0.8 agrees with 0.84."""
    mantissa, _, exponent = repr(float(reported)).partition("e")  # 1e-05: five decimals, not none
    decimals = 0 if mantissa.endswith(".0") else len(mantissa.partition(".")[2])
    decimals -= int(exponent or 0)
    return 0.5 * 10.0**-decimals + 1e-9


def _ratio_rules(doc: store.Document, rep: Report, cat: Catalogue) -> Iterable[Diagnostic]:
    figures = rep.figures()
    for ind, num, den in cat.ratios:
        if num.id not in figures or den.id not in figures:
            continue
        if figures[den.id] == 0:
            yield doc.diagnostic(
                ("values", den.id), "zero-denominator", f"'{den.id}' is 0; {ind.id} cannot be computed"
            )
            continue
        computed = figures[num.id] / figures[den.id] * 100
        out_of_range = list(advice.ratio_out_of_range(doc, ind, num.id, den.id, figures))
        yield from out_of_range
        if (
            ind.id in figures
            and not out_of_range
            and not math.isclose(figures[ind.id], computed, abs_tol=ratio_tolerance(figures[ind.id]))
        ):
            yield doc.diagnostic(
                ("values", ind.id),
                "ratio-mismatch",
                f"'{ind.id}' is given as {figures[ind.id]} but {num.id} ÷ {den.id} × 100 = {computed:.4g}",
            )


# --------------------------------------------------------------------------- many files

_worker_catalogue: Catalogue | None = None


def _start_worker(cat: Catalogue) -> None:
    global _worker_catalogue
    _worker_catalogue = cat  # forked: the parent's own object, not a pickled copy
    gc.enable()  # the CLI runs with the collector off (see __main__); a worker checks many files


def _check_in_worker(path: Path) -> Checked:
    assert _worker_catalogue is not None
    return check_report_file(path, _worker_catalogue)


def check_reports(paths: Sequence[Path], cat: Catalogue, jobs: int | None = None) -> list[Checked]:
    """Check many report files, on every core when there are enough of them."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(paths) < PARALLEL_THRESHOLD:
        return [check_report_file(p, cat) for p in paths]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(16, len(paths) // (jobs * 8))
    # Forked workers share the parent's memory pages until something writes to them; a
    # collection in a worker would write to every object it scans. Frozen objects are skipped.
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=ctx, initializer=_start_worker, initargs=(cat,)
        ) as pool:
            return list(pool.map(_check_in_worker, paths, chunksize=chunk))
    finally:
        gc.unfreeze()


def cross_file_rules(checked: Sequence[Checked], cat: Catalogue) -> Iterable[Diagnostic]:
    first: dict[tuple[int, str], str] = {}
    for item in checked:
        if item.key is None:
            continue
        if item.key in first:
            year, code = item.key
            line, col = _year_position(Path(item.path))
            yield Diagnostic(
                item.path,
                line,
                col,
                "duplicate-report",
                f"a second report for {year}, region {code}; the first is {first[item.key]}",
                field="year",
            )
        else:
            first[item.key] = item.path


def _year_position(path: Path) -> store.Position:
    """Where a report says its year; positions are only worked out when they are reported."""
    try:
        return store.load(path).positions.of(("year",))
    except DataError:  # changed since it was checked
        return (1, 1)


def validate(
    catalogue_path: Path,
    report_paths: Sequence[Path],
    *,
    jobs: int | None = None,
    other_catalogues: Sequence[Path] = (),
) -> Result:
    """Validate the catalogue, any other catalogue files named, and the given reports.

    Every problem is collected; reports are checked against `catalogue_path`.
    """
    result = Result()
    # The files named, each once, checked or not (reports are not checked against a broken catalogue).
    result.files = len({os.path.abspath(p) for p in (catalogue_path, *other_catalogues, *report_paths)})
    for extra in other_catalogues:
        try:
            load_catalogue(extra)
        except DataError as exc:
            result.diagnostics.extend(exc.diagnostics)
    try:
        cat = load_catalogue(catalogue_path)
    except DataError as exc:
        result.diagnostics.extend(exc.diagnostics)
        result.diagnostics.sort(key=Diagnostic.sort_key)
        return result
    checked = check_reports(report_paths, cat, jobs)
    for item in checked:
        result.diagnostics.extend(item.diagnostics)
    result.diagnostics.extend(cross_file_rules(checked, cat))
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result

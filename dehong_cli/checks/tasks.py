"""Task-progress files (`tasks/<year>.yaml`) checked against the catalogue, every problem located.

Like reports: the schema first (a status that is neither an id nor its Chinese word is refused at
its line and column), then the rules that need the catalogue — known task numbers, a department
that is the task's (lead or supporting, by the registry), the year and region — and across files,
one file per (year, region). Nothing here prints or exits.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dehong_cli.checks.run import Checked, Result
from dehong_cli.checks.schema_errors import merge, pydantic_diagnostics
from dehong_cli.errors import DataError
from dehong_cli.files.locations import REPORT_SUFFIX, report_name
from dehong_cli.files.tasks import task_file_name, task_files
from dehong_cli.files.yaml_read import Document, load
from dehong_cli.model.catalogue import Catalogue, Region
from dehong_cli.model.departments import has_task, matches, refusal
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import suggest
from dehong_cli.model.report import Provenance
from dehong_cli.model.tasks import STATUS_CHOICES, TaskProgress, control_character, task_number


def region_of(progress: TaskProgress, cat: Catalogue) -> Region | None:
    """The catalogue region a file is for (the plan's when it names none); None when unknown."""
    return cat.regions_by_key.get(progress.region or cat.plan.region)


def load_task_file(path: Path, cat: Catalogue) -> tuple[TaskProgress | None, list[Diagnostic]]:
    """Load one task-progress file and check it; the progress is None when it cannot be trusted."""
    try:
        doc = load(path)
    except DataError as exc:
        return None, exc.diagnostics
    return progress_from_document(doc, cat)


def progress_from_document(doc: Document, cat: Catalogue) -> tuple[TaskProgress | None, list[Diagnostic]]:
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        return None, [
            doc.diagnostic((), "schema", f"a task-progress file must be a mapping; this file is {what}")
        ]
    try:
        progress = TaskProgress.model_validate(doc.data)
    except ValidationError as exc:
        found = _schema_diagnostics(doc, exc)
        raw = doc.data.get("tasks")
        if isinstance(raw, dict):
            found += [d for d in _task_rules(doc, cat, raw, None) if d not in found]
        return None, merge(doc.problems, found)
    problems = merge(doc.problems, progress_rules(doc, progress, cat))
    return (None if doc.problems else progress), problems


def _schema_diagnostics(doc: Document, exc: ValidationError) -> list[Diagnostic]:
    """pydantic's problems, with a status that is no status under its own code."""
    errors = exc.errors(include_input=False, include_url=False)
    found = pydantic_diagnostics(doc, exc)
    return [
        dataclasses.replace(d, code="task-status") if err["type"] == "task_status" else d
        for err, d in zip(errors, found, strict=True)
    ]


def progress_rules(doc: Document, progress: TaskProgress, cat: Catalogue) -> Iterable[Diagnostic]:
    if not cat.first_year <= progress.year <= cat.last_year:
        yield doc.diagnostic(
            ("year",), "year-range", f"year {progress.year} is outside {cat.first_year}–{cat.last_year}"
        )
    region = region_of(progress, cat)
    if region is None:
        given = progress.region or ""
        yield doc.diagnostic(
            ("region",), "unknown-region", f"unknown region '{given}'{suggest(given, cat.regions_by_key)}"
        )
    yield from _file_name_rules(doc, progress, region, cat)
    if progress.provenance is Provenance.ILLUSTRATIVE:
        yield doc.diagnostic(
            ("provenance",),
            "illustrative",
            "task progress is marked illustrative (made up)",
            severity="warning",
        )
    yield from _task_rules(doc, cat, progress.tasks, progress)
    yield from _text_rules(doc, progress)


def _text_rules(doc: Document, progress: TaskProgress) -> Iterable[Diagnostic]:
    """No control character in any text a view prints (an ESC would drive the terminal)."""
    texts: list[tuple[tuple[str | int, ...], str | None]] = [
        (("source",), progress.source),
        (("note",), progress.note),
    ]
    for key, entry in progress.tasks.items():
        at = ("tasks", key)
        texts += [
            ((*at, "department"), entry.department),
            ((*at, "progress"), entry.progress),
            ((*at, "note"), entry.note),
        ]
        texts += [((*at, "evidence", i), e) for i, e in enumerate(entry.evidence)]
    for loc, text in texts:
        if (char := control_character(text)) is not None:
            yield doc.diagnostic(loc, "control-character", f"control character {char} in the text; remove it")


def _task_rules(
    doc: Document, cat: Catalogue, raw: Mapping[str, object], progress: TaskProgress | None
) -> Iterable[Diagnostic]:
    """Every key is a task of the plan; every department named is one of that task's."""
    by_number = cat.tasks_by_number
    for key in raw:
        number = task_number(key)
        if number is None or number not in by_number:
            known = f"{min(by_number)}–{max(by_number)}" if by_number else "none"
            yield doc.diagnostic(
                ("tasks", key), "unknown-task", f"no task number {key} in the plan (tasks: {known})", key=True
            )
            continue
        entry = progress.tasks.get(key) if progress is not None else None
        written = entry.department if entry is not None else _raw_department(raw[key])
        if written is None:
            continue
        task = by_number[number]
        loc = ("tasks", key, "department")
        found = matches(cat, written)
        if len(found) != 1:
            yield doc.diagnostic(loc, "unknown-department", refusal(cat, written, found))
        elif not has_task(cat, found[0], task):
            own = "、".join((*task.lead_departments, *task.supporting_departments))
            yield doc.diagnostic(
                loc, "department", f"{found[0].name} is not a department of task {number} ({own})"
            )


def _raw_department(value: object) -> str | None:
    if isinstance(value, dict) and isinstance(value.get("department"), str):
        return str(value["department"])
    return None


def _file_name_rules(
    doc: Document, progress: TaskProgress, region: Region | None, cat: Catalogue
) -> Iterable[Diagnostic]:
    parts = report_name(doc.path.name)
    expected = task_file_name(progress.year, region.code, cat) if region else None
    hint = f"; expected {expected}" if expected else ""
    if parts is None or not doc.path.name.endswith(REPORT_SUFFIX):
        yield doc.diagnostic(
            (), "file-name", f"task-progress files are named <year>.yaml or <year>-<region>.yaml{hint}"
        )
        return
    year, region_part = parts
    if year != progress.year:
        yield doc.diagnostic(
            ("year",), "file-name", f"file name says {year} but the file is for {progress.year}"
        )
    named = cat.regions_by_key.get(region_part) if region_part else cat.home_region
    if region is not None and (named is None or named.code != region.code):
        yield doc.diagnostic(("region",), "file-name", f"file name says region '{region_part}'{hint}")


def check_task_file(path: Path, cat: Catalogue) -> Checked:
    progress, diagnostics = load_task_file(path, cat)
    key = None
    if progress is not None and (region := region_of(progress, cat)) is not None:
        key = (progress.year, region.code)
    return Checked(str(path), diagnostics, key)


def duplicate_rules(checked: Sequence[Checked]) -> Iterable[Diagnostic]:
    """One task-progress file per (year, region): a second is an error at its year."""
    first: dict[tuple[int, str], str] = {}
    for item in checked:
        if item.key is None:
            continue
        if item.key in first:
            year, code = item.key
            try:
                line, col = load(Path(item.path)).positions.of(("year",))
            except DataError:
                line, col = 1, 1
            message = f"a second task-progress file for {year}, region {code}; the first is {first[item.key]}"
            yield Diagnostic(item.path, line, col, "duplicate-tasks", message, field="year")
        else:
            first[item.key] = item.path


def load_task_progress(data_dir: Path, cat: Catalogue) -> list[TaskProgress]:
    """Every task-progress file of a data folder; DataError with every error when any is invalid."""
    found: list[TaskProgress] = []
    checked: list[Checked] = []
    errors: list[Diagnostic] = []
    for path in task_files(data_dir):
        progress, diagnostics = load_task_file(path, cat)
        errors += [d for d in diagnostics if d.severity == "error"]
        key = None
        if progress is not None and (region := region_of(progress, cat)) is not None:
            found.append(progress)
            key = (progress.year, region.code)
        checked.append(Checked(str(path), diagnostics, key))
    errors += duplicate_rules(checked)
    if errors:
        raise DataError(sorted(errors, key=Diagnostic.sort_key))
    return found


def add_task_files(result: Result, catalogue_path: Path, paths: Sequence[Path]) -> Result:
    """A validation result with these task-progress files checked too (against the catalogue, when
    it loads: its own problems are in the result already)."""
    from dehong_cli.checks.catalogue import load_catalogue

    if not paths:
        return result
    try:
        cat = load_catalogue(catalogue_path)
    except DataError:
        return result
    count, found = validate_task_files(paths, cat)
    result.files += count
    result.diagnostics = sorted([*result.diagnostics, *found], key=Diagnostic.sort_key)
    return result


def validate_task_files(paths: Sequence[Path], cat: Catalogue) -> tuple[int, list[Diagnostic]]:
    """Every task-progress file checked: how many, and every problem found."""
    checked = [check_task_file(p, cat) for p in paths]
    found = [d for item in checked for d in item.diagnostics]
    found += duplicate_rules(checked)
    return len(checked), found


def tasks_schema(cat: Catalogue) -> dict[str, Any]:
    """The JSON Schema of a task-progress file, with this catalogue's task numbers, years and regions."""
    from dehong_cli.checks.schema import DIALECT
    from dehong_cli.model.tasks import TaskEntry, TaskStatus

    schema = TaskProgress.model_json_schema()
    props = schema["properties"]
    props["year"].update(minimum=cat.first_year, maximum=cat.last_year)
    regions = sorted(cat.regions_by_key)
    codes = [int(code) for code in regions if code.isdigit()]
    props["region"] = {"type": ["string", "integer"], "default": cat.plan.region, "enum": regions + codes}
    entry = TaskEntry.model_json_schema()
    entry.pop("$defs", None)
    words = [s.value for s in TaskStatus] + [s.word for s in TaskStatus]
    entry["properties"]["status"] = {"description": STATUS_CHOICES, "enum": words}
    entry["properties"]["evidence"] = {
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
    }
    props["tasks"] = {
        "description": props["tasks"].get("description", ""),
        "type": ["object", "null"],
        "properties": {str(t.number): {"title": t.title, **entry} for t in cat.tasks},
        "additionalProperties": False,
    }
    schema.pop("$defs", None)
    props["provenance"] = {"enum": [p.value for p in Provenance]}
    return {**schema, "$schema": DIALECT, "title": "dehong task progress (data/tasks/<year>[-<region>].yaml)"}

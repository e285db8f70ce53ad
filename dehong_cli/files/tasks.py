"""Task-progress files: where they live, loading them all (or refusing them all), writing them.

`<data dir>/tasks/<year>.yaml`, or `<year>-<region code>.yaml` for a county. Written the same way
every time (header, then the tasks in number order, each field on its own line), with the same
atomic write and per-file lock as reports.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from dehong_cli.checks.core import Checked
from dehong_cli.checks.tasks import duplicate_rules, load_task_file, progress_from_document, region_of
from dehong_cli.checks.tasks import task_file_name as _file_name
from dehong_cli.errors import DataError
from dehong_cli.files import store
from dehong_cli.files.writer import (
    LOCK_TIMEOUT,
    WriteRefused,
    check_writable,
    locked,
    report_exists,
    scalar,
)
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.tasks import STATUS_CHOICES, TaskProgress

TASKS_DIR = "tasks"
TEMPLATE_SOURCE = "TODO: where the progress comes from, e.g. 各部门{year}年度工作总结"


def task_files(data_dir: Path) -> list[Path]:
    """The task-progress files of a data folder; none when it has no tasks/ folder."""
    folder = data_dir / TASKS_DIR
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise DataError(
            [
                Diagnostic(
                    str(folder), None, None, "not-a-folder", "is a file, expected a folder of task progress"
                )
            ]
        ) from None
    return [folder / n for n in names if store.is_report_file(n)]


def load_task_progress(data_dir: Path, cat: Catalogue) -> list[TaskProgress]:
    """Every task-progress file; DataError with every error when any is invalid."""
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


def find_task_file(data_dir: Path, cat: Catalogue, year: int, code: str) -> Path:
    return data_dir / TASKS_DIR / _file_name(year, code, cat)


# ------------------------------------------------------------------------------ writing


def emit(progress: TaskProgress, cat: Catalogue, *, preamble: str = "") -> str:
    """The file as YAML text: the same progress always gives the same text."""
    lines = preamble.splitlines()
    lines += [f"year: {progress.year}"]
    lines += [f"region: {scalar(progress.region, quote=True)}"] if progress.region is not None else []
    lines += [f"provenance: {progress.provenance.value}", f"source: {scalar(progress.source)}"]
    if progress.note is not None:
        lines.append(f"note: {scalar(progress.note)}")
    if not progress.tasks:
        lines.append("tasks: {}")
        return "\n".join(lines) + "\n"
    lines.append("tasks:")
    by_number = cat.tasks_by_number
    for key in sorted(progress.tasks, key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k)):
        entry = progress.tasks[key]
        task = by_number.get(int(key)) if key.isdigit() else None
        lines.append(f"  {key}:" + (f"  # {task.title}" if task else ""))
        lines.append(f"    status: {entry.status.value}")
        for name in ("department", "progress", "note"):
            value = getattr(entry, name)
            if value is not None:
                lines.append(f"    {name}: {scalar(value)}")
        if entry.evidence:
            lines.append(f"    evidence: [{', '.join(scalar(e, flow=True) for e in entry.evidence)}]")
    return "\n".join(lines) + "\n"


def template(cat: Catalogue, year: int, code: str) -> str:
    """A file to fill in: every task commented out, with its title and lead departments."""
    home = cat.regions_by_key[code]
    lines = [
        f"# {year} task progress for {home.name} ({home.code}), written by `dehong new-report --tasks`.",
        "# For each task reported on, uncomment its entry and fill it in; leave the others commented.",
        f"# status: {STATUS_CHOICES}. department: the task's, as the plan names it.",
        "# Replace the TODO in source; then run `dehong validate`.",
        f"year: {year}",
    ]
    lines += [] if code == cat.plan.region else [f"region: {scalar(code, quote=True)}"]
    lines += ["provenance: official", f"source: {scalar(TEMPLATE_SOURCE.format(year=year))}", "tasks:"]
    for task in cat.tasks:
        lead = task.lead_departments[0] if task.lead_departments else ""
        lines += [
            f"  # {task.number}:  # {task.title}",
            "  #   status: not_started",
            f"  #   department: {lead}  # {'、'.join(task.lead_departments)}",
            "  #   progress: ",
            "  #   evidence: []",
        ]
    return "\n".join(lines) + "\n"


def new_task_file(
    cat: Catalogue, data_dir: Path, year: int, code: str, lock_timeout: float = LOCK_TIMEOUT
) -> Path:
    """Write a task-progress template for `year` and `code`; refuse if the file exists."""
    check_writable(data_dir)
    path = find_task_file(data_dir, cat, year, code)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteRefused(f"cannot create {path.parent}: {exc.strerror or exc}") from None
    with locked(path, time.monotonic() + lock_timeout, lock_timeout):
        if report_exists(path):
            raise WriteRefused(f"{path} already exists; new-report --tasks never overwrites a file")
        text = template(cat, year, code)
        _, diagnostics = progress_from_document(store.parse(text, path), cat)
        if any(d.severity == "error" for d in diagnostics):  # pragma: no cover - a bug, not bad input
            raise DataError(diagnostics)
        try:
            store.atomic_write(path, text.encode("utf-8"))
        except OSError as exc:
            raise WriteRefused(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from None
    return path

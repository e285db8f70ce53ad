"""Task-progress files: where they live, and their text as written.

`<data dir>/tasks/<year>.yaml`, or `<year>-<region code>.yaml` for a county. Written the same way
every time (header, then the tasks in number order, each field on its own line). Checking them is
`checks.tasks`; writing them, under a lock and atomically, `importer.tasks`.
"""

from __future__ import annotations

import os
from pathlib import Path

from dehong_cli.errors import DataError
from dehong_cli.files.locations import is_report_file
from dehong_cli.files.yaml_write import scalar
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
    return [folder / n for n in names if is_report_file(n)]


def task_file_name(year: int, code: str, cat: Catalogue) -> str:
    return f"{year}.yaml" if code == cat.plan.region else f"{year}-{code}.yaml"


def find_task_file(data_dir: Path, cat: Catalogue, year: int, code: str) -> Path:
    return data_dir / TASKS_DIR / task_file_name(year, code, cat)


def split_task_files(root: Path, files: list[Path], *, explicit: bool) -> tuple[list[Path], list[Path]]:
    """Split `dehong validate`'s files into reports and task-progress files (those in a folder named
    tasks/); without arguments, every file of the data folder's tasks/ is a task-progress file."""
    tasks = [p for p in files if p.parent.name == TASKS_DIR]
    reports = [p for p in files if p.parent.name != TASKS_DIR]
    return reports, tasks if explicit else task_files(root)


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

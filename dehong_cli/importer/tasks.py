"""Importing a department's task sheet (任务编号 / 进展情况 / 状态 / 佐证材料, optionally 责任部门) into the
task-progress files, with the figures import's guarantees: every cell checked first, each file planned
and checked as `dehong validate` checks it, a field that differs from the stored one a conflict
(unless --replace), and all files written under their locks, or none.

A sheet is a task sheet when its header row has a 任务编号 column. Grids and sources come from the
figures importer (`grids`, `sources`); locks and atomic writes from `files` and `apply`.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dehong_cli.checks.tasks import load_task_file, progress_from_document
from dehong_cli.errors import DataError, UsageError
from dehong_cli.files.atomic import atomic_write, remove_stale_temp_files
from dehong_cli.files.locations import check_writable, report_exists
from dehong_cli.files.locks import LOCK_TIMEOUT, WriteRefused, locked
from dehong_cli.files.tasks import TASKS_DIR, emit, find_task_file, template
from dehong_cli.files.yaml_read import parse
from dehong_cli.importer.apply import ImportResult, _write_all
from dehong_cli.importer.cells import is_missing, normalise, parse_year
from dehong_cli.importer.grids import Grid, csv_grid, rows_grid
from dehong_cli.importer.limits import check_zip
from dehong_cli.importer.merge import Change, ChangeKind, FileUpdate
from dehong_cli.importer.sources import STDIN, capped, decode, detect_format, read_bytes
from dehong_cli.importer.types import Cell, CellError, Options, Sheet
from dehong_cli.importer.xlsx import open_book, worksheet, xlsx_grid
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.departments import has_task, matches, refusal
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import name_key
from dehong_cli.model.report import Provenance
from dehong_cli.model.tasks import (
    STATUS_CHOICES,
    TaskEntry,
    TaskProgress,
    control_character,
    parse_status,
    task_number,
)

HEADERS: dict[str, tuple[str, ...]] = {
    "task": ("任务编号", "任务序号", "task"),
    "progress": ("进展情况", "工作进展", "progress"),
    "status": ("状态", "进展状态", "完成状态", "status"),
    "evidence": ("佐证材料", "佐证", "evidence"),
    "department": ("责任部门", "报送部门", "部门", "department"),
    "note": ("备注", "说明", "note"),
    "year": ("年份", "年度", "year"),
}
_KEYS = {name_key(w): f for f, words in HEADERS.items() for w in words}
FIELDS = ("status", "department", "progress", "evidence")  # compared with the stored entry
_SPLIT = re.compile(r"[;；,，、\n]+")


@dataclass(frozen=True, slots=True)
class TaskRecord:
    year: int
    region: str
    number: int
    entry: TaskEntry
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TaskSheet:
    path: str
    name: str | None
    records: tuple[TaskRecord, ...]


# ------------------------------------------------------------------------------- reading


def task_grid(path: Path, opts: Options, data: bytes | None) -> Grid | None:
    """The sheet's grid when it is a task sheet (a 任务编号 column), else None (a figures sheet)."""
    where = STDIN if data is not None else str(path)
    fmt = detect_format("-" if data is not None else str(path), opts.format)
    raw = capped(data, where) if data is not None else read_bytes(path)
    if fmt == "xls":
        return None  # a task sheet comes as .xlsx or text; an .xls is read by the figures importer
    if fmt == "xlsx":
        if not _xlsx_head_has_task_column(raw, opts.sheet):
            return None  # read once more, in full, by the figures importer only
        with contextlib.suppress(DataError, UsageError):  # the figures importer says what is wrong
            return _if_tasks(xlsx_grid(raw, where, opts.sheet))
        return None
    if raw.startswith(b"PK\x03\x04"):
        return None
    with contextlib.suppress(DataError):
        text = decode(raw, where)
        if fmt == "csv":
            return _if_tasks(csv_grid(text, where))
        if fmt == "yaml":
            doc = parse(text, Path(where))
            if isinstance(doc.data, list) and not doc.problems:
                return _if_tasks(rows_grid(doc.data, where, doc))
        if fmt == "json":
            import json

            content = json.loads(text)
            if isinstance(content, list):
                return _if_tasks(rows_grid(content, where, None))
    return None


def _xlsx_head_has_task_column(raw: bytes, sheet: str | None) -> bool:
    """Whether the first rows of the worksheet hold a 任务编号 cell: a look at 20 rows, so that a large
    figures workbook is not read in full twice (measured: 2.2 s of 5.6 s for 20,000 rows)."""
    try:
        check_zip(raw, "")  # a bomb is refused, with its location, by the figures importer
        book = open_book(raw)
        try:
            title = worksheet(book, sheet, "")  # the first visible one, as the figures importer reads
            rows = book[title].iter_rows(max_row=20, values_only=True)
            return any(isinstance(v, str) and _KEYS.get(name_key(v)) == "task" for row in rows for v in row)
        finally:
            book.close()
    except Exception:  # anything unreadable is for the figures importer to refuse, with its location
        return False


def _header_row(grid: Grid) -> int | None:
    rows = [grid.header_row] if grid.header_row is not None else range(min(len(grid.rows), 20))
    for r in rows:
        if any(isinstance(v, str) and _KEYS.get(name_key(v)) == "task" for v in grid.rows[r]):
            return r
    return None


def _if_tasks(grid: Grid) -> Grid | None:
    return grid if _header_row(grid) is not None else None


def read_task_sheet(cat: Catalogue, grid: Grid, opts: Options, name: str | None) -> TaskSheet:
    """Every row as a task entry; DataError with every bad cell."""
    header = _header_row(grid)
    assert header is not None
    columns: dict[str, int] = {}
    for c, v in enumerate(grid.rows[header]):
        found = _KEYS.get(name_key(v)) if isinstance(v, str) else None
        if found is not None and found not in columns:
            columns[found] = c
    problems: list[Diagnostic] = []
    if "status" not in columns:
        problems.append(
            grid.locate(header, columns["task"], "任务编号").diagnostic("header", "no 状态 column")
        )
    if "year" not in columns and opts.year is None:
        raise UsageError("the task sheet has no 年份 column: give --year")
    region = opts.region or cat.plan.region
    records: list[TaskRecord] = []
    heads = {f: str(grid.rows[header][c]) for f, c in columns.items()}
    for r in range(header + 1, len(grid.rows)):
        row = grid.rows[r]
        values = {f: (row[c] if c < len(row) else None) for f, c in columns.items()}
        if all(is_missing(v) for v in values.values()):
            continue
        cells = {f: grid.locate(r, c, heads[f]) for f, c in columns.items()}
        record = _record(cat, values, cells, opts, region, problems)
        if record is not None:
            records.append(record)
    if problems:
        raise DataError(problems)
    return TaskSheet(grid.path, name, tuple(records))


def _text(value: Any, *, as_typed: bool = False) -> str | None:
    """A cell as text; names and numbers full-width folded, words (as_typed) only trimmed."""
    if is_missing(value):
        return None
    text = str(value).strip() if as_typed else normalise(str(value))
    return text or None


def _record(
    cat: Catalogue,
    values: dict[str, Any],
    cells: dict[str, Cell],
    opts: Options,
    region: str,
    problems: list[Diagnostic],
) -> TaskRecord | None:
    before = len(problems)
    raw_number = _text(values.get("task"))
    number = task_number(raw_number.removesuffix(".0")) if raw_number else None
    task = cat.tasks_by_number.get(number) if number is not None else None
    if task is None:
        problems.append(
            cells["task"].diagnostic("unknown-task", f"no task number '{raw_number or ''}' in the plan")
        )
    status = parse_status(_text(values.get("status")) or "")
    if status is None and "status" in cells:
        given = _text(values.get("status")) or ""
        problems.append(
            cells["status"].diagnostic(
                "task-status", f"'{given}' is not a task status; write one of {STATUS_CHOICES}"
            )
        )
    department = _text(values.get("department"))
    if department is not None and task is not None:
        found = matches(cat, department)
        if len(found) != 1:
            problems.append(
                cells["department"].diagnostic("unknown-department", refusal(cat, department, found))
            )
        elif not has_task(cat, found[0], task):
            problems.append(
                cells["department"].diagnostic(
                    "department", f"{found[0].name} is not a department of task {task.number}"
                )
            )
        else:
            department = found[0].name
    year = opts.year
    if "year" in cells and not is_missing(values.get("year")):
        try:
            year = parse_year(values["year"])
        except CellError as exc:
            problems.append(cells["year"].diagnostic(exc.code, str(exc)))
    if len(problems) > before or task is None or status is None or year is None:
        return None
    if opts.year is not None and year != opts.year:
        return None  # a row for another year: --year picks the rows to take
    for name in ("progress", "evidence", "note", "department"):
        if name in cells and (char := control_character(_text(values.get(name), as_typed=True))):
            problems.append(
                cells[name].diagnostic("control-character", f"control character {char}; remove it")
            )
    if len(problems) > before:
        return None
    evidence = [
        e.strip() for e in _SPLIT.split(_text(values.get("evidence"), as_typed=True) or "") if e.strip()
    ]
    entry = TaskEntry(
        status=status,
        department=department,
        progress=_text(values.get("progress"), as_typed=True),
        evidence=evidence,
        note=_text(values.get("note"), as_typed=True),
    )
    return TaskRecord(year, region, task.number, entry, cells)


# ------------------------------------------------------------------------------ merging


def _stored(entry: TaskEntry | None, name: str) -> Any:
    if entry is None:
        return None
    value = getattr(entry, name)
    if name == "status":
        return value.value
    if name == "evidence":
        return "; ".join(value) or None
    return value


def _plan(
    cat: Catalogue,
    path: Path,
    key: tuple[int, str],
    records: list[TaskRecord],
    header: dict[str, Any],
    replace: bool,
) -> FileUpdate:
    existing: TaskProgress | None = None
    created = not path.exists()
    if not created:
        existing, problems = load_task_file(path, cat)
        if existing is None:
            raise DataError([d for d in problems if d.severity == "error"])
    base = existing or TaskProgress.model_validate(header)
    tasks = dict(base.tasks)
    changes: list[Change] = []
    for rec in records:
        old = tasks.get(str(rec.number))
        merged: dict[str, Any] = {} if old is None else old.model_dump()
        for name in FIELDS:
            stored, new = _stored(old, name), _stored(rec.entry, name)
            if new is None:
                continue
            label = f"{rec.number}.{name}"
            cell = rec.cells.get("evidence" if name == "evidence" else name, rec.cells.get("task"))
            if stored is None:
                kind = ChangeKind.ADDED
            elif stored == new:
                kind = ChangeKind.UNCHANGED
            else:
                kind = ChangeKind.REPLACED if replace else ChangeKind.CONFLICT
            changes.append(Change(label, kind, stored, new, cell))
            if kind in (ChangeKind.ADDED, ChangeKind.REPLACED):
                merged[name] = getattr(rec.entry, name)
        tasks[str(rec.number)] = TaskEntry.model_validate(merged)
    progress = base.model_copy(update={"tasks": tasks})
    text = emit(progress, cat)
    _, problems = progress_from_document(parse(text, path), cat)
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        raise DataError(errors)
    year, region = key
    return FileUpdate(path, year, region, created, tuple(changes), text)


def import_task_sheet(
    sheet: TaskSheet,
    cat: Catalogue,
    data_dir: Path,
    *,
    provenance: Provenance | None = None,
    source: str | None = None,
    replace: bool = False,
    dry_run: bool = False,
    lock_timeout: float = LOCK_TIMEOUT,
) -> ImportResult:
    """Merge a task sheet into the task-progress files; write only if every file checks and nothing
    conflicts, all of them or none."""
    groups: dict[tuple[int, str], list[TaskRecord]] = {}
    for rec in sheet.records:
        groups.setdefault((rec.year, rec.region), []).append(rec)
    targets = [(key, find_task_file(data_dir, cat, *key)) for key in sorted(groups)]
    if source is None and sheet.name is None and any(not p.exists() for _, p in targets):
        raise UsageError("a new task-progress file from stdin needs --source")
    folder = data_dir / TASKS_DIR
    if not dry_run and targets:
        check_writable(data_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteRefused(f"cannot create {folder}: {exc.strerror or exc}") from None
        remove_stale_temp_files(folder)
    empty = Sheet(sheet.path, sheet.name, ())
    with contextlib.ExitStack() as stack:
        if not dry_run:
            deadline = time.monotonic() + lock_timeout
            for path in sorted({p for _, p in targets}):
                stack.enter_context(locked(path, deadline, lock_timeout))
        files, problems = [], []
        for key, path in targets:
            header = {
                "year": key[0],
                "provenance": (provenance or Provenance.OFFICIAL).value,
                "source": source or sheet.name or "",
                **({} if key[1] == cat.plan.region else {"region": key[1]}),
            }
            try:
                files.append(_plan(cat, path, key, groups[key], header, replace))
            except DataError as exc:
                problems.extend(exc.diagnostics)
        if problems:
            raise DataError(problems)
        result = ImportResult(empty, tuple(files), dry_run)
        if dry_run or result.conflicts:
            return result
        written = _write_all([u for u in files if u.changed])
    return ImportResult(empty, tuple(files), dry_run, tuple(written))


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
        _, diagnostics = progress_from_document(parse(text, path), cat)
        if any(d.severity == "error" for d in diagnostics):  # pragma: no cover - a bug, not bad input
            raise DataError(diagnostics)
        try:
            atomic_write(path, text.encode("utf-8"))
        except OSError as exc:
            raise WriteRefused(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from None
    return path

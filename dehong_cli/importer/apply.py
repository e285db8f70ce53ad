"""Carrying out an import: every report it touches planned and checked under its lock, then all of them
written, or none.

Each file is replaced atomically (temporary file, fsync, rename); when one write fails the files
already written are put back, so a refused import leaves the data folder as it was.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dehong_cli.errors import DataError
from dehong_cli.files.atomic import atomic_write, remove_stale_temp_files
from dehong_cli.files.locations import check_writable, report_index
from dehong_cli.files.locks import LOCK_TIMEOUT, WriteRefused, locked
from dehong_cli.importer.merge import FileUpdate, plan_file
from dehong_cli.importer.types import Figure, Sheet
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.report import Provenance


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import found and did, for the CLI to render and turn into an exit code."""

    sheet: Sheet
    files: tuple[FileUpdate, ...]
    dry_run: bool
    written: tuple[Path, ...] = ()
    removed_temp_files: tuple[Path, ...] = ()

    @property
    def conflicts(self) -> int:
        return sum(len(f.conflicts) for f in self.files)

    @property
    def outcome(self) -> str:
        if self.conflicts:
            return "conflicts"
        if not any(f.changed for f in self.files):
            return "nothing_to_do"
        return "dry_run" if self.dry_run else "imported"


def import_sheet(
    sheet: Sheet,
    cat: Catalogue,
    data_dir: Path,
    *,
    provenance: Provenance | None = None,
    source: str | None = None,
    replace: bool = False,
    dry_run: bool = False,
    lock_timeout: float = LOCK_TIMEOUT,
) -> ImportResult:
    """Merge a sheet's figures into the reports; write only if every file checks and nothing conflicts."""
    groups: dict[tuple[int, str], list[Figure]] = {}
    for fig in sheet.figures:
        groups.setdefault((fig.year, fig.region), []).append(fig)
    regions = {r.code: i for i, r in enumerate(cat.regions)}
    keys = sorted(groups, key=lambda k: (k[0], regions.get(k[1], len(regions)), k[1]))
    index = report_index(data_dir, cat)  # the folder listed once, however many reports the sheet touches
    targets = [(key, index.path_for(*key, cat)) for key in keys]
    reports_dir = data_dir / "reports"
    removed: list[Path] = []
    if not dry_run and targets:
        check_writable(data_dir)
        try:
            reports_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteRefused(f"cannot create {reports_dir}: {exc.strerror or exc}") from None
        removed = remove_stale_temp_files(reports_dir)
    with contextlib.ExitStack() as stack:
        if not dry_run:
            deadline = time.monotonic() + lock_timeout
            # always in the same order, so two imports touching the same files cannot deadlock
            for path in sorted({p for _, p in targets}):
                stack.enter_context(locked(path, deadline, lock_timeout))
        files: list[FileUpdate] = []
        problems: list[Diagnostic] = []
        for key, path in targets:
            try:
                files.append(
                    plan_file(
                        cat,
                        path,
                        key,
                        groups[key],
                        sheet.name,
                        provenance=provenance,
                        source=source,
                        replace=replace,
                    )
                )
            except DataError as exc:
                problems.extend(exc.diagnostics)
        if problems:
            raise DataError(problems)
        result = ImportResult(sheet, tuple(files), dry_run, removed_temp_files=tuple(removed))
        if dry_run or result.conflicts:
            return result
        changed = [u for u in files if u.changed]
        _refuse_read_only(changed)
        written = _write_all(changed)
    return ImportResult(sheet, tuple(files), dry_run, tuple(written), tuple(removed))


def _refuse_read_only(updates: Sequence[FileUpdate]) -> None:
    """A report made read-only is refused, not replaced: the rename would replace it regardless
    of its mode (and root may write anything), so its mode is checked before anything is written."""
    problems = []
    for update in updates:
        if update.created:
            continue
        with contextlib.suppress(OSError):
            mode = update.path.stat().st_mode
            if not mode & 0o222 or not os.access(update.path, os.W_OK):
                message = f"{update.path.name} is read-only: not replaced; make it writable to import into it"
                problems.append(Diagnostic(str(update.path), None, None, "read-only", message))
    if problems:
        raise DataError(problems)


def _write_all(updates: Sequence[FileUpdate]) -> list[Path]:
    """Write every file, or, when one fails (disk full), put back those already written.

    Each file is replaced atomically; across files, the earlier ones are restored to their old
    bytes (or removed, if new) so that a refused import changes nothing. Only a kill between two
    files can leave some written and some not: each of them is then still whole.
    """
    done: list[tuple[Path, bytes | None]] = []
    for update in updates:
        try:
            old = None if update.created else update.path.read_bytes()
            atomic_write(update.path, update.text.encode("utf-8"))
        except OSError as exc:
            raise WriteRefused(f"cannot write {update.path}: {exc.strerror or exc}; {_undo(done)}") from None
        done.append((update.path, old))
    return [path for path, _ in done]


def _undo(done: Sequence[tuple[Path, bytes | None]]) -> str:
    """Put back the files an import had written; say what state the folder is left in."""
    if not done:
        return "nothing was written"
    failed: list[str] = []
    for path, old in reversed(done):
        try:
            if old is None:
                path.unlink()
            else:
                atomic_write(path, old)
        except OSError as exc:
            failed.append(f"{path} ({exc.strerror or exc})")
    if failed:
        holds = "they hold" if len(failed) > 1 else "it holds"
        return f"could not put back {', '.join(failed)}: {holds} the imported figures; check it"
    return f"put back {', '.join(str(path) for path, _ in done)} as it was: nothing was changed"

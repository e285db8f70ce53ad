"""Which files a command works on: the data folder, the report files behind a list of
arguments, and the output file it writes.

Every check here is about paths, made before any file is read, so that a mistyped folder
is a usage error (exit 2) rather than a missing catalogue that reads as bad data (exit 1).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dehong_cli.errors import DehongError, UsageError
from dehong_cli.files.atomic import atomic_stream
from dehong_cli.files.locations import DATA_ENV, find_data_dir, is_report_file, report_files
from dehong_cli.files.read import special_kind

CATALOGUE_NAME = "targets.yaml"


def data_dir(explicit: Path | None) -> Path:
    """The data folder; one named by --data-dir or $DEHONG_DATA_DIR must exist and hold targets.yaml.

    Checked here, once for every command: otherwise a typo'd folder reads as a missing catalogue,
    exit 1, as if the data were bad.
    """
    found = find_data_dir(explicit)
    if explicit is None and not os.environ.get(DATA_ENV):
        return found  # ./data with a targets.yaml, else the installed copy
    origin = "" if explicit is not None else f" (from ${DATA_ENV})"
    if not found.exists():
        raise UsageError(f"no such folder: {found}{origin}")
    if not found.is_dir():
        raise UsageError(f"{found} is a file, not a folder{origin}")
    if not os.path.lexists(found / CATALOGUE_NAME):  # a broken link or folder there: the loader says which
        raise UsageError(f"{found} has no {CATALOGUE_NAME}{origin}")
    return found


def catalogue_path(explicit: Path | None) -> Path:
    """The catalogue of the data folder (see data_dir)."""
    return data_dir(explicit) / CATALOGUE_NAME


def files_to_check(root: Path, paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The report files and the other catalogues that `dehong validate PATH...` checks.

    No paths: every report of the data folder. Otherwise a folder stands for the YAML files in
    it, and one with none is a usage error (a CI job pointed at the wrong folder must not pass).
    The data folder's own catalogue is always checked, so naming it adds nothing; any other
    targets.yaml is checked as a catalogue.
    """
    if not paths:
        return report_files(root), []
    targets = root / CATALOGUE_NAME
    reports: list[Path] = []
    catalogues: list[Path] = []
    for p in paths:
        if p.is_dir() and not p.is_symlink():
            found = sorted(q for q in p.iterdir() if is_report_file(q.name))
            if not found:
                raise UsageError(f"{p}: no .yaml files in this folder")
            reports.extend(q for q in found if q.name != CATALOGUE_NAME)
            catalogues.extend(q for q in found if q.name == CATALOGUE_NAME and not _same(q, targets))
        elif p.name == CATALOGUE_NAME:
            if not _same(p, targets):
                catalogues.append(p)
        else:
            reports.append(p)
    return reports, catalogues


def _same(a: Path, b: Path) -> bool:
    return a.exists() and b.exists() and a.resolve() == b.resolve()


PROTECTED_FOLDERS = ("reports", "tasks")  # the data folder's own files: never an output


def write_output(path: Path, payload: str | bytes, data: Path) -> None:
    """Write a command's output file atomically: a reader (or Excel) never sees half a file.
    Refused as `output_stream` refuses."""
    raw = payload.encode("utf-8") if isinstance(payload, str) else payload
    try:
        with output_stream(path, data) as fh:
            fh.write(raw)
    except OSError as exc:
        raise output_error(path, exc) from None


@contextlib.contextmanager
def output_stream(path: Path, data: Path) -> Iterator[IO[bytes]]:
    """A command's output file to write piece by piece, renamed into place only when complete.

    Refused (exit 2) when `path` is the catalogue or a file in reports/ or tasks/ of the data
    folder `data` (the export would replace the data it came from), or names something that is
    not a regular file: a folder, FIFO or socket. A character device (/dev/null, /dev/stdout) is
    written into, never replaced. A read-only file is refused, not replaced (exit 1). Every
    check is made before anything is read or written; an OSError while writing is the caller's
    to report (see output_error)."""
    target = path.resolve()
    _refuse_data_file(path, target, data.resolve())  # required: no command may forget its data folder
    try:
        mode: int | None = os.stat(target).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISCHR(mode):
        with open(target, "wb") as fh:
            yield fh
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(f"--output {path}: {special_kind(mode)}, not a file; name a file to write")
    if mode is not None and (not mode & 0o222 or not os.access(target, os.W_OK)):
        raise DehongError(f"{path} is read-only: not replaced; make it writable or name another file")
    with atomic_stream(target) as fh:
        yield fh


def output_error(path: Path, exc: OSError) -> DehongError:
    """The refusal of an output file that cannot be written."""
    return DehongError(f"cannot write {path}: {exc.strerror or exc}")


def _refuse_data_file(path: Path, target: Path, data: Path) -> None:
    inside = target == data / CATALOGUE_NAME or any(
        target.is_relative_to(data / folder) for folder in PROTECTED_FOLDERS
    )
    if inside:
        raise UsageError(
            f"--output {path} is in the data folder ({data}): a report, task or catalogue file "
            "is never replaced by an output; name a file outside reports/ and tasks/"
        )

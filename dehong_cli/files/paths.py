"""Which files a command works on: the data folder, the report files behind a list of
arguments, and the output file it writes.

Every check here is about paths, made before any file is read, so that a mistyped folder
is a usage error (exit 2) rather than a missing catalogue that reads as bad data (exit 1).
"""

from __future__ import annotations

import os
from pathlib import Path

from dehong_cli.errors import DehongError, UsageError
from dehong_cli.files.atomic import atomic_write
from dehong_cli.files.locations import DATA_ENV, find_data_dir, is_report_file, report_files

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


def write_output(path: Path, payload: str | bytes) -> None:
    """Write a command's output file atomically: a reader (or Excel) never sees half a file."""
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise DehongError(f"cannot write {path}: {exc.strerror or exc}") from None

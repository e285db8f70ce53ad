"""`dehong import` from start to end: check the arguments, read the sheet, merge it into the reports.

Usage errors come first, in a fixed order: a `-` without --input-format is refused before
stdin is read (or a pipe waited on), a bad $DEHONG_LOCK_TIMEOUT before the catalogue is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.files import paths, settings
from dehong_cli.importer.apply import ImportResult, import_sheet
from dehong_cli.importer.cumulative import resolve_cumulative
from dehong_cli.importer.limits import MAX_SOURCE_BYTES
from dehong_cli.importer.read import read_sheet
from dehong_cli.importer.sources import detect_format
from dehong_cli.importer.tasks import import_task_sheet, read_task_sheet, task_grid
from dehong_cli.importer.types import Options, SourceFormat
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.lookup import check_year, find_region
from dehong_cli.model.report import Provenance


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """What `dehong import` was asked to do, as given on the command line."""

    source: str  # a file name, or - for stdin
    year: int | None = None
    region: str | None = None  # as typed: code or name
    sheet: str | None = None
    provenance: Provenance | None = None
    source_text: str | None = None
    replace: bool = False
    dry_run: bool = False
    input_format: str | None = None  # csv, xlsx, json or yaml (the CLI's choices)


def run_import(
    data_dir: Path | None, request: ImportRequest, read_stdin: Callable[[int], bytes]
) -> tuple[ImportResult, Catalogue]:
    """Import the request's sheet into the reports of `data_dir`; the result and the catalogue it used."""
    given = cast(SourceFormat | None, request.input_format)
    detect_format(request.source, given)
    lock_timeout = settings.lock_timeout()
    cat = load_catalogue(paths.catalogue_path(data_dir))
    opts = Options(
        year=check_year(cat, request.year),
        region=find_region(cat, request.region).code if request.region else None,
        sheet=request.sheet,
        format=given,
    )
    # at most the limit and one byte: 300 MB piped in is refused after 20 MiB, not read whole
    data = read_stdin(MAX_SOURCE_BYTES + 1) if request.source == "-" else None
    if (grid := task_grid(Path(request.source), opts, data)) is not None:  # a 任务编号 column
        name = None if data is not None else Path(request.source).name
        tasks = import_task_sheet(
            read_task_sheet(cat, grid, opts, name),
            cat,
            paths.data_dir(data_dir),
            provenance=request.provenance,
            source=request.source_text,
            replace=request.replace,
            dry_run=request.dry_run,
            lock_timeout=lock_timeout,
        )
        return tasks, cat
    table = read_sheet(cat, Path(request.source), opts, data)
    table = resolve_cumulative(table, cat, paths.data_dir(data_dir))
    result = import_sheet(
        table,
        cat,
        paths.data_dir(data_dir),
        provenance=request.provenance,
        source=request.source_text,
        replace=request.replace,
        dry_run=request.dry_run,
        lock_timeout=lock_timeout,
    )
    return result, cat

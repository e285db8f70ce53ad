"""The validate run: the catalogue and many report files, on every core, then the rules across files.

Nothing here prints or exits: a `Result` goes back to the CLI, which renders it.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.report import load_report
from dehong_cli.errors import DataError
from dehong_cli.files.locations import report_key
from dehong_cli.files.yaml_read import Position, load
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic

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


@dataclass(frozen=True, slots=True)
class Checked:
    """One report file after checking: its key for cross-file rules, and what was wrong."""

    path: str
    diagnostics: list[Diagnostic]
    key: tuple[int, str] | None = None  # (year, region code) when the report loaded
    figures: dict[str, float] | None = None  # its figures, for the roll-up rule across files


def check_report_file(path: Path, cat: Catalogue) -> Checked:
    report, diagnostics = load_report(path, cat)
    key = report_key(report, cat) if report is not None else None
    return Checked(str(path), diagnostics, key, dict(report.figures()) if report is not None else None)


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


def _year_position(path: Path) -> Position:
    """Where a report says its year; positions are only worked out when they are reported."""
    try:
        return load(path).positions.of(("year",))
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
    from dehong_cli.checks.rollup import rollup_rules  # imports this module

    result.diagnostics.extend(rollup_rules(checked, cat))
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result

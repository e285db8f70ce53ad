"""The valid reports of a data directory, as typed `Report` objects, or a refusal of them all.

A status computed from a report that does not validate would be a number nobody can trust,
so one invalid report stops the run, with every problem of every file listed.

A command about some regions reads only their files (`regions=`): the files named for them and
any whose name gives no region (see files.locations.ReportIndex). Those are the files it checks
and refuses on; `dehong validate` is the check of the whole folder.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from dehong_cli.checks.report import load_report
from dehong_cli.checks.run import PARALLEL_THRESHOLD, Checked, cross_file_rules
from dehong_cli.errors import DataError
from dehong_cli.files.locations import report_files, report_index, report_key
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.report import Report

T = TypeVar("T")


class _Refusals:
    """What was checked so far, for the rules across files, and every error found."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        self.checked: list[Checked] = []
        self.errors: list[Diagnostic] = []

    def load(self, path: Path) -> Report | None:
        """The report at `path` when it is valid; its problems are kept either way."""
        report, diagnostics = load_report(path, self.cat)
        key = report_key(report, self.cat) if report is not None else None
        self.add(Checked(str(path), diagnostics, key))
        return report

    def add(self, checked: Checked) -> None:
        self.errors.extend(d for d in checked.diagnostics if d.severity == "error")
        self.checked.append(checked)

    def raise_if_any(self) -> None:
        self.errors.extend(d for d in cross_file_rules(self.checked, self.cat) if d.severity == "error")
        if self.errors:
            raise DataError(sorted(self.errors, key=Diagnostic.sort_key))


def load_reports(data_dir: Path, cat: Catalogue, regions: Collection[str] | None = None) -> list[Report]:
    """Every report in `data_dir/reports`, or those of `regions` (codes); raise DataError with all
    errors if any file read is invalid."""
    if regions is None:
        paths = report_files(data_dir)
    else:
        paths = report_index(data_dir, cat).for_regions(regions)
    seen = _Refusals(cat)
    reports = [r for r in map(seen.load, paths) if r is not None]
    seen.raise_if_any()
    if regions is None:
        return reports
    return [r for r in reports if report_key(r, cat)[1] in regions]  # an unkeyed file may be anyone's


def region_and_below(cat: Catalogue, code: str) -> set[str]:
    """A region's code and those of every region below it (children, their children...)."""
    below: dict[str | None, list[str]] = {}
    for r in cat.regions:
        below.setdefault(r.parent, []).append(r.code)
    found, todo = {code}, [code]
    while todo:
        for child in below.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def iter_reports(
    data_dir: Path, cat: Catalogue, convert: Callable[[Report], T], jobs: int | None = None
) -> Iterator[T]:
    """`convert` of every report, one at a time, by year and then region in catalogue order, so
    that memory stays flat however many there are; on every core when there are many (`convert`
    then runs in the workers, and what it returns must pickle). Once an invalid file is found
    nothing more is given, but every file is still checked; at the end DataError lists every
    error. A consumer writing what it is given must write somewhere it can throw away."""
    index = report_index(data_dir, cat)
    order = {r.code: i for i, r in enumerate(cat.regions)}
    items = [(key, path) for key, paths in index.by_key.items() for path in paths]
    for path in index.unkeyed:  # the name does not say where it goes: the content does
        report, _ = load_report(path, cat)
        items.append(((0, "") if report is None else report_key(report, cat), path))
    items.sort(key=lambda item: (item[0][0], order.get(item[0][1], len(order)), item[1].name))
    seen = _Refusals(cat)
    for checked, converted in _load_all([path for _, path in items], cat, convert, jobs):
        seen.add(checked)
        if converted is not None and not seen.errors:
            yield converted
    seen.raise_if_any()


_worker: tuple[Catalogue, Callable[[Report], Any]] | None = None
_CHUNK = 64  # files a worker loads per task


def _load_chunk(paths: Sequence[Path]) -> list[tuple[Checked, Any]]:
    assert _worker is not None
    cat, convert = _worker
    out = []
    for path in paths:
        report, diagnostics = load_report(path, cat)
        key = report_key(report, cat) if report is not None else None
        out.append((Checked(str(path), diagnostics, key), None if report is None else convert(report)))
    return out


def _start_worker(cat: Catalogue, convert: Callable[[Report], Any]) -> None:
    global _worker
    _worker = (cat, convert)  # forked: the parent's own objects
    gc.enable()  # the CLI runs with the collector off; a worker loads many files


def _load_all(
    paths: Sequence[Path], cat: Catalogue, convert: Callable[[Report], T], jobs: int | None
) -> Iterator[tuple[Checked, T | None]]:
    """Each file checked and converted, in order; in worker processes, a few chunks ahead of the
    consumer (never all: memory stays flat), when there are enough files to pay for them."""
    jobs = jobs or os.cpu_count() or 1
    methods = multiprocessing.get_all_start_methods()
    if jobs < 2 or len(paths) < PARALLEL_THRESHOLD or "fork" not in methods:
        _start_worker(cat, convert)
        for path in paths:
            yield from _load_chunk([path])
        return
    chunks = iter([paths[i : i + _CHUNK] for i in range(0, len(paths), _CHUNK)])
    gc.freeze()  # forked workers then share the parent's pages instead of copying them
    try:
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(cat, convert),
        ) as pool:
            pending = deque(pool.submit(_load_chunk, c) for c in itertools.islice(chunks, jobs * 4))
            while pending:
                done = pending.popleft().result()
                if (chunk := next(chunks, None)) is not None:
                    pending.append(pool.submit(_load_chunk, chunk))
                yield from done
    finally:
        gc.unfreeze()

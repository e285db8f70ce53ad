"""The valid reports of a data directory, as typed `Report` objects, or a refusal of them all.

A status computed from a report that does not validate would be a number nobody can trust,
so one invalid report stops the run, with every problem of every file listed.

A command about some regions reads only their files (`regions=`): the files named for them and
any whose name gives no region (see files.locations.ReportIndex). Those are the files it checks
and refuses on; `dehong validate` is the check of the whole folder.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

from dehong_cli.checks.report import load_report
from dehong_cli.checks.run import Checked, cross_file_rules
from dehong_cli.errors import DataError
from dehong_cli.files.locations import Key, report_files, report_index, report_key
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.report import Report


class _Refusals:
    """What was checked so far, for the rules across files, and every error found."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        self.checked: list[Checked] = []
        self.errors: list[Diagnostic] = []

    def load(self, path: Path) -> Report | None:
        """The report at `path` when it is valid; its problems are kept either way."""
        report, diagnostics = load_report(path, self.cat)
        self.errors.extend(d for d in diagnostics if d.severity == "error")
        key = report_key(report, self.cat) if report is not None else None
        self.checked.append(Checked(str(path), diagnostics, key))
        return report

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


def iter_reports(data_dir: Path, cat: Catalogue) -> Iterator[Report]:
    """Every report, one at a time, by year and then region in catalogue order, so that memory
    stays flat however many there are. Once an invalid file is found no more reports are given,
    but every file is still checked; at the end DataError lists every error. A consumer writing
    what it is given must therefore write somewhere it can throw away (a temporary file)."""
    index = report_index(data_dir, cat)
    seen = _Refusals(cat)
    order = {r.code: i for i, r in enumerate(cat.regions)}
    items: list[tuple[Key, Path, Report | None]] = []
    for path in index.unkeyed:  # their names do not say where they go: read them first
        report = seen.load(path)
        if report is not None:
            items.append((report_key(report, cat), path, report))
    items += [(key, path, None) for key, paths in index.by_key.items() for path in paths]
    items.sort(key=lambda item: (item[0][0], order.get(item[0][1], len(order)), item[1].name))
    for _, path, loaded in items:
        report = loaded if loaded is not None else seen.load(path)
        if report is not None and not seen.errors:
            yield report
    seen.raise_if_any()

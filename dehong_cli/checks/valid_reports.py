"""The valid reports of a data directory, as typed `Report` objects, or a refusal of them all.

A status computed from a report that does not validate would be a number nobody can trust,
so one invalid report stops the run, with every problem of every file listed.
"""

from __future__ import annotations

from pathlib import Path

from dehong_cli.checks.report import load_report
from dehong_cli.checks.run import Checked, cross_file_rules
from dehong_cli.errors import DataError
from dehong_cli.files.locations import report_files, report_key
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.report import Report


def load_reports(data_dir: Path, cat: Catalogue) -> list[Report]:
    """Every report in `data_dir/reports`; raise DataError with all errors if any is invalid."""
    reports: list[Report] = []
    checked: list[Checked] = []
    errors: list[Diagnostic] = []
    for path in report_files(data_dir):
        report, diagnostics = load_report(path, cat)
        errors.extend(d for d in diagnostics if d.severity == "error")
        key = None
        if report is not None:
            reports.append(report)
            key = report_key(report, cat)
        checked.append(Checked(str(path), diagnostics, key))
    errors.extend(d for d in cross_file_rules(checked, cat) if d.severity == "error")
    if errors:
        raise DataError(sorted(errors, key=Diagnostic.sort_key))
    return reports

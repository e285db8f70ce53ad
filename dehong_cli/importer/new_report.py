"""`dehong new-report`: a template for one year and region, checked as validate checks it, written
only where no report is yet (beside the import run: like it, it writes a report under its lock)."""

from __future__ import annotations

import time
from pathlib import Path

from dehong_cli.checks.report import report_from_document
from dehong_cli.errors import DataError
from dehong_cli.files.atomic import atomic_write
from dehong_cli.files.locations import check_writable, find_report, report_exists
from dehong_cli.files.locks import LOCK_TIMEOUT, WriteRefused, locked
from dehong_cli.files.yaml_read import parse
from dehong_cli.files.yaml_write import template
from dehong_cli.model.catalogue import Catalogue


def new_report(
    cat: Catalogue, data_dir: Path, year: int, region: str, lock_timeout: float = LOCK_TIMEOUT
) -> Path:
    """Write a template for `year` and `region` (a code); refuse if that report exists."""
    check_writable(data_dir)
    path = find_report(data_dir, cat, year, region)
    reports_dir = data_dir / "reports"
    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteRefused(f"cannot create {reports_dir}: {exc.strerror or exc}") from None
    with locked(path, time.monotonic() + lock_timeout, lock_timeout):
        if report_exists(path):
            raise WriteRefused(
                f"{path} already exists; new-report never overwrites a report "
                "(edit it by hand, or add figures with `dehong import`)"
            )
        text = template(cat, year, region)
        doc = parse(text, path)
        _, diagnostics = report_from_document(doc, cat)
        if any(d.severity == "error" for d in diagnostics):  # pragma: no cover - a bug, not bad input
            raise DataError(diagnostics)
        try:
            atomic_write(path, text.encode("utf-8"))
        except OSError as exc:
            raise WriteRefused(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from None
    return path

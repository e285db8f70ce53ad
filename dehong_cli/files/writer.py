"""Writing report files: stable YAML, templates, where a report goes, the lock.

A report is written the same way every time: header fields first, then one value per line
in catalogue order with the indicator's Chinese name as a comment, so the same data gives
the same bytes and a diff shows only what changed. Writers hold a per-file lock; an import
(`importer.merge`, `importer.apply`) plans, checks and writes its files with these.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from dehong_cli.checks.core import report_file_name, report_from_document, report_name
from dehong_cli.errors import DataError, DehongError
from dehong_cli.files import store
from dehong_cli.model.catalogue import Accrual, Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.report import Provenance, Report, ValueEntry

LOCK_TIMEOUT = 30.0  # seconds an import waits for another one writing the same report
COMMENT_COLUMN = 47  # where end-of-line comments start (as in the shipped reports), when there is room
TEMPLATE_SOURCE = "TODO: where the figures come from, e.g. 德宏州统计局《{year}年统计年鉴》"


class LockTimeout(DehongError):
    """Another import holds the report's lock for longer than we wait."""


class WriteRefused(DehongError):
    """The report exists already, or the data folder cannot be written."""


# ------------------------------------------------------------------------------ emitting


class _Dumper(yaml.SafeDumper):
    """PyYAML's emitter decides when a string needs quotes, in block and in flow context."""


_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


def _represent_str(dumper: _Dumper, data: str) -> yaml.ScalarNode:
    # A line break inside a value would spread it over several lines; escape it instead.
    style = '"' if _BREAKS.search(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(data: Any, *, flow: bool, quote: bool = False) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        width=1 << 30,  # never fold a long source or note over two lines
        default_flow_style=flow,
        default_style='"' if quote else None,
        sort_keys=False,
    )


def scalar(text: str, *, flow: bool = False, quote: bool = False) -> str:
    """A string as YAML: plain when that reads back as the same string, else quoted."""
    # store's rules, not PyYAML's (1.5e3 is text to PyYAML): what is written is what store reads back
    if not quote and not store.reads_as_text(text):
        quote = True
    if flow:
        return _dump([text], flow=True, quote=quote)[1:-2]  # "[x]\n"
    return _dump([text], flow=False, quote=quote)[2:].rstrip("\n")  # "- x\n"


def number(value: int | float) -> str:
    """Plain decimals only (12, 0.85, 1e-05): what our loader reads back as the same number."""
    if isinstance(value, bool):  # pragma: no cover - the model refuses booleans
        raise TypeError("a yes/no value is not a figure")
    return str(value) if isinstance(value, int) else repr(float(value))


def _entry(entry: ValueEntry | None) -> str:
    if entry is None:
        return ""
    value = "null" if entry.value is None else number(entry.value)
    if entry.source is None and entry.note is None:
        return value if entry.value is not None else "{value: null}"
    parts = [f"value: {value}"]
    if entry.source is not None:
        parts.append(f"source: {scalar(entry.source, flow=True)}")
    if entry.note is not None:
        parts.append(f"note: {scalar(entry.note, flow=True)}")
    return "{" + ", ".join(parts) + "}"


_ACCRUAL_WORDS = {
    Accrual.LEVEL: "level: 当年值（存量或比重）",
    Accrual.ADDITIONS: "additions: 当年新增",
    Accrual.ANNUAL: "annual: 当年数额",
}


def comment(cat: Catalogue, key: str, *, detail: bool = False) -> str:
    """The Chinese name and unit; with detail (for templates) also how yearly values combine."""
    if key not in cat.series:
        return ""
    ind, comp = cat.series[key]
    if comp is not None:
        text = f"{comp.name} ({cat.series_unit(key) or 'no unit'})"
        return f"{text} · {comp.role.value} of {ind.id}" if detail else text
    if ind.accrual is Accrual.QUALITATIVE:
        return f"{ind.name} (qualitative: a note, no figure)"
    if ind.accrual is Accrual.GROWTH_VS:
        return f"{ind.name} (no figure: give {' and '.join(c.id for c in ind.components)})"
    added = ", added this year" if ind.accrual is Accrual.ADDITIONS else ""
    text = f"{ind.name} ({cat.series_unit(key) or 'no unit'}{added})"
    return f"{text} · {_ACCRUAL_WORDS.get(ind.accrual, ind.accrual.value)}" if detail else text


def _with_comment(line: str, note: str) -> str:
    if not note:
        return line
    note = note.replace("\n", " ")
    return f"{line.ljust(COMMENT_COLUMN)}# {note}" if len(line) < COMMENT_COLUMN - 1 else f"{line}  # {note}"


def emit(report: Report, cat: Catalogue, *, preamble: str = "", detail: bool = False) -> str:
    """The report as YAML text: the same report always gives the same text."""
    region = report.region_in(cat)
    lines = preamble.splitlines()
    lines += [
        f"year: {report.year}",
        _with_comment(f"region: {scalar(report.region_key(cat), quote=True)}", region.name if region else ""),
        f"provenance: {report.provenance.value}",
        f"source: {scalar(report.source)}",
    ]
    if report.note is not None:
        lines.append(f"note: {scalar(report.note)}")
    if not report.values:
        lines.append("values: {}")
    else:
        lines.append("values:")
        order = [k for k in cat.series if k in report.values]
        order += [k for k in report.values if k not in cat.series]
        for key in order:
            text = _entry(report.values[key])
            line = f"  {scalar(key)}:" + (f" {text}" if text else "")
            lines.append(_with_comment(line, comment(cat, key, detail=detail)))
    return "\n".join(lines) + "\n"


def leading_comments(text: str) -> str:
    """The comment block at the top of a file (a template's instructions, a $schema line): kept on rewrite."""
    kept: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept)


def template(cat: Catalogue, year: int, region: str) -> str:
    """A report to fill in by hand: every series empty, with its name, unit and accrual."""
    home = cat.regions_by_key[region]
    report = Report.model_validate(
        {
            "year": year,
            "region": home.code,
            "provenance": Provenance.OFFICIAL.value,
            "source": TEMPLATE_SOURCE.format(year=year),
            "values": dict.fromkeys(cat.series),
        }
    )
    preamble = (
        f"# {year} report for {home.name} ({home.code}), written by `dehong new-report`.\n"
        "# Fill in the figures you have, in the unit named after each one; leave the others empty.\n"
        "# Percent: 0.8 means 0.8%. Replace the TODO in source; set provenance: estimate if the\n"
        "# figures are not official. Then run `dehong validate`."
    )
    return emit(report, cat, preamble=preamble, detail=True)


# ----------------------------------------------------------------------------- locking


def _lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def locked(path: Path, deadline: float, timeout: float) -> Iterator[None]:
    """Hold the report's lock (an flock on a sidecar file) until the block ends.

    The lock file is removed on release so no litter stays in reports/. A waiter may then
    hold a lock on a file that is gone, so after locking it checks the path still names
    the same file, and starts over if not.
    """
    lock = _lock_path(path)
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            # The first thing an import creates, so this is where a read-only folder shows.
            raise WriteRefused(
                f"cannot write in {path.parent} (creating the lock file {lock.name}): "
                f"{exc.strerror or exc}; nothing was changed"
            ) from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(
                            f"{path} is being written by another import (lock {lock}); gave up after "
                            f"{timeout:g} s. Nothing was changed; run the import again when it has finished"
                        ) from None
                    time.sleep(0.02)
            try:
                same = os.path.samestat(os.stat(lock), os.fstat(fd))
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def remove_stale_temp_files(reports_dir: Path) -> list[Path]:
    """Remove temporary files left by a write that was killed, unless that write is still going.

    Lock files left by a killed import go too (taking a free lock removes its file on release);
    they are not reported: a lock file is never data.
    """
    removed: list[Path] = []
    for tmp in sorted(store.stale_temp_files(reports_dir)):
        # .<name>.<random>.tmp, made by store.atomic_write while the writer holds <name>'s lock
        target = reports_dir / tmp.name[1:].removesuffix(".tmp").rsplit(".", 1)[0]
        try:
            with locked(target, deadline=0.0, timeout=0.0):
                tmp.unlink(missing_ok=True)
        except (LockTimeout, WriteRefused, OSError):
            continue  # in flight, or not ours to remove
        removed.append(tmp)
    for lock in sorted(reports_dir.glob(".*.lock")):
        target = reports_dir / lock.name[1:].removesuffix(".lock")
        with contextlib.suppress(LockTimeout, WriteRefused, OSError), locked(target, 0.0, 0.0):
            pass  # free: released at once, which removes the file
    return removed


def check_writable(data_dir: Path) -> None:
    installed = Path(__file__).resolve().parent.parent / "data"  # dehong_cli/data, put there by the wheel
    if installed.is_dir() and data_dir.resolve() == installed:
        raise WriteRefused(
            f"{data_dir} is the copy of data/ installed with the package; "
            "pass --data-dir (or set DEHONG_DATA_DIR) to the folder your reports live in"
        )


# ------------------------------------------------------------------------------ finding


def find_report(data_dir: Path, cat: Catalogue, year: int, code: str) -> Path:
    """The report file for a year and region: an existing one under any accepted name, else the usual name.

    A 2019.yml is found too, and then refused by its name (checks), rather than a 2019.yaml written beside it.
    """
    found = []
    for path in store.report_files(data_dir):
        parts = report_name(path.name)
        if parts is None or parts[0] != year:
            continue
        region = cat.regions_by_key.get(parts[1]) if parts[1] else cat.home_region
        if region is not None and region.code == code:
            found.append(path)
    if len(found) > 1:
        raise DataError(
            [
                Diagnostic(
                    str(p), 1, 1, "duplicate-report", f"one of {len(found)} reports for {year}, region {code}"
                )
                for p in found
            ]
        )
    return found[0] if found else data_dir / "reports" / report_file_name(year, code, cat)


def report_exists(path: Path) -> bool:
    """Whether a report is there. A broken link (or a loop of links) is not a free name: writing
    over it would replace the link with a file and report a "new file"; refuse it instead."""
    if not os.path.lexists(path):
        return False
    if path.is_symlink() and not path.exists():
        what = "a symlink loop" if _is_loop(path) else f"a broken link (to {os.readlink(path)})"
        raise DataError(
            [Diagnostic(str(path), 1, 1, "unreadable", f"is {what}; fix or remove it, then import again")]
        )
    return True


def _is_loop(path: Path) -> bool:
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


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
        doc = store.parse(text, path)
        _, diagnostics = report_from_document(doc, cat)
        if any(d.severity == "error" for d in diagnostics):  # pragma: no cover - a bug, not bad input
            raise DataError(diagnostics)
        try:
            store.atomic_write(path, text.encode("utf-8"))
        except OSError as exc:
            raise WriteRefused(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from None
    return path

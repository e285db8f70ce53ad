"""Which library should read .xlsx, .xls and .ods sheets (issue 13)? Speed, memory, fidelity.

    .venv/bin/pip install python-calamine xlrd xlwt odfpy      # the candidates, into the venv only
    python benchmarks/sheet_readers.py                         # from the repository root: ~10 min
    python benchmarks/sheet_readers.py --quick                 # one repetition, no million-row sheet

Each measurement is a fresh subprocess (`python benchmarks/sheet_readers.py --child READER FILE`)
that opens the file, reads every row of the first worksheet and counts rows and cells. The parent
takes its wall time and its peak RSS from os.wait4 (the kernel's ru_maxrss of that child), kills
it after --timeout seconds and caps its address space at --memory-gib. The bombs come from the
sheet corpus (tests/corpus/sheet_cases.py); the data sets are written under benchmarks/.data/sheets/
(gitignored). Fidelity is checked in this process on small files, and printed as a table.

Readers:
  calamine          python-calamine: CalamineWorkbook.from_path, sheet.to_python()
  calamine-iter     python-calamine: sheet.iter_rows(), stopping at --row-limit rows
  openpyxl-ro       openpyxl read_only=True, data_only=True, reset_dimensions(), iter_rows(values_only)
  openpyxl          openpyxl normal mode (data_only=True), iter_rows(values_only)
  guarded           the recommendation: zip directory checked first (sizes, ratio), then openpyxl-ro
                    with rows/columns/cells counted as they stream and refused at the limit
  xlrd              xlrd.open_workbook(formatting_info=True) (.xls only)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import threading
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data" / "sheets"
sys.path.insert(0, str(ROOT / "tests"))

from corpus import sheet_cases  # noqa: E402

# The limits the recommendation proposes (see benchmarks/SHEET_READERS.md)
MAX_MEMBER = 64 * 1024 * 1024  # one zip member, inflated
MAX_TOTAL = 100 * 1024 * 1024  # the whole workbook, inflated
MAX_RATIO = 200  # inflated / compressed, for members over 1 MiB
MAX_ROWS = 50_000
MAX_COLUMNS = 256
MAX_CELLS = 1_000_000


class Refused(Exception):
    pass


# ---------------------------------------------------------------------------------- readers


def zip_precheck(path: Path) -> None:
    """Refuse a workbook from its central directory alone: nothing is inflated."""
    with zipfile.ZipFile(path) as z:
        total = 0
        for info in z.infolist():
            total += info.file_size
            if info.file_size > MAX_MEMBER:
                raise Refused(f"{info.filename} inflates to {info.file_size / 2**20:.0f} MiB")
            if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise Refused(f"{info.filename} compresses {info.file_size // max(info.compress_size, 1)}:1")
        if total > MAX_TOTAL:
            raise Refused(f"the workbook inflates to {total / 2**20:.0f} MiB")


def read_calamine(path: Path, limit: int | None = None) -> Iterator[list[Any]]:
    import python_calamine as pc

    book = pc.CalamineWorkbook.from_path(str(path))
    sheet = book.get_sheet_by_index(0)
    if limit is None:
        yield from sheet.to_python()
        return
    for n, row in enumerate(sheet.iter_rows()):
        if n >= limit:
            raise Refused(f"more than {limit} rows")
        yield row


def read_openpyxl(path: Path, read_only: bool) -> Iterator[tuple[Any, ...]]:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    sheet = book.worksheets[0]
    if read_only:
        sheet.reset_dimensions()  # type: ignore[union-attr]  # as dehong does: <dimension> can lie
    yield from sheet.iter_rows(values_only=True)
    if read_only:
        book.close()


def read_guarded(path: Path) -> Iterator[tuple[Any, ...]]:
    """zip_precheck, then openpyxl read-only with the limits counted while streaming."""
    import openpyxl

    zip_precheck(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    # Never trust or use <dimension>: with it reset, iter_rows yields each parsed <row> (and an
    # empty tuple for each row number skipped), each as wide as its last cell: count as they come.
    sheet.reset_dimensions()  # type: ignore[union-attr]
    cells = 0
    for n, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if n > MAX_ROWS:
            raise Refused(f"row {n}: more than {MAX_ROWS:,} rows")
        if len(row) > MAX_COLUMNS:
            raise Refused(f"row {n}: column {len(row)} is past {MAX_COLUMNS}")
        cells += len(row)
        if cells > MAX_CELLS:
            raise Refused(f"row {n}: more than {MAX_CELLS:,} cells")
        yield row
    book.close()


def read_xlrd(path: Path) -> Iterator[list[Any]]:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    sheet = book.sheet_by_index(0)
    for r in range(sheet.nrows):
        yield sheet.row_values(r)


READERS: dict[str, Callable[[Path], Iterator[Any]]] = {
    "calamine": read_calamine,
    "calamine-iter": lambda p: read_calamine(p, MAX_ROWS),
    "openpyxl-ro": lambda p: read_openpyxl(p, True),
    "openpyxl": lambda p: read_openpyxl(p, False),
    "guarded": read_guarded,
    "xlrd": read_xlrd,
}


def child(reader: str, path: Path) -> None:
    start = time.perf_counter()
    rows = cells = 0
    outcome = "read"
    try:
        for row in READERS[reader](path):
            rows += 1
            cells += sum(1 for v in row if v is not None and v != "")
    except Refused as exc:
        outcome = f"refused: {exc}"
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {str(exc)[:80]}"
    print(
        json.dumps({"rows": rows, "cells": cells, "seconds": time.perf_counter() - start, "outcome": outcome})
    )


# ------------------------------------------------------------------------------- measuring


def measure(reader: str, path: Path, timeout: float, memory: int) -> dict[str, Any]:
    argv = [sys.executable, __file__, "--child", reader, str(path)]

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit)
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        proc.send_signal(signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    out: list[bytes] = []
    err: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: out.append(proc.stdout.read())),  # type: ignore[union-attr]
        threading.Thread(target=lambda: err.append(proc.stderr.read())),  # type: ignore[union-attr]
    ]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in threads:
        t.join()
    timer.cancel()
    wall = time.monotonic() - start
    result: dict[str, Any] = {"wall": wall, "mib": usage.ru_maxrss / 1024}
    if killed.is_set():
        result["outcome"] = f"killed after {timeout:.0f} s"
    elif proc.returncode != 0:
        tail = (err[0] if err else b"").decode("utf-8", "replace").strip().splitlines()
        result["outcome"] = f"exit {proc.returncode}: {(tail[-1] if tail else '')[:90]}"
    else:
        result.update(json.loads(out[0]))
    return result


def make_rows_xlsx(path: Path, n: int) -> None:
    names = ["培养创客", "国家高新技术企业", "企业孵化器", "创新创业导师"]

    def strings() -> Iterator[bytes]:
        head = f'<?xml version="1.0" encoding="UTF-8"?>\n<sst {sheet_cases._NS} count="6" uniqueCount="6">'
        yield head.encode()
        for text in ["指标", "数值", *names]:
            yield f"<si><t>{text}</t></si>".encode()
        yield b"</sst>"

    def body() -> Iterator[bytes]:
        yield b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        for r in range(2, n + 1):
            yield b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d"><v>%d</v></c></row>' % (
                r,
                r,
                2 + r % 4,
                r,
                r % 1000,
            )

    sheet = sheet_cases.XSheet("Sheet1", body, dimension=f"A1:B{n}")
    sheet_cases.write_xlsx(path, [sheet], shared=strings)


def make_rows_xls(path: Path, n: int) -> None:
    import xlwt  # type: ignore[import-untyped]

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    sheet.write(0, 0, "指标")
    sheet.write(0, 1, "数值")
    names = ["培养创客", "国家高新技术企业", "企业孵化器", "创新创业导师"]
    for r in range(1, n):
        sheet.write(r, 0, names[r % 4])
        sheet.write(r, 1, r % 1000)
    book.save(str(path))


def data_sets(quick: bool) -> dict[str, Path]:
    DATA.mkdir(parents=True, exist_ok=True)
    sets: dict[str, Path] = {}

    def made(name: str, maker: Callable[[Path], None]) -> None:
        path = DATA / name
        if not path.exists():
            maker(path)
        sets[name] = path

    made("rows-10k.xlsx", lambda p: make_rows_xlsx(p, 10_000))
    if not quick:
        made("rows-1m.xlsx", lambda p: make_rows_xlsx(p, 1_000_000))
        # under the zip limits (16 MiB inflated): only the row count, as it streams, refuses it
        made("rows-200k.xlsx", lambda p: make_rows_xlsx(p, 200_000))
    made("rows-10k.xls", lambda p: make_rows_xls(p, 10_000))
    for case, name in [
        ("xlsx-dimension-xfd", "bomb-far-cell.xlsx"),
        ("xlsx-empty-rows-bomb", "bomb-empty-rows.xlsx"),
        ("xlsx-shared-strings-bomb", "bomb-shared-strings.xlsx"),
    ]:
        made(name, lambda p, case=case: sheet_cases.GENERATORS[case](p, DATA))  # type: ignore[misc]
    return sets


# -------------------------------------------------------------------------------- fidelity


def fidelity() -> list[tuple[str, str, str, str, str]]:
    """(question, calamine, openpyxl-ro, openpyxl, xlrd) on small files from the corpus."""
    import openpyxl
    import python_calamine as pc
    import xlrd
    import xlwt

    folder = DATA / "fidelity"
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for case, name in [
        ("xlsx-percent-format", "percent.xlsx"),
        ("xlsx-cached-formula", "cached.xlsx"),
        ("xlsx-formula-not-saved", "not-saved.xlsx"),
        ("xlsx-hidden-first-sheet", "hidden.xlsx"),
        ("xlsx-merged-title-dates", "merged-dates.xlsx"),
        ("xls-legacy", "legacy.xls"),
        ("ods-sheet", "sheet.ods"),
    ]:
        files[name] = folder / name
        sheet_cases.GENERATORS[case](files[name], folder)
    # an .xls with a percentage, a date and a hidden first sheet (xlwt can write all three)
    book = xlwt.Workbook(encoding="utf-8")
    old = book.add_sheet("旧数据")
    old.write(0, 0, "old")
    old.visibility = 1
    new = book.add_sheet("2019")
    new.write(0, 0, 0.0085, xlwt.easyxf(num_format_str="0.00%"))
    new.write(1, 0, dt.date(2020, 1, 15), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    new.write(2, 0, xlwt.Formula("600+634"))
    files["formats.xls"] = folder / "formats.xls"
    book.save(str(files["formats.xls"]))

    def cal(name: str, r: int, c: int, sheet: int = 0) -> object:
        rows = pc.CalamineWorkbook.from_path(str(files[name])).get_sheet_by_index(sheet).to_python()
        return rows[r][c] if r < len(rows) and c < len(rows[r]) else None

    def opx(name: str, ref: str, ro: bool) -> tuple[object, str]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            b = openpyxl.load_workbook(files[name], read_only=ro, data_only=True)
        cell = b.worksheets[0][ref]
        return cell.value, getattr(cell, "number_format", "")

    def opx_formula(name: str, ref: str, ro: bool) -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            b = openpyxl.load_workbook(files[name], read_only=ro, data_only=False)
        return b.worksheets[0][ref].value

    rows: list[tuple[str, str, str, str, str]] = []
    v, f = cal("percent.xlsx", 1, 1), [opx("percent.xlsx", "B2", ro) for ro in (True, False)]
    rows.append(
        (
            "percent cell 0.0085 shown as 0.85% (.xlsx)",
            f"{v!r}, no number format exposed",
            f"{f[0][0]!r}, number_format {f[0][1]!r}",
            f"{f[1][0]!r}, number_format {f[1][1]!r}",
            "n/a",
        )
    )
    rows.append(
        (
            "formula with a cached value (.xlsx)",
            repr(cal("cached.xlsx", 1, 1)),
            repr(opx("cached.xlsx", "B2", True)[0]),
            repr(opx("cached.xlsx", "B2", False)[0]),
            "n/a",
        )
    )
    rows.append(
        (
            "formula with no cached value (.xlsx)",
            f"{cal('not-saved.xlsx', 5, 1)!r}: the same as a blank cell, formula not exposed",
            f"None; data_only=False gives {opx_formula('not-saved.xlsx', 'B6', True)!r}",
            f"None; data_only=False gives {opx_formula('not-saved.xlsx', 'B6', False)!r}",
            "n/a",
        )
    )
    meta = pc.CalamineWorkbook.from_path(str(files["hidden.xlsx"])).sheets_metadata
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        states = [
            (ws.title, ws.sheet_state) for ws in openpyxl.load_workbook(files["hidden.xlsx"]).worksheets
        ]
        ro_states = [
            (ws.title, ws.sheet_state)
            for ws in openpyxl.load_workbook(files["hidden.xlsx"], read_only=True).worksheets
        ]
    xbook = xlrd.open_workbook(str(files["formats.xls"]), formatting_info=True)
    rows.append(
        (
            "hidden first sheet: which sheets are visible",
            ", ".join(f"{m.name}={str(m.visible).rsplit('.', 1)[-1]}" for m in meta) + " (.xls/.ods too)",
            ", ".join(f"{t}={s}" for t, s in ro_states),
            ", ".join(f"{t}={s}" for t, s in states),
            ", ".join(f"{s.name}=visibility {s.visibility}" for s in xbook.sheets()),
        )
    )
    date_x = opx("merged-dates.xlsx", "C3", True)[0]
    xs = xbook.sheet_by_index(1)
    rows.append(
        (
            "date cell",
            repr(cal("merged-dates.xlsx", 2, 2)),
            repr(date_x),
            repr(opx("merged-dates.xlsx", "C3", False)[0]),
            f"{xs.cell_value(1, 0)!r} (a serial; xldate_as_datetime converts)",
        )
    )
    merged_c = pc.CalamineWorkbook.from_path(str(files["merged-dates.xlsx"])).get_sheet_by_index(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        merged_o = openpyxl.load_workbook(files["merged-dates.xlsx"]).worksheets[0].merged_cells.ranges
    rows.append(
        (
            "merged title row A1:C1",
            f"value in A1, '' in B1:C1; merged_cell_ranges {merged_c.merged_cell_ranges}",
            "value in A1, None in B1:C1; merges not exposed",
            f"value in A1, None in B1:C1; merged_cells {[str(r) for r in merged_o]}",
            "merged_cells with formatting_info=True",
        )
    )
    xf = xbook.xf_list[xs.cell_xf_index(0, 0)]
    rows.append(
        (
            ".xls: percent 0.0085 as 0.00%, formula 600+634",
            f"{cal('formats.xls', 0, 0, 1)!r}, no format; formula {cal('formats.xls', 2, 0, 1)!r}",
            "cannot read .xls",
            "cannot read .xls",
            f"{xs.cell_value(0, 0)!r}, format {xbook.format_map[xf.format_key].format_str!r}; "
            f"formula {xs.cell_value(2, 0)!r} (xlwt saves no value)",
        )
    )
    rows.append(
        (
            ".ods (odfpy sample)",
            f"reads: {cal('sheet.ods', 2, 1)!r}",
            "cannot read .ods",
            "cannot read .ods",
            "cannot read .ods",
        )
    )
    return rows


# ------------------------------------------------------------------------------------ main


def version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--child", nargs=2, metavar=("READER", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--memory-gib", type=float, default=12.0)
    parser.add_argument("--only", help="comma-separated data set names (default: all)")
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return 0
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    for name in ("python-calamine", "openpyxl", "xlrd", "xlwt", "odfpy"):
        print(f"  {name} {version(name)}")
    print(f"  load average {os.getloadavg()[0]:.2f}")
    sets = data_sets(args.quick)
    if args.only:
        sets = {k: v for k, v in sets.items() if k in args.only.split(",")}
    print("\n| file | size | reader | outcome | rows | wall s (median) | peak RSS MiB |")
    print("| --- | ---: | --- | --- | ---: | ---: | ---: |")
    for name, path in sets.items():
        readers = ["xlrd", "calamine"] if name.endswith(".xls") else [r for r in READERS if r != "xlrd"]
        big = name.startswith("bomb") or "1m" in name
        for reader in readers:
            results = [
                measure(reader, path, args.timeout, int(args.memory_gib * 2**30))
                for _ in range(1 if big or args.quick else args.reps)
            ]
            wall = statistics.median(r["wall"] for r in results)
            mib = max(r["mib"] for r in results)
            last = results[-1]
            print(
                f"| {name} | {path.stat().st_size / 2**20:.2f} MB | {reader} | {last.get('outcome', '')} "
                f"| {last.get('rows', '')} | {wall:.2f} | {mib:.0f} |",
                flush=True,
            )
    start = time.perf_counter()
    for name in ("bomb-empty-rows.xlsx", "bomb-shared-strings.xlsx"):
        try:
            zip_precheck(DATA / name)
        except Refused:
            pass
    print(f"\nzip_precheck on both zip bombs: {(time.perf_counter() - start) * 1000:.1f} ms in all")
    print("\n| question | calamine | openpyxl read-only | openpyxl | xlrd |")
    print("| --- | --- | --- | --- | --- |")
    for row in fidelity():
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The sheet corpus of issue 13 is well formed: every case has a file and an expectation, and back.

This module does not hold dehong to the expectations (most are the issue's work still to do):
it checks that each case can be made, within its stated size, and states what to run and what
must come of it. It also runs the cases marked kept-working, which pass today and must keep
passing when the reader changes, through the same checker the behavioural test will use.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest
from conftest import Invoke
from corpus import sheet_cases
from corpus.sheet_cases import BULLETS, DATA_KINDS, PLACES, SHEETS, Case

CASES = sheet_cases.load()
GENERATED = sorted(name for name, case in CASES.items() if case.committed is None)
SMALL = 64 * 1024


def test_every_case_has_one_source() -> None:
    """A committed file or a generator, never both; no stray generator or file."""
    for name, case in CASES.items():
        has_generator = name in sheet_cases.GENERATORS
        if case.committed is not None:
            # .xls/.ods samples are committed and may also be regenerated
            assert not has_generator or case.file.endswith((".xls", ".ods")), name
        else:
            assert has_generator, f"{name}: no sheets/{case.file} and no generator"
    assert set(sheet_cases.GENERATORS) <= set(CASES)
    committed = {p.name for p in SHEETS.iterdir()}
    assert committed == {c.file for c in CASES.values() if c.committed is not None}


def test_expectations_are_complete() -> None:
    assert len(CASES) >= 45
    assert {c.bullet for c in CASES.values()} == BULLETS, "every bullet of the issue has cases"
    for name, case in CASES.items():
        assert case.data in DATA_KINDS and case.place in PLACES, name
        assert case.reason and case.today and case.runs, name
        for run in case.runs:
            assert run.exit in (0, 1, 2), name
            assert run.args and "dehong" not in run.args, name
            if run.line is not None or run.col is not None or run.cell is not None:
                assert run.code, f"{name}: a located error names its code"
            refused_import = run.exit and run.args.startswith("import")
            if refused_import:
                assert run.unchanged or run.not_created, f"{name}: a refused import changes nothing"
            if run.exit == 0:
                assert run.code is None, name
            if run.output_text or run.output_no_formula:
                assert run.output, name


def _prepared(name: str, root: Path) -> sheet_cases.Work:
    try:
        return sheet_cases.prepare(CASES[name], root)
    except sheet_cases.Unavailable as exc:
        pytest.skip(str(exc))


@pytest.mark.parametrize("name", GENERATED)
def test_generator_makes_its_file(tmp_path: Path, name: str) -> None:
    case: Case = CASES[name]
    work = _prepared(name, tmp_path)
    mode = work.file.lstat().st_mode
    if name.startswith("fifo"):
        assert stat.S_ISFIFO(mode)
        return
    if name == "export-output-device":
        assert stat.S_ISCHR(mode)
        return
    assert stat.S_ISREG(mode), name
    size = work.file.stat().st_size
    low, high = case.size or (1, SMALL)
    assert low <= size <= high, f"{name}: {size:,} bytes, stated {low:,}–{high:,}"
    if work.file.suffix == ".xlsx":
        with zipfile.ZipFile(work.file) as z:
            assert "xl/workbook.xml" in z.namelist()
            inflated = sum(i.file_size for i in z.infolist())
        if name in ("xlsx-empty-rows-bomb", "xlsx-shared-strings-bomb"):
            assert inflated > 100 * size, f"{name}: a bomb inflates over 100 times ({inflated:,})"


def test_small_xlsx_read_back(tmp_path: Path) -> None:
    """The hand-made zip writer makes workbooks openpyxl reads, with the values meant."""
    import openpyxl

    work = _prepared("xlsx-cached-formula", tmp_path / "a")
    book = openpyxl.load_workbook(work.file, data_only=True)
    assert book.worksheets[0]["B2"].value == 1234
    work = _prepared("xlsx-percent-format", tmp_path / "b")
    cell = openpyxl.load_workbook(work.file).worksheets[0]["B2"]
    assert (cell.value, cell.number_format) == (0.0085, "0.00%")
    with zipfile.ZipFile(_prepared("xlsx-dimension-xfd", tmp_path / "c").file) as z:
        assert b'<dimension ref="A1:XFD1048576"/>' in z.read("xl/worksheets/sheet1.xml")


def test_committed_samples_are_what_they_say() -> None:
    """Git or an editor must not have rewritten the bytes these cases depend on."""
    assert (SHEETS / "legacy.xls").read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # OLE2, BIFF8
    with zipfile.ZipFile(SHEETS / "sheet.ods") as z:
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    assert (SHEETS / "thousands-unquoted.csv").read_bytes().endswith("培养创客,1,234\n".encode())
    assert b"\r" not in (SHEETS / "unclosed-quote.csv").read_bytes()


KEPT = sorted(
    name
    for name, case in CASES.items()
    if case.bullet == "kept-working" and all(not r.stdin and r.max_seconds is None for r in case.runs)
)


@pytest.mark.parametrize("name", KEPT)
def test_kept_working(cli: Invoke, tmp_path: Path, name: str) -> None:
    """What works today and must survive a new reader, through the behavioural test's checker."""
    work = _prepared(name, tmp_path)
    for run in CASES[name].runs:
        before = sheet_cases.snapshot(work.data)
        result = cli(*work.argv(run))
        outcome = sheet_cases.Outcome(result.exit_code, result.stdout + result.stderr, result.stdout)
        assert sheet_cases.check(work, run, outcome, before) == [], result.stdout + result.stderr


def test_checker_sees_a_wrong_outcome(tmp_path: Path) -> None:
    """The checker is not vacuous: today's silent loss of `1,234` is caught."""
    work = _prepared("csv-thousands-quoted", tmp_path)
    run = CASES["csv-thousands-unquoted"].runs[0]
    wrong = sheet_cases.Outcome(0, "imported", "")
    problems = sheet_cases.check(work, run, wrong, sheet_cases.snapshot(work.data))
    assert any("exit 0" in p for p in problems) and any("error[extra-cells]" in p for p in problems)
    assert os.path.isdir(work.data / "reports")

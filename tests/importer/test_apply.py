"""Importing a sheet's figures into the report files: added, unchanged, conflicts, --replace, the merged
report checked as validate checks it, the lock, and leftover temporary files."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

import pytest
from conftest import write

from dehong_cli.checks.report import report_from_document
from dehong_cli.errors import DataError
from dehong_cli.files.locations import find_report
from dehong_cli.files.locks import LockTimeout, WriteRefused
from dehong_cli.files.yaml_read import parse
from dehong_cli.importer.apply import import_sheet
from dehong_cli.importer.merge import ChangeKind
from dehong_cli.importer.new_report import new_report
from dehong_cli.importer.types import Cell, Figure, Sheet
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.report import Provenance, Report


def reads_back(text: str, cat: Catalogue, name: str = "2019.yaml") -> Report:
    doc = parse(text, Path(name))
    parsed, diagnostics = report_from_document(doc, cat)
    assert parsed is not None, diagnostics
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return parsed


# ------------------------------------------------------------------------------ merging


def fig(series: str, value: float, *, year: int = 2019, **extra: object) -> Figure:
    return Figure(year, "533100", series, value, Cell("sheet.csv", 2, 2, "row 2, column 数值"), **extra)  # type: ignore[arg-type]


def sheet(*figs: Figure) -> Sheet:
    return Sheet("sheet.csv", "sheet.csv", tuple(figs))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    return tmp_path


def test_new_report_then_nothing_to_do(cat: Catalogue, data: Path) -> None:
    s = sheet(fig("makers_trained", 900), fig("gdp", 380.5, source="州统计局"))
    first = import_sheet(s, cat, data)
    path = data / "reports" / "2019.yaml"
    assert first.outcome == "imported" and first.written == (path,)
    rep = reads_back(path.read_text(encoding="utf-8"), cat)
    assert rep.source == "州统计局"  # the sheet's own source, not its file name
    assert rep.values["gdp"] is not None and rep.values["gdp"].source is None
    before = path.stat().st_mtime_ns
    again = import_sheet(s, cat, data)
    assert again.outcome == "nothing_to_do" and again.written == ()
    assert path.stat().st_mtime_ns == before


def test_conflicts_are_all_listed_and_nothing_written(cat: Catalogue, data: Path) -> None:
    path = write(
        data / "reports" / "2019.yaml",
        "year: 2019\nprovenance: official\nsource: x\nvalues:\n  gdp: 380\n  makers_trained: 9\n",
    )
    before = path.read_bytes()
    result = import_sheet(
        sheet(fig("gdp", 381), fig("makers_trained", 10), fig("business_incubators", 3)), cat, data
    )
    assert result.outcome == "conflicts" and result.conflicts == 2 and result.written == ()
    assert path.read_bytes() == before
    replaced = import_sheet(
        sheet(fig("gdp", 381), fig("makers_trained", 10), fig("business_incubators", 3)),
        cat,
        data,
        replace=True,
    )
    assert [c.status for c in replaced.files[0].changes] == [
        ChangeKind.REPLACED,
        ChangeKind.ADDED,
        ChangeKind.REPLACED,
    ]
    assert reads_back(path.read_text(encoding="utf-8"), cat).figures() == {
        "gdp": 381,
        "business_incubators": 3,
        "makers_trained": 10,
    }


def test_equal_values_written_differently_are_unchanged(cat: Catalogue, data: Path) -> None:
    write(
        data / "reports" / "2019.yaml", "year: 2019\nprovenance: official\nsource: x\nvalues:\n  gdp: 380.0\n"
    )
    result = import_sheet(sheet(fig("gdp", 380)), cat, data)
    assert result.outcome == "nothing_to_do"


def test_a_provenance_change_is_a_conflict(cat: Catalogue, data: Path) -> None:
    write(data / "reports" / "2019.yaml", "year: 2019\nprovenance: official\nsource: x\nvalues: {}\n")
    result = import_sheet(sheet(fig("gdp", 1)), cat, data, provenance=Provenance.ESTIMATE)
    assert result.outcome == "conflicts"
    assert result.files[0].changes[0].field == "provenance"


def test_filling_a_template_keeps_its_comments_and_notes(cat: Catalogue, data: Path) -> None:
    path = new_report(cat, data, 2019, "533100")
    text = path.read_text(encoding="utf-8").replace("  gdp:", "  gdp: {value: null, note: 待统计局发布}")
    path.write_text(text, encoding="utf-8")
    import_sheet(sheet(fig("gdp", 380)), cat, data)
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# 2019 report for 德宏州 (533100), written by `dehong new-report`.")
    # the template's source is a TODO: the figure says where it came from
    assert "  gdp: {value: 380, source: sheet.csv, note: 待统计局发布}" in after


def test_the_merged_report_is_checked_and_the_cell_named(cat: Catalogue, data: Path) -> None:
    write(
        data / "reports" / "2019.yaml", "year: 2019\nprovenance: official\nsource: x\nvalues:\n  gdp: 400\n"
    )
    before = (data / "reports" / "2019.yaml").read_bytes()
    with pytest.raises(DataError) as exc:
        # 2 ÷ 400 × 100 = 0.5, not 0.9
        import_sheet(sheet(fig("rd_expenditure", 2), fig("rd_expenditure_gdp_ratio", 0.9)), cat, data)
    (only,) = exc.value.diagnostics
    assert only.code == "ratio-mismatch" and only.path == "sheet.csv"
    assert only.message.startswith("row 2, column 数值: 'rd_expenditure_gdp_ratio' is given as 0.9")
    assert (data / "reports" / "2019.yaml").read_bytes() == before


def test_an_invalid_existing_report_is_not_touched(cat: Catalogue, data: Path) -> None:
    path = write(
        data / "reports" / "2019.yaml", "year: 2019\nprovenance: official\nsource: x\nvalues:\n  gdp: 0x1F\n"
    )
    with pytest.raises(DataError, match="plain decimal"):
        import_sheet(sheet(fig("makers_trained", 1)), cat, data)
    assert "0x1F" in path.read_text(encoding="utf-8")


def test_a_report_under_another_accepted_name_is_found(cat: Catalogue, data: Path) -> None:
    write(
        data / "reports" / "2019-芒市.yaml",
        "year: 2019\nregion: 芒市\nprovenance: official\nsource: x\nvalues: {}\n",
    )
    figure = Figure(2019, "533103", "gdp", 88, Cell("s", 1, 1, "s"))
    result = import_sheet(sheet(figure), cat, data)
    assert result.written == (data / "reports" / "2019-芒市.yaml",)
    assert sorted(p.name for p in (data / "reports").iterdir()) == ["2019-芒市.yaml"]


def test_a_yml_report_is_refused_by_name_not_written_beside(cat: Catalogue, data: Path) -> None:
    path = write(data / "reports" / "2019.yml", "year: 2019\nprovenance: official\nsource: x\nvalues: {}\n")
    assert find_report(data, cat, 2019, "533100") == path
    with pytest.raises(DataError) as exc:
        import_sheet(sheet(fig("gdp", 1)), cat, data)
    assert [(d.path, d.code, d.message) for d in exc.value.diagnostics] == [
        (str(path), "file-name", "report files end in .yaml; rename 2019.yml to 2019.yaml")
    ]
    with pytest.raises(WriteRefused, match="already exists"):
        new_report(cat, data, 2019, "533100")
    assert sorted(p.name for p in (data / "reports").iterdir()) == ["2019.yml"]


def test_dry_run_writes_nothing(cat: Catalogue, tmp_path: Path) -> None:
    result = import_sheet(sheet(fig("gdp", 1)), cat, tmp_path, dry_run=True)
    assert result.outcome == "dry_run" and result.files[0].created
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------- locking


def hold_lock(path: Path) -> int:
    fd = os.open(path.parent / f".{path.name}.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_lock_timeout(cat: Catalogue, data: Path) -> None:
    fd = hold_lock(data / "reports" / "2019.yaml")
    try:
        started = time.monotonic()
        with pytest.raises(LockTimeout, match=r"gave up after 0\.2 s"):
            import_sheet(sheet(fig("gdp", 1)), cat, data, lock_timeout=0.2)
        assert time.monotonic() - started < 2
    finally:
        os.close(fd)
    assert not (data / "reports" / "2019.yaml").exists()


def test_the_second_import_waits_for_the_first(cat: Catalogue, data: Path) -> None:
    fd = hold_lock(data / "reports" / "2019.yaml")
    done = threading.Event()

    def run() -> None:
        import_sheet(sheet(fig("gdp", 1)), cat, data, lock_timeout=10)
        done.set()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert not done.wait(0.3)  # blocked on the lock
    finally:
        os.close(fd)
    thread.join(10)
    assert done.is_set()
    assert reads_back((data / "reports" / "2019.yaml").read_text(encoding="utf-8"), cat).figures() == {
        "gdp": 1
    }


def test_concurrent_imports_into_one_report_both_land(cat: Catalogue, data: Path) -> None:
    ids = [
        "makers_trained",
        "business_incubators",
        "innovation_teams",
        "core_technologies",
        "gdp",
        "rd_expenditure",
    ]
    barrier = threading.Barrier(len(ids))
    errors: list[BaseException] = []

    def run(series: str) -> None:
        try:
            barrier.wait()
            import_sheet(sheet(fig(series, 7)), cat, data, lock_timeout=20)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    rep = reads_back((data / "reports" / "2019.yaml").read_text(encoding="utf-8"), cat)
    assert rep.figures() == dict.fromkeys(ids, 7)
    assert sorted(p.name for p in (data / "reports").iterdir()) == ["2019.yaml"]  # no lock or temp litter


def test_leftover_temp_files_are_removed_but_not_in_flight_ones(cat: Catalogue, data: Path) -> None:
    reports = data / "reports"
    stale = write(reports / ".2018.yaml.k3j2a8x1.tmp", "half a rep")
    busy = write(reports / ".2017.yaml.zz9z9z9z.tmp", "being written")
    fd = hold_lock(reports / "2017.yaml")
    try:
        result = import_sheet(sheet(fig("gdp", 1)), cat, data)
    finally:
        os.close(fd)
    assert result.removed_temp_files == (stale,)
    assert not stale.exists() and busy.exists()

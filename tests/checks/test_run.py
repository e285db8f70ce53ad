"""checks/run.py: many files, the worker pool, the rules across files, the Result."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SHIPPED

from dehong_cli.checks import run
from dehong_cli.checks.run import PARALLEL_THRESHOLD, Checked, check_reports, cross_file_rules, validate
from dehong_cli.files.locations import report_files
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic

HEAD = "year: 2018\nprovenance: official\nsource: 州统计局\n"


# ---------------------------------------------------------------------------- many files


def test_cross_file_rules_name_the_first_report(cat: Catalogue) -> None:
    checked = [
        Checked("a/2018.yaml", [], (2018, "533100")),
        Checked("b/2018.yaml", [], (2018, "533100")),
        Checked("broken.yaml", [], None),
        Checked("c/2018-533103.yaml", [], (2018, "533103")),
        Checked("d/2018.yaml", [], (2018, "533100")),
    ]
    found = list(cross_file_rules(checked, cat))
    assert [(d.path, d.code) for d in found] == [
        ("b/2018.yaml", "duplicate-report"),
        ("d/2018.yaml", "duplicate-report"),
    ]
    assert all("a/2018.yaml" in d.message for d in found)


def test_duplicate_year_and_region_through_validate(cat: Catalogue, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "2018.yaml").write_text(HEAD, encoding="utf-8")
    (reports / "2018-德宏州.yaml").write_text(HEAD + "region: 德宏州\n", encoding="utf-8")
    result = validate(SHIPPED / "targets.yaml", report_files(tmp_path))
    assert [(Path(d.path).name, d.code) for d in result.errors] == [("2018.yaml", "duplicate-report")]
    assert result.files == 3


def _many_reports(folder: Path, count: int) -> list[Path]:
    """Valid, invalid and duplicated reports, in every county and year."""
    regions = ["533100", "533103", "533102", "533122", "533123", "533124"]
    paths = []
    for i in range(count):
        year, region = 2016 + i % 10, regions[i // 10 % len(regions)]
        name = f"{year}.yaml" if region == "533100" else f"{year}-{region}.yaml"
        body = f"year: {year}\nregion: '{region}'\nprovenance: official\nsource: x\nvalues:\n"
        body += ["  makers_trained: 10\n", "  makers_trained: 1.5\n", "  gdp: 0x1F\n", "  gpd: 1\n"][i % 4]
        path = folder / f"{i:03d}" / name
        path.parent.mkdir()
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def test_check_reports_in_parallel_gives_the_same_result(cat: Catalogue, tmp_path: Path) -> None:
    paths = _many_reports(tmp_path, 80)
    assert len(paths) >= PARALLEL_THRESHOLD
    serial = check_reports(paths, cat, jobs=1)
    parallel = check_reports(paths, cat, jobs=2)
    assert parallel == serial
    assert [c.path for c in parallel] == [str(p) for p in paths]  # in the order given
    assert sum(bool(c.diagnostics) for c in serial) == 60


def test_check_reports_uses_worker_processes_for_many_files(
    cat: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def where_checked(path: Path, cat: Catalogue) -> Checked:
        return Checked(str(path), [], (os.getpid(), ""))

    monkeypatch.setattr(run, "check_report_file", where_checked)
    paths = [tmp_path / f"{i}.yaml" for i in range(PARALLEL_THRESHOLD)]
    pids = {c.key[0] for c in check_reports(paths, cat, jobs=2) if c.key}
    assert pids and os.getpid() not in pids
    few = check_reports(paths[:3], cat, jobs=2)
    assert {c.key[0] for c in few if c.key} == {os.getpid()}


def test_validate_collects_every_file_sorted(tmp_path: Path) -> None:
    a = tmp_path / "a" / "2018.yaml"
    b = tmp_path / "b" / "2019.yaml"
    for path, text in ((b, "year: 2019\nprovenance: x\nsource: y\n"), (a, HEAD + "values:\n  gdp: -1\n")):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    result = validate(SHIPPED / "targets.yaml", [b, a])
    assert result.files == 3
    assert [(d.path, d.code) for d in result.diagnostics] == [(str(a), "negative"), (str(b), "schema")]
    assert result.diagnostics == sorted(result.diagnostics, key=Diagnostic.sort_key)


def test_validate_stops_at_a_broken_catalogue(tmp_path: Path) -> None:
    targets = tmp_path / "targets.yaml"
    targets.write_text("schema_version: 1\n", encoding="utf-8")
    report_path = tmp_path / "2018.yaml"
    report_path.write_text("not: checked\n", encoding="utf-8")
    result = validate(targets, [report_path])
    assert result.files == 2  # files named, checked or not
    assert {d.path for d in result.diagnostics} == {str(targets)}
    assert {d.code for d in result.errors} == {"missing-field"}

"""files/locations.py: finding the data folder, listing report files, a report's name and key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SHIPPED, Invoke

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.errors import DataError
from dehong_cli.files.locations import (
    DATA_ENV,
    find_data_dir,
    packaged_data_dir,
    report_file_name,
    report_files,
    report_key,
    report_name,
)
from dehong_cli.model.report import Report

# ----------------------------------------------------------------------- data directory


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A working directory with ./data holding a targets.yaml, and two other folders."""
    work = tmp_path / "work"
    (work / "data").mkdir(parents=True)
    (work / "data" / "targets.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    monkeypatch.chdir(work)
    return {"explicit": tmp_path / "explicit", "env": tmp_path / "env"}


def test_find_data_dir_explicit_beats_everything(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_ENV, str(places["env"]))
    assert find_data_dir(places["explicit"]) == places["explicit"]


def test_find_data_dir_env_beats_local(places: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_ENV, str(places["env"]))
    assert find_data_dir(None) == places["env"]


def test_find_data_dir_local_with_targets(places: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_ENV, "")  # set but empty: not a choice
    assert find_data_dir(None) == Path("data")


def test_find_data_dir_packaged_when_local_has_no_catalogue(places: dict[str, Path]) -> None:
    (Path("data") / "targets.yaml").unlink()
    found = find_data_dir(None)
    assert found == packaged_data_dir()
    assert (found / "targets.yaml").is_file()


def test_cli_uses_the_same_precedence(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch, cli: Invoke
) -> None:
    """`dehong schema report` reads the catalogue it finds: a broken one says where it is."""
    run = cli
    for name in ("explicit", "env"):
        places[name].mkdir()
        (places[name] / "targets.yaml").write_text(f"{name}: [\n", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(places["env"]))
    assert str(places["explicit"]) in run("schema", "report", "--data-dir", places["explicit"]).stderr
    assert str(places["env"]) in run("schema", "report").stderr
    monkeypatch.delenv(DATA_ENV)
    assert "data/targets.yaml" in run("schema", "report").stderr


# ------------------------------------------------------------------------- report files


def test_report_files_lists_yaml_sorted_without_hidden(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in (
        "2019.yaml",
        "2018-533103.yaml",
        "2018.yaml",
        ".2018.yaml.x.tmp",
        "notes.txt",
        ".hidden.yaml",
    ):
        (reports / name).write_text("", encoding="utf-8")
    assert [p.name for p in report_files(tmp_path)] == ["2018-533103.yaml", "2018.yaml", "2019.yaml"]


def test_report_files_without_a_reports_folder(tmp_path: Path) -> None:
    assert report_files(tmp_path) == []


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: p.write_text("x", encoding="utf-8"), "not-a-folder"),
        (lambda p: p.symlink_to(p.name), "unreadable"),
        (lambda p: p.symlink_to("gone"), "unreadable"),
    ],
    ids=["file", "symlink-loop", "dangling-symlink"],
)
def test_report_files_refuses_an_unlistable_reports_folder(
    tmp_path: Path, make: Callable[[Path], object], code: str
) -> None:
    make(tmp_path / "reports")
    with pytest.raises(DataError) as caught:
        report_files(tmp_path)
    (d,) = caught.value.diagnostics
    assert (d.path, d.code) == (str(tmp_path / "reports"), code)


# --------------------------------------------------------------------- a report's name and key


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("2019.yaml", (2019, None)),
        ("2019-533103.yaml", (2019, "533103")),
        ("2019-芒市.yaml", (2019, "芒市")),
        ("2019.yml", (2019, None)),  # taken, so that checks can refuse the ending
        ("19.yaml", None),
        ("notes.yaml", None),
    ],
)
def test_report_name(name: str, parts: tuple[int, str | None] | None) -> None:
    assert report_name(name) == parts


def test_report_key_and_file_name_agree_for_a_name_or_a_code() -> None:
    cat = load_catalogue(SHIPPED / "targets.yaml")
    by_name = Report.model_validate({"year": 2019, "region": "芒市", "provenance": "official", "source": "x"})
    by_code = by_name.model_copy(update={"region": "533103"})
    assert report_key(by_name, cat) == report_key(by_code, cat) == (2019, "533103")
    assert report_file_name(2019, "533103", cat) == "2019-533103.yaml"
    assert report_file_name(2019, cat.plan.region, cat) == "2019.yaml"
    assert report_name(report_file_name(2019, "533103", cat)) == (2019, "533103")


@pytest.mark.parametrize("name", ["../escaped.yaml", "2019-x/../../../escaped.yaml", "a/b.yaml", "..", ""])
def test_a_report_name_from_data_never_leads_outside_reports(tmp_path: Path, name: str) -> None:
    from dehong_cli.files.locations import inside_reports

    (tmp_path / "reports").mkdir()
    with pytest.raises(DataError) as exc:
        inside_reports(tmp_path, name)
    assert exc.value.diagnostics[0].code == "path"


def test_a_plain_report_name_is_inside_reports(tmp_path: Path) -> None:
    from dehong_cli.files.locations import inside_reports

    assert inside_reports(tmp_path, "2019-533103.yaml") == tmp_path / "reports" / "2019-533103.yaml"


def test_the_report_index_builds_a_new_name_through_inside_reports(tmp_path: Path) -> None:
    """A name for a report not yet written comes from a region code (data): the index refuses one
    that leads outside reports/, as find_report always has."""
    from dehong_cli.files.locations import report_index

    cat = load_catalogue(SHIPPED / "targets.yaml")
    (tmp_path / "reports").mkdir()
    index = report_index(tmp_path, cat)
    assert index.path_for(2019, "533103", cat) == tmp_path / "reports" / "2019-533103.yaml"
    with pytest.raises(DataError) as exc:
        index.path_for(2019, "x/../../../escaped", cat)
    assert exc.value.diagnostics[0].code == "path"

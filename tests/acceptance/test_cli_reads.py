"""What a command reads: only the files it needs (issue 11, "any depth, any size").

`status --region R` and `show --region R` read R's files and those of the regions below it;
`status` the plan's region and its counties; `import` lists the reports folder once. Files a
command does not read are not checked by it: `dehong validate` is the check of the whole folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke, write

from dehong_cli.checks import valid_reports
from dehong_cli.files import locations

MANGSHI = "533103"
RUILI = "533102"
NUJIANG, LUSHUI = "533300", "533301"  # another prefecture and its county, added to the catalogue
OTHER = f"""
  - code: '{NUJIANG}'
    name: 怒江州
    name_en: Nujiang Prefecture
    level: prefecture
  - code: '{LUSHUI}'
    name: 泸水市
    name_en: Lushui
    level: county
    parent: '{NUJIANG}'"""


@pytest.fixture
def two_prefectures(data_dir: Path) -> Path:
    """The shipped data with a second prefecture and its county in the catalogue, one report each."""
    targets = data_dir / "targets.yaml"
    head, sep, tail = targets.read_text(encoding="utf-8").partition("\nstrands:\n")
    targets.write_text(head.rstrip("\n") + OTHER + "\n" + sep + tail, encoding="utf-8")
    for code in (NUJIANG, LUSHUI):
        _county_report(data_dir, 2019, code)
    return data_dir


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the report files the command loads, in order."""
    names: list[str] = []
    real = valid_reports.load_report

    def spy(path: Path, cat: Any) -> Any:
        names.append(path.name)
        return real(path, cat)

    monkeypatch.setattr(valid_reports, "load_report", spy)
    return names


def _county_report(data_dir: Path, year: int, code: str, name: str | None = None) -> Path:
    text = f"year: {year}\nregion: '{code}'\nprovenance: official\nsource: 县统计局\n"
    text += "values:\n  makers_trained: 10\n"
    return write(data_dir / "reports" / (name or f"{year}-{code}.yaml"), text)


def _dehong(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "reports").glob("*.yaml") if "-5333" not in p.name)


def test_status_of_a_county_opens_its_prefectures_files_only(
    cli: Invoke, two_prefectures: Path, opened: list[str]
) -> None:
    """A county's share is of its parent's total: the parent's family is read, nobody else's."""
    result = cli("status", "--region", LUSHUI, "--data-dir", two_prefectures)
    assert result.exit_code == 0, result.stderr
    assert opened == [f"2019-{NUJIANG}.yaml", f"2019-{LUSHUI}.yaml"]


def test_show_of_a_county_opens_its_prefectures_files_only(
    cli: Invoke, two_prefectures: Path, opened: list[str]
) -> None:
    result = cli("show", "makers_trained", "--region", "芒市", "--data-dir", two_prefectures)
    assert result.exit_code == 0, result.stderr
    assert sorted(opened) == _dehong(two_prefectures)


def test_status_of_the_prefecture_opens_its_files_and_its_counties(
    cli: Invoke, two_prefectures: Path, opened: list[str]
) -> None:
    _county_report(two_prefectures, 2019, RUILI)
    result = cli("status", "--data-dir", two_prefectures)
    assert result.exit_code == 0, result.stderr
    assert sorted(opened) == _dehong(two_prefectures)
    assert "2019-533102.yaml" in opened


def test_another_prefectures_invalid_file_does_not_stop_status_but_stops_validate(
    cli: Invoke, two_prefectures: Path
) -> None:
    bad = write(two_prefectures / "reports" / f"2019-{LUSHUI}.yaml", "year: 2019\nvalues: {gdp: 0x1F}\n")
    assert cli("status", "--region", "芒市", "--data-dir", two_prefectures).exit_code == 0
    assert cli("status", "--data-dir", two_prefectures).exit_code == 0
    refused = cli("status", "--region", NUJIANG, "--data-dir", two_prefectures)
    assert refused.exit_code == 1 and bad.name in refused.stderr
    assert cli("validate", "--data-dir", two_prefectures).exit_code == 1


def test_a_file_whose_name_names_no_region_is_read_by_every_command(
    cli: Invoke, data_dir: Path, opened: list[str]
) -> None:
    _county_report(data_dir, 2020, MANGSHI, name="芒市补报.yaml")
    result = cli("status", "--region", "芒市", "--year", "2020", "--format", "json", "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    assert "芒市补报.yaml" in opened
    assert '"as_of": 2020' in result.stdout  # its figure counts


def test_a_county_file_named_by_the_region_name_is_its_own(
    cli: Invoke, data_dir: Path, opened: list[str]
) -> None:
    _county_report(data_dir, 2020, MANGSHI, name="2020-芒市.yaml")
    result = cli("status", "--region", "芒市", "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    assert "2020-芒市.yaml" in opened


def test_a_duplicate_under_another_name_still_refuses(cli: Invoke, data_dir: Path) -> None:
    _county_report(data_dir, 2019, MANGSHI, name="2019-芒市.yaml")
    result = cli("status", "--region", "芒市", "--data-dir", data_dir)
    assert result.exit_code == 1
    assert "duplicate-report" in result.stderr


def test_import_lists_the_reports_folder_once(
    cli: Invoke, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nine (year, region) pairs, one listing: not one per report the sheet touches."""
    listed: list[Path] = []
    real = locations.report_files

    def spy(folder: Path) -> list[Path]:
        listed.append(folder)
        return real(folder)

    monkeypatch.setattr(locations, "report_files", spy)
    rows = [
        f"{y},{r},makers_trained,{y - 2000}\n" for y in (2017, 2018, 2019) for r in ("芒市", "瑞丽", "盈江")
    ]
    sheet = write(tmp_path / "sheet.csv", "年份,地区,指标,数值\n" + "".join(rows))
    result = cli("import", sheet, "--replace", "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    for year in (2017, 2018, 2019):
        for code in (MANGSHI, RUILI, "533123"):
            assert (data_dir / "reports" / f"{year}-{code}.yaml").is_file()
    assert listed == [data_dir]

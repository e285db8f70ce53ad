"""A cumulative figure (累计) for an additions goal is stored as the year's addition, and says how."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import Invoke, write


def _without_2019(data_dir: Path) -> Path:
    (data_dir / "reports" / "2019.yaml").unlink()
    (data_dir / "reports" / "2019-533103.yaml").unlink()
    return data_dir


def _stored(data_dir: Path, name: str = "2019.yaml") -> object:
    values = yaml.safe_load((data_dir / "reports" / name).read_text(encoding="utf-8"))["values"]
    entry = values["makers_trained"]
    return entry["value"] if isinstance(entry, dict) else entry


def test_a_cumulative_header(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    sheet = write(tmp_path / "s.csv", "指标,2017—2019年累计完成\n培养创客,3200\n")
    result = cli("import", sheet, "--year", "2019", "--data-dir", _without_2019(data_dir))
    assert result.exit_code == 0, result.stderr
    assert "累计 3200 − earlier 2000 = 1200" in result.stdout
    assert _stored(data_dir) == 1200


def test_a_cumulative_note_and_the_json_change_list(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    sheet = write(tmp_path / "s.csv", "指标,数值,备注\n培养创客,3200,2017年以来累计\n")
    args = ("import", sheet, "--year", "2019", "--format", "json", "--data-dir", _without_2019(data_dir))
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    change = json.loads(result.stdout)["files"][0]["changes"][0]
    assert (change["new"], change["derivation"]) == (1200, "累计 3200 − earlier 2000 = 1200")


def test_a_county_subtracts_its_own_years(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    sheet = write(tmp_path / "s.csv", "指标,2018—2019年累计\n培养创客,620\n")
    result = cli("import", sheet, "--year", "2019", "--region", "芒市", "--data-dir", _without_2019(data_dir))
    assert result.exit_code == 0, result.stderr
    assert _stored(data_dir, "2019-533103.yaml") == 320


def test_refused_when_an_earlier_year_is_missing(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    _without_2019(data_dir)
    (data_dir / "reports" / "2018.yaml").unlink()
    before = sorted(p.name for p in (data_dir / "reports").iterdir())
    sheet = write(tmp_path / "s.csv", "指标,累计完成\n培养创客,3200\n")
    result = cli("import", sheet, "--year", "2019", "--data-dir", data_dir)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{sheet}:2:2: error[cumulative]: row 2, column 累计完成: 累计 3200")
    assert "no 2018 figure is stored" in result.stderr
    assert sorted(p.name for p in (data_dir / "reports").iterdir()) == before


def test_a_level_goal_takes_a_cumulative_figure_as_it_is(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    sheet = write(tmp_path / "s.csv", "指标,累计\n国家高新技术企业,11\n")
    result = cli("import", sheet, "--year", "2020", "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    assert "累计 11" not in result.stdout

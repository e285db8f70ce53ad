"""A second, invented plan (tests/plans/other): nothing outside data/ may assume 德发〔2017〕7号.

Another region (990100, two counties), baseline 2020, target year 2025, a `number` goal, a
lower-is-better goal, and level, additions and annual goals. Every status below is worked out by
hand with the README's method: CAGR for level goals, an even pace for additions.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, Invoke

OTHER = ROOT / "tests" / "plans" / "other"


@pytest.fixture
def other(tmp_path: Path) -> Path:
    target = tmp_path / "other"
    shutil.copytree(OTHER, target)
    return target


def status_json(cli: Invoke, data: Path, *args: str) -> dict[str, dict[str, object]]:
    result = cli("status", "--format", "json", "--data-dir", data, *args)
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    return {"": payload, **{i["id"]: i for i in payload["indicators"]}}


def test_validate_accepts_the_other_plan(cli: Invoke, other: Path) -> None:
    result = cli("validate", "--lang", "en", "--data-dir", other)
    assert result.exit_code == 0, result.stdout
    assert "error" not in result.stdout
    assert "ok: 7 files valid" in result.stderr


def test_status_json_by_hand(cli: Invoke, other: Path) -> None:
    by_id = status_json(cli, other)
    head = by_id[""]
    assert head["plan"] == "测发〔2021〕1号"
    assert head["as_of"] == 2023
    assert head["region"] == {
        "code": "990100",
        "name": "测试市",
        "name_en": "Test City",
        "level": "prefecture",
    }

    # level, number: (9/6)^(1/3) − 1 = 14.47%/yr against (12/6)^(1/5) − 1 = 14.87%/yr: R = 0.973
    patents = by_id["patents_per_10k"]
    assert patents["status"] == "on_track"
    assert patents["baseline"] == {"year": 2020, "value": 6}  # from 2020.yaml, which names no region
    assert patents["actual_cagr"] == pytest.approx(14.4714, abs=1e-3)
    assert patents["required_cagr"] == pytest.approx(14.8698, abs=1e-3)
    assert patents["ratio"] == pytest.approx(0.97321, abs=1e-4)
    assert (patents["gap"], patents["progress"]) == (3, 0.5)
    assert patents["reason_code"] == "cagr_pace"

    # level, lower is better: 0.94^(1/3) − 1 = −2.04%/yr against 0.8^(1/5) − 1 = −4.36%/yr: R = 0.4677
    energy = by_id["energy_per_gdp"]
    assert energy["status"] == "limited"
    assert energy["ratio"] == pytest.approx(0.46770, abs=1e-4)
    assert energy["gap"] == pytest.approx(0.07)
    assert energy["progress"] == pytest.approx(0.3)

    # additions: 80 + 100 + 70 = 250 against 500 × (2023 − 2020) / 5 = 300: R = 0.833
    startups = by_id["startups_incubated"]
    assert startups["status"] == "moderate"
    assert (startups["achieved"], startups["expected"]) == (250, 300)
    assert startups["ratio"] == pytest.approx(0.833333, abs=1e-5)
    assert "added 2021–2023" in startups["reason"]

    # annual: 2022's 900 misses 1,000; a missed year cannot be made up
    fund = by_id["innovation_fund"]
    assert fund["status"] == "not_achieved"
    assert fund["gap"] == 100
    assert fund["progress"] == pytest.approx(2 / 5)  # two of the period's five years met
    assert [y["year"] for y in fund["years"]] == [2021, 2022, 2023]
    assert fund["reason_args"]["missed"] == [{"year": 2022, "value": 900}]


def test_status_for_a_county_named_by_name(cli: Invoke, other: Path) -> None:
    # (3/2)^(1/3) − 1 = 14.47%/yr against (12/2)^(1/5) − 1 = 43.10%/yr: R = 0.336
    patents = status_json(cli, other, "--region", "甲县")["patents_per_10k"]
    assert patents["status"] == "limited"
    assert patents["ratio"] == pytest.approx(0.33577, abs=1e-4)


def test_status_table_names_the_other_plan(cli: Invoke, other: Path) -> None:
    result = cli("status", "--data-dir", other, "--lang", "en")
    assert result.exit_code == 0
    out = result.stdout
    assert "测发〔2021〕1号 2025 goals — Test City (990100), as of 2023" in out
    assert "on_track 1 · moderate 1 · limited 1 · not_achieved 1  (4 goals)" in out
    for assumed in ("德发", "德宏", "533100", "2016", "2017", "2020 goals"):
        assert assumed not in out


def test_a_verdict_waits_for_the_other_plans_target_year(cli: Invoke, other: Path) -> None:
    by_id = status_json(cli, other, "--year", "2025")
    patents = by_id["patents_per_10k"]
    assert patents["status"] == "awaiting_data" and patents["awaiting_year"] == 2025
    assert patents["final"] is False
    startups = by_id["startups_incubated"]
    assert startups["awaiting_year"] == 2025 and startups["provisional"] == "moderate"
    assert startups["reason"].startswith("awaiting the 2024, 2025 figures; provisionally moderate as of 2023")


def test_show_uses_the_plans_years(cli: Invoke, other: Path) -> None:
    result = cli("show", "startups_incubated", "--data-dir", other, "--lang", "en")
    assert result.exit_code == 0
    out = result.stdout
    assert "goal        additions, higher is better, >= 500 added over 2021–2025" in out
    assert "expected        300 = 500 × 3/5" in out
    assert "R = 0.83: 250 added 2021–2023 against 300 expected by 2023 on an even pace" in out
    energy = cli("show", "万元GDP能耗", "--data-dir", other, "--lang", "en").stdout
    assert "level, lower is better, <= 0.4吨标准煤/万元 by 2025" in energy
    assert "latest          0.47吨标准煤/万元 (2023)" in energy
    assert "required CAGR   -4.36%/yr = (0.4 / 0.5)^(1/5) − 1" in energy


def test_show_json_of_the_other_plan(cli: Invoke, other: Path) -> None:
    result = cli("show", "innovation_fund", "--format", "json", "--data-dir", other)
    payload = json.loads(result.stdout)
    assert payload["progress"]["status"] == "not_achieved"
    assert [r["year"] for r in payload["pace"]] == [2021, 2022, 2023, 2024, 2025]
    assert [h["reason_code"] for h in payload["history"]] == ["years_met", "year_missed", "year_missed"]

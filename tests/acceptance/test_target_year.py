"""No false "not achieved": the target year asked for before its figures are in, on the shipped data.

The shipped reports end in 2019. Asking for 2020, or importing one department's partial 2020 sheet
(which moves the default as-of year to 2020), must call a goal `not_achieved` only when no later
figure can change that: here the two yearly goals that missed 2018.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from conftest import Invoke, write

# The only verdicts that are already certain on the shipped data: each missed 2018.
CERTAINLY_MISSED = {"fiscal_st_spending_growth", "innovation_special_fund"}


def _status(cli: Invoke, data: Path, *args: str) -> dict[str, Any]:
    result = cli("status", "--data-dir", data, "--format", "json", *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


def _not_achieved(payload: dict[str, Any]) -> set[str]:
    return {i["id"] for i in payload["indicators"] if i["status"] == "not_achieved"}


def test_asking_for_2020_before_its_figures_calls_nothing_missed_that_is_not(
    cli: Invoke, data_dir: Path
) -> None:
    payload = _status(cli, data_dir, "--year", "2020")
    assert payload["as_of"] == 2020
    assert _not_achieved(payload) == CERTAINLY_MISSED
    for i in payload["indicators"]:
        if i["status"] == "not_achieved":  # each rests on a year that was reported and missed
            assert any(y["met"] is False for y in i["years"]), i["id"]
    by_id = {i["id"]: i for i in payload["indicators"]}
    assert payload["counts"]["awaiting_data"] == 23 and payload["awaiting"] == {"2020": 23}
    assert payload["reported"] == 0 and payload["partial"] is True
    waiting = by_id["national_high_tech_enterprises"]
    assert waiting["provisional"] == "on_track" and waiting["awaiting_year"] == 2020
    assert waiting["final"] is False and waiting["attainment"] == 0.9
    # An additions sum already past its target cannot be undone: final, achieved.
    assert by_id["tech_little_giants"]["status"] == "achieved" and by_id["tech_little_giants"]["final"]

    text = cli("status", "--data-dir", data_dir, "--year", "2020", "--lang", "en").stdout
    assert "2020 is only partly reported: no goal has a figure yet; 23 goals await 2020 figures" in text
    zh = cli("status", "--data-dir", data_dir, "--year", "2020").stdout
    assert "23 项待报送 2020 年数据" in zh


def test_a_partial_2020_sheet_moves_the_year_without_false_failures(
    cli: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    sheet = write(tmp_path / "科技局2020.csv", "指标,数值\n国家高新技术企业,11\n培养创客,1900\n")
    imported = cli("import", sheet, "--year", "2020", "--data-dir", data_dir)
    assert imported.exit_code == 0, imported.stdout + imported.stderr

    payload = _status(cli, data_dir)  # the default as-of year: the latest with any figure
    assert payload["as_of"] == 2020
    assert _not_achieved(payload) == CERTAINLY_MISSED
    by_id = {i["id"]: i for i in payload["indicators"]}
    # A reported target-year figure makes a level goal final: 11 >= 10.
    firms = by_id["national_high_tech_enterprises"]
    assert firms["status"] == "achieved" and firms["final"] is True and firms["provisional"] is None
    # 900 + 1100 + 1200 + 1900 = 5100 >= 5000, attainment 5100 ÷ 5000.
    assert by_id["makers_trained"]["status"] == "achieved" and by_id["makers_trained"]["attainment"] == 1.02
    assert payload["reported"] == 2 and payload["quantified"] == 30 and payload["partial"] is True
    assert payload["awaiting"] == {"2020": 21}

    text = cli("status", "--data-dir", data_dir, "--lang", "en").stdout
    assert "2020 is only partly reported: 2 of 30 goals have a figure; 21 goals await 2020 figures" in text


def test_fail_on_treats_awaiting_as_off_the_scale(cli: Invoke, data_dir: Path) -> None:
    base = ("status", "--data-dir", data_dir, "--year", "2020", "--strand", "capability")
    assert cli(*base, "--fail-on", "deterioration").exit_code == 0  # awaiting is not worse than anything
    assert cli(*base, "--fail-on", "awaiting_data").exit_code == 1
    only = _status(cli, data_dir, "--year", "2020", "--status", "awaiting_data")
    assert {i["status"] for i in only["indicators"]} == {"awaiting_data"}


def test_csv_carries_the_new_fields(cli: Invoke, data_dir: Path) -> None:
    out = cli("status", "--data-dir", data_dir, "--year", "2020", "--format", "csv").stdout
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    firms = rows["national_high_tech_enterprises"]
    assert (firms["status"], firms["provisional"], firms["awaiting_year"]) == (
        "awaiting_data",
        "on_track",
        "2020",
    )
    assert firms["attainment"] == "0.9"
    platforms = rows["collaborative_innovation_platforms"]
    assert platforms["required_change"] == "0.75" and platforms["actual_cagr"] == ""


def test_a_zero_baseline_gets_a_real_status_on_the_shipped_data(cli: Invoke, data_dir: Path) -> None:
    """产业协同创新平台 0 (2016) → 2 (2019), target 3: +0.667 a year against +0.75: R = 0.89."""
    platforms = {i["id"]: i for i in _status(cli, data_dir)["indicators"]}[
        "collaborative_innovation_platforms"
    ]
    assert platforms["status"] == "moderate"
    assert platforms["reason_code"] == "linear_pace"
    assert abs(platforms["ratio"] - 8 / 9) < 1e-6
    shown = cli("show", "collaborative_innovation_platforms", "--data-dir", data_dir, "--lang", "en").stdout
    assert "required change +0.75/yr = (3 − 0) / 4" in shown
    assert "attainment      66.7% = latest ÷ target" in shown


def test_show_explains_an_awaiting_goal_as_of_its_provisional_year(cli: Invoke, data_dir: Path) -> None:
    """The calculation of a provisional status is the one as of 2019, not a 2020 pace with 2020 missing."""
    args = ("show", "makers_trained", "--year", "2020", "--data-dir", data_dir, "--lang", "en")
    shown = cli(*args).stdout
    assert "awaiting_data — awaiting the 2020 figure; provisionally moderate as of 2019" in shown
    assert "expected        3,750 = 5,000 × 3/4" in shown
    assert "attainment      64.0% = sum ÷ target" in shown

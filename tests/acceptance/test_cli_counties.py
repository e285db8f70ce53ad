"""Counties and the prefecture through the CLI: roll-up, the county view, --by-region, missing, validate."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import Invoke, write

COUNTIES = ("533103", "533102", "533122", "533123", "533124")
FIRMS = dict(zip(COUNTIES, (3, 2, 0, 2, 1), strict=True))  # 8
RD = dict(zip(COUNTIES, (0.41, 0.62, 0.12, 0.55, 0.30), strict=True))  # 2.00
GDP = dict(zip(COUNTIES, (128.0, 118.0, 32.0, 92.0, 60.0), strict=True))  # 430.0


def report(data: Path, year: int, region: str, values: dict[str, float]) -> Path:
    name = f"{year}.yaml" if region == "533100" else f"{year}-{region}.yaml"
    body = "".join(f"  {k}: {v}\n" for k, v in values.items())
    text = f"year: {year}\nregion: '{region}'\nprovenance: official\nsource: test\nvalues:\n{body}"
    return write(data / "reports" / name, text)


def counties(data: Path, *, skip: str | None = None) -> None:
    """2018 and 2019 for each county: firms, R&D and GDP, and each county's own fiscal series."""
    for c in COUNTIES:
        for year, grow in ((2018, 0), (2019, 1)):
            values = {
                "rd_expenditure": RD[c],
                "gdp": GDP[c],
                "national_high_tech_enterprises": max(FIRMS[c] - 1 + grow, 0),
            }
            if c == skip and year == 2019:
                del values["national_high_tech_enterprises"]
            spending = 100 + 10 * grow if c != "533122" else 100 - 5 * grow  # 梁河县 spends less in 2019
            values |= {"fiscal_st_spending": spending, "fiscal_recurrent_revenue": 1000 + 20 * grow}
            report(data, year, c, values)


def status_json(cli: Invoke, data: Path, *args: str) -> dict[str, dict]:  # type: ignore[type-arg]
    result = cli("status", "--format", "json", "--data-dir", data, *args)
    assert result.exit_code == 0, result.output
    return {i["id"]: i for i in json.loads(result.stdout)["indicators"]}


def test_five_counties_and_no_prefecture_report_roll_up_into_the_prefecture(
    cli: Invoke, empty_data_dir: Path
) -> None:
    counties(empty_data_dir)
    got = status_json(cli, empty_data_dir)
    firms = got["national_high_tech_enterprises"]
    assert firms["latest"] == {"year": 2019, "value": 8} and firms["rolled_up"] is True
    assert firms["baseline"] == {"year": 2018, "value": 4}  # 2 + 1 + 0 + 1 + 0
    parts = next(f for f in firms["figures"] if f["year"] == 2019)["parts"]
    assert {p["region"]: p["value"] for p in parts} == FIRMS
    ratio = got["rd_expenditure_gdp_ratio"]
    assert ratio["latest"]["value"] == pytest.approx(2.00 / 430.0 * 100, abs=1e-4)  # 0.4651, not an average
    assert ratio["rolled_up"] is True
    # 同级: never summed; the prefecture itself reported nothing, and 梁河县 missed 2019
    fiscal = got["fiscal_st_spending_growth"]
    assert fiscal["status"] == "not_achieved" and fiscal["reason_code"] == "level_failed"
    assert not any(f["series"] == "fiscal_st_spending" for f in fiscal["figures"])
    table = cli("status", "--data-dir", empty_data_dir, "--lang", "en").stdout
    assert "(2019) Σ" in table  # the year and the roll-up mark stay together; the figure may sit above


def test_a_county_missing_leaves_an_incomplete_sum_that_is_not_used(
    cli: Invoke, empty_data_dir: Path
) -> None:
    counties(empty_data_dir, skip="533124")
    firms = status_json(cli, empty_data_dir)["national_high_tech_enterprises"]
    assert firms["latest"] == {"year": 2018, "value": 4}  # 2019 incomplete: the 2018 sum is the latest
    matrix = json.loads(cli("status", "--by-region", "-f", "json", "--data-dir", empty_data_dir).stdout)
    row = next(i for i in matrix["indicators"] if i["id"] == "national_high_tech_enterprises")
    assert row["sum_of_subregions"]["complete"] is False
    assert row["sum_of_subregions"]["missing"] == ["533124"] and row["sum_of_subregions"]["value"] == 7
    text = cli("status", "--by-region", "--lang", "en", "--data-dir", empty_data_dir).stdout
    assert "national_high_tech_enterprises: incomplete sum, missing Longchuan County" in text
    owed = json.loads(cli("missing", "--year", "2019", "-f", "json", "--data-dir", empty_data_dir).stdout)
    firms_owed = [m["region"] for m in owed["missing"] if m["indicator"] == "national_high_tech_enterprises"]
    assert firms_owed == ["533100", "533124"]  # the prefecture has neither its own figure nor a full sum
    assert any("533124:national_high_tech_enterprises" in v for v in owed["by_department"].values())


def test_the_prefecture_figure_wins_and_a_disagreeing_one_warns(cli: Invoke, empty_data_dir: Path) -> None:
    counties(empty_data_dir)
    prefecture = report(empty_data_dir, 2019, "533100", {"national_high_tech_enterprises": 10})
    assert status_json(cli, empty_data_dir)["national_high_tech_enterprises"]["latest"]["value"] == 10
    result = cli("validate", "--data-dir", empty_data_dir)
    assert result.exit_code == 0
    assert f"{prefecture}:" in result.stdout and "warning[rollup-mismatch]" in result.stdout
    assert "given as 10 but the sum of the sub-regions' figures is 8" in result.stdout
    for c in COUNTIES:
        assert str(empty_data_dir / "reports" / f"2019-{c}.yaml") in result.stdout
    assert cli("validate", "--strict", "--data-dir", empty_data_dir).exit_code == 1
    report(empty_data_dir, 2019, "533100", {"national_high_tech_enterprises": 8})
    agreed = cli("validate", "--strict", "--data-dir", empty_data_dir)
    assert agreed.exit_code == 0 and "rollup-mismatch" not in agreed.stdout


def test_the_county_view_scores_nothing_against_prefecture_wide_totals(
    cli: Invoke, empty_data_dir: Path
) -> None:
    counties(empty_data_dir)
    got = status_json(cli, empty_data_dir, "--region", "芒市")
    for ind in got.values():
        if ind["accrual"] == "qualitative":
            assert ind["status"] == "qualitative"
        elif ind["id"] == "fiscal_st_spending_growth":
            assert ind["status"] == "on_track"  # its own +10% against its own +2%
        else:
            assert ind["status"] == "not_binding", ind["id"]
            assert ind["gap"] is None and ind["progress"] is None and ind["ratio"] is None
    assert got["national_high_tech_enterprises"]["share"] == pytest.approx(3 / 8 * 100)
    table = cli("status", "--region", "芒市", "--data-dir", empty_data_dir).stdout
    assert "进展有限" not in table and "limited" not in table
    gate = cli("status", "--region", "芒市", "--fail-on", "not_binding", "--data-dir", empty_data_dir)
    assert gate.exit_code == 0
    shown = cli(
        "show",
        "national_high_tech_enterprises",
        "--region",
        "芒市",
        "--lang",
        "en",
        "--data-dir",
        empty_data_dir,
    ).stdout
    assert "not_binding" in shown and "share           37.5%" in shown
    assert "even pace" not in shown and "target 10" not in shown and "chart" not in shown


def test_a_same_level_goal_holds_only_if_every_county_holds(cli: Invoke, empty_data_dir: Path) -> None:
    counties(empty_data_dir)
    for year, spending in ((2018, 500), (2019, 600)):
        report(
            empty_data_dir,
            year,
            "533100",
            {"fiscal_st_spending": spending, "fiscal_recurrent_revenue": 9000 + year - 2018},
        )
    fiscal = status_json(cli, empty_data_dir)["fiscal_st_spending_growth"]
    assert fiscal["status"] == "not_achieved" and fiscal["reason_code"] == "level_failed"
    assert "Lianghe County not_achieved" in fiscal["reason"]
    assert {lv["region"]: lv["status"] for lv in fiscal["levels"]}["533122"] == "not_achieved"
    shown = cli("show", "fiscal_st_spending_growth", "--data-dir", empty_data_dir).stdout
    assert "梁河县: 未实现" in shown and "德宏州 (本级): 按期推进" in shown


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_by_region_in_every_format(cli: Invoke, empty_data_dir: Path, fmt: str) -> None:
    counties(empty_data_dir)
    result = cli("status", "--by-region", "-f", fmt, "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        firms = {r["region"]: r for r in rows if r["id"] == "national_high_tech_enterprises"}
        assert firms["533100"]["value"] == "8" and firms["533100"]["rolled_up"] == "true"
        assert firms["533103"]["status"] == "not_binding" and float(firms["533103"]["share"]) == 37.5
    elif fmt == "table":
        assert all(len(line) <= 120 for line in result.stdout.splitlines())
        assert "Mangshi" in result.stdout and "38%" in result.stdout
    elif fmt == "markdown":
        assert "| National high-tech enterprises | 8 |" in result.stdout


SHEET = "县市,国家高新技术企业,科技型企业销售收入(亿元),财政科技支出(万元)\n" + "".join(
    f"{name},{firms},{sales},{spend}\n"
    for name, firms, sales, spend in (
        ("芒市", 3, 10.2, 890),
        ("瑞丽", 3, 12.8, 820),
        ("梁河县", 0, 1.7, 148),
        ("盈江县", 2, 6.5, 460),
        ("陇川县", 1, 3.8, 285),
    )
)


def test_a_county_sheet_with_a_total_row_fills_each_county_and_the_prefecture(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    sheet = write(tmp_path / "县市.csv", SHEET + "合计,9,35.0,2603\n")
    result = cli("import", sheet, "--year", "2019", "--source", "test", "--data-dir", empty_data_dir)
    assert result.exit_code == 0, result.output
    reports = empty_data_dir / "reports"
    assert "national_high_tech_enterprises: 3" in (reports / "2019-533103.yaml").read_text(encoding="utf-8")
    prefecture = (reports / "2019.yaml").read_text(encoding="utf-8")
    assert "national_high_tech_enterprises: 9" in prefecture and "tech_enterprise_sales: 35" in prefecture
    assert "fiscal_st_spending" not in prefecture  # a sum of 同级 budgets is not 州本级
    assert "'fiscal_st_spending' does not add up over the counties" in result.stdout
    assert cli("validate", "--strict", "--data-dir", empty_data_dir).exit_code == 0


def test_a_total_row_that_disagrees_refuses_the_import(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    sheet = write(tmp_path / "县市.csv", SHEET + "全州,10,35.0,\n")
    result = cli("import", sheet, "--year", "2019", "--source", "test", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert "error[total-mismatch]: row 7, column 国家高新技术企业: the total row gives 10" in result.stderr
    assert "the county rows sum to 9 (rows 2, 3, 4, 5, 6)" in result.stderr
    assert list((empty_data_dir / "reports").iterdir()) == []


def test_a_quanzhou_row_alone_is_the_prefecture_figure(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    # No county row to check it against: the 全州 row is the prefecture's own figure, a percentage too.
    sheet = write(tmp_path / "全州.csv", "县市,科技进步贡献率,国家高新技术企业\n全州,45,12\n")
    result = cli("import", sheet, "--year", "2019", "--source", "test", "--data-dir", empty_data_dir)
    assert result.exit_code == 0, result.output
    prefecture = (empty_data_dir / "reports" / "2019.yaml").read_text(encoding="utf-8")
    assert (
        "sci_tech_progress_contribution: 45" in prefecture
        and "national_high_tech_enterprises: 12" in prefecture
    )


def test_a_total_row_with_counties_missing_names_them(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    sheet = write(tmp_path / "县市.csv", "县市,国家高新技术企业\n芒市,3\n瑞丽市,3\n合计,12\n")
    result = cli("import", sheet, "--year", "2019", "--source", "test", "--data-dir", empty_data_dir)
    assert result.exit_code == 0, result.output
    assert "has no row for 梁河县、盈江县、陇川县" in result.stdout
    assert not (
        empty_data_dir / "reports" / "2019.yaml"
    ).exists()  # an incomplete total is not the prefecture's


def test_quanzhou_names_the_prefecture(cli: Invoke, data_dir: Path) -> None:
    got = json.loads(cli("status", "--region", "全州", "-f", "json", "--data-dir", data_dir).stdout)
    assert got["region"]["code"] == "533100"


def test_a_prefecture_ratio_is_held_to_the_ratio_of_the_summed_county_components(
    cli: Invoke, empty_data_dir: Path
) -> None:
    counties(empty_data_dir)  # 2019: R&D 2.00 over GDP 430.0 = 0.465%
    report(empty_data_dir, 2019, "533100", {"rd_expenditure_gdp_ratio": 0.47})  # agrees to its last decimal
    assert cli("validate", "--strict", "--data-dir", empty_data_dir).exit_code == 0
    report(empty_data_dir, 2019, "533100", {"rd_expenditure_gdp_ratio": 0.52})  # off by more than 0.005
    result = cli("validate", "--strict", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert (
        "'rd_expenditure_gdp_ratio' 2019 is given as 0.52 but the ratio of the summed components"
        in result.stdout
    )

"""Names as people type them: one region rule for every command, goals, --year, full-width text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHIPPED, Invoke

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.errors import UsageError
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.lookup import check_year, find_indicator, find_region, fold, name_key, suggest


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(SHIPPED / "targets.yaml")


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("533102", "533102"),
        ("瑞丽市", "533102"),
        ("瑞丽", "533102"),  # without its 市
        ("Ruili", "533102"),
        ("ruili", "533102"),
        ("梁河县", "533122"),
        ("梁河", "533122"),  # without its 县
        ("Lianghe County", "533122"),
        ("lianghe", "533122"),  # without " County"
        ("Dehong Prefecture", "533100"),
        ("Dehong", "533100"),  # without " Prefecture"
        ("德宏", "533100"),
        ("芒市", "533103"),
        ("  Mangshi ", "533103"),
        ("５３３１０３", "533103"),  # full-width digits
    ],
)
def test_one_region_rule(cat: Catalogue, key: str, code: str) -> None:
    assert find_region(cat, key).code == code


def test_no_region_is_the_plans(cat: Catalogue) -> None:
    assert find_region(cat, None) is cat.home_region


def test_unknown_region_suggests_and_lists(cat: Catalogue) -> None:
    with pytest.raises(UsageError, match=r"unknown region '瑞利市'; did you mean '瑞丽市'\?; known: 533100"):
        find_region(cat, "瑞利市")


def test_one_character_is_not_a_short_name(cat: Catalogue) -> None:
    with pytest.raises(UsageError, match="did you mean '芒市'"):
        find_region(cat, "芒")


def test_find_indicator(cat: Catalogue) -> None:
    assert find_indicator(cat, "国家高新技术企业").id == "national_high_tech_enterprises"
    assert find_indicator(cat, "gdp").id == "rd_expenditure_gdp_ratio"
    assert find_indicator(cat, "创客").id == "makers_trained"  # a part of one goal's name only
    assert find_indicator(cat, "地区生产总值").id == "rd_expenditure_gdp_ratio"  # a component's name
    with pytest.raises(UsageError, match="part of the names of"):
        find_indicator(cat, "孵化")
    with pytest.raises(UsageError, match="did you mean"):
        find_indicator(cat, "培养刨客")


def test_check_year(cat: Catalogue) -> None:
    assert check_year(cat, None) is None
    assert check_year(cat, cat.first_year) == cat.first_year
    assert check_year(cat, cat.last_year) == cat.last_year
    with pytest.raises(UsageError, match=f"--year 2015 is outside {cat.first_year}–{cat.last_year}"):
        check_year(cat, 2015)


def test_fold_and_name_key() -> None:
    assert fold("１２．５％") == "12.5%"
    assert fold("\u22123") == "-3"
    assert fold(" 12 ") == " 12 "  # folding is not trimming
    assert name_key(" Lianghe　County ") == "lianghecounty"


def test_suggest() -> None:
    assert suggest("firm", ["firms", "makers"]) == "; did you mean 'firms'?"
    assert suggest("zzz", ["firms"]) == ""
    assert suggest("zzz", ["firms"], also=["x"]) == "; did you mean 'x'?"


@pytest.mark.parametrize("region", ["瑞丽", "Lianghe", "梁河县", "533102"])
def test_every_command_takes_the_same_region_names(cli: Invoke, data_dir: Path, region: str) -> None:
    expected = find_region(load_catalogue(data_dir / "targets.yaml"), region)
    status = cli("status", "--region", region, "--format", "json", "--data-dir", data_dir)
    assert status.exit_code == 0, status.stderr
    assert f'"code": "{expected.code}"' in status.stdout
    show = cli("show", "makers_trained", "--region", region, "--format", "json", "--data-dir", data_dir)
    assert show.exit_code == 0, show.stderr
    new = cli("new-report", "--year", "2025", "--region", region, "--data-dir", data_dir)
    assert new.exit_code == 0, new.stderr
    assert new.stdout.strip().endswith(f"2025-{expected.code}.yaml")


@pytest.mark.parametrize(
    "command", [("status",), ("show", "makers_trained"), ("new-report", "--year", "2019")]
)
def test_every_command_refuses_an_unknown_region_alike(
    cli: Invoke, data_dir: Path, command: tuple[str, ...]
) -> None:
    result = cli(*command, "--region", "大理", "--data-dir", data_dir)
    assert result.exit_code == 2
    assert "unknown region '大理'" in result.stderr

"""checks/report.py: one report's rules (region, year, file name, values, ratios), each located."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehong_cli.checks.report import report_from_document
from dehong_cli.files.yaml_read import parse
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.ratios import ratio_tolerance

# -------------------------------------------------------------------------------- reports

HEAD = "year: 2018\nprovenance: official\nsource: 州统计局\n"


def report(cat: Catalogue, text: str, name: str = "2018.yaml") -> list[tuple[str, int | None, int | None]]:
    """(code, line, column) of every error validate finds in one report file."""
    doc = parse(text, Path(name))
    _, found = report_from_document(doc, cat)
    return [(d.code, d.line, d.column) for d in found if d.severity == "error"]


def warnings(cat: Catalogue, text: str, name: str = "2018.yaml") -> list[str]:
    _, found = report_from_document(parse(text, Path(name)), cat)
    return [d.code for d in found if d.severity == "warning"]


@pytest.mark.parametrize(("year", "ok"), [(2015, False), (2016, True), (2025, True), (2026, False)])
def test_year_range_is_baseline_to_target_plus_five(cat: Catalogue, year: int, ok: bool) -> None:
    found = report(cat, f"year: {year}\nprovenance: official\nsource: x\n", f"{year}.yaml")
    assert found == ([] if ok else [("year-range", 1, 7)])


@pytest.mark.parametrize(
    ("region", "name"),
    [
        ("533100", "2018.yaml"),
        ("德宏州", "2018.yaml"),
        ("Mangshi", "2018-533103.yaml"),
        ("533103", "2018-芒市.yaml"),
    ],
)
def test_region_by_code_or_name(cat: Catalogue, region: str, name: str) -> None:
    assert report(cat, HEAD + f"region: {region}\n", name) == []


def test_unknown_region_suggests_and_lists(cat: Catalogue) -> None:
    doc = parse(HEAD + "region: 芒\n", Path("2018.yaml"))
    _, found = report_from_document(doc, cat)
    (d,) = [d for d in found if d.code == "unknown-region"]
    assert (d.line, d.column) == (4, 9)
    assert "533103 芒市" in d.message
    assert "../" not in " ".join(x.message for x in found)


@pytest.mark.parametrize("region", ["../x", "/etc/passwd", "..\\\\x"])
def test_path_shaped_region_is_never_suggested_as_a_file_name(cat: Catalogue, region: str) -> None:
    doc = parse(HEAD + f"region: '{region}'\n", Path("odd-name.yaml"))
    _, found = report_from_document(doc, cat)
    assert sorted(d.code for d in found) == ["file-name", "unknown-region"]
    assert all(region not in d.message.split("known:")[0].replace(f"'{region}'", "") for d in found)


def test_file_name_year_and_region(cat: Catalogue) -> None:
    assert report(cat, HEAD, "2019.yaml") == [("file-name", 1, 7)]
    assert report(cat, HEAD + "region: 533103\n", "2018.yaml") == [("file-name", 4, 9)]
    assert report(cat, HEAD + "region: 533103\n", "2018-533124.yaml") == [("file-name", 4, 9)]
    assert report(cat, HEAD, "2018-533100.yaml") == []
    assert warnings(cat, HEAD, "report.yaml") == ["file-name"]  # only a warning: files may be anywhere


def test_illustrative_is_a_warning(cat: Catalogue) -> None:
    text = "year: 2018\nprovenance: illustrative\nsource: x\n"
    assert report(cat, text) == []
    assert warnings(cat, text) == ["illustrative"]


@pytest.mark.parametrize(
    ("entry", "errors"),
    [
        ("makers_trained: 12", []),
        ("makers_trained: 0", []),
        ("makers_trained: 1.5e3", []),  # a whole number, however written
        ("makers_trained: 12.0", []),
        ("makers_trained: 12.5", [("count", 5, 19)]),
        ("makers_trained: -1", [("count", 5, 19)]),
        ("makers_trained: {value: 0.5, note: x}", [("count", 5, 27)]),
        ("sci_tech_progress_contribution: 100", []),
        ("sci_tech_progress_contribution: 100.01", [("percent-range", 5, 35)]),
        ("industrial_rd_intensity: -0.1", [("percent-range", 5, 28)]),
        ("gdp: 0.0", []),
        ("gdp: -1", [("negative", 5, 8)]),
        ("gdp: 1e15", []),
        ("gdp: 1.1e15", [("schema", 5, 8)]),
        ("provincial_upper_middle_level: {value: null, note: 待评价}", []),
        ("provincial_upper_middle_level: 1", [("qualitative", 5, 34)]),
        ("fiscal_st_spending_growth: 3.5", [("growth-series", 5, 30)]),
        ("fiscal_st_spending: 6100", []),
        ("makers_trained: null", []),
        ("makers_trained: true", [("schema", 5, 19)]),
        ("makers_trained: '12'", [("number-format", 5, 19)]),
        ("makers_trained: ５", [("number-format", 5, 19)]),
        ("makers_trained: 2018-01-01", [("number-format", 5, 19)]),
        ("makers_trained: 0o17", [("number-format", 5, 19)]),
    ],
)
def test_value_rules(cat: Catalogue, entry: str, errors: list[tuple[str, int, int]]) -> None:
    assert report(cat, HEAD + f"values:\n  {entry}\n") == errors


def test_unknown_indicator_with_did_you_mean(cat: Catalogue) -> None:
    doc = parse(HEAD + "values:\n  makers_traind: 1\n  zzz: 2\n", Path("2018.yaml"))
    _, found = report_from_document(doc, cat)
    assert [(d.code, d.line, d.column, d.field) for d in found] == [
        ("unknown-indicator", 5, 3, "values.makers_traind"),
        ("unknown-indicator", 6, 3, "values.zzz"),
    ]
    assert "did you mean 'makers_trained'?" in found[0].message
    assert "did you mean" not in found[1].message


def test_unknown_indicators_are_named_even_when_the_schema_fails(cat: Catalogue) -> None:
    """Every problem in one run: a bad field does not hide a misspelt indicator."""
    text = "year: 2018\nprovenance: guessed\nsource: x\nvalues:\n  gpd: 380\n  makers_trained: x\n"
    assert sorted(report(cat, text)) == [
        ("schema", 2, 13),
        ("schema", 6, 19),
        ("unknown-indicator", 5, 3),
    ]


@pytest.mark.parametrize(
    ("bad", "code"),
    [("0x1F", "number-format"), ("lots", "schema"), ("[1]", "schema"), ("{value: x}", "schema")],
)
def test_a_malformed_value_hides_no_other_problem(cat: Catalogue, bad: str, code: str) -> None:
    """One run names every bad field: the rest of the values are still checked."""
    text = HEAD + f"values:\n  makers_trained: {bad}\n  gdp: -1\n  sci_tech_progress_contribution: 120\n"
    found = report(cat, text)
    assert [c for c, line, _ in found if line == 5] == [code]
    assert [(c, line, col) for c, line, col in found if line != 5] == [
        ("negative", 6, 8),
        ("percent-range", 7, 35),
    ]


def test_loader_problems_come_first_and_are_not_repeated(cat: Catalogue) -> None:
    text = HEAD + "values:\n  makers_trained: 0x1F\n  leading_talents: yes\n"
    assert report(cat, text) == [("number-format", 5, 19), ("ambiguous-boolean", 6, 20)]


def test_report_is_not_trusted_when_the_loader_complained(cat: Catalogue) -> None:
    doc = parse(HEAD + "values:\n  makers_trained: 1\n  makers_trained: 2\n", Path("2018.yaml"))
    rep, found = report_from_document(doc, cat)
    assert rep is None
    assert [d.code for d in found] == ["duplicate-key"]


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ("rd_expenditure: 3.1\n  gdp: 380\n  rd_expenditure_gdp_ratio: 0.8", []),  # 0.816 to one decimal
        ("rd_expenditure: 3.1\n  gdp: 380\n  rd_expenditure_gdp_ratio: 0.82", []),
        ("rd_expenditure: 3.1\n  gdp: 380\n  rd_expenditure_gdp_ratio: 0.83", [("ratio-mismatch", 7, 29)]),
        ("rd_expenditure: 3.1\n  gdp: 380\n  rd_expenditure_gdp_ratio: 1", []),  # 1 ± 0.5
        ("rd_expenditure: 3.1\n  gdp: 380\n  rd_expenditure_gdp_ratio: 1.5", [("ratio-mismatch", 7, 29)]),
        (
            "rd_expenditure: 3.1\n  gdp: 380\n  rd_expenditure_gdp_ratio: {value: 2}",
            [("ratio-mismatch", 7, 29)],
        ),
        ("rd_expenditure: 3.1\n  gdp: 0", [("zero-denominator", 6, 8)]),
        ("rd_expenditure: 3.1\n  rd_expenditure_gdp_ratio: 5", []),  # nothing to compare with
        ("industrial_rd_expenditure: 2\n  industrial_main_revenue: 400\n  industrial_rd_intensity: 0.5", []),
        (
            "industrial_rd_expenditure: 2\n  industrial_main_revenue: 400\n  industrial_rd_intensity: 0.6",
            [("ratio-mismatch", 7, 28)],
        ),
    ],
)
def test_ratio_rules(cat: Catalogue, values: str, errors: list[tuple[str, int, int]]) -> None:
    assert report(cat, HEAD + f"values:\n  {values}\n") == errors


@pytest.mark.parametrize(
    ("reported", "tolerance"),
    [
        (0.8, 0.05),
        (0.85, 0.005),
        (12.345, 0.0005),
        (1, 0.5),
        (1.0, 0.5),
        (100, 0.5),
        (1e-05, 0.000005),  # written with an exponent: five decimals, not none
        (2.5e-07, 0.000000005),
    ],
)
def test_ratio_tolerance_is_half_the_last_written_digit(reported: float, tolerance: float) -> None:
    assert ratio_tolerance(reported) == pytest.approx(tolerance + 1e-9, rel=1e-9)


def test_report_that_is_not_a_mapping(cat: Catalogue) -> None:
    assert report(cat, "- 1\n- 2\n") == [("schema", 1, 1)]
    assert report(cat, "") == [("schema", 1, 1)]

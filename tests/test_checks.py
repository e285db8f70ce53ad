"""checks.py: every catalogue rule on a mutated copy of targets.yaml, every report rule, many files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SHIPPED

from dehong_cli.checks import core as checks
from dehong_cli.errors import DataError
from dehong_cli.files import store
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic

TARGETS = (SHIPPED / "targets.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return checks.load_catalogue(SHIPPED / "targets.yaml")


def line_of(text: str, marker: str) -> int:
    assert text.count(marker) == 1, f"marker is not unique: {marker!r}"
    return text[: text.index(marker)].count("\n") + 1


# ------------------------------------------------------------------------------ catalogue

MAKERS = "  - id: makers_trained\n    name: 培养创客\n"
MAKERS_TARGET = "    accrual: additions\n    comparator: '>='\n    target: 5000\n"
RD = "      - id: rd_expenditure\n        name: 全社会研发经费支出\n"
RD_TAIL = "        aliases:\n          - 地区生产总值\n"

# the one qualitative goal with this quote
QUALITATIVE = (
    "    accrual: qualitative\n    comparator: null\n    target: {}\n    compare_with: null\n"
    "    components: []\n    source:\n      section: 二、总体目标\n      quote: 全州"
)

CATALOGUE_RULES = [
    # (id, old, new, code, marker whose line the diagnostic names, words in the message)
    (
        "plan-region",
        "  region: '533100'\n",
        "  region: '533199'\n",
        "unknown-region",
        "  region: '533199'",
        "",
    ),
    (
        "plan-years",
        "  period_start: 2017\n",
        "  period_start: 2015\n",
        "plan-years",
        "  id: dehong-innovation",
        "",
    ),
    (
        "duplicate-task",
        "  - number: 3\n    title: 发展工业",
        "  - number: 2\n    title: 发展工业",
        "duplicate-id",
        "  - number: 2\n    title: 发展工业",
        "task 2",
    ),
    (
        "duplicate-id",
        MAKERS,
        MAKERS.replace("makers_trained", "gdp"),
        "duplicate-id",
        "id: gdp\n    name: 培养创客",
        "gdp",
    ),
    (
        "unknown-strand",
        "    strand: platforms\n    unit: count\n    scale: null\n    measure: 名\n    direction: higher\n"
        "    accrual: additions\n    comparator: '>='\n    target: 5000\n",
        "    strand: platform\n    unit: count\n    scale: null\n    measure: 名\n    direction: higher\n"
        "    accrual: additions\n    comparator: '>='\n    target: 5000\n",
        "unknown-strand",
        "    strand: platform\n",
        "did you mean 'platforms'",
    ),
    (
        "unknown-task",
        "    tasks: [17, 18, 19]\n",
        "    tasks: [17, 99, 19]\n",
        "unknown-task",
        "    tasks: [17, 99, 19]\n",
        "99",
    ),
    (
        "department",
        # an older catalogue's own departments list must name departments of the linked tasks
        "    tasks: [17, 18, 19]\n",
        "    tasks: [17, 18, 19]\n    departments:\n      - 团州委\n      - 州长办公室\n",
        "department",
        "      - 州长办公室",
        "task 17 or 18 or 19",
    ),
    (
        "money-without-scale",
        RD + "        name_en: Gross expenditure on R&D\n        unit: money\n        scale: 亿元\n",
        RD + "        name_en: Gross expenditure on R&D\n        unit: money\n        scale: null\n",
        "unit",
        "        unit: money\n        scale: null\n",
        "scale",
    ),
    (
        "scale-on-a-count",
        "    unit: count\n    scale: null\n    measure: 名\n    direction: higher\n" + MAKERS_TARGET,
        "    unit: count\n    scale: 万元\n    measure: 名\n    direction: higher\n" + MAKERS_TARGET,
        "unit",
        "    scale: 万元\n    measure: 名",
        "only money",
    ),
    (
        "qualitative-with-target",
        QUALITATIVE.format("null"),
        QUALITATIVE.format("0.5"),
        "accrual",
        "    target: 0.5\n",
        "qualitative",
    ),
    (
        "no-comparator",
        MAKERS_TARGET,
        MAKERS_TARGET.replace("'>='", "null"),
        "accrual",
        MAKERS,  # the goal as a whole: where its mapping starts
        "comparator",
    ),
    (
        "no-target",
        MAKERS_TARGET,
        MAKERS_TARGET.replace("5000", "null"),
        "accrual",
        MAKERS,
        "target",
    ),
    ("percent-target", "    target: 48\n", "    target: 480\n", "range", "    target: 480\n", "0 and 100"),
    # A higher-is-better goal paced towards a target of 0 or below has nothing to pace against.
    ("level-target-zero", "    target: 48\n", "    target: 0\n", "range", "    target: 0\n", "above 0"),
    (
        "additions-target-negative",
        MAKERS_TARGET,
        MAKERS_TARGET.replace("5000", "-5"),
        "range",
        "    target: -5\n",
        "nothing to pace against",
    ),
    (
        "growth-without-companion",
        "        role: companion\n",
        "        role: subject\n        # was companion\n",
        "accrual",
        "      - id: fiscal_st_spending\n",
        "companion",
    ),
    (
        "compare-with",
        "    compare_with: fiscal_recurrent_revenue\n",
        "    compare_with: fiscal_st_spending\n",
        "accrual",
        "    compare_with: fiscal_st_spending\n",
        "compare_with",
    ),
    (
        "ratio-without-denominator",
        "        role: denominator\n" + RD_TAIL,
        "        role: numerator\n" + RD_TAIL,
        "accrual",
        RD,
        "denominator",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "code", "marker", "words"),
    [case[1:] for case in CATALOGUE_RULES],
    ids=[case[0] for case in CATALOGUE_RULES],
)
def test_catalogue_rule(tmp_path: Path, old: str, new: str, code: str, marker: str, words: str) -> None:
    assert TARGETS.count(old) == 1, "the snippet to mutate is not unique"
    mutated = TARGETS.replace(old, new)
    path = tmp_path / "targets.yaml"
    path.write_text(mutated, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        checks.load_catalogue(path)
    found = [d for d in caught.value.diagnostics if d.code == code]
    assert found, caught.value.diagnostics
    assert found[0].line == line_of(mutated, marker)
    assert found[0].path == str(path)
    assert words in found[0].message


def test_shipped_catalogue_has_no_problems(cat: Catalogue) -> None:
    doc = store.load(SHIPPED / "targets.yaml")
    assert list(checks.catalogue_rules(doc, cat)) == []
    # 27 quantified goals and the headline of 总体目标, two funds, four qualitative goals of 总体目标
    # and the counties' own funds (task 28)
    assert len(cat.indicators) == 35


@pytest.mark.parametrize(
    ("old", "new", "code", "marker"),
    [
        ("schema_version: 1\n", "schema_version: 2\n", "schema", "schema_version: 2"),
        (
            "    unit: count\n    scale: null\n    measure: 名\n    direction: higher\n" + MAKERS_TARGET,
            "    unit: pieces\n    scale: null\n    measure: 名\n    direction: higher\n" + MAKERS_TARGET,
            "schema",
            "    unit: pieces",
        ),
        (
            "  baseline_year: 2016\n",
            "  baseline_year: 2016\n  baseline_month: 1\n",
            "unknown-field",
            "baseline_month",
        ),
        ("  baseline_year: 2016\n", "", "missing-field", "  id: dehong-innovation"),
    ],
    ids=["version", "unit", "unknown-field", "missing-field"],
)
def test_catalogue_schema_problems_are_located(
    tmp_path: Path, old: str, new: str, code: str, marker: str
) -> None:
    mutated = TARGETS.replace(old, new, 1)
    path = tmp_path / "targets.yaml"
    path.write_text(mutated, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        checks.load_catalogue(path)
    assert [(d.code, d.line) for d in caught.value.diagnostics] == [(code, line_of(mutated, marker))]


def test_catalogue_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        checks.load_catalogue(path)
    assert [(d.code, d.line) for d in caught.value.diagnostics] == [("schema", 1)]


# -------------------------------------------------------------------------------- reports

HEAD = "year: 2018\nprovenance: official\nsource: 州统计局\n"


def report(cat: Catalogue, text: str, name: str = "2018.yaml") -> list[tuple[str, int | None, int | None]]:
    """(code, line, column) of every error validate finds in one report file."""
    doc = store.parse(text, Path(name))
    _, found = checks.report_from_document(doc, cat)
    return [(d.code, d.line, d.column) for d in found if d.severity == "error"]


def warnings(cat: Catalogue, text: str, name: str = "2018.yaml") -> list[str]:
    _, found = checks.report_from_document(store.parse(text, Path(name)), cat)
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
    doc = store.parse(HEAD + "region: 芒\n", Path("2018.yaml"))
    _, found = checks.report_from_document(doc, cat)
    (d,) = [d for d in found if d.code == "unknown-region"]
    assert (d.line, d.column) == (4, 9)
    assert "533103 芒市" in d.message
    assert "../" not in " ".join(x.message for x in found)


@pytest.mark.parametrize("region", ["../x", "/etc/passwd", "..\\\\x"])
def test_path_shaped_region_is_never_suggested_as_a_file_name(cat: Catalogue, region: str) -> None:
    doc = store.parse(HEAD + f"region: '{region}'\n", Path("odd-name.yaml"))
    _, found = checks.report_from_document(doc, cat)
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
    doc = store.parse(HEAD + "values:\n  makers_traind: 1\n  zzz: 2\n", Path("2018.yaml"))
    _, found = checks.report_from_document(doc, cat)
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
    doc = store.parse(HEAD + "values:\n  makers_trained: 1\n  makers_trained: 2\n", Path("2018.yaml"))
    rep, found = checks.report_from_document(doc, cat)
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
    assert checks.ratio_tolerance(reported) == pytest.approx(tolerance + 1e-9, rel=1e-9)


def test_report_that_is_not_a_mapping(cat: Catalogue) -> None:
    assert report(cat, "- 1\n- 2\n") == [("schema", 1, 1)]
    assert report(cat, "") == [("schema", 1, 1)]


# ---------------------------------------------------------------------------- many files


def test_cross_file_rules_name_the_first_report(cat: Catalogue) -> None:
    checked = [
        checks.Checked("a/2018.yaml", [], (2018, "533100")),
        checks.Checked("b/2018.yaml", [], (2018, "533100")),
        checks.Checked("broken.yaml", [], None),
        checks.Checked("c/2018-533103.yaml", [], (2018, "533103")),
        checks.Checked("d/2018.yaml", [], (2018, "533100")),
    ]
    found = list(checks.cross_file_rules(checked, cat))
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
    result = checks.validate(SHIPPED / "targets.yaml", store.report_files(tmp_path))
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
    assert len(paths) >= checks.PARALLEL_THRESHOLD
    serial = checks.check_reports(paths, cat, jobs=1)
    parallel = checks.check_reports(paths, cat, jobs=2)
    assert parallel == serial
    assert [c.path for c in parallel] == [str(p) for p in paths]  # in the order given
    assert sum(bool(c.diagnostics) for c in serial) == 60


def test_check_reports_uses_worker_processes_for_many_files(
    cat: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def where_checked(path: Path, cat: Catalogue) -> checks.Checked:
        return checks.Checked(str(path), [], (os.getpid(), ""))

    monkeypatch.setattr(checks, "check_report_file", where_checked)
    paths = [tmp_path / f"{i}.yaml" for i in range(checks.PARALLEL_THRESHOLD)]
    pids = {c.key[0] for c in checks.check_reports(paths, cat, jobs=2) if c.key}
    assert pids and os.getpid() not in pids
    few = checks.check_reports(paths[:3], cat, jobs=2)
    assert {c.key[0] for c in few if c.key} == {os.getpid()}


def test_validate_collects_every_file_sorted(tmp_path: Path) -> None:
    a = tmp_path / "a" / "2018.yaml"
    b = tmp_path / "b" / "2019.yaml"
    for path, text in ((b, "year: 2019\nprovenance: x\nsource: y\n"), (a, HEAD + "values:\n  gdp: -1\n")):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    result = checks.validate(SHIPPED / "targets.yaml", [b, a])
    assert result.files == 3
    assert [(d.path, d.code) for d in result.diagnostics] == [(str(a), "negative"), (str(b), "schema")]
    assert result.diagnostics == sorted(result.diagnostics, key=Diagnostic.sort_key)


def test_validate_stops_at_a_broken_catalogue(tmp_path: Path) -> None:
    targets = tmp_path / "targets.yaml"
    targets.write_text("schema_version: 1\n", encoding="utf-8")
    report_path = tmp_path / "2018.yaml"
    report_path.write_text("not: checked\n", encoding="utf-8")
    result = checks.validate(targets, [report_path])
    assert result.files == 2  # files named, checked or not
    assert {d.path for d in result.diagnostics} == {str(targets)}
    assert {d.code for d in result.errors} == {"missing-field"}

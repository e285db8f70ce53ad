"""checks/catalogue.py: the catalogue's rules beyond its schema, each at its place in targets.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHIPPED

from dehong_cli.checks.catalogue import catalogue_rules, load_catalogue
from dehong_cli.errors import DataError
from dehong_cli.files.yaml_read import load
from dehong_cli.model.catalogue import Catalogue

TARGETS = (SHIPPED / "targets.yaml").read_text(encoding="utf-8")


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
        load_catalogue(path)
    found = [d for d in caught.value.diagnostics if d.code == code]
    assert found, caught.value.diagnostics
    assert found[0].line == line_of(mutated, marker)
    assert found[0].path == str(path)
    assert words in found[0].message


def test_shipped_catalogue_has_no_problems(cat: Catalogue) -> None:
    doc = load(SHIPPED / "targets.yaml")
    assert list(catalogue_rules(doc, cat)) == []
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
        load_catalogue(path)
    assert [(d.code, d.line) for d in caught.value.diagnostics] == [(code, line_of(mutated, marker))]


def test_catalogue_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalogue(path)
    assert [(d.code, d.line) for d in caught.value.diagnostics] == [("schema", 1)]

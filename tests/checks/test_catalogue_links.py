"""Catalogue rules for task links, the department registry, region parents and aliases, each on a
mutated copy of the shipped targets.yaml; and older catalogues (task:, departments:) still load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import SHIPPED
from pydantic import ValidationError

from dehong_cli.checks.catalogue import catalogue_rules, load_catalogue
from dehong_cli.errors import DataError
from dehong_cli.files.yaml_read import load
from dehong_cli.model.catalogue import Catalogue, Indicator

TARGETS = (SHIPPED / "targets.yaml").read_text(encoding="utf-8")
MAKERS_TASKS = "    tasks: [17, 18, 19]\n"


def line_of(text: str, marker: str) -> int:
    assert text.count(marker) == 1, f"marker is not unique: {marker!r}"
    return text[: text.index(marker)].count("\n") + 1


RULES = [
    # (id, old, new, code, marker whose line the diagnostic names, words in the message)
    ("unknown-task-older-form", MAKERS_TASKS, "    task: 99\n", "unknown-task", "    task: 99\n", "99"),
    (
        "unknown-department",
        "      - 州工息委\n      - 州科技局科协\n",  # task 3
        "      - 州工息局\n      - 州科技局科协\n",
        "unknown-department",
        "      - 州工息局\n",
        "did you mean '州工息委'",
    ),
    (
        "duplicate-department-id",
        "  - id: tourism\n",
        "  - id: industry_it\n",
        "duplicate-department",
        "  - id: industry_it\n    name: 州旅发委",
        "industry_it",
    ),
    (
        "duplicate-department-name",
        "    name: 州公安局\n",
        "    name: 州旅游发展委\n",
        "duplicate-department",
        "    name: 州旅游发展委\n",
        "tourism",
    ),
    (
        "region-parent-unknown",
        "    name_en: Mangshi\n    level: county\n    parent: '533100'\n",
        "    name_en: Mangshi\n    level: county\n    parent: '533199'\n",
        "region-parent",
        "    parent: '533199'",
        "not in regions",
    ),
    (
        "region-parent-cycle",
        "  - code: '533100'\n",
        "  - code: '533100'\n    parent: '533103'\n",
        "region-parent",
        "    parent: '533103'",
        "cycle",
    ),
    (
        "alias-is-another-goals-name",
        "      - 研发投入强度\n",
        "      - 创新创业导师\n",
        "alias",
        "      - 创新创业导师\n",
        "entrepreneurship_mentors",
    ),
    (
        "alias-is-another-series-id-folded",
        "      - 规上工业企业R&D经费投入强度\n",
        "      - Ｇｄｐ\n",
        "alias",
        "      - Ｇｄｐ\n",
        "'gdp'",
    ),
    (
        "alias-is-another-goals-alias",
        "      - 科技企业孵化器\n",
        "      - 产学研创新联盟\n",
        "alias",
        # industry_alliances comes first and keeps it; the incubators' copy is the collision
        "    aliases:\n      - 产学研创新联盟\n    note: '「企业",
        "industry_alliances",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "code", "marker", "words"), [r[1:] for r in RULES], ids=[r[0] for r in RULES]
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
    expected = line_of(mutated, marker) + (1 if marker.startswith("    aliases:") else 0)
    assert found[0].line == expected
    assert words in found[0].message


def test_task_and_tasks_together_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text(TARGETS.replace(MAKERS_TASKS, MAKERS_TASKS + "    task: 18\n"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalogue(path)
    assert any("either 'task' or 'tasks'" in d.message for d in caught.value.diagnostics)


def test_without_a_registry_any_spelling_is_accepted(tmp_path: Path) -> None:
    head, rest = TARGETS.split("\ndepartments:\n")
    tail = rest[rest.index("\nindicators:\n") :]
    path = tmp_path / "targets.yaml"
    path.write_text((head + tail).replace("      - 州工息委\n", "      - 州工息局\n"), encoding="utf-8")
    cat = load_catalogue(path)
    assert cat.departments == [] and cat.department("州工信委") is None
    assert "州工息局" in cat.departments_of(cat.by_id["core_technologies"])


def test_shipped_catalogue_passes_the_new_rules() -> None:
    doc = load(SHIPPED / "targets.yaml")
    cat = Catalogue.model_validate(doc.data)
    assert list(catalogue_rules(doc, cat)) == []


# ------------------------------------------------------------------------- older catalogues


def _goal(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "g",
        "name": "指标",
        "name_en": "Goal",
        "definition": "A test goal.",
        "strand": "s",
        "unit": "count",
        "direction": "higher",
        "accrual": "level",
        "comparator": ">=",
        "target": 10,
        "source": {"section": "二", "quote": "quote"},
    }
    return {**base, **over}


def test_an_older_goal_with_one_task_reads_as_a_list() -> None:
    ind = Indicator.model_validate(_goal(task=3, departments=["州科技局"]))
    assert (ind.tasks, ind.task, ind.departments) == ([3], 3, ["州科技局"])
    assert (ind.applies_to, ind.rollup, ind.aliases, ind.reconstructed) == ("whole_region", None, [], False)


def test_a_goal_needs_a_task() -> None:
    with pytest.raises(ValidationError, match="tasks"):
        Indicator.model_validate(_goal())
    with pytest.raises(ValidationError, match="tasks"):
        Indicator.model_validate(_goal(tasks=[]))


def test_an_older_catalogue_keeps_its_own_departments(tmp_path: Path) -> None:
    older = TARGETS.replace(MAKERS_TASKS, "    task: 18\n    departments:\n      - 团州委\n")
    path = tmp_path / "targets.yaml"
    path.write_text(older, encoding="utf-8")
    cat = load_catalogue(path)
    makers = cat.by_id["makers_trained"]
    assert makers.tasks == [18]
    assert cat.departments_of(makers) == ["团州委"]
    assert cat.lead_departments_of(makers) == ["州教育局", "州人社局", "州总工会", "团州委", "州科技局科协"]

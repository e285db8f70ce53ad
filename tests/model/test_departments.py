"""The department registry lookup (model/departments.py), on an in-memory catalogue."""

from __future__ import annotations

import pytest
from builders import linked, with_departments

from dehong_cli.errors import UsageError
from dehong_cli.model.departments import find_department, goal_role, matches

CAT = with_departments(linked("a", [1]), linked("b", [2]))


@pytest.mark.parametrize(
    ("text", "dept_id"),
    [
        ("州工信委", "industry"),
        ("州工息委", "industry"),
        ("工信委", "industry"),
        ("工息委", "industry"),
        ("  州 工 信 委 ", "industry"),
        ("州旅游发展委", "tourism"),
        ("旅发委", "tourism"),
        ("科技局", "science"),
        ("科协", "science"),
        ("tourism", "tourism"),
        ("industry", "industry"),  # the id, before any English name containing it
        ("州政府办", "office"),  # exact, though 州政府督查室 shares its first characters
    ],
)
def test_lookup_by_name_variant_part_or_id(text: str, dept_id: str) -> None:
    assert find_department(CAT, text).id == dept_id


def test_ambiguous_part_lists_every_candidate() -> None:
    assert [d.id for d in matches(CAT, "州政府")] == ["office", "inspection"]
    with pytest.raises(UsageError, match="part of the names of 2 departments"):
        find_department(CAT, "州政府")


def test_miss_suggests_near_names() -> None:
    with pytest.raises(UsageError, match="did you mean '州卫计委'"):
        find_department(CAT, "州卫生局")
    with pytest.raises(UsageError, match=r"unknown department ''"):
        find_department(CAT, "")


def test_goal_role_follows_the_linked_tasks() -> None:
    a, b = CAT.indicators
    industry, tourism, science = (find_department(CAT, n) for n in ("工信委", "旅发委", "科技局"))
    assert goal_role(CAT, industry, a) == "lead"  # task 1 writes 州工息委
    assert goal_role(CAT, tourism, b) == "supporting"
    assert goal_role(CAT, science, b) is None

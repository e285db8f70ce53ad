"""The pure assembly of `dehong tasks --year` and `dehong dept`, on in-memory objects."""

from __future__ import annotations

from builders import linked, report, with_departments

from dehong_cli.assess.departments import latest_year, scorecard, task_year
from dehong_cli.assess.engine import assess
from dehong_cli.model.departments import find_department
from dehong_cli.model.tasks import TaskProgress, TaskStatus

CAT = with_departments(linked("a", [1]), linked("b", [2]))


def progress(year: int, tasks: dict[str, dict[str, object]], provenance: str = "official") -> TaskProgress:
    return TaskProgress.model_validate(
        {"year": year, "provenance": provenance, "source": "s", "tasks": tasks}
    )


def test_task_year_marks_the_unreported_and_filters() -> None:
    files = [progress(2019, {"1": {"status": "done"}}), progress(2018, {"2": {"status": "delayed"}})]
    rows = task_year(CAT, files, 2019, CAT.home_region).rows
    assert [(r.task.number, r.status_id) for r in rows] == [
        (1, "done"),
        (2, "not_reported"),
        (3, "not_reported"),
    ]
    only = task_year(CAT, files, 2019, CAT.home_region, status="not_reported").rows
    assert [r.task.number for r in only] == [2, 3]
    tourism = find_department(CAT, "旅发委")
    mine = task_year(CAT, files, 2018, CAT.home_region, dept=tourism).rows
    assert [(r.task.number, r.role, r.status) for r in mine] == [(2, "supporting", TaskStatus.DELAYED)]


def test_task_year_is_illustrative_when_an_entry_is() -> None:
    data = task_year(CAT, [progress(2019, {"1": {"status": "done"}}, "illustrative")], 2019, CAT.home_region)
    assert data.illustrative and not data.estimate


def test_scorecard_goals_tasks_and_what_is_owed() -> None:
    cat = with_departments(
        linked("a", [1]),
        linked("b", [2]),
        linked("c", [2], accrual="qualitative", comparator=None, target=None),
    )
    reports = [report(2016, {"a": 1, "b": 1}), report(2019, {"b": 5})]
    files = [progress(2019, {"1": {"status": "in_progress"}})]
    industry = find_department(cat, "州工信委")
    year = latest_year(cat, reports, files, cat.home_region)
    assert year == 2019
    card = scorecard(
        cat, industry, assess(cat, reports, region=cat.home_region, as_of=year), reports, files, year
    )
    assert [(g.progress.indicator.id, g.role) for g in card.goals] == [
        ("a", "lead"),
        ("b", "lead"),
        ("c", "lead"),
    ]
    assert [i.id for i in card.owed_figures] == ["a"]  # b has its 2019 figure; c takes none
    assert [t.number for t in card.owed_tasks] == [2]  # task 1 is reported
    assert card.tasks is not None and [r.role for r in card.tasks.rows] == ["lead", "lead"]


def test_scorecard_without_a_year_owes_nothing() -> None:
    science = find_department(CAT, "科技局")
    card = scorecard(CAT, science, assess(CAT, [], region=CAT.home_region), [], [], None)
    assert card.tasks is None and card.owed_figures == () and card.owed_tasks == ()
    assert [g.progress.indicator.id for g in card.goals] == ["a"]

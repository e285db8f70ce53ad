"""In-memory catalogues and reports for unit tests: a small plan shaped like the shipped one."""

from __future__ import annotations

from typing import Any

from dehong_cli.assess.engine import assess
from dehong_cli.assess.results import Progress
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.lookup import find_region
from dehong_cli.model.report import Report

PREFECTURE, COUNTY = "533100", "533103"


def indicator(id: str, **over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": id,
        "name": f"指标{id}",
        "name_en": f"Indicator {id}",
        "definition": "A test goal.",
        "strand": "s",
        "unit": "count",
        "direction": "higher",
        "accrual": "level",
        "comparator": ">=",
        "target": 10,
        "source": {"section": "二", "quote": "quote"},
        "task": 1,
        "departments": ["州科技局"],
    }
    return {**base, **over}


def catalogue(*indicators: dict[str, Any]) -> Catalogue:
    return Catalogue.model_validate(
        {
            "schema_version": 1,
            "plan": {
                "id": "p",
                "title": "t",
                "title_en": "t",
                "document_number": "德发〔2017〕7号",
                "issuers": ["x"],
                "issue_date": "2017-03-02",
                "region": PREFECTURE,
                "baseline_year": 2016,
                "period_start": 2017,
                "period_end": 2020,
                "target_year": 2020,
                "source": "s",
            },
            "regions": [
                {"code": PREFECTURE, "name": "德宏州", "name_en": "Dehong Prefecture", "level": "prefecture"},
                {"code": COUNTY, "name": "芒市", "name_en": "Mangshi", "level": "county"},
            ],
            "strands": [{"id": "s", "name": "方面", "name_en": "Strand", "source_section": "二"}],
            "tasks": [{"number": 1, "title": "t", "section": "三", "lead_departments": ["州科技局"]}],
            "indicators": list(indicators),
        }
    )


def report(
    year: int, values: dict[str, float], region: str = PREFECTURE, provenance: str = "official"
) -> Report:
    return Report.model_validate(
        {"year": year, "region": region, "provenance": provenance, "source": f"test {year}", "values": values}
    )


def series(id: str, by_year: dict[int, float], region: str = PREFECTURE) -> list[Report]:
    return [report(y, {id: v}, region) for y, v in by_year.items()]


def one(
    cat: Catalogue, reports: list[Report], as_of: int | None = None, region: str | None = None
) -> Progress:
    result = assess(cat, reports, as_of=as_of, region=find_region(cat, region))
    assert len(result.results) == 1
    return result.results[0]


GROWTH = {
    "unit": "percent",
    "accrual": "growth_vs",
    "comparator": ">",
    "target": None,
    "compare_with": "revenue",
    "components": [
        {
            "id": "spending",
            "name": "投入",
            "name_en": "Spending",
            "unit": "money",
            "scale": "万元",
            "role": "subject",
        },
        {
            "id": "revenue",
            "name": "收入",
            "name_en": "Revenue",
            "unit": "money",
            "scale": "万元",
            "role": "companion",
        },
    ],
}


# ------------------------------------------------------- departments and tasks (issue 12)

DEPT_TASKS = [
    {"number": 1, "title": "一", "section": "三", "lead_departments": ["州科技局科协", "州工息委"]},
    {
        "number": 2,
        "title": "二",
        "section": "三",
        "lead_departments": ["州工信委"],
        "supporting_departments": ["州旅游发展委"],
    },
    {"number": 3, "title": "三", "section": "三", "lead_departments": ["州政府办", "州政府督查室"]},
]
REGISTRY = [
    {"id": "science", "name": "州科技局科协", "name_en": "Science"},
    {"id": "industry", "name": "州工信委", "name_en": "Industry", "variants": ["州工息委"]},
    {"id": "tourism", "name": "州旅发委", "name_en": "Tourism", "variants": ["州旅游发展委"]},
    {"id": "office", "name": "州政府办", "name_en": "Office"},
    {"id": "inspection", "name": "州政府督查室", "name_en": "Inspection"},
    {"id": "health", "name": "州卫计委", "name_en": "Health"},
]


def linked(id: str, tasks: list[int], **over: Any) -> dict[str, Any]:
    """A goal that takes its departments from its tasks."""
    base = {k: v for k, v in indicator(id, **over).items() if k not in ("task", "departments")}
    return {**base, "tasks": tasks}


def with_departments(*indicators: dict[str, Any]) -> Catalogue:
    """A catalogue with three tasks, a department registry (variants, a shared prefix) and these goals."""
    base = catalogue(indicator("placeholder")).model_dump(mode="json", exclude_none=True)
    return Catalogue.model_validate(
        {**base, "tasks": DEPT_TASKS, "departments": REGISTRY, "indicators": list(indicators)}
    )

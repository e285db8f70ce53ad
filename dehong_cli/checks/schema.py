"""JSON Schemas for editors (yaml-language-server) and generic tools (check-jsonschema).

The report schema is built from the catalogue, so it knows the same indicator ids, units,
years and regions that `dehong validate` checks. What a schema cannot say (duplicate keys,
anchors, file names, ratios agreeing with their components, one report per year and
region) only `dehong validate` checks.
"""

from __future__ import annotations

import json
from typing import Any

from dehong_cli.model.catalogue import Accrual, Catalogue, Component, Indicator
from dehong_cli.model.report import Report
from dehong_cli.model.rules import bounds
from dehong_cli.model.units import Unit

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def targets_schema() -> dict[str, Any]:
    schema = Catalogue.model_json_schema()
    return {"$schema": DIALECT, "title": "dehong target catalogue (targets.yaml)", **schema}


def _number_for(unit: Unit) -> dict[str, Any]:
    limits = bounds(unit)
    if limits is None:
        return {"type": "null"}
    return {
        "type": "integer" if limits.integer else "number",
        "minimum": limits.minimum,
        "maximum": limits.maximum,
    }


def _entry_schema(title: str, number: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": title,
        "anyOf": [
            number,
            {"type": "null"},
            {
                "type": "object",
                "properties": {
                    "value": {"anyOf": [number, {"type": "null"}]},
                    "source": {"type": ["string", "null"]},
                    "note": {"type": ["string", "null"]},
                },
                "required": ["value"],
                "additionalProperties": False,
            },
        ],
    }


def _series_schema(ind: Indicator, comp: Component | None) -> dict[str, Any]:
    if comp is not None:
        return _entry_schema(f"{comp.name} ({comp.id})", _number_for(comp.unit))
    takes_no_figure = ind.accrual in (Accrual.QUALITATIVE, Accrual.GROWTH_VS)
    number = {"type": "null"} if takes_no_figure else _number_for(ind.unit)
    return _entry_schema(f"{ind.name} ({ind.id})", number)


def report_schema(cat: Catalogue) -> dict[str, Any]:
    schema = Report.model_json_schema()
    props = schema["properties"]
    props["year"].update(minimum=cat.first_year, maximum=cat.last_year)
    regions = sorted(cat.regions_by_key)
    props["region"] = {
        **{k: v for k, v in props["region"].items() if k != "anyOf"},
        "default": cat.plan.region,
        "type": ["string", "integer"],
        "enum": regions + [int(code) for code in regions if code.isdigit()],
    }
    props["values"] = {
        "description": props["values"].get("description", ""),
        "type": "object",
        "properties": {sid: _series_schema(ind, comp) for sid, (ind, comp) in cat.series.items()},
        "additionalProperties": False,
    }
    # Keep the definitions still referenced (provenance's enum): a dangling "$ref" breaks every
    # tool that loads the schema. Only the value-entry ones were replaced above.
    defs = schema.pop("$defs", {})
    used = {name: d for name, d in defs.items() if f'"#/$defs/{name}"' in json.dumps(schema)}
    if used:
        schema["$defs"] = used
    return {
        "$schema": DIALECT,
        "title": "dehong yearly report (data/reports/<year>[-<region>].yaml)",
        **schema,
    }

"""`dehong schema` prints valid JSON Schemas that agree with `dehong validate` on what a schema can say.

A schema cannot see duplicate keys, anchors, tags, YAML number spellings, file names or
whether a ratio agrees with its components; everything else it covers, it must judge as
`dehong validate` does. Files are read with dehong's own loader, as an editor would read them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import SHIPPED, Invoke
from corpus import cases
from corpus.cases import NEGATIVE, POSITIVE
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.report import report_from_document
from dehong_cli.cli.app import app
from dehong_cli.files.locations import report_files
from dehong_cli.files.yaml_read import load, parse
from dehong_cli.model.catalogue import Catalogue, ComponentRole

Validator = jsonschema.Draft202012Validator


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(SHIPPED / "targets.yaml")


def printed_schema(cli: Invoke, *args: str | Path) -> dict[str, Any]:
    result = cli("schema", *args)
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    Validator.check_schema(schema)  # a valid 2020-12 schema; a dangling $ref fails the checks below
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return schema


@pytest.fixture(scope="module")
def report_schema() -> Validator:
    """`dehong schema report` on the shipped catalogue, printed once for the module."""
    runner = CliRunner()

    def cli(*args: str | Path) -> Result:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return Validator(printed_schema(cli, "report", "--data-dir", SHIPPED))


def loaded(path: Path) -> Any:
    return load(path).data


def test_targets_schema_accepts_the_catalogue(cli: Invoke) -> None:
    validator = Validator(printed_schema(cli, "targets"), format_checker=Validator.FORMAT_CHECKER)
    errors = [e.message for e in validator.iter_errors(loaded(SHIPPED / "targets.yaml"))]
    assert errors == []


def test_targets_schema_rejects_what_the_model_rejects(cli: Invoke) -> None:
    validator = Validator(printed_schema(cli, "targets"))
    catalogue = loaded(SHIPPED / "targets.yaml")
    assert not validator.is_valid({**catalogue, "schema_version": 2})
    assert not validator.is_valid({**catalogue, "extra": 1})
    broken = json.loads(json.dumps(catalogue))
    broken["indicators"][0]["unit"] = "pieces"
    assert not validator.is_valid(broken)


def test_report_schema_knows_the_catalogue(cli: Invoke, data_dir: Path, cat: Catalogue) -> None:
    schema = printed_schema(cli, "report", "--data-dir", data_dir)
    assert set(schema["properties"]["values"]["properties"]) == set(cat.series)
    year = schema["properties"]["year"]
    assert (year["minimum"], year["maximum"]) == (2016, 2025)
    assert {"533103", 533103, "芒市", "Mangshi"} <= set(schema["properties"]["region"]["enum"])


def test_report_schema_accepts_the_shipped_reports(report_schema: Validator) -> None:
    for path in report_files(SHIPPED):
        assert [e.message for e in report_schema.iter_errors(loaded(path))] == [], path


@pytest.mark.parametrize("path", cases.committed(POSITIVE), ids=cases.case_id)
def test_schema_accepts_every_valid_corpus_file(report_schema: Validator, path: Path) -> None:
    assert [e.message for e in report_schema.iter_errors(loaded(path))] == []


SCHEMA_CASES = [p for p in cases.committed(NEGATIVE) if cases.expectation(p).schema == "reject"]


def test_schema_cases_cover_what_a_schema_can_say() -> None:
    codes = {cases.expectation(p).code for p in SCHEMA_CASES}
    assert {
        "schema",
        "unknown-field",
        "unknown-indicator",
        "count",
        "percent-range",
        "year-range",
        "missing-field",
        "unknown-region",
        "negative",
    } <= codes


@pytest.mark.parametrize("path", SCHEMA_CASES, ids=cases.case_id)
def test_schema_rejects_what_validate_rejects(report_schema: Validator, path: Path) -> None:
    assert not report_schema.is_valid(loaded(path))


# ------------------------------------------------------------ agreement, value by value

CATALOGUE = load_catalogue(SHIPPED / "targets.yaml")
NUMBERS = st.one_of(
    st.integers(min_value=-10, max_value=10**16),
    st.floats(min_value=-1e3, max_value=1e17, allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 0.0, -0.0, 1.5e3, 12.0, 100, 100.5, 1e15, 1.0000001e15]),
)
ENTRIES = st.one_of(st.none(), NUMBERS, st.fixed_dictionaries({"value": st.one_of(st.none(), NUMBERS)}))
# A ratio with both its components is checked against them, which no schema can do: never both.
DENOMINATORS = {
    num.id: den.id
    for ind in CATALOGUE.indicators
    for num in ind.components
    for den in ind.components
    if num.role is ComponentRole.NUMERATOR and den.role is ComponentRole.DENOMINATOR
}


@settings(max_examples=200, deadline=None)
@given(
    year=st.integers(min_value=2010, max_value=2030),
    entries=st.dictionaries(st.sampled_from(sorted(CATALOGUE.series)), ENTRIES, max_size=4),
)
def test_schema_and_validate_agree_on_values(
    report_schema: Validator, year: int, entries: dict[str, Any]
) -> None:
    """Random figures for random goals: the schema accepts them exactly when validate finds no error."""
    values = {k: v for k, v in entries.items() if DENOMINATORS.get(k) not in entries}
    data = {"year": year, "provenance": "official", "source": "x", "values": values}
    doc = parse(json.dumps(data), Path(f"{year}.yaml"))  # JSON is YAML: dehong's own loader
    assert doc.data == data
    _, found = report_from_document(doc, CATALOGUE)
    errors = [d.code for d in found if d.severity == "error"]
    assert report_schema.is_valid(data) == (not errors), errors

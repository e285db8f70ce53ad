"""files/yaml_write.py: stable YAML that reads back the same, the same bytes for the same data."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import ROOT, SHIPPED

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.report import report_from_document
from dehong_cli.files.yaml_read import parse, reads_as_text
from dehong_cli.files.yaml_write import emit, leading_comments, scalar, template
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.report import Report

TRICKY = [
    "德宏州统计局《2018年统计年鉴》",
    "a, b: c",
    "key: value",
    "#not a comment",
    "trailing #hash",
    "'single'",
    '"double"',
    "line\nbreak",
    "yes",
    "NO",
    "on",
    "null",
    "~",
    "0x1F",
    "012",
    "1_000",
    "12:30",
    "1.5e3",
    "12",
    "2019-01-01",
    "  leading and trailing  ",
    "-",
    "- item",
    "[x]",
    "{y: 1}",
    "&anchor",
    "*alias",
    "!tag",
    "%percent",
    "@at",
    "`tick",
    "tab\there",
    "nel\x85here",
    "line\u2028sep",
    "\ufeffbom",
    "back\\slash",
    "é ü 🙂",
    "州、县市",
    "?",
    ":",
]


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(SHIPPED / "targets.yaml")


def report(**fields: object) -> Report:
    base: dict[str, object] = {"year": 2019, "region": "533100", "provenance": "official", "source": "统计局"}
    return Report.model_validate(base | fields)


def reads_back(text: str, cat: Catalogue, name: str = "2019.yaml") -> Report:
    doc = parse(text, Path(name))
    parsed, diagnostics = report_from_document(doc, cat)
    assert parsed is not None, diagnostics
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return parsed


# ------------------------------------------------------------------------------ emitting


@pytest.mark.parametrize("text", TRICKY)
def test_strings_read_back_the_same(cat: Catalogue, text: str) -> None:
    rep = report(
        source=text,
        note=text,
        values={"business_incubators": {"value": 3, "source": text, "note": text}},
    )
    emitted = emit(rep, cat)
    assert reads_back(emitted, cat) == rep
    assert len(emitted.splitlines()) == 7  # one line per field, one per value: never folded


@pytest.mark.parametrize(
    "value", [0, 7, 0.1, 0.85, 1.2345, 33.0, 123000, 1e-05, 2.5e-10, 123456789.123, 1e15, 999999999999999.9]
)
def test_numbers_read_back_exactly(cat: Catalogue, value: float) -> None:
    rep = report(values={"tech_enterprise_sales": value, "gdp": {"value": value, "note": "x"}})
    assert reads_back(emit(rep, cat), cat) == rep


@pytest.mark.parametrize(
    ("plain", "text"),
    [
        ("12", False),
        ("-0.8", False),
        ("1.5e3", False),  # a number to dehong, text to PyYAML: yaml_read decides
        ("null", False),
        ("~", False),
        ("", False),
        ("True", False),
        ("yes", True),
        ("0x1F", True),
        ("12:30", True),
        ("德宏", True),
    ],
)
def test_reads_as_text_is_what_yaml_read_loads(plain: str, text: bool) -> None:
    assert reads_as_text(plain) is text
    loaded = parse(f"k: {plain}\n", Path("x.yaml")).data["k"]
    assert isinstance(loaded, str) is text
    # and so the writer quotes exactly what would not read back as the same text
    assert parse(f"k: {scalar(plain)}\n", Path("x.yaml")).data["k"] == plain
    if not text:
        assert scalar(plain) != plain


OURS = ("dehong_cli.files", "dehong_cli.checks")
PRIVATE_USE = re.compile(
    r"\b(?:yaml_read|yaml_write|read|atomic|locks|locations|run|report|catalogue)\._[a-z]"
)


def test_no_module_reads_another_modules_private_names() -> None:
    """What other modules need from files/ and checks/ (reads_as_text, say) is public."""
    for path in sorted((ROOT / "dehong_cli").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(OURS):
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{path.relative_to(ROOT)} imports {private} from {node.module}"
        used = PRIVATE_USE.search(path.read_text(encoding="utf-8"))
        assert used is None, f"{path.relative_to(ROOT)} uses {used and used[0]}"


def test_layout_order_and_comments(cat: Catalogue) -> None:
    rep = report(
        note="快报数",
        values={
            "makers_trained": 900,
            "gdp": None,
            "sci_tech_progress_contribution": 45.5,
            "tech_enterprise_sales": {"value": 31.5, "source": "州科技局", "note": "含瑞丽试验区"},
            "rd_expenditure": {"value": None},
        },
    )
    assert emit(rep, cat) == (
        "year: 2019\n"
        'region: "533100"                               # 德宏州\n'
        "provenance: official\n"
        "source: 统计局\n"
        "note: 快报数\n"
        "values:\n"
        "  sci_tech_progress_contribution: 45.5         # 科技进步贡献率 (%)\n"
        "  rd_expenditure: {value: null}                # 全社会研发经费支出 (亿元)\n"
        "  gdp:                                         # 地区生产总值 GDP (亿元)\n"
        "  tech_enterprise_sales: {value: 31.5, source: 州科技局, note: 含瑞丽试验区}"
        "  # 科技型企业销售收入 (亿元)\n"
        "  makers_trained: 900                          # 培养创客 (名, added this year)\n"
    )


def test_the_same_data_gives_the_same_bytes(cat: Catalogue) -> None:
    values = {"gdp": 1000, "rd_expenditure": 8, "makers_trained": 3}  # a ratio that can be: 0.8%
    a = emit(report(values=values), cat)
    b = emit(report(values=dict(reversed(values.items()))), cat)
    assert a == b
    assert emit(reads_back(a, cat), cat) == a


def test_empty_values(cat: Catalogue) -> None:
    rep = report()
    text = emit(rep, cat)
    assert text.endswith("values: {}\n")
    assert reads_back(text, cat) == rep


def test_leading_comments_are_kept() -> None:
    text = "# yaml-language-server: $schema=report.schema.json\n# 2019\n\nyear: 2019\n# inside\n"
    assert leading_comments(text) == "# yaml-language-server: $schema=report.schema.json\n# 2019"


def test_template_validates_with_only_the_placeholder_warning(cat: Catalogue) -> None:
    text = template(cat, 2020, "533123")
    doc = parse(text, Path("2020-533123.yaml"))
    parsed, diagnostics = report_from_document(doc, cat)
    assert [(d.code, d.severity) for d in diagnostics] == [("placeholder", "warning")]  # replace the TODO
    assert parsed is not None and list(parsed.values) == list(cat.series)
    assert all(v is None for v in parsed.values.values())
    assert (
        "  makers_trained:                              # 培养创客 (名, added this year) · additions" in text
    )
    assert "source: 'TODO: " in text

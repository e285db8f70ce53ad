"""files/yaml_read.py: the YAML subset, its refusals, and positions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dehong_cli.errors import DataError
from dehong_cli.files import yaml_read
from dehong_cli.files.yaml_read import MAX_DEPTH, Path_, Positions, dotted, parse
from dehong_cli.model.diagnostic import Diagnostic


def problems(text: str) -> list[tuple[str, int | None, int | None]]:
    """(code, line, column) of what the loader found, fatal or not."""
    try:
        doc = parse(text, Path("r.yaml"))
    except DataError as exc:
        return [(d.code, d.line, d.column) for d in exc.diagnostics]
    return [(d.code, d.line, d.column) for d in doc.problems]


def data(text: str) -> object:
    doc = parse(text, Path("r.yaml"))
    assert doc.problems == []
    return doc.data


# -------------------------------------------------------------------------- the subset


def test_plain_values() -> None:
    text = (
        "a: 12\nb: -3\nc: 0.8\nd: 1.5e3\ne: text\nf: null\ng: ~\nh:\ni: true\nj: false\n"
        "k: '12'\nl: \"0x1F\"\nm: |\n  block\nn: 2018-05-01\no: [1, x]\n"
    )
    assert data(text) == {
        "a": 12,
        "b": -3,
        "c": 0.8,
        "d": 1500.0,
        "e": "text",
        "f": None,
        "g": None,
        "h": None,
        "i": True,
        "j": False,
        "k": "12",
        "l": "0x1F",
        "m": "block\n",
        "n": "2018-05-01",  # a date stays the text it was written as
        "o": [1, "x"],
    }


def test_keys_are_kept_as_written() -> None:
    """`1:` and `null:` are names; pydantic reports them as text, so positions must too."""
    assert data("1: a\nnull: b\ntrue: c\n0x1F: d\n") == {"1": "a", "null": "b", "true": "c", "0x1F": "d"}


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0x1F", "number-format"),
        ("010", "number-format"),
        ("1_000", "number-format"),
        ("12:30", "number-format"),
        ("+12", "number-format"),
        (".inf", "number-format"),
        ("-.inf", "number-format"),
        (".nan", "number-format"),
        ("1e400", "number-format"),
        ("9" * 5000, "number-format"),
        ("yes", "ambiguous-boolean"),
        ("NO", "ambiguous-boolean"),
        ("on", "ambiguous-boolean"),
        ("Off", "ambiguous-boolean"),
    ],
)
def test_other_spellings_are_problems_at_their_place(value: str, code: str) -> None:
    assert problems(f"year: 2018\nvalues:\n  gdp: {value}\n") == [(code, 3, 8)]


def test_value_problems_are_all_collected() -> None:
    text = "a: 0x1F\nb: yes\nc:\n  d: 010\n  d: 1\na: 2\n"
    assert problems(text) == [
        ("number-format", 1, 4),
        ("ambiguous-boolean", 2, 4),
        ("number-format", 4, 6),
        ("duplicate-key", 5, 3),
        ("duplicate-key", 6, 1),
    ]


def test_duplicate_key_keeps_the_first_and_names_its_line() -> None:
    doc = parse("a: 1\nb: 2\na: 3\n", Path("r.yaml"))
    assert doc.data == {"a": 1, "b": 2}
    (d,) = doc.problems
    assert (d.code, d.line, d.column) == ("duplicate-key", 3, 1)
    assert "line 1" in d.message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: !!str 12\n", (1, 4)),
        ("a: !!python/object/apply:os.system [ls]\n", (1, 4)),
        ("!!python/object:os.system {}\n", (1, 1)),
        ("a: !!binary aGk=\n", (1, 4)),
        ("a: ! 12\n", (1, 4)),
        ("a: !local x\n", (1, 4)),
        ("a: !!map {b: 1}\n", (1, 4)),
        ("- !!seq []\n", (1, 3)),
        ("!!python/name:os.system : x\n", (1, 1)),
        ("<<: {a: 1}\n", (1, 1)),
    ],
)
def test_tags_and_merge_keys_are_refused(text: str, where: tuple[int, int]) -> None:
    assert problems(text) == [("tag", *where)]


def test_equals_and_merge_words_are_text_as_values() -> None:
    assert data("a: =\nb: <<\n") == {"a": "=", "b": "<<"}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: &x 1\nb: *x\n", (1, 4)),
        ("a: [1, 2]\nb: &y {c: 1}\n", (2, 4)),
        ("- &z x\n", (1, 3)),
    ],
)
def test_anchors_and_aliases_are_refused(text: str, where: tuple[int, int]) -> None:
    assert problems(text) == [("anchor", *where)]


def test_nesting_deeper_than_the_limit_is_refused_where_it_starts() -> None:
    too_deep = "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    ((code, line, col),) = problems(too_deep)
    assert (code, line) == ("too-deep", 1)
    assert col == 4 + MAX_DEPTH - 1
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert problems(ok) == []


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: 1\n  b: 2\n", (2, 4), "mapping values"),
        ('a: "open\nb: 2\n', (1, 4), "end of stream"),  # the quote left open, not the file's end
        ("a: [1, 2\n", (1, 4), "']'"),  # the bracket left open
        ("a: {b: 1\n# the end\n\n", (1, 4), "'}'"),
        ("y: 1\na 1\nb: 2\n", (2, 1), "':'"),  # the key that lacks its colon
        ("a: 1\n\tb: 2\n", (2, 1), "a tab cannot indent YAML"),
        ("a: 1\n---\nb: 2\n", (2, 1), "single document"),
    ],
)
def test_syntax_errors_point_at_what_to_fix(text: str, where: tuple[int, int], words: str) -> None:
    with pytest.raises(DataError) as caught:
        parse(text, Path("r.yaml"))
    (d,) = caught.value.diagnostics
    assert (d.code, d.line, d.column) == ("yaml-syntax", *where)
    assert words in d.message


@pytest.mark.parametrize("loader", [yaml_read._Loader, yaml.SafeLoader], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(
    ("text", "where", "char"),
    [
        ("a: 1\nb: x\x01y\n", (2, 5), "U+0001"),
        ("a: 德宏州\x07\n", (1, 7), "U+0007"),
        ("a: 1\r\nb: 中文\r\nc: \x00\r\n", (3, 4), "U+0000"),
        ("a: \ufffe\n", (1, 4), "U+FFFE"),
    ],
)
def test_forbidden_characters_are_located(
    monkeypatch: pytest.MonkeyPatch, loader: type, text: str, where: tuple[int, int], char: str
) -> None:
    monkeypatch.setattr(yaml_read, "_Loader", loader)
    with pytest.raises(DataError) as caught:
        parse(text, Path("r.yaml"))
    (d,) = caught.value.diagnostics
    assert (d.code, d.line, d.column) == ("yaml-syntax", *where)
    assert char in d.message


def test_lone_surrogate_in_text_is_a_data_error() -> None:
    with pytest.raises(DataError) as caught:
        parse("a: 1\nb: x\ud800\n", Path("r.yaml"))
    (d,) = caught.value.diagnostics
    assert (d.code, d.line, d.column) == ("encoding", 2, 5)


def test_empty_and_comment_only_documents_are_none() -> None:
    assert data("") is None
    assert data("# only a comment\n") is None
    assert data("\n\n") is None


# ---------------------------------------------------------------------------- positions


def test_positions_of_values_and_keys() -> None:
    doc = parse("year: 2018\nvalues:\n  gdp: {value: 380}\n  list: [a, b]\n", Path("r.yaml"))
    pos = doc.positions
    assert pos.of(("year",)) == (1, 7)
    assert pos.of(("year",), key=True) == (1, 1)
    assert pos.of(("values", "gdp")) == (3, 8)
    assert pos.of(("values", "gdp"), key=True) == (3, 3)
    assert pos.of(("values", "gdp", "value")) == (3, 16)
    assert pos.of(("values", "list", 1)) == (4, 13)


def test_positions_fall_back_to_the_nearest_ancestor() -> None:
    doc = parse("year: 2018\nvalues:\n  gdp: 380\n", Path("r.yaml"))
    pos = doc.positions
    assert pos.of(("values", "gdp", "value")) == (3, 8)  # a field that was not written
    assert pos.of(("values", "missing"), key=True) == (3, 3)  # no such key: its parent mapping
    assert pos.of(("nowhere",)) == (1, 1)
    assert Positions().of(("a", "b")) == (1, 1)


def test_document_diagnostic_carries_path_field_and_severity() -> None:
    doc = parse("year: 2018\nvalues:\n  gdp: 380\n", Path("data/reports/2018.yaml"))
    d = doc.diagnostic(("values", "gdp"), "negative", "no", severity="warning")
    assert d == Diagnostic("data/reports/2018.yaml", 3, 8, "negative", "no", "values.gdp", "warning")


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        ((), ""),
        (("year",), "year"),
        (("values", "gdp"), "values.gdp"),
        (("tasks", 3, "number"), "tasks[3].number"),
        (("indicators", 0, "departments", 2), "indicators[0].departments[2]"),
    ],
)
def test_dotted(loc: Path_, text: str) -> None:
    assert dotted(loc) == text


def test_too_many_nodes_are_refused_before_a_tree_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    # counted from the event stream: a 3.9 MB flow list of 1.3 million zeros took 17 s and 740 MB
    monkeypatch.setattr(yaml_read, "MAX_NODES", 10)
    big = "a:\n  b: [" + "0, " * 30 + "0]\n"
    ((code, line, col),) = problems(big)
    assert (code, line) == ("too-large", 2)
    assert col == 7 + 3 * 5  # the 11th node, the 6th zero: the root, a, its mapping, b and the list first
    assert problems("a:\n  b: [" + "0, " * 4 + "0]\n") == []  # 10 nodes


def test_the_tag_memory_is_renewed_when_full_not_frozen() -> None:
    """A catalogue of thousands of regions must not fill the memory for good: a report's keys,
    parsed after it, are still remembered (issue 11: 27% slower a report at 2,850 regions)."""
    from dehong_cli.files import yaml_read

    many = "".join(f"name_{i}: 区{i}\n" for i in range(yaml_read._KEPT_TAGS + 10))
    yaml_read.parse(many, Path("targets.yaml"))
    yaml_read.parse("year_of_report: 2019\nprovenance_kind: official\n", Path("2019.yaml"))
    kept = yaml_read._Loader._tags
    assert "year_of_report" in kept and "provenance_kind" in kept
    assert len(kept) <= yaml_read._KEPT_TAGS
    assert "2019" not in kept  # numbers seldom recur: not kept

"""Property tests of the loader: whatever it is fed, it answers with data or a DataError, nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dehong_cli.errors import DataError
from dehong_cli.files import yaml_read
from dehong_cli.files.read import decode
from dehong_cli.files.yaml_read import Document, is_number, parse

PROPERTY = settings(max_examples=200, deadline=None)
PATH = Path("r.yaml")

# Pieces of YAML syntax, so that random text reaches the parser's corners, not just its first error.
TOKENS = st.sampled_from(
    [
        ": ",
        "- ",
        "\n",
        "  ",
        "\t",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!!str ",
        "! ",
        "!!python/name:x ",
        "<<: ",
        "? ",
        "|",
        ">",
        "'",
        '"',
        "#",
        "%YAML 1.1\n",
        "---\n",
        "...\n",
        "0x1F",
        "010",
        "1_000",
        "12:30",
        ".inf",
        ".nan",
        "yes",
        "~",
        "null",
        "1e400",
        "1.5e3",
        "-3",
        "2018-05-01",
        "year",
        "values",
        "gdp",
        "中文",
        "\ufeff",
        "\x85",
        "\u2028",
        "\x00",
        "\x07",
        "\r\n",
        "\\",
        "１２",
    ]
)
YAMLISH = st.lists(st.one_of(TOKENS, st.text(max_size=3)), max_size=40).map("".join)


@contextmanager
def loader(kind: str) -> Iterator[None]:
    """Swap in the pure-Python loader (what runs when PyYAML has no libyaml) for a block."""
    saved = yaml_read._Loader
    yaml_read._Loader = yaml.SafeLoader if kind == "pure-python" else saved
    try:
        yield
    finally:
        yaml_read._Loader = saved


def load_bytes(raw: bytes) -> Document | None:
    try:
        return parse(decode(raw, str(PATH)), PATH)
    except DataError as exc:
        assert exc.diagnostics, "a DataError says what is wrong"
        for d in exc.diagnostics:
            assert d.path == str(PATH) and d.code and d.message
            assert (d.line is None) == (d.column is None)
        return None


def load_text(text: str) -> Document | None:
    try:
        return parse(text, PATH)
    except DataError as exc:
        assert exc.diagnostics
        return None


KINDS = st.sampled_from(["libyaml", "pure-python"])


@PROPERTY
@given(raw=st.binary(max_size=300), kind=KINDS)
def test_arbitrary_bytes_raise_only_data_error(raw: bytes, kind: str) -> None:
    with loader(kind):
        load_bytes(raw)


@PROPERTY
@given(text=YAMLISH, kind=KINDS, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_yaml_like_bytes_raise_only_data_error(text: str, kind: str, encoding: str) -> None:
    with loader(kind):
        load_bytes(text.encode(encoding, "surrogatepass"))


@PROPERTY
@given(text=st.one_of(st.text(max_size=200), YAMLISH), kind=KINDS)
def test_arbitrary_text_raises_only_data_error(text: str, kind: str) -> None:
    with loader(kind):
        load_text(text)


@PROPERTY
@given(text=st.text(st.characters(codec=None, exclude_categories=()), max_size=50))
def test_text_with_lone_surrogates_raises_only_data_error(text: str) -> None:
    load_text(text)


@PROPERTY
@given(text=YAMLISH)
def test_positions_lie_inside_the_text(text: str) -> None:
    """Every line and column the loader reports, for data or for a problem, is in the file."""
    lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", text)  # YAML's line breaks, as editors count them
    try:
        doc = parse(text, PATH)
    except DataError as exc:
        found = [(d.line, d.column) for d in exc.diagnostics]
    else:
        found = [(d.line, d.column) for d in doc.problems]
        found += list(doc.positions.values.values()) + list(doc.positions.keys.values())
    for line, col in found:
        assert line is not None and col is not None
        assert 1 <= line <= len(lines) + 1
        assert 1 <= col <= len(lines[line - 1]) + 1 if line <= len(lines) else col == 1


@PROPERTY
@given(text=YAMLISH)
def test_both_loaders_accept_and_refuse_alike(text: str) -> None:
    """With or without libyaml, the same text loads to the same data, or is refused."""
    assume("\ufeff" not in text)  # where a second BOM may stand, the two parsers differ
    with loader("libyaml"):
        fast = load_text(text)
    with loader("pure-python"):
        slow = load_text(text)
    if fast is not None and slow is not None:
        assert fast.data == slow.data
        assert [(d.code, d.line, d.column) for d in fast.problems] == [
            (d.code, d.line, d.column) for d in slow.problems
        ]


# Data as a report holds it: names, text, plain numbers, nothing YAML would need a tag for.
# PyYAML's own dumper writes NEL, LS and PS unescaped and reads them back as line breaks
# (dehong's writer escapes them), so they are left out of this round trip. So is text like
# `1e5`: a number to dehong as in YAML 1.2, but text to PyYAML (YAML 1.1), which writes it bare.
CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x85\u2028\u2029")
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.text(CHARS, max_size=20).filter(lambda s: not is_number(s)),
)
KEYS = st.text(CHARS, min_size=1, max_size=10)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=20,
)


@PROPERTY
@given(data=st.dictionaries(KEYS, DATA, max_size=5), flow=st.booleans())
def test_what_pyyaml_writes_loads_back_equal(data: dict[str, Any], flow: bool) -> None:
    """Plain YAML written by a standard dumper reads back as the same data, without complaint."""
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    doc = parse(text, PATH)
    assert doc.problems == []
    assert doc.data == data

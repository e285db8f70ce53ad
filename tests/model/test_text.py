"""model/text.py: which text a spreadsheet would run, the quote that stops it, and control characters."""

from __future__ import annotations

import pytest

from dehong_cli.model.text import control_at, is_formula_like, neutralise, printable, unquote


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://evil.example/")', "+cmd|' /C calc'!A0", "@SUM(1+9)", "-1+2", "\t=1", "\r=1", "=1"],
)
def test_formula_like_text_gets_one_quote_and_reads_back(text: str) -> None:
    assert is_formula_like(text)
    assert neutralise(text) == "'" + text
    assert unquote(neutralise(text)) == text


@pytest.mark.parametrize("text", ["-12.5", "-3%", "+4", "-1,234.5", "1e5", "州统计局", "", "'quoted by hand"])
def test_numbers_and_plain_text_are_left_alone(text: str) -> None:
    assert neutralise(text) == text
    assert unquote(text) == text


def test_unquote_takes_off_exactly_one_quote_and_only_before_a_formula_start() -> None:
    assert unquote("''=1") == "''=1"  # neutralise never writes two
    assert unquote("'abc") == "'abc"  # a quote the writer meant stays
    assert unquote("'-5") == "'-5"  # a number behind it: not ours to take off


def test_control_characters_are_found_and_shown_escaped() -> None:
    assert control_at("ok\tand\nlines", allow_lines=True) is None
    assert control_at("ok\tand", allow_lines=False) == 2
    assert control_at("bell\x07", allow_lines=True) == 4
    assert control_at("c1\x9b", allow_lines=True) == 2
    assert printable("\x1b[2Jhi\x07") == "\\u001b[2Jhi\\u0007"
    assert printable("a\nb") == "a\nb"
    assert printable("a\nb", keep_lines=False) == "a\\u000ab"

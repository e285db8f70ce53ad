"""The one copy of the rules about text from data that another program could act on.

Spreadsheets (OWASP "CSV injection"): text starting with = + - @, a tab or a carriage return is a
formula to Excel and LibreOffice. Our CSV and .xlsx writers put a single quote before such text
(`render/cells.py`), and the importer takes exactly that quote off again (`unquote`), so an
export reads back unchanged. Text that is only a number ("-12.5", "-3%") is no formula.

Terminals: control characters (ESC among them) drive a terminal; data holding one is refused by
validate and import, and whatever is drawn from data is escaped (`printable`) all the same.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # C0, DEL and C1
_CONTROL_NOT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")  # tab, newline, NEL allowed


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read this text as a formula (a plain number is not one)."""
    return text.startswith(FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None


def neutralise(text: str) -> str:
    """Formula-like text with OWASP's leading single quote; any other text as it is."""
    return QUOTE + text if is_formula_like(text) else text


def unquote(text: str) -> str:
    """What `neutralise` wrote, read back: one leading quote off when a formula start follows it."""
    if text.startswith(QUOTE) and is_formula_like(text[1:]):
        return text[1:]
    return text


def control_at(text: str, *, allow_lines: bool = False) -> int | None:
    """The index of the first control character (tab and newline allowed when `allow_lines`)."""
    match = (_CONTROL_NOT_LINES if allow_lines else _CONTROL).search(text)
    return match.start() if match else None


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def printable(text: str, *, keep_lines: bool = True) -> str:
    """Text as a terminal may show it: each control character (ESC included) as `\\u001b`; tab
    and newline kept when `keep_lines`."""
    return (_CONTROL_NOT_LINES if keep_lines else _CONTROL).sub(_escape, text)


def escape_pattern(text: str, pattern: re.Pattern[str]) -> str:
    """Each character `pattern` matches, written as `\\uXXXX`."""
    return pattern.sub(_escape, text)

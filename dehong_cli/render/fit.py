"""Text fitted to a terminal's columns by display width: Chinese characters take two columns.

A line may break at a space (which is dropped) or between two Chinese characters, never inside
a run of other characters or inside brackets, so a number and its measure word (`12家`), a year
range (`(2017–19)`), `(新增)` or an id stay whole.
"""

from __future__ import annotations

import functools
import unicodedata

ELLIPSIS = "…"


def cells(text: str) -> int:
    """The display width of `text`: two columns for wide (CJK) characters, one for the rest."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


# Chinese punctuation a line never starts with (it belongs to the character before it).
NO_START = set("，。、；：）》」』！？")


def segments(text: str, brackets: bool = True) -> list[tuple[str, str]]:
    """The pieces a line may break between, each with what joins it to the next (" " or "");
    with `brackets`, never inside brackets (for table cells; prose breaks there too)."""
    pieces: list[tuple[str, str]] = []
    current, depth, unit = "", 0, False
    for i, char in enumerate(text):
        depth += ((char in "(（") - (char in ")）")) if brackets else 0
        # a unit after a number (`4个百分点`, `5,000名`) stays with it and whole
        unit = _wide(char) and (unit or (i > 0 and text[i - 1].isdigit()))
        # a one-character mark after a space (Σ for a rolled-up figure) stays with what it marks
        mark = i + 2 >= len(text) or text[i + 2] == " "
        if (
            char == " "
            and depth <= 0
            and not (mark and i + 1 < len(text) and not (text[i + 1].isascii() and text[i + 1].isalnum()))
        ):
            if current:
                pieces.append((current, " "))
            current = ""
            continue
        nxt = text[i + 1] if i + 1 < len(text) else ""
        current += char
        if (
            depth <= 0
            and not unit
            and nxt
            and nxt != " "
            and _wide(char)
            and _wide(nxt)
            and nxt not in NO_START
        ):
            pieces.append((current, ""))
            current = ""
    if current:
        pieces.append((current, ""))
    return pieces


def _lines(text: str, width: int, brackets: bool = True) -> list[str] | None:
    """`text` broken greedily into lines of `width` columns where it may break; None when a piece
    is wider than that."""
    lines: list[str] = []
    line, joiner = "", ""
    for piece, sep in segments(text, brackets):
        if cells(piece) > width:
            return None
        if line and cells(line + joiner + piece) > width:
            lines.append(line)
            line = piece
        else:
            line = line + joiner + piece if line else piece
        joiner = sep
    lines.append(line)
    return lines


def fit(text: str, width: int, max_lines: int = 2) -> list[str] | None:
    """`text` in at most `max_lines` lines of at most `width` columns, broken only where it may
    be; None when it does not fit."""
    lines = _lines(text, width)
    return lines if lines is not None and len(lines) <= max_lines else None


@functools.lru_cache(maxsize=4096)
def narrowest(text: str, max_lines: int = 2) -> int:
    """The fewest columns that hold `text` in `max_lines` lines (breaking only where it may).

    Greedy breaking never needs more lines at a greater width, so the answer is found by bisection;
    and a table's layout asks for the same cell at every candidate layout, hence the cache."""
    low = max((cells(p) for p, _ in segments(text)), default=0)
    high = cells(text)  # one line always fits
    while low < high:
        mid = (low + high) // 2
        if fit(text, mid, max_lines) is not None:
            high = mid
        else:
            low = mid + 1
    return high


def clip(text: str, width: int) -> str:
    """`text` cut to `width` columns, with … where it was cut."""
    if cells(text) <= width:
        return text
    out = ""
    for char in text:
        if cells(out + char) > width - 1:
            break
        out += char
    return out + ELLIPSIS


def wrap(text: str, width: int, max_lines: int = 2, *, brackets: bool = True) -> list[str]:
    """`text` in at most `max_lines` lines of `width` columns: broken where it may (anywhere, when
    a piece is wider than a line), and the last line ends in … when there was more."""
    lines = _lines(text, width, brackets)
    if lines is None:  # a piece wider than the line: cut it by columns
        lines, rest = [], text
        while rest:
            line = clip(rest, width + 1)[:-1] if cells(rest) > width else rest
            lines.append(line)
            rest = rest[len(line) :].lstrip(" ")
    if len(lines) <= max_lines:
        return lines
    return [*lines[: max_lines - 1], clip(" ".join(lines[max_lines - 1 :]), width)]


def reflow(text: str, width: int) -> str:
    """Every line of `text` that is wider than `width` broken where it may, its continuation
    lines indented like it."""
    out = []
    for line in text.splitlines():
        indent = line[: len(line) - len(line.lstrip(" "))]
        if cells(line) <= width:
            out.append(line)
            continue
        out += [
            indent + part for part in wrap(line.strip(), width - len(indent), max_lines=99, brackets=False)
        ]
    return "\n".join(out) + "\n"

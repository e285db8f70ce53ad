"""Payloads into text: JSON, CSV, and rich renderables drawn at a given width."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from dehong_cli.render.cells import neutralise
from dehong_cli.render.terminal import Style

if TYPE_CHECKING:
    from rich.console import RenderableType

JSON_VERSION = 1


def to_json(payload: Any) -> str:
    """Strict JSON: NaN and Infinity are not JSON, so a payload holding one is a bug that raises here."""
    return json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], *, lineterminator: str = "\n") -> str:
    """A header and rows as CSV; None is an empty cell. `dehong export` asks for CRLF, as Excel writes.

    Every CSV we write comes through here, so formula-like text is neutralised here (render/cells.py)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=lineterminator)
    writer.writerow([neutralise(h) for h in header])
    writer.writerows(["" if v is None else neutralise(v) for v in row] for row in rows)
    return buf.getvalue()


def to_text(renderable: RenderableType, style: Style) -> str:
    """Draw a rich renderable into a string of the given width, with or without colour."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(
        file=buf,
        width=style.width,
        color_system="standard" if style.color else None,
        force_terminal=style.color,
        no_color=not style.color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return buf.getvalue()


def draw(renderable: RenderableType, style: Style) -> str:
    """Rich pads every line to the full width; trailing blanks only get in the way of a diff."""
    return "\n".join(line.rstrip() for line in to_text(renderable, style).splitlines()) + "\n"


_MARKDOWN = str.maketrans(
    {"\\": "\\\\", "|": "\\|", "\n": " ", "\r": " ", "[": "\\[", "]": "\\]", "<": "&lt;", ">": "&gt;"}
)


def md(text: object) -> str:
    """Text from data as Markdown that only shows it: a table cell keeps its column (| and line ends),
    and no renderer turns it into HTML, a link or an image that fetches (< > [ ] escaped)."""
    return str(text).translate(_MARKDOWN)

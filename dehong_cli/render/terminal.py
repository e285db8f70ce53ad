"""The terminal: how wide it is, whether colour is wanted, and the two output streams.

stdout carries data (tables, JSON, CSV, diagnostics); stderr carries messages, so that
`dehong status --format json | jq` stays clean. Rich consoles are made only in `render.to_text`.
"""

from __future__ import annotations

import codecs
import os
import shutil
import sys
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True, slots=True)
class Style:
    """How rendered text should look: width in columns, and whether to use colour."""

    width: int = 100
    color: bool = False


def style_for(stream: object = None) -> Style:
    stream = stream or sys.stdout
    isatty = bool(getattr(stream, "isatty", lambda: False)())
    color = isatty and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    if os.environ.get("FORCE_COLOR"):
        color = True
    width = shutil.get_terminal_size((100, 24)).columns if isatty else 100
    if os.environ.get("COLUMNS", "").isdigit():
        width = int(os.environ["COLUMNS"])
    return Style(width=max(width, 40), color=color)


def out(text: str) -> None:
    """Write data to stdout."""
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def out_file(fh: IO[bytes]) -> None:
    """Write a UTF-8 file's content to stdout, a piece at a time (a big export, spooled)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    while chunk := fh.read(1 << 20):
        sys.stdout.write(decoder.decode(chunk))
    sys.stdout.write(decoder.decode(b"", final=True))


def say(text: str) -> None:
    """Write a message for the person at the terminal to stderr."""
    sys.stderr.write(text + "\n")

"""The terminal: how wide it is, whether colour is wanted, and the two output streams.

stdout carries data (tables, JSON, CSV, diagnostics); stderr carries messages, so that
`dehong status --format json | jq` stays clean. Rich consoles are made only in `render.to_text`.
"""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True, slots=True)
class Style:
    """How rendered text should look: width in columns, and whether to use colour."""

    width: int = 100
    color: bool = False


def _terminal_width(isatty: bool) -> int | None:
    """The columns of the terminal the user is in: stdout's when it is one, else stderr's or
    /dev/tty's (so `dehong status | less` is as wide as the screen); None when there is none."""
    streams = ([sys.stdout] if isatty else []) + [sys.stderr]
    for stream in streams:
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            continue
    try:
        fd = os.open("/dev/tty", os.O_RDONLY | os.O_NOCTTY)
    except OSError:
        return None
    try:
        return os.get_terminal_size(fd).columns
    except OSError:
        return None
    finally:
        os.close(fd)


def style_for(stream: object = None) -> Style:
    """Width: $COLUMNS when set, else the terminal's, else 80. Colour only on a terminal, unless
    $NO_COLOR is set to something (an empty NO_COLOR counts as unset) or $FORCE_COLOR is."""
    stream = stream or sys.stdout
    isatty = bool(getattr(stream, "isatty", lambda: False)())
    color = isatty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    if os.environ.get("FORCE_COLOR"):
        color = True
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() else _terminal_width(isatty) or 80
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

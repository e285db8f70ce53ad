"""Reading a file into text: a size cap, UTF-8 only, every refusal a located diagnostic.

One way to read a file for every reader of data files (the catalogue, the reports). A problem
with a whole file is put at its start, as ruff does (E902), so that every diagnostic about a file
has a line and column for editors and GitHub annotations.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from dehong_cli.errors import DataError
from dehong_cli.model.diagnostic import Diagnostic

MAX_FILE_BYTES = 5 * 1024 * 1024  # real reports are a few KB


def read_text(path: Path) -> str:
    """Read a small UTF-8 file (BOM allowed) or raise DataError saying what is wrong."""
    where = str(path)
    try:
        if path.is_dir():
            raise file_error(where, "not-a-file", "is a directory, expected a YAML file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise file_error(
                where,
                "too-large",
                f"file is {size / 1048576:.1f} MiB; the limit is {MAX_FILE_BYTES // 1048576} MiB "
                "(a real report is a few KB)",
            )
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise file_error(where, "not-found", "no such file") from None
    except PermissionError:
        raise file_error(where, "unreadable", "permission denied") from None
    except OSError as exc:
        raise file_error(where, "unreadable", f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise file_error(where, "too-large", f"file is over the {MAX_FILE_BYTES // 1048576} MiB limit")
    return decode(raw, where)


def decode(raw: bytes, where: str) -> str:
    """UTF-8, with or without BOM; any other encoding is refused, saying what it looks like."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise file_error(where, "encoding", "file is UTF-32; save it as UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise file_error(where, "encoding", "file is UTF-16; save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8")) + 1  # valid up to the first bad byte
        hint = "; save the file as UTF-8"
        with contextlib.suppress(UnicodeDecodeError):
            as_gb = raw.decode("gb18030")
            if all(c.isprintable() or c in "\t\r\n" for c in as_gb):  # text, not a binary file
                hint = "; it decodes as GB18030/GBK (as Excel saves on Chinese Windows): re-save it as UTF-8"
        raise DataError(
            [Diagnostic(where, line, col, "encoding", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}){hint}")]
        ) from None


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: ASCII text with a NUL byte beside every character."""
    head = raw[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= len(head) // 4 > 0 and min(even, odd) <= max(even, odd) // 8


def file_error(where: str, code: str, message: str, *, folder: bool = False) -> DataError:
    """A problem with a whole file (at its start) or folder (no position)."""
    line, col = (None, None) if folder else (1, 1)
    return DataError([Diagnostic(where, line, col, code, message)])

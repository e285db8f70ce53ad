"""Where a sheet's bytes come from: its format from the file name, its bytes (within a size cap, from a
file or stdin), and its text for CSV, JSON and YAML (UTF-8, else GB18030 as Excel writes it in China).
"""

from __future__ import annotations

from pathlib import Path

from dehong_cli.errors import DataError, UsageError
from dehong_cli.importer.limits import MAX_SOURCE_BYTES
from dehong_cli.importer.types import SourceFormat
from dehong_cli.model.diagnostic import Diagnostic

STDIN = "<stdin>"

_SUFFIXES: dict[str, SourceFormat] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def detect_format(name: str, given: SourceFormat | None) -> SourceFormat:
    if given is not None:
        return given
    if name == "-":
        raise UsageError("reading from stdin (-) needs --input-format csv, xlsx, json or yaml")
    suffix = Path(name).suffix.lower()
    if suffix == ".ods":
        # python-calamine reads .ods, but loses a percentage cell's format (0.85% would be stored as
        # 0.0085) and builds the whole sheet before a row can be counted: not read, rather than misread.
        raise UsageError(f"{name}: .ods (OpenDocument) is not read; save it as .xlsx (or .xls, CSV)")
    if suffix not in _SUFFIXES:
        raise UsageError(
            f"{name}: cannot tell the format from '{suffix or 'no suffix'}'; give --input-format"
        )
    return _SUFFIXES[suffix]


def read_bytes(path: Path) -> bytes:
    where = str(path)
    try:
        if path.is_dir():
            raise DataError([Diagnostic(where, 1, 1, "not-a-file", "is a directory, expected a sheet")])
        with path.open("rb") as fh:
            raw = fh.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        raise DataError([Diagnostic(where, 1, 1, "not-found", "no such file")]) from None
    except OSError as exc:
        raise DataError(
            [Diagnostic(where, 1, 1, "unreadable", f"cannot read: {exc.strerror or exc}")]
        ) from None
    return capped(raw, where)


def capped(raw: bytes, where: str) -> bytes:
    """`raw` (read as at most the limit + 1 byte), or too-large when it is over the limit."""
    if len(raw) > MAX_SOURCE_BYTES:
        message = f"over {MAX_SOURCE_BYTES // 1048576} MiB; not a sheet (a real one is a few KB)"
        raise DataError([Diagnostic(where, 1, 1, "too-large", message)])
    return raw


def decode(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 — a superset of GBK, what Excel writes on Chinese Windows.

    A file that is not UTF-8 as a whole but holds lines that are (rows pasted from one file into
    another) is refused at its first line that is not: read as GBK, its UTF-8 lines would be mojibake.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(raw, path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = raw.count(b"\n", 0, exc.start) + 1
    lines = raw.split(b"\n")
    utf8_line = next((i + 1 for i, line in enumerate(lines) if not line.isascii() and _is_utf8(line)), None)
    if utf8_line is not None:
        message = (
            f"line {first_bad} is not UTF-8 (GBK?), but line {utf8_line} is: the file mixes encodings, "
            "and either reading would garble some rows; save it again as one (UTF-8)"
        )
        raise DataError([Diagnostic(path, first_bad, 1, "encoding", message)])
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = "the file is neither UTF-8 nor GB18030/GBK text"
        raise DataError([Diagnostic(path, line, 1, "encoding", message)]) from None


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16(raw: bytes, path: str) -> str:
    """Excel's "Unicode text": UTF-16 with a BOM; a stray byte is an error at its line, not a traceback."""
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start - exc.start % 2].decode("utf-16", errors="replace")
        line = good.count("\n") + 1
        message = f"not valid UTF-16 text from byte {exc.start} on ({exc.reason}); save it again"
        raise DataError([Diagnostic(path, line, 1, "encoding", message)]) from None

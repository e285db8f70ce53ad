"""Where a sheet's bytes come from: its format from the file name, its bytes (within a size cap, from a
file or stdin), and its text for CSV, JSON and YAML (UTF-8, else GB18030 as Excel writes it in China).
"""

from __future__ import annotations

from pathlib import Path

from dehong_cli.errors import DataError, UsageError
from dehong_cli.importer.types import SourceFormat
from dehong_cli.model.diagnostic import Diagnostic

MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a department's sheet is a few KB; this is a typo'd path
STDIN = "<stdin>"

_SUFFIXES: dict[str, SourceFormat] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
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
    if suffix == ".xls":
        raise UsageError(f"{name}: .xls (Excel 97–2003) is not supported; save it as .xlsx or CSV")
    if suffix not in _SUFFIXES:
        raise UsageError(
            f"{name}: cannot tell the format from '{suffix or 'no suffix'}'; give --input-format"
        )
    return _SUFFIXES[suffix]


def read_bytes(path: Path) -> bytes:
    where = str(path)
    try:
        if path.is_dir():
            raise DataError([Diagnostic(where, None, None, "not-a-file", "is a directory, expected a sheet")])
        with path.open("rb") as fh:
            raw = fh.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        raise DataError([Diagnostic(where, None, None, "not-found", "no such file")]) from None
    except OSError as exc:
        raise DataError(
            [Diagnostic(where, None, None, "unreadable", f"cannot read: {exc.strerror or exc}")]
        ) from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise DataError(
            [
                Diagnostic(
                    where, None, None, "too-large", f"over {MAX_SOURCE_BYTES // 1048576} MiB; not a sheet"
                )
            ]
        )
    return raw


def decode(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 — a superset of GBK, what Excel writes on Chinese Windows."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(
        [Diagnostic(path, None, None, "encoding", "the file is neither UTF-8 nor GB18030/GBK text")]
    )

"""The corpus of broken, hostile and valid report files, and what `dehong validate` must say about each.

Committed files carry their expectation in a first-line comment::

    # expect: exit=1 line=7 col=19 code=number-format schema=reject message="did you mean"

`schema=reject` marks a problem a JSON Schema can express (tests/test_schema.py checks that
`dehong schema report` rejects the file too). Files whose bytes cannot carry a comment, or
that are not files at all, are listed in expectations.toml and made here at test time.
"""

from __future__ import annotations

import os
import shlex
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
REPORTS = CORPUS / "reports"
POSITIVE = REPORTS / "positive"
NEGATIVE = REPORTS / "negative"

MAX_FILE_BYTES = 5 * 1024 * 1024

HEADER = "year: 2018\nprovenance: official\nsource: 德宏州统计局\n"


@dataclass(frozen=True)
class Expect:
    exit: int
    line: int | None = None
    col: int | None = None
    code: str | None = None
    message: str | None = None
    absent: str | None = None
    schema: str | None = None
    file: str | None = None
    place: str = "path"


def parse_expect(first_line: str) -> Expect:
    """`# expect: exit=1 line=7 code=x message="a b"` -> Expect."""
    prefix = "# expect:"
    if not first_line.startswith(prefix):
        raise ValueError(f"no '{prefix}' line: {first_line!r}")
    fields = dict(part.split("=", 1) for part in shlex.split(first_line[len(prefix) :]))
    unknown = set(fields) - {"exit", "line", "col", "code", "message", "absent", "schema"}
    if unknown:
        raise ValueError(f"unknown expectation fields {sorted(unknown)}")
    line, col = fields.get("line"), fields.get("col")
    return Expect(
        exit=int(fields["exit"]),
        line=int(line) if line else None,
        col=int(col) if col else None,
        code=fields.get("code"),
        message=fields.get("message"),
        absent=fields.get("absent"),
        schema=fields.get("schema"),
    )


def expectation(path: Path) -> Expect:
    first = path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    return parse_expect(first.decode("utf-8").rstrip("\r"))


def committed(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file())


def case_id(path: Path) -> str:
    return path.relative_to(REPORTS).as_posix()


def generated() -> dict[str, Expect]:
    table = tomllib.loads((CORPUS / "expectations.toml").read_text(encoding="utf-8"))
    return {name: Expect(**fields) for name, fields in table.items()}


# ------------------------------------------------------------------------------ generators


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _deep_block(path: Path) -> None:
    path.write_text("".join(" " * i + "a:\n" for i in range(2000)) + " " * 2000 + "b: 1\n", encoding="utf-8")


def _too_large(path: Path) -> None:
    # a valid report padded with a comment: only its size is wrong
    body = HEADER.encode()
    path.write_bytes(body + b"#" * (MAX_FILE_BYTES + 1 - len(body)))


def _directory(path: Path) -> None:
    path.mkdir()
    (path / "inside.yaml").write_text(HEADER, encoding="utf-8")


def _self_loop(path: Path) -> None:
    path.symlink_to(path.name)


def _loop(path: Path) -> None:
    other = path.with_name(f"{path.stem}-other.yaml")
    other.symlink_to(path.name)
    path.symlink_to(other.name)


def _dangling(path: Path) -> None:
    path.symlink_to("no-such-target.yaml")


def _nothing(path: Path) -> None:
    pass


UTF16_TEXT = HEADER + "values:\n  makers_trained: 12\n"

GENERATORS: dict[str, Callable[[Path], None]] = {
    "gbk": _bytes(HEADER.encode("gbk")),
    "utf8-then-latin-1": _bytes(
        "year: 2018\nprovenance: official\nsource: 德宏州 ".encode() + "Café\n".encode("latin-1")
    ),
    "latin-1": _bytes("year: 2018\nprovenance: official\nsource: Café\n".encode("latin-1")),
    "binary-png": _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"),
    "utf-16-bom": _bytes(UTF16_TEXT.encode("utf-16")),
    "utf-16-le-no-bom": _bytes(UTF16_TEXT.encode("utf-16-le")),
    "utf-16-be-no-bom": _bytes(UTF16_TEXT.encode("utf-16-be")),
    "utf-32-bom": _bytes(UTF16_TEXT.encode("utf-32")),
    "nul-byte": _bytes(b"year: 2018\nprovenance: offi\x00cial\nsource: x\n"),
    "empty": _bytes(b""),
    "blank-lines-only": _bytes(b"\n\n   \n"),
    "deep-nesting-2000-flow": _bytes(b"year: 2018\nvalues: " + b"[" * 2000 + b"]" * 2000 + b"\n"),
    "deep-nesting-2000-block": _deep_block,
    "too-large": _too_large,
    "directory-given-as-report": _directory,
    "symlink-loop": _loop,
    "symlink-loop-in-reports": _self_loop,
    "dangling-symlink": _dangling,
    "missing-file": _nothing,
}


def make(name: str, folder: Path) -> Path:
    """Make generated case `name` in `folder` and return its path."""
    expect = generated()[name]
    assert expect.file is not None, f"{name}: expectations.toml gives no file name"
    path = folder / expect.file
    if not os.path.lexists(path):
        GENERATORS[name](path)
    return path

"""files/read.py: reading a file under the size cap, and decoding it (UTF-8 only, every refusal located)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dehong_cli.errors import DataError
from dehong_cli.files import read
from dehong_cli.files.read import MAX_FILE_BYTES, decode, read_text
from dehong_cli.files.yaml_read import load, parse
from dehong_cli.model.diagnostic import Diagnostic

REPORT = "year: 2018\nprovenance: official\nsource: 州统计局\nvalues:\n  gdp: 380\n"


def data(text: str) -> object:
    doc = parse(text, Path("r.yaml"))
    assert doc.problems == []
    return doc.data


def refused(raw: bytes) -> Diagnostic:
    with pytest.raises(DataError) as caught:
        decode(raw, "r.yaml")
    (d,) = caught.value.diagnostics
    return d


# ---------------------------------------------------------------------------- decoding


def test_decode_utf8_with_and_without_bom() -> None:
    assert decode(REPORT.encode(), "r") == REPORT
    assert decode(b"\xef\xbb\xbf" + REPORT.encode(), "r") == REPORT


def test_decode_keeps_crlf_for_the_parser() -> None:
    crlf = REPORT.replace("\n", "\r\n")
    assert decode(crlf.encode(), "r") == crlf
    assert data(crlf) == data(REPORT)


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (REPORT.encode("utf-16"), "UTF-16"),
        (REPORT.encode("utf-16-le"), "UTF-16"),
        (REPORT.encode("utf-16-be"), "UTF-16"),
        (REPORT.encode("utf-32"), "UTF-32"),
    ],
    ids=["utf-16-bom", "utf-16-le", "utf-16-be", "utf-32"],
)
def test_decode_names_wide_encodings(raw: bytes, says: str) -> None:
    d = refused(raw)
    assert (d.code, d.line, d.column) == ("encoding", 1, 1)
    assert says in d.message


def test_decode_gbk_points_at_the_first_bad_byte_and_hints_gb18030() -> None:
    d = refused(REPORT.encode("gbk"))
    assert (d.code, d.line, d.column) == ("encoding", 3, 9)
    assert "GB18030" in d.message


def test_decode_column_counts_characters_not_bytes() -> None:
    raw = "year: 2018\nsource: 德宏州 ".encode() + "Café".encode("latin-1")
    d = refused(raw)
    assert (d.line, d.column) == (2, 16)
    assert "0xe9" in d.message


@pytest.mark.parametrize(
    "raw",
    [
        "source: Café\n".encode("latin-1"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # decodes as GB18030 too, but is no text
    ],
    ids=["latin-1", "binary"],
)
def test_decode_does_not_hint_gb18030_for_other_bytes(raw: bytes) -> None:
    d = refused(raw)
    assert d.code == "encoding"
    assert "GB18030" not in d.message
    assert "UTF-8" in d.message


def test_decode_allows_nul_free_ascii_that_merely_contains_zeros() -> None:
    # a UTF-16 sniff must not catch ordinary text with the digit 0 in it
    text = "year: 2010\nvalues:\n  gdp: 1000000\n"
    assert decode(text.encode(), "r") == text


# ------------------------------------------------------------------------------ reading


def test_read_text_refuses_a_large_file_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:  # sparse: 5 MiB + 1 byte on the size, nothing on disk
        fh.truncate(MAX_FILE_BYTES + 1)

    def no_reading(*args: object) -> object:
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(DataError) as caught:
        load(big)
    (d,) = caught.value.diagnostics
    assert (d.code, d.path, d.line) == ("too-large", str(big), 1)
    assert "5 MiB" in d.message


def test_read_text_refuses_a_file_that_grows_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # /dev/zero says it is empty, then never ends: the read itself stops at the limit
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 1000)
    with pytest.raises(DataError) as caught:
        read_text(Path("/dev/zero"))
    assert caught.value.diagnostics[0].code == "too-large"


def test_read_text_at_the_limit_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 100)
    path = tmp_path / "r.yaml"
    path.write_bytes(b"#" * 100)
    assert read_text(path) == "#" * 100


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: p.mkdir(), "not-a-file"),
        (lambda p: None, "not-found"),
        (lambda p: p.symlink_to(p.name), "unreadable"),
        (lambda p: p.symlink_to("elsewhere.yaml"), "not-found"),
    ],
    ids=["directory", "missing", "symlink-loop", "dangling-symlink"],
)
def test_read_text_names_what_is_wrong_with_the_path(
    tmp_path: Path, make: Callable[[Path], object], code: str
) -> None:
    path = tmp_path / "2018.yaml"
    make(path)
    with pytest.raises(DataError) as caught:
        read_text(path)
    (d,) = caught.value.diagnostics
    assert (d.path, d.code, d.line, d.column) == (str(path), code, 1, 1)

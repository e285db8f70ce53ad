"""store.py: decoding, the YAML subset, positions, atomic writes and finding the data folder."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import Invoke

from dehong_cli.errors import DataError
from dehong_cli.files import store
from dehong_cli.model.diagnostic import Diagnostic

REPORT = "year: 2018\nprovenance: official\nsource: 州统计局\nvalues:\n  gdp: 380\n"


def refused(raw: bytes) -> Diagnostic:
    with pytest.raises(DataError) as caught:
        store.decode(raw, "r.yaml")
    (d,) = caught.value.diagnostics
    return d


def problems(text: str) -> list[tuple[str, int | None, int | None]]:
    """(code, line, column) of what the loader found, fatal or not."""
    try:
        doc = store.parse(text, Path("r.yaml"))
    except DataError as exc:
        return [(d.code, d.line, d.column) for d in exc.diagnostics]
    return [(d.code, d.line, d.column) for d in doc.problems]


def data(text: str) -> object:
    doc = store.parse(text, Path("r.yaml"))
    assert doc.problems == []
    return doc.data


# ---------------------------------------------------------------------------- decoding


def test_decode_utf8_with_and_without_bom() -> None:
    assert store.decode(REPORT.encode(), "r") == REPORT
    assert store.decode(b"\xef\xbb\xbf" + REPORT.encode(), "r") == REPORT


def test_decode_keeps_crlf_for_the_parser() -> None:
    crlf = REPORT.replace("\n", "\r\n")
    assert store.decode(crlf.encode(), "r") == crlf
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
    assert store.decode(text.encode(), "r") == text


# ------------------------------------------------------------------------------ reading


def test_read_text_refuses_a_large_file_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:  # sparse: 5 MiB + 1 byte on the size, nothing on disk
        fh.truncate(store.MAX_FILE_BYTES + 1)

    def no_reading(*args: object) -> object:
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(DataError) as caught:
        store.load(big)
    (d,) = caught.value.diagnostics
    assert (d.code, d.path, d.line) == ("too-large", str(big), 1)
    assert "5 MiB" in d.message


def test_read_text_refuses_a_file_that_grows_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # /dev/zero says it is empty, then never ends: the read itself stops at the limit
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 1000)
    with pytest.raises(DataError) as caught:
        store.read_text(Path("/dev/zero"))
    assert caught.value.diagnostics[0].code == "too-large"


def test_read_text_at_the_limit_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 100)
    path = tmp_path / "r.yaml"
    path.write_bytes(b"#" * 100)
    assert store.read_text(path) == "#" * 100


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
        store.read_text(path)
    (d,) = caught.value.diagnostics
    assert (d.path, d.code, d.line, d.column) == (str(path), code, 1, 1)


# -------------------------------------------------------------------------- the subset


def test_plain_values() -> None:
    text = (
        "a: 12\nb: -3\nc: 0.8\nd: 1.5e3\ne: text\nf: null\ng: ~\nh:\ni: true\nj: false\n"
        "k: '12'\nl: \"0x1F\"\nm: |\n  block\nn: 2018-05-01\no: [1, x]\n"
    )
    assert data(text) == {
        "a": 12,
        "b": -3,
        "c": 0.8,
        "d": 1500.0,
        "e": "text",
        "f": None,
        "g": None,
        "h": None,
        "i": True,
        "j": False,
        "k": "12",
        "l": "0x1F",
        "m": "block\n",
        "n": "2018-05-01",  # a date stays the text it was written as
        "o": [1, "x"],
    }


def test_keys_are_kept_as_written() -> None:
    """`1:` and `null:` are names; pydantic reports them as text, so positions must too."""
    assert data("1: a\nnull: b\ntrue: c\n0x1F: d\n") == {"1": "a", "null": "b", "true": "c", "0x1F": "d"}


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0x1F", "number-format"),
        ("010", "number-format"),
        ("1_000", "number-format"),
        ("12:30", "number-format"),
        ("+12", "number-format"),
        (".inf", "number-format"),
        ("-.inf", "number-format"),
        (".nan", "number-format"),
        ("1e400", "number-format"),
        ("9" * 5000, "number-format"),
        ("yes", "ambiguous-boolean"),
        ("NO", "ambiguous-boolean"),
        ("on", "ambiguous-boolean"),
        ("Off", "ambiguous-boolean"),
    ],
)
def test_other_spellings_are_problems_at_their_place(value: str, code: str) -> None:
    assert problems(f"year: 2018\nvalues:\n  gdp: {value}\n") == [(code, 3, 8)]


def test_value_problems_are_all_collected() -> None:
    text = "a: 0x1F\nb: yes\nc:\n  d: 010\n  d: 1\na: 2\n"
    assert problems(text) == [
        ("number-format", 1, 4),
        ("ambiguous-boolean", 2, 4),
        ("number-format", 4, 6),
        ("duplicate-key", 5, 3),
        ("duplicate-key", 6, 1),
    ]


def test_duplicate_key_keeps_the_first_and_names_its_line() -> None:
    doc = store.parse("a: 1\nb: 2\na: 3\n", Path("r.yaml"))
    assert doc.data == {"a": 1, "b": 2}
    (d,) = doc.problems
    assert (d.code, d.line, d.column) == ("duplicate-key", 3, 1)
    assert "line 1" in d.message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: !!str 12\n", (1, 4)),
        ("a: !!python/object/apply:os.system [ls]\n", (1, 4)),
        ("!!python/object:os.system {}\n", (1, 1)),
        ("a: !!binary aGk=\n", (1, 4)),
        ("a: ! 12\n", (1, 4)),
        ("a: !local x\n", (1, 4)),
        ("a: !!map {b: 1}\n", (1, 4)),
        ("- !!seq []\n", (1, 3)),
        ("!!python/name:os.system : x\n", (1, 1)),
        ("<<: {a: 1}\n", (1, 1)),
    ],
)
def test_tags_and_merge_keys_are_refused(text: str, where: tuple[int, int]) -> None:
    assert problems(text) == [("tag", *where)]


def test_equals_and_merge_words_are_text_as_values() -> None:
    assert data("a: =\nb: <<\n") == {"a": "=", "b": "<<"}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: &x 1\nb: *x\n", (1, 4)),
        ("a: [1, 2]\nb: &y {c: 1}\n", (2, 4)),
        ("- &z x\n", (1, 3)),
    ],
)
def test_anchors_and_aliases_are_refused(text: str, where: tuple[int, int]) -> None:
    assert problems(text) == [("anchor", *where)]


def test_nesting_deeper_than_the_limit_is_refused_where_it_starts() -> None:
    too_deep = "a: " + "[" * (store.MAX_DEPTH + 1) + "]" * (store.MAX_DEPTH + 1) + "\n"
    ((code, line, col),) = problems(too_deep)
    assert (code, line) == ("too-deep", 1)
    assert col == 4 + store.MAX_DEPTH - 1
    ok = "a: " + "[" * (store.MAX_DEPTH - 1) + "]" * (store.MAX_DEPTH - 1) + "\n"
    assert problems(ok) == []


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: 1\n  b: 2\n", (2, 4), "mapping values"),
        ('a: "open\nb: 2\n', (1, 4), "end of stream"),  # the quote left open, not the file's end
        ("a: [1, 2\n", (1, 4), "']'"),  # the bracket left open
        ("a: {b: 1\n# the end\n\n", (1, 4), "'}'"),
        ("y: 1\na 1\nb: 2\n", (2, 1), "':'"),  # the key that lacks its colon
        ("a: 1\n\tb: 2\n", (2, 1), "a tab cannot indent YAML"),
        ("a: 1\n---\nb: 2\n", (2, 1), "single document"),
    ],
)
def test_syntax_errors_point_at_what_to_fix(text: str, where: tuple[int, int], words: str) -> None:
    with pytest.raises(DataError) as caught:
        store.parse(text, Path("r.yaml"))
    (d,) = caught.value.diagnostics
    assert (d.code, d.line, d.column) == ("yaml-syntax", *where)
    assert words in d.message


@pytest.mark.parametrize("loader", [store._Loader, yaml.SafeLoader], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(
    ("text", "where", "char"),
    [
        ("a: 1\nb: x\x01y\n", (2, 5), "U+0001"),
        ("a: 德宏州\x07\n", (1, 7), "U+0007"),
        ("a: 1\r\nb: 中文\r\nc: \x00\r\n", (3, 4), "U+0000"),
        ("a: \ufffe\n", (1, 4), "U+FFFE"),
    ],
)
def test_forbidden_characters_are_located(
    monkeypatch: pytest.MonkeyPatch, loader: type, text: str, where: tuple[int, int], char: str
) -> None:
    monkeypatch.setattr(store, "_Loader", loader)
    with pytest.raises(DataError) as caught:
        store.parse(text, Path("r.yaml"))
    (d,) = caught.value.diagnostics
    assert (d.code, d.line, d.column) == ("yaml-syntax", *where)
    assert char in d.message


def test_lone_surrogate_in_text_is_a_data_error() -> None:
    with pytest.raises(DataError) as caught:
        store.parse("a: 1\nb: x\ud800\n", Path("r.yaml"))
    (d,) = caught.value.diagnostics
    assert (d.code, d.line, d.column) == ("encoding", 2, 5)


def test_empty_and_comment_only_documents_are_none() -> None:
    assert data("") is None
    assert data("# only a comment\n") is None
    assert data("\n\n") is None


# ---------------------------------------------------------------------------- positions


def test_positions_of_values_and_keys() -> None:
    doc = store.parse("year: 2018\nvalues:\n  gdp: {value: 380}\n  list: [a, b]\n", Path("r.yaml"))
    pos = doc.positions
    assert pos.of(("year",)) == (1, 7)
    assert pos.of(("year",), key=True) == (1, 1)
    assert pos.of(("values", "gdp")) == (3, 8)
    assert pos.of(("values", "gdp"), key=True) == (3, 3)
    assert pos.of(("values", "gdp", "value")) == (3, 16)
    assert pos.of(("values", "list", 1)) == (4, 13)


def test_positions_fall_back_to_the_nearest_ancestor() -> None:
    doc = store.parse("year: 2018\nvalues:\n  gdp: 380\n", Path("r.yaml"))
    pos = doc.positions
    assert pos.of(("values", "gdp", "value")) == (3, 8)  # a field that was not written
    assert pos.of(("values", "missing"), key=True) == (3, 3)  # no such key: its parent mapping
    assert pos.of(("nowhere",)) == (1, 1)
    assert store.Positions().of(("a", "b")) == (1, 1)


def test_document_diagnostic_carries_path_field_and_severity() -> None:
    doc = store.parse("year: 2018\nvalues:\n  gdp: 380\n", Path("data/reports/2018.yaml"))
    d = doc.diagnostic(("values", "gdp"), "negative", "no", severity="warning")
    assert d == Diagnostic("data/reports/2018.yaml", 3, 8, "negative", "no", "values.gdp", "warning")


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        ((), ""),
        (("year",), "year"),
        (("values", "gdp"), "values.gdp"),
        (("tasks", 3, "number"), "tasks[3].number"),
        (("indicators", 0, "departments", 2), "indicators[0].departments[2]"),
    ],
)
def test_dotted(loc: store.Path_, text: str) -> None:
    assert store.dotted(loc) == text


# ------------------------------------------------------------------------- atomic write


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "2018.yaml"
    store.atomic_write(path, b"one\n")
    store.atomic_write(path, b"two\n")
    assert path.read_bytes() == b"two\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2018.yaml"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_atomic_write_failure_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, error: BaseException
) -> None:
    path = tmp_path / "2018.yaml"
    path.write_bytes(b"old\n")

    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(type(error)):
        store.atomic_write(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["2018.yaml"]
    assert list(store.stale_temp_files(tmp_path)) == []


def test_atomic_write_failing_write_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[:3])  # half of it lands, then the disk is full
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    path = tmp_path / "2018.yaml"
    with pytest.raises(OSError, match="No space"):
        store.atomic_write(path, b"new content\n")
    assert list(tmp_path.iterdir()) == []


def test_stale_temp_files_finds_what_a_killed_write_left(tmp_path: Path) -> None:
    (tmp_path / ".2018.yaml.abc123.tmp").write_bytes(b"half")
    (tmp_path / "2018.yaml").write_bytes(b"whole")
    assert [p.name for p in store.stale_temp_files(tmp_path)] == [".2018.yaml.abc123.tmp"]


# ----------------------------------------------------------------------- data directory


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A working directory with ./data holding a targets.yaml, and two other folders."""
    work = tmp_path / "work"
    (work / "data").mkdir(parents=True)
    (work / "data" / "targets.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    monkeypatch.chdir(work)
    return {"explicit": tmp_path / "explicit", "env": tmp_path / "env"}


def test_find_data_dir_explicit_beats_everything(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(store.DATA_ENV, str(places["env"]))
    assert store.find_data_dir(places["explicit"]) == places["explicit"]


def test_find_data_dir_env_beats_local(places: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(store.DATA_ENV, str(places["env"]))
    assert store.find_data_dir(None) == places["env"]


def test_find_data_dir_local_with_targets(places: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(store.DATA_ENV, "")  # set but empty: not a choice
    assert store.find_data_dir(None) == Path("data")


def test_find_data_dir_packaged_when_local_has_no_catalogue(places: dict[str, Path]) -> None:
    (Path("data") / "targets.yaml").unlink()
    found = store.find_data_dir(None)
    assert found == store.packaged_data_dir()
    assert (found / "targets.yaml").is_file()


def test_cli_uses_the_same_precedence(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch, cli: Invoke
) -> None:
    """`dehong schema report` reads the catalogue it finds: a broken one says where it is."""
    run = cli
    for name in ("explicit", "env"):
        places[name].mkdir()
        (places[name] / "targets.yaml").write_text(f"{name}: [\n", encoding="utf-8")
    monkeypatch.setenv(store.DATA_ENV, str(places["env"]))
    assert str(places["explicit"]) in run("schema", "report", "--data-dir", places["explicit"]).stderr
    assert str(places["env"]) in run("schema", "report").stderr
    monkeypatch.delenv(store.DATA_ENV)
    assert "data/targets.yaml" in run("schema", "report").stderr


# ------------------------------------------------------------------------- report files


def test_report_files_lists_yaml_sorted_without_hidden(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in (
        "2019.yaml",
        "2018-533103.yaml",
        "2018.yaml",
        ".2018.yaml.x.tmp",
        "notes.txt",
        ".hidden.yaml",
    ):
        (reports / name).write_text("", encoding="utf-8")
    assert [p.name for p in store.report_files(tmp_path)] == ["2018-533103.yaml", "2018.yaml", "2019.yaml"]


def test_report_files_without_a_reports_folder(tmp_path: Path) -> None:
    assert store.report_files(tmp_path) == []


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: p.write_text("x", encoding="utf-8"), "not-a-folder"),
        (lambda p: p.symlink_to(p.name), "unreadable"),
        (lambda p: p.symlink_to("gone"), "unreadable"),
    ],
    ids=["file", "symlink-loop", "dangling-symlink"],
)
def test_report_files_refuses_an_unlistable_reports_folder(
    tmp_path: Path, make: Callable[[Path], object], code: str
) -> None:
    make(tmp_path / "reports")
    with pytest.raises(DataError) as caught:
        store.report_files(tmp_path)
    (d,) = caught.value.diagnostics
    assert (d.path, d.code) == (str(tmp_path / "reports"), code)

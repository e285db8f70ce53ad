"""Hostile and broken input through `dehong validate`: the right exit code, the right place, no traceback.

The cases live in tests/corpus/ (see tests/corpus/cases.py); each is one parametrized test
named after its file. The `cli` fixture does not catch exceptions, so anything but a clean
exit fails the test with its traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import Invoke
from corpus import cases
from corpus.cases import NEGATIVE, POSITIVE, Expect
from typer.testing import Result

from dehong_cli.checks import valid_reports
from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.report import load_report
from dehong_cli.errors import DataError
from dehong_cli.files import locations, paths, yaml_read
from dehong_cli.files.locations import report_files
from dehong_cli.files.yaml_read import load

NEGATIVES = cases.committed(NEGATIVE)
POSITIVES = cases.committed(POSITIVE)
GENERATED = cases.generated()


def assert_outcome(result: Result, shown: str, expect: Expect) -> None:
    """The exit code, and a diagnostic `shown:LINE:COL: error[code]: ...` when one is expected."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code == expect.exit, output
    if expect.exit == 0:
        assert "error[" not in output, output
        return
    assert expect.code and expect.line, "a failing case names its code and line"
    found = [line for line in output.splitlines() if f": error[{expect.code}]: " in line]
    assert found, f"no error[{expect.code}] in:\n{output}"
    where = f"{shown}:{expect.line}:" + (f"{expect.col}: " if expect.col else "")
    here = [line for line in found if line.startswith(where)]
    assert here, f"error[{expect.code}] is not at {where} in:\n{output}"
    if expect.message:
        assert any(expect.message in line for line in here), output
    if expect.absent:
        assert expect.absent not in output


# ---------------------------------------------------------------------------- the corpus


def test_corpus_is_complete() -> None:
    """Every file states what it expects; every sidecar entry has a generator, and back."""
    assert len(NEGATIVES) >= 60 and len(POSITIVES) >= 15
    for path in NEGATIVES + POSITIVES:
        expect = cases.expectation(path)
        assert (expect.exit == 0) == (path.is_relative_to(POSITIVE)), path
        if expect.exit:
            assert expect.code and expect.line, path
    assert set(GENERATED) == set(cases.GENERATORS)


def test_corpus_bytes_are_what_they_say() -> None:
    """Git or an editor normalising line endings or dropping a BOM would empty these cases."""
    bom_crlf = (POSITIVE / "utf8-bom-crlf.yaml").read_bytes()
    assert bom_crlf.startswith(b"\xef\xbb\xbf") and b"\r\n" in bom_crlf
    assert b"\r\n" not in (POSITIVE / "utf8-bom.yaml").read_bytes()
    assert b"\x07" in (NEGATIVE / "control-character.yaml").read_bytes()
    assert b"\t" in (NEGATIVE / "tab-indentation.yaml").read_bytes()


@pytest.mark.parametrize("path", NEGATIVES, ids=cases.case_id)
def test_negative(cli: Invoke, data_dir: Path, path: Path) -> None:
    result = cli("validate", "--lang", "en", "--data-dir", data_dir, path)
    assert_outcome(result, str(path), cases.expectation(path))


@pytest.mark.parametrize("path", POSITIVES, ids=cases.case_id)
def test_positive(cli: Invoke, data_dir: Path, path: Path) -> None:
    result = cli("validate", "--lang", "en", "--data-dir", data_dir, path)
    assert_outcome(result, str(path), cases.expectation(path))


@pytest.fixture(scope="session")
def generated_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder per test session for the generated cases, so the 5 MB file is written once."""
    return tmp_path_factory.mktemp("generated")


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated(cli: Invoke, empty_data_dir: Path, generated_dir: Path, name: str) -> None:
    expect = GENERATED[name]
    if expect.place == "reports":
        path = cases.make(name, empty_data_dir / "reports")
        result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    else:
        path = cases.make(name, generated_dir)
        result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir, path)
    assert_outcome(result, str(path), expect)


def test_whole_corpus_in_one_run(cli: Invoke, data_dir: Path) -> None:
    """One CI run reports every bad file, and a bad file does not spoil a good one's result."""
    good = POSITIVE / "boundary-years-2025.yaml"  # the only report for 2025: no duplicate-report
    result = cli("validate", "--lang", "en", "--data-dir", data_dir, *NEGATIVES, good)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    named = {line.split(":", 1)[0] for line in result.stdout.splitlines() if ": error[" in line}
    assert named == {str(p) for p in NEGATIVES}
    assert f"in {len(NEGATIVES) + 2} files" in result.stderr


# ------------------------------------------------------------------ the loader's promises


def _load(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load(path)
    return caught.value


def test_alias_bomb_is_refused_before_anything_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused from the event stream: no node tree, no expansion, however many laughs."""

    class Exploding:
        def __init__(self, *args: object) -> None:
            raise AssertionError("the alias bomb reached the builder")

    monkeypatch.setattr(yaml_read, "_Builder", Exploding)
    error = _load(NEGATIVE / "alias-bomb.yaml")
    assert [(d.code, d.line) for d in error.diagnostics] == [("anchor", 2)]


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with each YAML loader: PyYAML may be installed without libyaml."""
    if request.param == "pure-python":
        monkeypatch.setattr(yaml_read, "_Loader", yaml.SafeLoader)
    return str(request.param)


@pytest.mark.parametrize(
    ("pure_python", "name"),
    [
        (False, "deep-nesting-2000-block"),
        (False, "deep-nesting-2000-flow"),
        (True, "deep-nesting-2000-block"),  # the flow form takes the same path, only slower
    ],
    ids=["libyaml-block", "libyaml-flow", "pure-python-block"],
)
def test_deep_nesting_is_a_data_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pure_python: bool, name: str
) -> None:
    """libyaml gives up at 1000 levels; the pure-Python loader would raise RecursionError."""
    if pure_python:
        monkeypatch.setattr(yaml_read, "_Loader", yaml.SafeLoader)
    error = _load(cases.make(name, tmp_path))
    assert [d.code for d in error.diagnostics] == ["too-deep"]


def test_control_character_position(loader: str) -> None:
    """libyaml counts bytes of UTF-8 (州统计局 is 12), the pure-Python reader characters (4)."""
    error = _load(NEGATIVE / "control-character.yaml")
    (d,) = error.diagnostics
    assert (d.line, d.column, d.code) == (4, 13, "yaml-syntax")
    assert "U+0007" in d.message


def test_both_loaders_agree_on_the_corpus(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    """Without libyaml, every negative case is still refused with the same code and place."""
    cat = load_catalogue(data_dir / "targets.yaml")

    def outcome(path: Path) -> list[tuple[str, int | None, int | None]]:
        _, diagnostics = load_report(path, cat)
        found = [(d.code, d.line, d.column) for d in diagnostics if d.severity == "error"]
        # the two parsers word and place a syntax error each their own way; the rest must match
        return [(code, *((None, None) if code == "yaml-syntax" else (ln, col))) for code, ln, col in found]

    with_libyaml = {p: outcome(p) for p in NEGATIVES}
    monkeypatch.setattr(yaml_read, "_Loader", yaml.SafeLoader)
    without = {p: outcome(p) for p in NEGATIVES}
    assert with_libyaml == without


# ----------------------------------------------------------------- files and folders


def test_reports_folder_that_is_a_symlink_loop(cli: Invoke, empty_data_dir: Path) -> None:
    """Skipping an unlistable reports/ would pass every report in it unchecked."""
    reports = empty_data_dir / "reports"
    reports.rmdir()
    reports.symlink_to("reports")
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert f"{reports}: error[unreadable]" in result.stderr


def test_reports_folder_that_is_a_file(cli: Invoke, empty_data_dir: Path) -> None:
    reports = empty_data_dir / "reports"
    reports.rmdir()
    reports.write_text("year: 2018\n", encoding="utf-8")
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert f"{reports}: error[not-a-folder]" in result.stderr


def test_no_reports_folder_is_fine(cli: Invoke, empty_data_dir: Path) -> None:
    (empty_data_dir / "reports").rmdir()
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 0, result.output
    assert "ok: 1 file valid" in result.stderr


def test_report_deleted_between_listing_and_reading(
    cli: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = report_files

    def list_then_delete(folder: Path) -> list[Path]:
        found = listed(folder)
        found[0].unlink()
        return found

    for module in (locations, valid_reports, paths):  # where it is defined, and where it is imported
        monkeypatch.setattr(module, "report_files", list_then_delete)
    result = cli("validate", "--lang", "en", "--data-dir", data_dir)
    assert result.exit_code == 1
    gone = data_dir / "reports" / "2016.yaml"
    assert f"{gone}:1:1: error[not-found]" in result.stdout
    assert str(data_dir / "reports" / "2017.yaml") in result.stdout  # the rest were still checked


def test_folder_argument_stands_for_its_reports(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    """A folder is documented to mean the YAML files in it; a bad one among them fails the run."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    shutil.copy(NEGATIVE / "hex-number.yaml", folder / "hex-number.yaml")
    shutil.copy(POSITIVE / "minimal.yaml", folder / "minimal.yaml")
    (folder / "nested.yaml").mkdir()  # a folder where a file is expected, one level down
    result = cli("validate", "--lang", "en", "--data-dir", data_dir, folder)
    assert result.exit_code == 1
    assert f"{folder / 'hex-number.yaml'}:6:19: error[number-format]" in result.stdout
    assert f"{folder / 'nested.yaml'}:1:1: error[not-a-file]" in result.stdout
    assert not [ln for ln in result.stdout.splitlines() if "minimal.yaml:" in ln and ": error[" in ln]


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        (None, "not-found", 1),
        (b"a: &x 1\nb: *x\n", "anchor", 1),
        ("schema_version: 1\nplan: 德宏州\n".encode("gbk"), "encoding", 2),
        (b"schema_version: 1\nschema_version: 1\n", "duplicate-key", 2),
    ],
    ids=["broken-link", "anchor", "gbk", "duplicate-key"],
)
def test_broken_catalogue(
    cli: Invoke, empty_data_dir: Path, content: bytes | None, code: str, line: int
) -> None:
    targets = empty_data_dir / "targets.yaml"
    if content is None:  # (no targets.yaml at all is a usage error: tests/test_cli_import.py)
        targets.unlink()
        targets.symlink_to("nowhere.yaml")
    else:
        targets.write_bytes(content)
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert f"{targets}:{line}:" in result.stdout
    assert f"error[{code}]" in result.stdout

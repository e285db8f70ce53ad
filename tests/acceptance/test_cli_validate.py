"""`dehong validate` as CI runs it: the three output formats, the default format, --strict, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Invoke, write

from dehong_cli.checks.run import Result
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.render.terminal import Style
from dehong_cli.render.validate import validate_github, validate_json, validate_text

BAD = "year: 2018\nprovenance: official\nsource: x\nvalues:\n  makers_trained: 0x1F\n  gdp: -1\n"
ILLUSTRATIVE = "year: 2018\nprovenance: illustrative\nsource: made up\nvalues:\n  makers_trained: 12\n"

TEXT_LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[a-z-]+)\]: .+$"
)
GITHUB_LINE = re.compile(
    r"^::(?P<kind>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=dehong (?P<code>[a-z-]+)::(?P<message>.+)$"
)


@pytest.fixture
def bad(empty_data_dir: Path) -> Path:
    return write(empty_data_dir / "reports" / "2018.yaml", BAD)


# ---------------------------------------------------------------------------------- text


def test_text_is_one_line_per_problem(cli: Invoke, empty_data_dir: Path, bad: Path) -> None:
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [TEXT_LINE.match(line) is not None for line in lines] == [True, True]
    assert lines[0].startswith(f"{bad}:5:19: error[number-format]: '0x1F' is not a plain decimal number")
    assert lines[1] == (
        f"{bad}:6:8: error[negative]: 'gdp' is an amount of money: it cannot be negative; got -1 (values.gdp)"
    )
    assert result.stderr == "invalid: 2 errors, 0 warnings in 2 files\n"


def test_valid_data_prints_nothing_on_stdout(cli: Invoke, data_dir: Path) -> None:
    result = cli("validate", "--lang", "en", "--data-dir", data_dir, "--format", "text")
    assert result.exit_code == 0
    assert "error[" not in result.stdout
    assert result.stderr.startswith("ok: 17 files valid")  # catalogue, 14 reports, 2 task files


# ---------------------------------------------------------------------------------- json


def test_json_shape(cli: Invoke, empty_data_dir: Path, bad: Path) -> None:
    write(empty_data_dir / "reports" / "2019.yaml", ILLUSTRATIVE.replace("2018", "2019"))
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert set(payload) == {"version", "valid", "files", "errors", "warnings", "diagnostics"}
    assert payload["version"] == 1
    assert payload["valid"] is False
    assert (payload["files"], payload["errors"], payload["warnings"]) == (3, 2, 1)
    assert payload["diagnostics"][0] == {
        "path": str(bad),
        "line": 5,
        "column": 19,
        "severity": "error",
        "code": "number-format",
        "field": None,
        "message": payload["diagnostics"][0]["message"],
    }
    assert [
        (d["line"], d["column"], d["severity"], d["code"], d["field"]) for d in payload["diagnostics"]
    ] == [
        (5, 19, "error", "number-format", None),
        (6, 8, "error", "negative", "values.gdp"),
        (2, 13, "warning", "illustrative", "provenance"),
    ]


def test_json_when_valid(cli: Invoke, empty_data_dir: Path) -> None:
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir, "-f", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert (payload["valid"], payload["files"], payload["errors"], payload["diagnostics"]) == (True, 1, 0, [])


def test_json_for_a_file_that_cannot_be_read(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "2018.yaml"
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir, "-f", "json", missing)
    (d,) = json.loads(result.stdout)["diagnostics"]
    assert (d["path"], d["line"], d["column"], d["code"]) == (str(missing), 1, 1, "not-found")


# -------------------------------------------------------------------------------- github


def test_github_annotations(cli: Invoke, empty_data_dir: Path, bad: Path) -> None:
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir, "--format", "github")
    assert result.exit_code == 1
    found = [GITHUB_LINE.match(line) for line in result.stdout.splitlines()]
    assert all(found), result.stdout
    assert [(m["kind"], m["file"], m["line"], m["col"], m["code"]) for m in found if m] == [
        ("error", str(bad), "5", "19", "number-format"),
        ("error", str(bad), "6", "8", "negative"),
    ]


def test_github_actions_switches_the_default(
    cli: Invoke, empty_data_dir: Path, bad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli("validate", "--lang", "en", "--data-dir", empty_data_dir).stdout.startswith(
        f"::error file={bad},line=5,col=19,"
    )
    # an explicit format still wins
    assert cli("validate", "--lang", "en", "--data-dir", empty_data_dir, "-f", "text").stdout.startswith(
        f"{bad}:5:19: "
    )


def test_without_github_actions_the_default_is_text(
    cli: Invoke, empty_data_dir: Path, bad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert cli("validate", "--lang", "en", "--data-dir", empty_data_dir).stdout.startswith(f"{bad}:5:19: ")


def test_github_escapes_what_would_break_an_annotation() -> None:
    d = Diagnostic("a,b:c%.yaml", 3, 4, "schema", "first line\nsecond: 100%", "values.x")
    (line,) = validate_github(Result([d], 1), Style()).splitlines()
    props, message = line.removeprefix("::error ").split("::")
    assert props == "file=a%2Cb%3Ac%25.yaml,line=3,col=4,title=dehong schema"
    assert message == "first line%0Asecond: 100%25 (values.x)"


def test_renderers_without_a_position() -> None:
    d = Diagnostic("data/reports", None, None, "not-a-folder", "is a file")
    result = Result([d], 0)
    assert validate_text(result, Style()) == "data/reports: error[not-a-folder]: is a file\n"
    assert validate_github(result, Style()) == (
        "::error file=data/reports,title=dehong not-a-folder::is a file\n"
    )
    assert json.loads(validate_json(result, Style()))["diagnostics"][0]["line"] is None


# -------------------------------------------------------------------------- exit codes


def test_illustrative_report_passes_without_strict(cli: Invoke, empty_data_dir: Path) -> None:
    path = write(empty_data_dir / "reports" / "2018.yaml", ILLUSTRATIVE)
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 0
    assert (
        result.stdout
        == f"{path}:2:13: warning[illustrative]: figures are marked illustrative (made up) (provenance)\n"
    )
    assert result.stderr == "ok: 2 files valid (1 warning)\n"


def test_strict_makes_warnings_fail(cli: Invoke, empty_data_dir: Path) -> None:
    write(empty_data_dir / "reports" / "2018.yaml", ILLUSTRATIVE)
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir, "--strict")
    assert result.exit_code == 1
    assert result.stderr == "invalid: 0 errors, 1 warning in 2 files\n"


def test_shipped_data_fails_only_under_strict(cli: Invoke, data_dir: Path) -> None:
    assert cli("validate", "--lang", "en", "--data-dir", data_dir).exit_code == 0
    assert cli("validate", "--lang", "en", "--data-dir", data_dir, "--strict").exit_code == 1


@pytest.mark.parametrize(
    "args",
    [("--format", "xml"), ("--jobs", "0"), ("--no-such-option",)],
    ids=["format", "jobs", "option"],
)
def test_usage_errors_exit_2(cli: Invoke, empty_data_dir: Path, args: tuple[str, ...]) -> None:
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir, *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_paths_given_check_only_those_reports(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    """The data dir's own reports are not checked when paths are given; the catalogue always is."""
    write(data_dir / "reports" / "2020.yaml", BAD.replace("2018", "2020"))
    good = write(tmp_path / "2018.yaml", "year: 2018\nprovenance: official\nsource: x\n")
    result = cli("validate", "--lang", "en", "--data-dir", data_dir, good)
    assert result.exit_code == 0, result.output
    assert result.stderr == "ok: 2 files valid\n"


def test_every_problem_of_every_file_in_one_run(cli: Invoke, empty_data_dir: Path) -> None:
    reports = empty_data_dir / "reports"
    write(reports / "2018.yaml", BAD)
    write(
        reports / "2019.yaml",
        "year: 2019\nprovenance: official\nsource: x\nvalues:\n  gpd: 1\n  gdp: 1\n  gdp: 2\n",
    )
    write(reports / "2020.yaml", "year: 2020\nprovenance: [\n")
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    codes = [(Path(m["path"]).name, m["code"]) for m in map(TEXT_LINE.match, result.stdout.splitlines()) if m]
    assert codes == [
        ("2018.yaml", "number-format"),
        ("2018.yaml", "negative"),
        ("2019.yaml", "unknown-indicator"),
        ("2019.yaml", "duplicate-key"),
        ("2020.yaml", "yaml-syntax"),
    ]


def test_a_folder_with_no_yaml_is_a_usage_error(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir, empty)
    assert result.exit_code == 2
    assert "no .yaml files" in result.stderr


def test_a_folder_stands_for_its_reports(cli: Invoke, data_dir: Path) -> None:
    result = cli("validate", "--lang", "en", "--data-dir", data_dir, data_dir / "reports")
    assert result.exit_code == 0, result.stdout + result.stderr
    shipped = len(list((data_dir / "reports").glob("*.yaml")))
    assert f"ok: {shipped + 1} files valid" in result.stderr


def test_another_catalogue_is_checked_as_a_catalogue(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    other = write(tmp_path / "elsewhere" / "targets.yaml", "schema_version: 1\nplan: {}\n")
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir, other)
    assert result.exit_code == 1
    assert f"{other}:2:7: error[missing-field]" in result.stdout


def test_duplicate_report_points_at_the_year(cli: Invoke, empty_data_dir: Path) -> None:
    body = "# the same year twice\nprovenance: official\nsource: test\nyear: 2018\n"
    first = write(empty_data_dir / "reports" / "2018-德宏州.yaml", body)  # sorts before 2018.yaml
    second = write(empty_data_dir / "reports" / "2018.yaml", body)
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert f"{second}:4:7: error[duplicate-report]" in result.stdout
    assert str(first) in result.stdout

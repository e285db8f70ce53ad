"""What start-up and validation at scale do, never how long they take (benchmarks/ measures that).

- `dehong --version` and `dehong --help` import neither pydantic, YAML nor rich;
- `validate` checks many files in worker processes, with the same result as in one;
- a file over the size limit is refused from its size alone: never opened, never parsed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SHIPPED, Invoke, write

from dehong_cli.checks import run
from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.run import PARALLEL_THRESHOLD, check_reports
from dehong_cli.errors import DataError
from dehong_cli.files import read, yaml_read
from dehong_cli.files.read import MAX_FILE_BYTES
from dehong_cli.files.yaml_read import Document, load

HEAVY = ("pydantic", "pydantic_core", "yaml", "rich")


def imported(*args: str) -> set[str]:
    """Top-level packages imported by `dehong ARGS` (run as `python -m dehong_cli`, like the script)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dehong_cli", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "dehong_cli" in names, "no import trace: is -X importtime supported?"
    return names


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("-h",)], ids=" ".join)
def test_version_and_help_import_nothing_heavy(args: tuple[str, ...]) -> None:
    assert imported(*args).isdisjoint(HEAVY)


CLI_MODULES = ("app", "options", "goals", "catalogue", "validate", "data", "report")


@pytest.mark.parametrize("module", CLI_MODULES)
def test_importing_the_cli_imports_nothing_heavy(module: str) -> None:
    """What Typer needs to build the app (every command's signature) loads no pydantic, YAML or rich."""
    code = f"import sys, dehong_cli.cli.{module}; print(sorted(set({HEAVY!r}) & set(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


# --------------------------------------------------------------------------- many files


REPORT = (
    "year: {year}\nregion: '{code}'\nprovenance: official\nsource: test\nvalues:\n  makers_trained: {n}\n"
)


def many_reports(folder: Path, count: int) -> list[Path]:
    """`count` reports; every fifth has a bad number, every seventh an unknown indicator."""
    codes = ["533103", "533102", "533122", "533123", "533124"]
    paths = []
    for i in range(count):
        year, code = 2016 + i % 10, codes[i // 10 % 5]
        text = REPORT.format(year=year, code=code, n="0x1F" if i % 5 == 0 else i)
        if i % 7 == 0:
            text += "  no_such_goal: 1\n"
        paths.append(write(folder / f"{i:03d}" / f"{year}-{code}.yaml", text))
    return paths


def test_many_files_are_checked_in_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = many_reports(tmp_path / "reports", PARALLEL_THRESHOLD)
    cat = load_catalogue(SHIPPED / "targets.yaml")
    started = tmp_path / "workers"
    started.mkdir()
    start_worker = run._start_worker

    def spy(cat: object) -> None:  # runs in each worker as it starts (inherited by fork)
        (started / str(os.getpid())).touch()
        start_worker(cat)  # type: ignore[arg-type]

    monkeypatch.setattr(run, "_start_worker", spy)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # the default is every core
    in_workers = check_reports(paths, cat)
    workers = {int(p.name) for p in started.iterdir()}
    assert len(workers) == 2
    assert os.getpid() not in workers
    # the same findings, in the same order, as checking them one by one here
    assert in_workers == check_reports(paths, cat, jobs=1)
    assert any(c.diagnostics for c in in_workers)


def test_few_files_are_checked_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = many_reports(tmp_path / "reports", PARALLEL_THRESHOLD - 1)
    cat = load_catalogue(SHIPPED / "targets.yaml")

    def no_workers(cat: object) -> None:
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(run, "_start_worker", no_workers)
    assert len(check_reports(paths, cat, jobs=2)) == len(paths)


def test_validate_reports_the_same_in_workers(cli: Invoke, data_dir: Path) -> None:
    paths = many_reports(data_dir / "many", 70)
    parallel = cli("validate", "--data-dir", data_dir, "--jobs", "2", *paths)
    serial = cli("validate", "--data-dir", data_dir, "--jobs", "1", *paths)
    assert parallel.exit_code == serial.exit_code == 1
    assert parallel.stdout == serial.stdout
    assert parallel.stderr == serial.stderr
    for code in ("number-format", "unknown-indicator", "duplicate-report"):  # 70 files, 50 (year, region)
        assert f"error[{code}]" in parallel.stdout


# --------------------------------------------------------------------------- over the limit


@pytest.fixture
def huge(tmp_path: Path) -> Path:
    """A report one byte over the limit; sparse, so it costs no disk."""
    path = tmp_path / "data" / "reports" / "2018.yaml"
    path.parent.mkdir(parents=True)
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    return path


@pytest.fixture
def nothing_is_read(monkeypatch: pytest.MonkeyPatch, huge: Path) -> None:
    """Fail the test if the huge file is opened, decoded or parsed (other files go through)."""
    real_open, real_decode, real_parse = Path.open, read.decode, yaml_read.parse

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        assert self != huge, "the over-size file was opened"
        return real_open(self, *args, **kwargs)

    def decode(raw: bytes, where: str) -> str:
        assert where != str(huge), "the over-size file was decoded"
        return real_decode(raw, where)

    def parse(text: str, path: Path) -> Document:
        assert path != huge, "the over-size file was parsed"
        return real_parse(text, path)

    monkeypatch.setattr(Path, "open", open_)
    monkeypatch.setattr(read, "decode", decode)
    monkeypatch.setattr(yaml_read, "parse", parse)


@pytest.mark.usefixtures("nothing_is_read")
def test_oversize_file_is_refused_unread(huge: Path) -> None:
    with pytest.raises(DataError) as caught:
        load(huge)
    assert [d.code for d in caught.value.diagnostics] == ["too-large"]


@pytest.mark.usefixtures("nothing_is_read")
def test_validate_refuses_oversize_report_unread(cli: Invoke, huge: Path) -> None:
    data = huge.parent.parent
    (data / "targets.yaml").write_bytes((SHIPPED / "targets.yaml").read_bytes())
    result = cli("validate", "--data-dir", data)
    assert result.exit_code == 1
    assert result.stdout.startswith(str(huge))
    assert "error[too-large]" in result.stdout

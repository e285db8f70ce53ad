"""Shared fixtures: a CLI runner with a fixed terminal, and data folders in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from dehong_cli.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data"


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin what the terminal looks like, so output does not depend on who runs the tests."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("FORCE_COLOR", "GITHUB_ACTIONS", "DEHONG_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder (catalogue and reports)."""
    target = tmp_path / "data"
    shutil.copytree(SHIPPED, target)
    return target


@pytest.fixture
def empty_data_dir(tmp_path: Path) -> Path:
    """The shipped catalogue with no reports."""
    target = tmp_path / "data"
    (target / "reports").mkdir(parents=True)
    shutil.copy(SHIPPED / "targets.yaml", target / "targets.yaml")
    return target


Invoke = Callable[..., Result]


@pytest.fixture
def cli() -> Invoke:
    """Run `dehong ARGS...`; stdout and stderr are kept apart (result.stdout, result.stderr)."""
    runner = CliRunner()

    def invoke(*args: str | Path, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def write(path: Path, text: str) -> Path:
    """Write a UTF-8 file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path

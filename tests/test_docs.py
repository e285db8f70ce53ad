"""Tests that stop the docs drifting from the code."""

from __future__ import annotations

import re

import pytest
import typer
from conftest import ROOT, Invoke

from dehong_cli.cli.app import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)


def _first_screen() -> str:
    return README.split("\n## ", 1)[0]


def test_first_screen_has_exactly_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", _first_screen(), flags=re.S)
    assert len(blocks) == 2
    assert all(len(b.strip().splitlines()) == 1 for b in blocks)
    assert blocks[0].strip().endswith("dehong status")
    assert "pytest" in blocks[1]


def test_ci_runs_the_readme_test_command() -> None:
    test_command = re.findall(r"```sh\n(.*?)```", _first_screen(), flags=re.S)[1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        ln for ln in ci.splitlines() if ln.strip() and not ln.lstrip().startswith(("#", "set ", "cd "))
    ]
    # Besides the test command, only the install of the browser the report's tests print with.
    browser = [c for c in commands if "chromium fonts-noto-cjk" in c]
    assert len(browser) == 1 and browser[0].startswith('if [ "$(id -u)" = 0 ] && ! dpkg -s chromium')
    assert [c for c in commands if c not in browser] == [test_command]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"`dehong {name}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(cli: Invoke, name: str) -> None:
    result = cli(name, "--help")
    assert result.exit_code == 0
    summary = typer.main.get_command(app).commands[name].get_short_help_str()
    assert summary.strip(), f"dehong {name} has no help text"

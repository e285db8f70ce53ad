"""The commands exist, answer --help, and the shipped data validates."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke, write


def test_version(cli: Invoke) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("dehong ")


def test_shipped_data_validates(cli: Invoke, data_dir: Path) -> None:
    result = cli("validate", "--lang", "en", "--data-dir", data_dir)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "ok:" in result.stderr


def test_bad_report_names_file_line_and_field(cli: Invoke, data_dir: Path) -> None:
    bad = write(
        data_dir / "reports" / "2018.yaml",
        "year: 2018\nprovenance: official\nsource: test\nvalues:\n  makers_trained: 0x1F\n",
    )
    result = cli("validate", "--lang", "en", "--data-dir", data_dir, bad)
    assert result.exit_code == 1
    assert f"{bad}:5:19: error[number-format]" in result.stdout

"""The by-region matrix names every status: a status added to the engine cannot crash the matrix."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Invoke

from dehong_cli.model.status import STATUS_ZH, Status
from dehong_cli.render.regions import ABBR


def test_every_status_has_a_matrix_word_in_both_languages() -> None:
    assert set(ABBR) == set(Status)
    assert set(STATUS_ZH) == set(Status)


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "csv"])
def test_the_matrix_as_of_the_target_year_shows_goals_awaiting_data(
    cli: Invoke, data_dir: Path, fmt: str
) -> None:
    # 2020 is the target year with no figures yet: most goals await them (awaiting_data).
    result = cli("status", "--year", "2020", "--by-region", "-f", fmt, "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    if fmt in ("table", "markdown"):
        assert "待报送" in result.stdout
    else:
        assert "awaiting_data" in result.stdout

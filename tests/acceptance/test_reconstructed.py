"""A target rebuilt from damaged text (`reconstructed: true`, issue 15) is marked wherever the goal
is shown: `show` (with the note), `status --format json`, `targets`, and the report in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Invoke

REBUILT = "productivity_promotion_centres"


@pytest.mark.parametrize(
    ("lang", "words"), [("zh", "目标值据受损原文重建"), ("en", "target rebuilt from damaged text")]
)
def test_show_says_the_target_was_rebuilt_with_the_note(
    cli: Invoke, data_dir: Path, lang: str, words: str
) -> None:
    result = cli("show", REBUILT, "--data-dir", data_dir, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert words in result.stdout
    assert "Reconstructed." in result.stdout  # the note says how


def test_show_says_nothing_of_it_for_a_goal_read_as_written(cli: Invoke, data_dir: Path) -> None:
    result = cli("show", "provincial_maker_spaces", "--data-dir", data_dir)
    assert "目标值据受损原文重建" not in result.stdout


def test_status_json_has_the_flag(cli: Invoke, data_dir: Path) -> None:
    status = json.loads(cli("status", "--data-dir", data_dir, "-f", "json").stdout)
    assert [e["id"] for e in status["indicators"] if e["reconstructed"]] == [REBUILT]


def test_targets_marks_it(cli: Invoke, data_dir: Path) -> None:
    table = cli("targets", "--data-dir", data_dir).stdout
    lines = table.splitlines()
    at = next(k for k, x in enumerate(lines) if "productivity" in x)
    assert "†" in "".join(lines[at : at + 3])  # beside its target, however the column folds
    assert "† 目标值据受损原文重建" in table
    rows = json.loads(cli("targets", "--data-dir", data_dir, "-f", "json").stdout)["targets"]
    assert [r["id"] for r in rows if r["reconstructed"]] == [REBUILT]


@pytest.mark.parametrize(
    ("lang", "words"), [("zh", "目标值据受损原文重建"), ("en", "target rebuilt from damaged text")]
)
def test_the_report_marks_the_goal_and_gives_its_note(
    cli: Invoke, data_dir: Path, lang: str, words: str
) -> None:
    html = cli("report", "--data-dir", data_dir, "--lang", lang).stdout
    article = html.split(f'id="goal-{REBUILT}"', 1)[1].split("</article>", 1)[0]
    assert '<span class="rebuilt-mark">†</span>' in article
    assert words in article and "Reconstructed." in article
    assert html.count('class="rebuilt"') == 1  # only the goal rebuilt
    md = cli("report", "--data-dir", data_dir, "--lang", lang, "-f", "markdown").stdout
    assert f"> **† {words}**" in md


def test_the_workbook_marks_it(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "s.xlsx"
    assert cli("status", "--data-dir", data_dir, "-f", "xlsx", "-o", target).exit_code == 0
    goals = load_workbook(target)["目标"]
    cells = [str(c.value) for row in goals.iter_rows() for c in row if c.value is not None]
    assert any(c.startswith(">= 2个") and c.endswith("†") for c in cells)
    assert any(
        c.startswith("† 生产力促进中心：目标值据受损原文重建") and "Reconstructed." in c for c in cells
    )

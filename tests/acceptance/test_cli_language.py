"""The analyst's language and the terminal: zh output is Chinese, en output English, and every
table fits the terminal, read as a user reads it (through the CLI, on the shipped data)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SHIPPED, Invoke

from dehong_cli.model.status import STATUS_ZH, Status
from dehong_cli.render.fit import cells

# The shipped data is read, never written: no copy needed.
DATA = ("--data-dir", str(SHIPPED))
IDS = re.compile(r"(?<![\w-])(" + "|".join(s.value for s in Status) + r")(?![\w-])")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
COMMANDS = [
    ("status",),
    ("status", "--year", "2018"),
    ("show", "makers_trained"),
    ("show", "fiscal_st_spending_growth"),
    ("targets",),
    ("tasks",),
    ("method",),
]


def _goal_row_heights(table: str, lang: str) -> list[int]:
    """How many lines each goal of the status table takes: a goal starts with the line that holds
    its status word; the lines after it without one belong to it; a rule or a strand's row (the
    first line after a rule) ends it."""
    words = {s.value if lang == "en" else STATUS_ZH[s] for s in Status}
    heights: list[int] = []
    in_body = after_rule = False
    for line in table.splitlines():
        if "╇" in line or "┼" in line or "├" in line:
            in_body = after_rule = True
            continue
        if not in_body or "│" not in line:
            continue
        if after_rule:  # the strand's own row
            after_rule = False
            continue
        if {c.strip() for c in line.split("│")} & words:
            heights.append(1)
        elif heights:
            heights[-1] += 1
    return heights


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_line_fits_the_terminal(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], lang: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli(*args, "--lang", lang, *DATA)
    assert result.exit_code == 0, result.stderr
    too_wide = [line for line in result.stdout.splitlines() if cells(line) > width]
    assert not too_wide, too_wide


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_goal_takes_more_than_two_lines(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, lang: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    text = cli("status", "--lang", lang, *DATA).stdout
    heights = _goal_row_heights(text, lang)
    assert len(heights) == 35  # every goal of the shipped catalogue is counted
    assert max(heights) <= 2, heights
    assert "(2017–\n" not in text and "(2017–19)" in text  # a year range is never split


def test_targets_keeps_ids_whole_at_80_columns(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = cli("targets", "--lang", "en", *DATA).stdout
    assert "  provincial_innovative_pilot_enterprises\n" in text
    assert text.count("Headline goal") == 1


def _without_data_lines(text: str) -> str:
    """Output less the lines that quote data written in one language only: the catalogue's notes
    (English), the plan's clause and the reports' sources."""
    keep, skipping = [], False
    for line in text.splitlines():
        if line.startswith(("说明", "note ", "依据", "source ")) or line.startswith("  [") or "/ " in line:
            skipping = True
            continue
        if skipping and (line[:1] in (" ", "") or not re.match(r"^\S+\s{2,}", line)):
            if not line.startswith(("地区", "region", "状态", "status")):
                continue
        skipping = False
        keep.append(line)
    return "\n".join(keep)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_chinese_output_has_no_status_ids_or_english_labels(cli: Invoke, args: tuple[str, ...]) -> None:
    text = _without_data_lines(cli(*args, *DATA).stdout)
    text = re.sub(
        r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b(?<!" + ")(?<!".join(s.value for s in Status) + ")", "", text
    )
    text = text.replace("id ", "")  # the ids (what commands take) have their column
    if args[0] == "method":
        text = re.sub(r"--\w[\w-]*", "", text)  # option names are what they are
    assert not IDS.search(text), IDS.search(text)
    for label in (
        "definition",
        "calculation",
        "year by year",
        "even pace",
        "figures used",
        "indicator",
        "target",
        "latest",
        "progress",
        "status",
        "level",
        "additions",
        "goals",
        "as of",
        " vs ",
        " pp",
        "ILLUSTRATIVE",
    ):
        assert label not in text, label


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_english_output_has_no_chinese_but_the_document_number(cli: Invoke, args: tuple[str, ...]) -> None:
    text = cli(*args, "--lang", "en", *DATA).stdout
    if args[0] == "show":  # the clause is quoted as the plan writes it; sources and notes are data
        text = text.split("\nnote ", 1)[0] + text.split("\nregion ", 1)[-1]
        text = "\n".join(line for line in text.splitlines() if not line.startswith(("source", "  [")))
    text = text.replace("德发〔2017〕7号", "")
    assert not CJK.search(text), CJK.findall(text)[:10]


def test_validate_summary_in_both_languages(cli: Invoke) -> None:
    zh = cli("validate", *DATA)
    assert re.fullmatch(r"通过：\d+ 个文件有效（\d+ 个警告）", zh.stderr.strip()), zh.stderr
    en = cli("validate", "--lang", "en", *DATA)
    assert re.fullmatch(r"ok: \d+ files valid \(\d+ warnings\)", en.stderr.strip()), en.stderr


@pytest.mark.parametrize(
    ("option", "word"), [("--status", "已实现"), ("--status", "achieved"), ("--fail-on", "未实现")]
)
def test_status_options_take_the_chinese_words(cli: Invoke, option: str, word: str) -> None:
    result = cli("status", option, word, "--format", "json", *DATA)
    assert result.exit_code in (0, 1), result.stderr
    if option == "--status":
        import json

        statuses = {i["status"] for i in json.loads(result.stdout)["indicators"]}
        assert statuses == {"achieved"}


def test_a_status_that_is_no_status_is_a_usage_error_with_the_choices(cli: Invoke) -> None:
    result = cli("status", "--status", "已完成", *DATA)
    assert result.exit_code == 2
    assert "已实现" in result.stderr and "on_track" in result.stderr


def test_strand_by_any_part_only_it_has(cli: Invoke) -> None:
    result = cli("status", "--strand", "人才", "--format", "json", *DATA)
    assert result.exit_code == 0, result.stderr
    import json

    assert {i["strand"] for i in json.loads(result.stdout)["indicators"]} == {"talent"}
    assert cli("status", "--strand", "科技", *DATA).exit_code == 2  # four strands have it


def test_show_takes_a_component_name_and_table_format(cli: Invoke) -> None:
    result = cli("show", "地区生产总值", "-f", "table", *DATA)
    assert result.exit_code == 0, result.stderr
    assert "rd_expenditure_gdp_ratio" in result.stdout


def test_status_words_in_the_table(cli: Invoke) -> None:
    text = cli("status", *DATA).stdout
    for status in (Status.ACHIEVED, Status.ON_TRACK, Status.QUALITATIVE):
        assert f" {STATUS_ZH[status]} " in text


def test_method_follows_the_readme(cli: Invoke) -> None:
    """The statuses and their thresholds in `dehong method --lang en` are the README's."""
    readme = (Path(SHIPPED).parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How status is judged", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", section, re.MULTILINE)
    assert len(rows) == len(Status)
    text = " ".join(cli("method", "--lang", "en", "--data-dir", str(SHIPPED)).stdout.split())
    for status, meaning in rows:
        meaning = re.sub(r"^[^\x00-\x7f]+: ", "", meaning)  # the Chinese word some rows start with
        assert f"{status} {meaning}" in text, status
    for sentence in (
        "achieved < on_track < moderate < limited < deterioration < not_achieved",
        "R = actual ÷ required compound annual growth rate",
        "target × (Y − 2016) ÷ 4",
    ):
        assert " ".join(sentence.split()) in text, sentence


@pytest.mark.parametrize(
    "command", ["status", "show", "method", "validate", "targets", "tasks", "import", "report"]
)
def test_help_fits_80_columns_by_display_width(cli: Invoke, command: str) -> None:
    """The test runner pins click's help to 80 columns; --status's choices are half Chinese."""
    text = cli(command, "--help").stdout
    assert "Usage" in text
    too_wide = [line for line in text.splitlines() if cells(line) > 80]
    assert not too_wide, too_wide


def test_help_fits_a_narrow_terminal() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "60"}
    command = [sys.executable, "-m", "dehong_cli", "status", "--help"]
    text = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    assert "已实现" in text
    assert max(cells(line) for line in text.splitlines()) <= 60

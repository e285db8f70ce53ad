"""`dehong status` and `dehong show` through the CLI, on the shipped data and on small report folders."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import Invoke, write

from dehong_cli.model.status import STATUS_ZH, Status

ALL_STATUSES = [s.value for s in Status]
# Every status but awaiting_data, which comes only from the target year on (tests/acceptance), and
# not_binding, which only a county's view shows (tests/acceptance/test_cli_counties.py).
SHIPPED_STATUSES = [s for s in ALL_STATUSES if s not in (Status.AWAITING_DATA, Status.NOT_BINDING)]


def small(
    data: Path, year: int, values: str, *, region: str = "533100", provenance: str = "official"
) -> Path:
    name = f"{year}.yaml" if region == "533100" else f"{year}-{region}.yaml"
    body = f"year: {year}\nregion: '{region}'\nprovenance: {provenance}\nsource: test\nvalues:\n{values}"
    return write(data / "reports" / name, body)


@pytest.fixture
def firms(empty_data_dir: Path) -> Path:
    """High-tech firms 4 → 9 (on track), pilot firms 3 → 5 (achieved), a fund missed in 2018."""
    small(
        empty_data_dir,
        2016,
        "  national_high_tech_enterprises: 4\n  provincial_innovative_pilot_enterprises: 3\n",
    )
    small(empty_data_dir, 2018, "  sci_tech_commissioner_fund: 40\n")
    small(
        empty_data_dir,
        2019,
        "  national_high_tech_enterprises: 9\n  provincial_innovative_pilot_enterprises: 5\n"
        "  sci_tech_commissioner_fund: 50\n",
    )
    return empty_data_dir


# ------------------------------------------------------------------------ shipped data


def test_shipped_status_shows_every_status_kind(cli: Invoke, data_dir: Path) -> None:
    result = cli("status", "--data-dir", data_dir)
    assert result.exit_code == 0, result.stdout + result.stderr
    text = result.stdout
    for status in SHIPPED_STATUSES:
        word = STATUS_ZH[Status(status)]
        assert re.search(rf"│ {word}\s*│?$", text, re.MULTILINE), word  # a whole word in the status column
    assert "示例数据" in text.splitlines()[1]  # the banner comes first
    assert "截至 2019 年" in text
    assert "\x1b[" not in text  # NO_COLOR is set by the fixture; a pipe is not a terminal


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_narrow_terminal_never_cuts_a_status_word(
    cli: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "60")
    text = cli("status", "--lang", lang, "--data-dir", data_dir).stdout
    assert max(cell_len(line) for line in text.splitlines()) <= 60
    words = {s: s.value if lang == "en" else STATUS_ZH[s] for s in Status}
    last_cells = {line.rsplit("│", 1)[1].strip() for line in text.splitlines() if "│" in line}
    assert last_cells - {""} <= set(words.values()), last_cells  # nothing cut, such as "not_achiev"
    for status in SHIPPED_STATUSES:
        assert re.search(rf"│ {words[Status(status)]}$", text, re.MULTILINE), status


def test_shipped_json_counts_every_status(cli: Invoke, data_dir: Path) -> None:
    result = cli("status", "--data-dir", data_dir, "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["as_of"] == 2019 and payload["illustrative"] is True
    assert all(payload["counts"][s] >= 1 for s in SHIPPED_STATUSES), payload["counts"]
    assert payload["counts"]["awaiting_data"] == 0 and payload["awaiting"] == {}
    by_id = {i["id"]: i for i in payload["indicators"]}
    ratio = by_id["rd_expenditure_gdp_ratio"]
    assert ratio["latest"]["value"] == pytest.approx(2.0 / 430 * 100, abs=1e-6)  # from its components
    assert result.stderr == ""


def test_shipped_reports_validate_with_only_illustrative_warnings(cli: Invoke, data_dir: Path) -> None:
    result = cli("validate", "--data-dir", data_dir, "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["valid"] and payload["files"] >= 7
    assert {d["code"] for d in payload["diagnostics"]} == {"illustrative"}


def test_shipped_reports_say_they_are_made_up() -> None:
    from conftest import SHIPPED

    for path in sorted((SHIPPED / "reports").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "provenance: illustrative" in text and "Made up for demonstration" in text, path


def test_county(cli: Invoke, data_dir: Path) -> None:
    result = cli("status", "--data-dir", data_dir, "--region", "Mangshi", "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["region"]["code"] == "533103"
    growth = next(i for i in payload["indicators"] if i["id"] == "fiscal_st_spending_growth")
    assert [y["met"] for y in growth["years"]] == [None, None, True]


# ----------------------------------------------------------------------- small folders


def test_small_folder_table(cli: Invoke, firms: Path) -> None:
    result = cli("status", "--data-dir", firms, "--lang", "en", "--strand", "capability")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    row = next(line for line in lines if "National high-tech" in line)
    assert "9 (2019)" in row and "on_track" in row and "83%" in row
    assert "ILLUSTRATIVE" not in result.stdout  # official figures: no banner
    assert "achieved 1 · on_track 1 · unable_to_assess 6  (8 goals)" in result.stdout


def test_small_folder_json_figures(cli: Invoke, firms: Path) -> None:
    payload = json.loads(cli("status", "--data-dir", firms, "-f", "json").stdout)
    by_id = {i["id"]: i for i in payload["indicators"]}
    firm = by_id["national_high_tech_enterprises"]
    assert (firm["status"], firm["gap"], firm["baseline"]["value"]) == ("on_track", 1, 4)
    assert firm["ratio"] == pytest.approx(1.205635, abs=1e-5)
    fund = by_id["sci_tech_commissioner_fund"]
    assert fund["status"] == "not_achieved" and fund["gap"] == 10
    assert [(y["year"], y["met"]) for y in fund["years"]] == [(2017, None), (2018, False), (2019, True)]


def test_csv_parses(cli: Invoke, firms: Path) -> None:
    result = cli("status", "--data-dir", firms, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 35
    row = next(r for r in rows if r["id"] == "provincial_innovative_pilot_enterprises")
    assert (row["status"], row["latest_value"], row["gap"]) == ("achieved", "5", "0")


def test_markdown_has_a_header_separator(cli: Invoke, firms: Path) -> None:
    result = cli("status", "--data-dir", firms, "--format", "markdown", "--lang", "en")
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| strand |"))
    assert set(lines[header + 1].replace(" ", "")) <= set("|-:")


def test_status_filter(cli: Invoke, firms: Path) -> None:
    payload = json.loads(cli("status", "--data-dir", firms, "-f", "json", "--status", "achieved").stdout)
    assert [i["id"] for i in payload["indicators"]] == ["provincial_innovative_pilot_enterprises"]
    assert payload["counts"]["achieved"] == 1 and payload["counts"]["unable_to_assess"] == 0


def test_year_before_the_data(cli: Invoke, firms: Path) -> None:
    payload = json.loads(cli("status", "--data-dir", firms, "-f", "json", "--year", "2017").stdout)
    firm = next(i for i in payload["indicators"] if i["id"] == "national_high_tech_enterprises")
    assert payload["as_of"] == 2017 and firm["status"] == "unable_to_assess"
    assert firm["latest"]["year"] == 2016  # the 2019 value lies in the future of 2017


def test_no_reports(cli: Invoke, empty_data_dir: Path) -> None:
    result = cli("status", "--data-dir", empty_data_dir, "-f", "json")
    payload = json.loads(result.stdout)
    assert payload["as_of"] is None
    assert payload["counts"]["unable_to_assess"] == 30 and payload["counts"]["qualitative"] == 5


# --------------------------------------------------------------------------- exit codes


@pytest.mark.parametrize(
    ("threshold", "code"), [("not_achieved", 1), ("limited", 1), ("unable_to_assess", 1)]
)
def test_fail_on_trips(cli: Invoke, firms: Path, threshold: str, code: int) -> None:
    result = cli("status", "--data-dir", firms, "--fail-on", threshold)
    assert result.exit_code == code
    assert result.stderr.startswith("未通过：")  # in the language of the table
    english = cli("status", "--data-dir", firms, "--fail-on", threshold, "--lang", "en")
    assert english.exit_code == code and english.stderr.startswith("fail:")


def test_fail_on_passes_when_nothing_is_that_bad(cli: Invoke, firms: Path) -> None:
    result = cli("status", "--data-dir", firms, "--strand", "capability", "--fail-on", "moderate")
    assert result.exit_code == 0, result.stderr
    # on_track is worse than achieved: the same goals fail a stricter gate
    assert (
        cli("status", "--data-dir", firms, "--strand", "capability", "--fail-on", "on_track").exit_code == 1
    )


@pytest.mark.parametrize(
    "args",
    [
        ("show", "national_high_tech_enterprize"),
        ("show", "企业"),  # part of several goals' names
        ("status", "--fail-on", "进展"),
        ("show", "no such goal"),
        ("status", "--region", "Atlantis"),
        ("status", "--year", "1999"),
        ("status", "--status", "great"),
        ("status", "--strand", "nope"),
    ],
)
def test_usage_errors_exit_2(cli: Invoke, firms: Path, args: tuple[str, ...]) -> None:
    result = cli(*args, "--data-dir", firms)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == ""


def test_close_miss_suggests(cli: Invoke, firms: Path) -> None:
    result = cli("show", "national_high_tech_enterprize", "--data-dir", firms)
    assert "did you mean 'national_high_tech_enterprises'" in result.stderr


def test_invalid_report_is_refused_with_its_position(cli: Invoke, firms: Path) -> None:
    bad = small(firms, 2017, "  national_high_tech_enterprises: 0x1F\n")
    result = cli("status", "--data-dir", firms)
    assert result.exit_code == 1
    assert f"{bad}:6:35: error[number-format]" in result.stderr


def test_no_colour_codes_unless_forced(cli: Invoke, firms: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in cli("status", "--data-dir", firms).stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" in cli("status", "--data-dir", firms).stdout


# -------------------------------------------------------------------------------- show


def test_show_by_chinese_name(cli: Invoke, firms: Path) -> None:
    result = cli("show", "国家高新技术企业", "--data-dir", firms, "--lang", "en")
    assert result.exit_code == 0
    text = result.stdout
    for part in (
        "national_high_tech_enterprises",
        "国家高新技术企业总数达到10家以上",
        "Prefecture Science and Technology Bureau",
        "even pace",
    ):
        assert part in text
    assert "2019 █" in text and "│" in text  # the chart, with the target marked
    assert "actual CAGR     +31.04%/yr = (9 / 4)^(1/3) − 1" in text


def test_show_json(cli: Invoke, firms: Path) -> None:
    result = cli("show", "National high-tech enterprises", "--data-dir", firms, "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["progress"]["status"] == "on_track"
    assert [h["status"] for h in payload["history"]] == ["unable_to_assess", "on_track"]
    assert payload["illustrative"] is False


def test_show_on_shipped_data_has_a_banner(cli: Invoke, data_dir: Path) -> None:
    result = cli("show", "makers_trained", "--data-dir", data_dir)
    assert result.exit_code == 0
    assert "示例数据" in result.stdout
    assert "3,750 = 5,000 × 3/4" in result.stdout


def test_readme_sample_is_real_output(cli: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    intro = "What `dehong status --strand investment --lang en` prints"
    sample = readme.split(intro, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    monkeypatch.setenv("COLUMNS", "100")
    assert cli("status", "--strand", "investment", "--lang", "en", "--data-dir", data_dir).stdout == sample

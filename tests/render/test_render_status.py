"""The status and show renderers as pure functions: results in, text out, no terminal needed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from builders import GROWTH, catalogue, indicator, report

from dehong_cli.assess.engine import assess, detail
from dehong_cli.assess.results import Assessment, PaceRow
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.status import Status
from dehong_cli.render.banner import banner_text
from dehong_cli.render.chart import chart
from dehong_cli.render.show import show_json, show_text
from dehong_cli.render.status_data import CSV_COLUMNS, status_csv, status_json
from dehong_cli.render.status_table import progress_bar, status_markdown, status_table
from dehong_cli.render.terminal import Style

PLAIN = Style(width=120, color=False)
COLOUR = Style(width=120, color=True)


def sample(provenance: str = "official") -> tuple[Catalogue, Assessment]:
    cat = catalogue(
        indicator("firms", name="高新企业", name_en="High-tech firms | pipes"),
        indicator("makers", accrual="additions", target=20),
        indicator("growth", **GROWTH),
        indicator("vision", accrual="qualitative", comparator=None, target=None, unit="none"),
    )
    reports = [
        report(2016, {"firms": 4, "spending": 100, "revenue": 200}, provenance=provenance),
        report(2017, {"makers": 6, "spending": 110, "revenue": 210}, provenance=provenance),
        report(2019, {"firms": 9, "makers": 6}, provenance=provenance),
    ]
    return cat, assess(cat, reports)


@pytest.mark.parametrize(
    ("share", "raw", "expected"),
    [
        (0.5, 0.5, "█████░░░░░   50%"),
        (1.0, 1.3, "██████████  130%"),
        (0.0, -0.25, "░░░░░░░░░░  -25%"),
        (None, None, ""),
    ],
)
def test_progress_bar(share: float | None, raw: float | None, expected: str) -> None:
    assert progress_bar(share, raw) == expected


def test_table_shows_every_goal_grouped_with_counts() -> None:
    cat, result = sample()
    text = status_table(cat, result, "en", PLAIN)
    for word in ("High-tech firms", "Strand", "on_track", "qualitative", "9 (2019)", "█"):
        assert word in text
    assert "on_track 2" in text  # firms R 1.21; makers 12 of 15 expected → R 0.8 is moderate
    assert "moderate 1" in text
    assert "(4 goals)" in text
    assert "ILLUSTRATIVE" not in text
    assert "\x1b[" not in text


def test_table_in_chinese_labels_statuses() -> None:
    cat, result = sample()
    text = status_table(cat, result, "zh", PLAIN)
    assert "高新企业" in text and "按期推进" in text and "指标" in text


def test_banner_when_a_figure_is_illustrative() -> None:
    cat, result = sample("illustrative")
    text = status_table(cat, result, "en", PLAIN)
    assert text.index("ILLUSTRATIVE DATA") < text.index("High-tech firms")
    assert "MADE UP" in text


def test_estimate_banner() -> None:
    from dehong_cli.model.report import Provenance

    assert "ESTIMATES" in (banner_text(frozenset({Provenance.ESTIMATE}), "en") or "")
    assert banner_text(frozenset({Provenance.OFFICIAL}), "en") is None


def test_colour_only_when_asked() -> None:
    cat, result = sample()
    coloured = status_table(cat, result, "en", COLOUR)
    assert "\x1b[" in coloured
    assert "on_track" in coloured  # the word is still there: colour is never the only signal


def test_json_carries_every_component() -> None:
    cat, result = sample("illustrative")
    payload = json.loads(status_json(cat, result, "en", PLAIN))
    assert payload["version"] == 1 and payload["as_of"] == 2019
    assert payload["region"]["code"] == "533100"
    assert payload["illustrative"] is True and "MADE UP" in payload["banner"]
    assert set(payload["counts"]) == {s.value for s in Status}
    firms = payload["indicators"][0]
    assert firms["baseline"] == {"year": 2016, "value": 4}
    assert firms["latest"] == {"year": 2019, "value": 9}
    assert firms["ratio"] == pytest.approx(1.205635, abs=1e-5)
    assert firms["figures"][0]["provenance"] == "illustrative"
    growth = next(i for i in payload["indicators"] if i["id"] == "growth")
    assert growth["years"][0]["subject_growth"] == pytest.approx(10.0)
    assert growth["years"][0]["companion_growth"] == pytest.approx(5.0)


def test_csv_is_one_row_per_goal() -> None:
    cat, result = sample()
    rows = list(csv.DictReader(io.StringIO(status_csv(cat, result, "en", PLAIN))))
    assert len(rows) == 4
    assert list(rows[0]) == list(CSV_COLUMNS)
    firms = rows[0]
    assert (firms["baseline_value"], firms["latest_value"], firms["gap"]) == ("4", "9", "1")
    assert firms["values"] == "firms@2016=4; firms@2019=9"
    growth = next(r for r in rows if r["id"] == "growth")
    assert growth["years_met"] == "2017"
    assert growth["subject_growth"] == "2017=10"
    assert growth["years_not_reported"] == "2018 2019"
    # booleans as JSON writes them, not Python's True/False
    assert (firms["final"], firms["illustrative"], firms["estimate"]) == ("false", "false", "false")


def test_csv_marks_illustrative_and_estimated_figures() -> None:
    for provenance, flags in [("illustrative", ("true", "false")), ("estimate", ("false", "true"))]:
        cat, result = sample(provenance)
        firms = next(csv.DictReader(io.StringIO(status_csv(cat, result, "en", PLAIN))))
        assert (firms["illustrative"], firms["estimate"]) == flags


def test_markdown_table() -> None:
    cat, result = sample("illustrative")
    text = status_markdown(cat, result, "en", PLAIN)
    lines = text.splitlines()
    assert lines[0].startswith("> **ILLUSTRATIVE DATA")
    header = next(i for i, line in enumerate(lines) if line.startswith("| strand"))
    assert lines[header + 1].startswith("| --- |")
    assert r"High-tech firms \| pipes" in text  # a pipe in a name does not break the table
    rows = [line for line in lines if line.startswith("| Strand")]
    assert len(rows) == 4 and all(row.count(" | ") == 6 for row in rows if "\\|" not in row)


def test_chart_marks_the_target() -> None:
    rows = [PaceRow(2016, 4, None, True), PaceRow(2019, 12, None, True)]
    first, second = chart(rows, 10, width=12)
    # 12 is the top of the scale: 4 fills 4 cells, the target sits in cell 10
    assert first == "2016 ████░░░░░│   4"
    assert second == "2019 █████████│██ 12"


def test_chart_negative_value_draws_no_bar() -> None:
    (line,) = chart([PaceRow(2018, -5.0, 5.0, True)], None, width=10)
    assert line.startswith("2018 ░░░░░░░░░│") and line.endswith("-5")


def test_show_text_and_json() -> None:
    cat, _ = sample("illustrative")
    reports = [report(2016, {"firms": 4}, provenance="illustrative"), report(2019, {"firms": 9})]
    d = detail(cat, reports, cat.by_id["firms"])
    text = show_text(cat, d, cat.home_region, "en", PLAIN)
    for part in (
        "ILLUSTRATIVE DATA",
        "A test goal.",
        "year by year",
        "even pace",
        "calculation",
        "│ target 10",
    ):
        assert part in text
    assert "R               1.206" in text
    payload = json.loads(show_json(cat, d, cat.home_region, "en", PLAIN))
    assert payload["progress"]["status"] == "on_track"
    assert [h["as_of"] for h in payload["history"]] == [2016, 2019]
    assert payload["pace"][1] == {"year": 2017, "value": None, "expected": 5.5, "reported": False}
    assert payload["indicator"]["source"]["quote"] == "quote"

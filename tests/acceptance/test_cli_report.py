"""`dehong report` through the CLI, on real files: it writes the report, in both languages and
every format, and every number in it is `dehong status --format json`'s."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Invoke

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.render.formatting import quantity
from dehong_cli.render.report_words import STATUS_WORDS

FIXED_DATE = "1588291200"  # 2020-05-01, through $SOURCE_DATE_EPOCH


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_DATE)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_report_writes_a_file(cli: Invoke, data_dir: Path, tmp_path: Path, lang: str, fmt: str) -> None:
    target = tmp_path / f"report.{fmt}"
    result = cli("report", "--data-dir", data_dir, "--lang", lang, "--format", fmt, "--out", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"to {target}" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert "2020-05-01" in text
    assert ("年度考核评估报告" if lang == "zh" else "Annual assessment") in text


def test_report_goes_to_stdout_without_out(cli: Invoke, data_dir: Path) -> None:
    result = cli("report", "--data-dir", data_dir)
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_the_same_data_gives_the_same_report(cli: Invoke, data_dir: Path) -> None:
    first = cli("report", "--data-dir", data_dir, "-f", "markdown").stdout
    assert cli("report", "--data-dir", data_dir, "-f", "markdown").stdout == first


def test_xlsx_needs_out(cli: Invoke, data_dir: Path, tmp_path: Path) -> None:
    result = cli("report", "--data-dir", data_dir, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--out" in result.stderr
    result = cli("report", "--data-dir", data_dir, "--format", "xlsx", "--out", tmp_path / "进展情况表.xlsx")
    assert result.exit_code == 0
    assert (tmp_path / "进展情况表.xlsx").read_bytes()[:2] == b"PK"


def test_csv_for_excel_has_a_bom_and_csv_for_scripts_does_not(cli: Invoke, data_dir: Path) -> None:
    assert cli("report", "--data-dir", data_dir, "--format", "csv").stdout.startswith("\ufeff领域")
    assert not cli("status", "--data-dir", data_dir, "--format", "csv").stdout.startswith("\ufeff")


def test_a_bad_date_is_a_usage_error(cli: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = cli("report", "--data-dir", data_dir)
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.stderr


def _md_rows(md: str) -> dict[str, list[str]]:
    """The goal rows of the strands' tables: name -> cells."""
    rows = {}
    for line in md.splitlines():
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if len(cells) == 6 and cells[0] not in ("指标", "indicator", "---"):
            rows[cells[0]] = cells
    return rows


@pytest.mark.parametrize(("lang", "year"), [("zh", None), ("en", "2018"), ("zh", "2020")])
def test_every_number_is_the_status_json(cli: Invoke, data_dir: Path, lang: str, year: str | None) -> None:
    when = ["--year", year] if year else []
    status = json.loads(cli("status", "--data-dir", data_dir, "-f", "json", *when).stdout)
    md = cli("report", "--data-dir", data_dir, "-f", "markdown", "--lang", lang, *when).stdout
    cat = load_catalogue(data_dir / "targets.yaml")
    rows = _md_rows(md)
    k = 0 if lang == "zh" else 1
    for entry in status["indicators"]:
        ind = cat.by_id[entry["id"]]
        cells = rows[ind.display_name(lang)]
        words = {s.value: w[k] for s, w in STATUS_WORDS.items()}
        assert cells[5] == words[entry["status"]], entry["id"]
        gap = "—" if entry["gap"] is None else quantity(entry["gap"], ind, lang, gap=True)
        assert cells[3] == gap, entry["id"]
        progress = "—" if entry["progress"] is None else f"{entry['progress'] * 100:.0f}%"
        assert cells[4] == progress, entry["id"]
        if entry["latest"] is not None and entry["accrual"] == "level":
            # shown to 2 decimals from the engine's float; the JSON's is rounded to 6, so compare numbers
            shown = re.fullmatch(r"([\d,.]+)[^(]* \((\d{4})\)", cells[2])
            assert shown, cells[2]
            assert int(shown[2]) == entry["latest"]["year"]
            assert float(shown[1].replace(",", "")) == pytest.approx(entry["latest"]["value"], abs=0.0051)
    summary = md.split("## ", 3)[2]
    for name, n in status["counts"].items():
        word = next(w[k] for s, w in STATUS_WORDS.items() if s.value == name)
        assert (f"| {word} | {n} |" in summary) == (n > 0), name
    assert f"{status['as_of']}" in md.splitlines()[2]


def test_the_county_figures_are_the_county_status_json(cli: Invoke, data_dir: Path) -> None:
    status = json.loads(cli("status", "--data-dir", data_dir, "-f", "json", "--region", "芒市").stdout)
    md = cli("report", "--data-dir", data_dir, "-f", "markdown").stdout
    counties = md.split("## 县市情况", 1)[1].split("## ", 1)[0]
    hte = next(e for e in status["indicators"] if e["id"] == "national_high_tech_enterprises")
    assert hte["latest"] == {"year": 2019, "value": 3}
    assert re.search(r"\| 国家高新技术企业 \| 9家 \| 3家 \| 33\.3% \|", counties)


def test_unknown_region_is_a_usage_error(cli: Invoke, data_dir: Path) -> None:
    result = cli("report", "--data-dir", data_dir, "--region", "Atlantis")
    assert result.exit_code == 2

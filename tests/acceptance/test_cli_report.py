"""`dehong report` through the CLI, on real files: it writes the report, in both languages and
every format, and every number in it is `dehong status --format json`'s."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

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


# ------------------------------------------------ one computation, several views: the rest of it


def _goal_sections(md: str) -> dict[str, str]:
    """Each goal's section of the Markdown report: its heading's name -> its text."""
    parts = md.split("\n### ")[1:]
    return {p.split(" — ", 1)[0].removesuffix(" †"): p.split("\n## ", 1)[0] for p in parts}


@pytest.mark.parametrize(("lang", "year"), [("zh", None), ("en", "2018")])
def test_summary_and_attainment_are_the_status_json(
    cli: Invoke, data_dir: Path, lang: str, year: str | None
) -> None:
    when = ["--year", year] if year else []
    status = json.loads(cli("status", "--data-dir", data_dir, "-f", "json", *when).stdout)
    md = cli("report", "--data-dir", data_dir, "-f", "markdown", "--lang", lang, *when).stdout
    summary = md.split("## ", 3)[2]
    counts = status["counts"]
    zh = lang == "zh"
    facts = {
        "目标总数" if zh else "goals": len(status["indicators"]),
        "量化目标" if zh else "quantified goals": status["quantified"],
        (f"有{status['as_of']}年数据" if zh else f"with a {status['as_of']} figure"): status["reported"],
        "待补数据" if zh else "awaiting data": counts["unable_to_assess"] + counts["awaiting_data"],
    }
    for label, n in facts.items():
        assert f"| {label} | {n} |" in summary, label
    done = f"{status['reported'] / status['quantified'] * 100:.0f}%"
    assert f"| {'数据完整率' if zh else 'data completeness'} | {done} |" in summary
    cat = load_catalogue(data_dir / "targets.yaml")
    sections = _goal_sections(md)
    colon = "：" if zh else ": "
    for entry in status["indicators"]:
        section = sections[cat.by_id[entry["id"]].display_name(lang)]
        label = ("完成率" if zh else "attainment") + colon
        if entry["attainment"] is None:
            assert label not in section, entry["id"]
        else:
            # a whole percent from the engine's float; the JSON's is rounded to 6 places, so 42.5 may be 43
            shown = re.search(re.escape(label) + r"(\d+)%", section)
            assert shown, entry["id"]
            assert int(shown[1]) == pytest.approx(entry["attainment"] * 100, abs=0.5 + 1e-6), entry["id"]


@pytest.mark.parametrize("year", [None, "2018"])
def test_every_number_of_the_workbook_is_the_status_json(
    cli: Invoke, data_dir: Path, tmp_path: Path, year: str | None
) -> None:
    """The 进展情况表 keeps the engine's numbers unrounded: each equals the JSON's (rounded to 6)."""
    from openpyxl import load_workbook

    when = ["--year", year] if year else []
    status = json.loads(cli("status", "--data-dir", data_dir, "-f", "json", *when).stdout)
    target = tmp_path / "r.xlsx"
    assert cli("report", "--data-dir", data_dir, "-f", "xlsx", "-o", target, *when).exit_code == 0
    sheet = load_workbook(target)["目标"]
    rows = {r[1].value: [c.value for c in r] for r in sheet.iter_rows(min_row=3) if r[8].value}
    words = {s.value: w[0] for s, w in STATUS_WORDS.items()}
    assert len(rows) == len(status["indicators"])
    for e in status["indicators"]:
        _, _, _, latest, latest_year, gap, progress, attainment, word, _, _ = rows[e["name"]]
        assert word == words[e["status"]], e["id"]
        expected, year = _verdict_figure(e)
        for shown, wanted in ((latest, expected), (gap, e["gap"]), (progress, e["progress"])):
            assert shown == (None if wanted is None else pytest.approx(wanted, abs=1e-6)), e["id"]
        assert attainment == (None if e["attainment"] is None else pytest.approx(e["attainment"], abs=1e-6))
        assert latest_year == year, e["id"]


def _verdict_figure(e: dict[str, Any]) -> tuple[float | None, int | None]:
    """From the JSON, the figure the status table shows: the sum for additions; for a yearly goal, the
    worst missed year (the one its gap is), else the latest year judged; else the latest value."""
    latest = e["latest"] or {}
    if e["accrual"] == "additions":
        return e["achieved"], latest.get("year")
    if e["accrual"] in ("annual", "growth_vs") and latest:
        judged = [y for y in e["years"] if y["met"] is not None]
        missed = [y for y in judged if y["met"] is False]
        if e["accrual"] == "annual":
            worst = min(missed, key=lambda y: y["value"]) if missed else None
            return (worst["value"], worst["year"]) if worst else (latest.get("value"), latest.get("year"))
        pick = (
            max(missed, key=lambda y: y["companion_growth"] - y["subject_growth"]) if missed else judged[-1]
        )
        return pick["subject_growth"], pick["year"]
    return latest.get("value"), latest.get("year")


@pytest.mark.parametrize("name", ["州科技局科协", "州工信委", "州农业局"])
def test_the_department_view_is_dept_json(cli: Invoke, data_dir: Path, name: str) -> None:
    md = cli("report", "--data-dir", data_dir, "-f", "markdown").stdout
    dept = json.loads(cli("dept", name, "--data-dir", data_dir, "-f", "json").stdout)
    row = next(x for x in md.split("## 部门情况", 1)[1].splitlines() if x.startswith(f"| {name} |"))
    _, goals, tasks, behind, awaiting = (c.strip() for c in row.strip("|").split(" | "))
    assert goals == "、".join(g["name"] for g in dept["goals"])
    assert tasks == "、".join(str(t["task"]) for t in dept["tasks"] if t["role"] == "lead")
    late = ("moderate", "limited", "deterioration", "not_achieved")
    assert behind == ("、".join(g["name"] for g in dept["goals"] if g["status"] in late) or "无")
    owed = {"unable_to_assess", "awaiting_data"}
    assert awaiting == ("、".join(g["name"] for g in dept["goals"] if g["status"] in owed) or "无")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_task_progress_is_tasks_json(cli: Invoke, data_dir: Path, lang: str) -> None:
    md = cli("report", "--data-dir", data_dir, "-f", "markdown", "--year", "2019", "--lang", lang).stdout
    shown = json.loads(cli("tasks", "--data-dir", data_dir, "--year", "2019", "-f", "json").stdout)
    section = md.split("## 重点任务进展" if lang == "zh" else "## Task progress", 1)[1].split("\n## ", 1)[0]
    for t in shown["tasks"]:
        word = (
            (t["status_zh"] or "未报送")
            if lang == "zh"
            else (t["status"] or "not reported").replace("_", " ")
        )
        title = t["title_en"] if lang == "en" and t["title_en"] else t["title"]
        assert f"| {t['task']} | {title} | {word} | {t['progress'] or ''} |" in section, t["task"]


def test_a_cumulative_goal_with_nothing_reported_reads_not_reported(cli: Invoke, data_dir: Path) -> None:
    md = cli("report", "--data-dir", data_dir, "-f", "markdown").stdout
    section = _goal_sections(md)["技术创新人才"]
    assert "| 2017 | 未报 | 5名 |" in section and "| 2019 | 未报 | 15名 |" in section
    assert "| 0名 |" not in section  # nothing reported is not a cumulative zero


def test_the_english_report_names_departments_and_tasks_in_english(cli: Invoke, data_dir: Path) -> None:
    md = cli("report", "--data-dir", data_dir, "-f", "markdown", "--lang", "en", "--year", "2019").stdout
    depts = md.split("## Departments", 1)[1].split("\n## ", 1)[0]
    assert "| Prefecture Science and Technology Bureau and Association for Science and Technology |" in depts
    assert "| 州科技局科协 |" not in depts
    tasks = md.split("## Task progress", 1)[1].split("\n## ", 1)[0]
    assert "| 1 | Develop modern plateau-specific agricultural" in tasks

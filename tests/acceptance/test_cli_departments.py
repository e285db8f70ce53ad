"""`dehong dept`, `dehong tasks --year`, task-progress files and task-sheet import, through the CLI on
real files in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Invoke, write

GOOD = """\
year: 2019
provenance: official
source: 各部门2019年度工作总结
tasks:
  1:
    status: done
    department: 州农业局
  2:
    status: 推进中
    department: 州旅游发展委
  3:
    status: not_started
    department: 工息委
  16:
    status: 滞后
    department: 州知识产权局
"""


@pytest.fixture
def tasks_dir(data_dir: Path) -> Path:
    """The shipped data with its illustrative task progress replaced by the official GOOD file."""
    for path in (data_dir / "tasks").iterdir():
        path.unlink()
    write(data_dir / "tasks" / "2019.yaml", GOOD)
    return data_dir


# ------------------------------------------------------------------------------- dept


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("州工信委", "州工信委"),
        ("州工息委", "州工信委"),
        ("工信委", "州工信委"),
        ("工息委", "州工信委"),
        ("州旅游发展委", "州旅发委"),
        ("州旅发委", "州旅发委"),
        ("旅发委", "州旅发委"),
        ("州科技局科协", "州科技局科协"),
        ("科技局", "州科技局科协"),
        ("science_technology", "州科技局科协"),
    ],
)
def test_dept_by_every_spelling(cli: Invoke, data_dir: Path, spelling: str, name: str) -> None:
    result = cli("dept", spelling, "--format", "json", "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["department"]["name"] == name


def test_dept_science_lists_its_goals_and_tasks(cli: Invoke, data_dir: Path) -> None:
    result = cli("dept", "州科技局科协", "--format", "json", "--data-dir", data_dir)
    card = json.loads(result.stdout)
    goals = {g["id"]: g for g in card["goals"]}
    assert goals["core_technologies"]["role"] == "lead"
    assert goals["core_technologies"]["tasks"] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert {t["task"] for t in card["tasks"]} >= {1, 2, 3, 9, 15, 26}
    assert card["year"] == 2019
    assert card["illustrative"] is True and "ILLUSTRATIVE" in card["banner"]
    by_number = {t["task"]: t for t in card["tasks"]}
    assert by_number[9]["status"] == "in_progress" and by_number[9]["progress"].startswith("示例")
    assert by_number[4]["status"] == "not_reported"
    assert 4 in card["owes"]["task_reports"] and 9 not in card["owes"]["task_reports"]


def test_dept_table_shows_banner_goals_tasks_and_owes(cli: Invoke, data_dir: Path) -> None:
    result = cli("dept", "科技局", "--data-dir", data_dir)
    assert result.exit_code == 0
    assert "示例数据" in result.stdout
    assert "突破核心关键技术" in result.stdout
    assert "培育发展科技型企业" in result.stdout
    assert "2019年尚未报送进展的任务" in result.stdout


def test_dept_owes_a_figure_for_a_goal_it_leads(cli: Invoke, tasks_dir: Path) -> None:
    report = tasks_dir / "reports" / "2019.yaml"
    text = report.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.lstrip().startswith("patents_granted")]
    report.write_text("\n".join(kept) + "\n", encoding="utf-8")
    card = json.loads(cli("dept", "州知识产权局", "-f", "json", "--data-dir", tasks_dir).stdout)
    owed = card["owes"]["figures"]
    assert all(i in {g["id"] for g in card["goals"] if g["role"] == "lead"} for i in owed)
    assert card["owes"]["task_reports"] == []  # it leads task 16 only, and reported on it


def test_dept_owes_what_missing_says_the_region_owes(cli: Invoke, data_dir: Path) -> None:
    # The prefecture's 2019 report leaves R&D, SMEs and sales to the complete county sums (Σ): those
    # are figures, owed by nobody; `dept` and `missing` must tell a department the same thing.
    card = json.loads(
        cli("dept", "州科技局科协", "--year", "2019", "-f", "json", "--data-dir", data_dir).stdout
    )
    gone = json.loads(cli("missing", "--year", "2019", "-f", "json", "--data-dir", data_dir).stdout)
    led = {g["id"] for g in card["goals"] if g["role"] == "lead"}
    owed_here = {m["indicator"] for m in gone["missing"] if m["region"] == "533100"} & led
    assert set(card["owes"]["figures"]) == owed_here
    assert "provincial_tech_smes" not in card["owes"]["figures"]


def test_dept_markdown(cli: Invoke, data_dir: Path) -> None:
    result = cli("dept", "州工息委", "--format", "markdown", "--data-dir", data_dir)
    assert result.stdout.startswith("> **示例数据")
    assert "## 州工信委" in result.stdout
    assert "| 3 | 发展工业科技创新技术" in result.stdout


def test_unknown_department_is_a_usage_error_with_suggestions(cli: Invoke, data_dir: Path) -> None:
    result = cli("dept", "州卫生局", "--data-dir", data_dir)
    assert result.exit_code == 2
    assert "unknown department '州卫生局'; did you mean '州卫计委'" in result.stderr
    assert result.stdout == ""


def test_ambiguous_part_is_a_usage_error_listing_the_candidates(cli: Invoke, data_dir: Path) -> None:
    result = cli("dept", "政府", "--data-dir", data_dir)
    assert result.exit_code == 2
    assert "州政府办" in result.stderr and "州政府督查室" in result.stderr


@pytest.mark.parametrize("command", ["status", "targets"])
def test_dept_option_uses_the_registry(cli: Invoke, data_dir: Path, command: str) -> None:
    ok = cli(command, "--dept", "工息委", "--format", "json", "--data-dir", data_dir)
    assert ok.exit_code == 0, ok.stderr
    assert "core_technologies" in ok.stdout
    bad = cli(command, "--dept", "州卫生局", "--data-dir", data_dir)
    assert bad.exit_code == 2 and "did you mean '州卫计委'" in bad.stderr


def test_tasks_dept_finds_the_variant_spelling(cli: Invoke, data_dir: Path) -> None:
    result = cli("tasks", "--dept", "工信委", "--data-dir", data_dir)
    assert result.exit_code == 0
    assert "州工息委" in result.stdout  # task 3 writes it so


# ------------------------------------------------------------------------------ tasks


def test_tasks_year_shows_each_status(cli: Invoke, tasks_dir: Path) -> None:
    result = cli("tasks", "--year", "2019", "--format", "json", "--data-dir", tasks_dir)
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    status = {t["task"]: t["status"] for t in payload["tasks"]}
    assert (status[1], status[2], status[3], status[16], status[4]) == (
        "done",
        "in_progress",
        "not_started",
        "delayed",
        "not_reported",
    )
    assert len(payload["tasks"]) == 30
    assert payload["illustrative"] is False and payload["banner"] is None
    table = cli("tasks", "--year", "2019", "--data-dir", tasks_dir).stdout
    for word in ("已完成", "推进中", "未启动", "滞后", "未报送"):
        assert word in table
    assert "示例数据" not in table


@pytest.mark.parametrize(("given", "numbers"), [("done", [1]), ("滞后", [16]), ("未报送", None)])
def test_tasks_status_filter(cli: Invoke, tasks_dir: Path, given: str, numbers: list[int] | None) -> None:
    result = cli("tasks", "--year", "2019", "--status", given, "-f", "csv", "--data-dir", tasks_dir)
    rows = result.stdout.splitlines()[1:]
    found = [int(r.split(",")[2]) for r in rows]
    if numbers is None:
        assert len(found) == 26 and 1 not in found
    else:
        assert found == numbers


def test_tasks_unknown_status_is_a_usage_error(cli: Invoke, tasks_dir: Path) -> None:
    result = cli("tasks", "--year", "2019", "--status", "halfway", "--data-dir", tasks_dir)
    assert result.exit_code == 2 and "unknown task status 'halfway'" in result.stderr


def test_shipped_progress_is_marked_illustrative_everywhere(cli: Invoke, data_dir: Path) -> None:
    table = cli("tasks", "--year", "2018", "--data-dir", data_dir).stdout
    assert "示例数据" in table
    csv_rows = cli("tasks", "--year", "2018", "-f", "csv", "--data-dir", data_dir).stdout.splitlines()
    assert csv_rows[0].endswith("illustrative,estimate")
    reported = [r for r in csv_rows[1:] if ",illustrative," in r]
    assert reported and all(r.endswith(",true,false") for r in reported)
    assert cli("tasks", "--year", "2019", "-f", "markdown", "--data-dir", data_dir).stdout.startswith("> **")


# ------------------------------------------------------------------------ validating


def test_good_task_file_validates(cli: Invoke, tasks_dir: Path) -> None:
    result = cli("validate", "--data-dir", tasks_dir)
    assert result.exit_code == 0, result.stdout
    assert "tasks/2019.yaml" not in result.stdout


BAD = """\
year: 2019
provenance: official
source: x
tasks:
  9:
    status: halfway
  31:
    status: done
  3:
    status: done
    department: 州公安局
"""


def test_bad_task_file_is_located(cli: Invoke, tasks_dir: Path) -> None:
    path = write(tasks_dir / "tasks" / "2019.yaml", BAD)
    result = cli("validate", "--data-dir", tasks_dir)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{path}:6:13: error[task-status]: 'halfway' is not a task status" in "\n".join(lines)
    assert any(line.startswith(f"{path}:7:3: error[unknown-task]: no task number 31") for line in lines)
    assert any(
        line.startswith(f"{path}:11:17: error[department]: 州公安局 is not a department of task 3")
        for line in lines
    )
    # the same file named on the command line
    named = cli("validate", "--data-dir", tasks_dir, path)
    assert named.exit_code == 1 and f"{path}:6:13" in named.stdout
    # and the views refuse to run on it
    view = cli("tasks", "--year", "2019", "--data-dir", tasks_dir)
    assert view.exit_code == 1 and f"{path}:7:3" in view.stderr


def test_duplicate_task_file_is_an_error(cli: Invoke, tasks_dir: Path) -> None:
    second = write(tasks_dir / "tasks" / "2019-533100.yaml", GOOD)
    result = cli("validate", "--data-dir", tasks_dir)
    assert result.exit_code == 1
    # the second in name order is the one refused: 2019.yaml sorts after 2019-533100.yaml
    assert (
        f"{tasks_dir / 'tasks' / '2019.yaml'}:1:7: error[duplicate-tasks]: a second task-progress file "
        f"for 2019, region 533100; the first is {second}" in result.stdout
    )


def test_schema_tasks(cli: Invoke, data_dir: Path) -> None:
    schema = json.loads(cli("schema", "tasks", "--data-dir", data_dir).stdout)
    entry = schema["properties"]["tasks"]["properties"]["9"]
    assert "推进中" in entry["properties"]["status"]["enum"]
    assert "31" not in schema["properties"]["tasks"]["properties"]


def test_new_report_tasks_writes_a_template_that_validates(cli: Invoke, data_dir: Path) -> None:
    result = cli("new-report", "--tasks", "--year", "2020", "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    path = data_dir / "tasks" / "2020.yaml"
    assert result.stdout.strip() == str(path)
    assert cli("validate", "--data-dir", data_dir, path).exit_code == 0
    again = cli("new-report", "--tasks", "--year", "2020", "--data-dir", data_dir)
    assert again.exit_code == 1 and "already exists" in again.stderr


# ------------------------------------------------------------------------------ import

SHEET = """\
填报单位：州科技局科协
任务编号,进展情况,状态,佐证材料,责任部门
9,新认定科技型中小企业（测试）,推进中,测试-1；测试-2,科技局
15,科普活动（测试）,已完成,,
"""


def test_import_task_sheet_and_refuse_a_conflicting_reimport(
    cli: Invoke, tasks_dir: Path, tmp_path: Path
) -> None:
    sheet = write(tmp_path / "科技局任务.csv", SHEET)
    target = tasks_dir / "tasks" / "2019.yaml"
    result = cli("import", sheet, "--year", "2019", "--data-dir", tasks_dir)
    assert result.exit_code == 0, result.stderr
    assert "9.status" in result.stdout
    payload = json.loads(cli("tasks", "--year", "2019", "-f", "json", "--data-dir", tasks_dir).stdout)
    nine = next(t for t in payload["tasks"] if t["task"] == 9)
    assert (nine["status"], nine["department"], nine["evidence"]) == (
        "in_progress",
        "州科技局科协",
        ["测试-1", "测试-2"],
    )
    assert nine["progress"] == "新认定科技型中小企业（测试）"  # full-width brackets kept as typed
    again = cli("import", sheet, "--year", "2019", "--data-dir", tasks_dir)
    assert again.exit_code == 0 and "nothing to do" in again.stderr
    before = target.read_bytes()
    write(sheet, SHEET.replace("推进中", "已完成"))
    refused = cli("import", sheet, "--year", "2019", "--data-dir", tasks_dir)
    assert refused.exit_code == 1
    assert "! conflict  9.status" in refused.stdout
    assert target.read_bytes() == before
    replaced = cli("import", sheet, "--year", "2019", "--replace", "--data-dir", tasks_dir)
    assert replaced.exit_code == 0 and b"status: done" in target.read_bytes()


def test_bad_task_sheet_cells_are_located_and_nothing_written(
    cli: Invoke, tasks_dir: Path, tmp_path: Path
) -> None:
    sheet = write(
        tmp_path / "bad.csv",
        "任务编号,进展情况,状态,责任部门\n9,x,半完成,州科技局科协\n31,y,done,\n3,z,done,州公安局\n",
    )
    before = (tasks_dir / "tasks" / "2019.yaml").read_bytes()
    result = cli("import", sheet, "--year", "2019", "--data-dir", tasks_dir)
    assert result.exit_code == 1
    assert (
        f"{sheet}:2:3: error[task-status]: row 2, column 状态: '半完成' is not a task status" in result.stderr
    )
    assert f"{sheet}:3:1: error[unknown-task]" in result.stderr
    assert (
        f"{sheet}:4:4: error[department]: row 4, column 责任部门: 州公安局 is not a department of task 3"
        in result.stderr
    )
    assert (tasks_dir / "tasks" / "2019.yaml").read_bytes() == before


def test_task_sheet_into_an_empty_folder_creates_the_file(
    cli: Invoke, empty_data_dir: Path, tmp_path: Path
) -> None:
    sheet = write(tmp_path / "s.csv", "任务编号,状态,进展情况\n21,done,ok\n")
    result = cli("import", sheet, "--year", "2018", "--data-dir", empty_data_dir)
    assert result.exit_code == 0, result.stderr
    assert cli("validate", "--data-dir", empty_data_dir).exit_code == 0
    assert (empty_data_dir / "tasks" / "2018.yaml").read_text(encoding="utf-8").startswith("year: 2018\n")


# ---------------------------------------------------------------------------- report


def test_report_shows_the_years_task_progress(cli: Invoke, tasks_dir: Path) -> None:
    result = cli("report", "--format", "markdown", "--year", "2019", "--data-dir", tasks_dir)
    assert result.exit_code == 0, result.stderr
    section = result.stdout.split("## 重点任务进展", 1)[1]
    assert "| 2 | 发展生物医药大健康产业,提升人口健康水平 | 推进中 |  |" in section
    assert "| 4 | 发展电子信息网络技术,增强经济社会发展的信息化基础 | 未报送 |  |" in section
    assert "各部门2019年度工作总结 (任务进展 task progress)" in result.stdout
    # departments by the registry: 州工息委 (task 3) is 州工信委, not a department of its own
    assert "| 州工息委 |" not in result.stdout and "| 州工信委 |" in result.stdout


def test_report_without_task_progress_has_no_task_section(cli: Invoke, tasks_dir: Path) -> None:
    result = cli("report", "--format", "markdown", "--year", "2018", "--data-dir", tasks_dir)
    assert result.exit_code == 0, result.stderr
    assert "## 重点任务进展" not in result.stdout


def test_a_sheet_cell_with_a_terminal_escape_is_refused(cli: Invoke, tasks_dir: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "esc.csv"
    sheet.write_bytes("任务编号,状态,进展情况\n9,done,a\x1b[2Jb\n".encode())
    before = (tasks_dir / "tasks" / "2019.yaml").read_bytes()
    result = cli("import", sheet, "--year", "2019", "--data-dir", tasks_dir)
    assert result.exit_code == 1
    assert (
        f"{sheet}:2:3: error[control-character]: row 2, column 进展情况: control character U+001B"
        in result.stderr
    )
    assert (tasks_dir / "tasks" / "2019.yaml").read_bytes() == before


def test_words_that_name_no_body_have_no_scorecard(cli: Invoke, data_dir: Path) -> None:
    result = cli("dept", "相关部门", "--data-dir", data_dir)
    assert result.exit_code == 2
    assert "'相关部门' names no department" in result.stderr


def test_task_sheet_from_excel(cli: Invoke, empty_data_dir: Path, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2019年重点任务进展"])
    sheet.append(["任务编号", "进展情况", "状态", "佐证材料"])
    sheet.append([9, "进展（测试）", "滞后", "测试-9"])
    path = tmp_path / "tasks.xlsx"
    book.save(path)
    result = cli("import", path, "--year", "2019", "--data-dir", empty_data_dir)
    assert result.exit_code == 0, result.stderr
    assert "9.status" in result.stdout and "(Sheet!C3 (状态))" in result.stdout
    payload = json.loads(cli("tasks", "--year", "2019", "-f", "json", "--data-dir", empty_data_dir).stdout)
    assert next(t for t in payload["tasks"] if t["task"] == 9)["status"] == "delayed"

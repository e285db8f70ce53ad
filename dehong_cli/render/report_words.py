"""The words of the annual report (`dehong report`), in Chinese and English, in one place.

Every report format (HTML, Markdown, the Excel 进展情况表) takes its headings, column names
and status words from here, so the three say the same thing in the same words.
"""

from __future__ import annotations

from dehong_cli.model.status import Status
from dehong_cli.model.tasks import NOT_REPORTED, TaskStatus
from dehong_cli.render.vocabulary import STATUS_ZH

# The Chinese words are `dehong status`'s; the English ones are its stable names, spelled as words.
STATUS_WORDS: dict[Status, tuple[str, str]] = {s: (STATUS_ZH[s], s.value.replace("_", " ")) for s in Status}

# Fill colours for a status (HTML and Excel): green to red, grey off the scale. The word is always
# printed too: colour only repeats it, for readers who cannot tell the colours apart or print in grey.
STATUS_FILL: dict[Status, str] = {
    Status.ACHIEVED: "1B7F3B",
    Status.ON_TRACK: "8CCB8F",
    Status.MODERATE: "F2D16B",
    Status.LIMITED: "F0A35E",
    Status.DETERIORATION: "D9534F",
    Status.NOT_ACHIEVED: "A12A2A",
    Status.AWAITING_DATA: "A9C4E0",
    Status.UNABLE_TO_ASSESS: "D0D0D0",
    Status.QUALITATIVE: "B7D3EA",
    Status.NOT_BINDING: "E8E8E8",
}
DARK_FILLS = frozenset({Status.ACHIEVED, Status.DETERIORATION, Status.NOT_ACHIEVED})  # white text

WORDS: dict[str, tuple[str, str]] = {
    "report": ("年度考核评估报告", "Annual assessment"),
    "goals_of": ("{year}年目标", "{year} goals"),
    "as_of": ("截至{year}年", "as of {year}"),
    "no_data": ("无数据", "no data"),
    "made_on": ("生成日期", "Made on"),
    "contents": ("目录", "Contents"),
    "provenance": ("数据来源说明", "Where the figures come from"),
    "illustrative": (
        "示例数据：本报告中标为“示例”的数字是为演示而编造的，不是统计数据，请勿引用。",
        "ILLUSTRATIVE DATA: figures marked illustrative are MADE UP for demonstration. "
        "They are not statistics; do not cite them.",
    ),
    "estimate": (
        "估计数：部分数字为估计值，不是官方统计。",
        "ESTIMATES: some figures are estimates, not official.",
    ),
    "official": ("本报告的数字均为官方统计。", "Every figure in this report is an official statistic."),
    "summary": ("总体情况", "Summary"),
    "goals_total": ("目标总数", "goals"),
    "quantified": ("量化目标", "quantified goals"),
    "with_figure": ("有{year}年数据", "with a {year} figure"),
    "completeness": ("数据完整率", "data completeness"),
    "awaiting": ("待补数据", "awaiting data"),
    "count": ("项数", "goals"),
    "status": ("状态", "status"),
    "strands": ("分领域目标", "Goals by strand"),
    "indicator": ("指标", "indicator"),
    "target": ("目标", "target"),
    "latest": ("最新值 (年份)", "latest (year)"),
    "latest_value": ("最新值", "latest"),
    "gap": ("差距", "gap"),
    "progress": ("进度", "progress"),
    "attainment": ("完成率", "attainment"),
    "clause": ("依据条款", "source clause"),
    "departments_of": ("责任部门", "departments"),
    "reason": ("判断依据", "reason"),
    "year": ("年份", "year"),
    "value": ("数值", "value"),
    "pace": ("均速路径", "even pace"),
    "companion": ("对比增幅", "companion growth"),
    "growth": ("增幅", "growth"),
    "cumulative": ("累计", "cumulative"),
    "not_reported": ("未报", "not reported"),
    "chart_of": ("{name}：各年数值、目标与均速路径", "{name}: yearly values, target and even pace"),
    "chart_desc": ("{points}。目标 {target}。", "{points}. Target {target}."),
    "summary_chart": ("各状态目标数", "Goals by status"),
    "summary_desc": ("{parts}，共 {total} 项。", "{parts}; {total} goals in all."),
    "trend": ("逐年状态", "Status year by year"),
    "trend_note": (
        "每一列是截至该年的判断，用截至该年的数据按同一方法得出。",
        "Each column is the status as of that year, judged by the same method on the data up to it.",
    ),
    "counties": ("县市情况", "Counties"),
    "counties_note": (
        "各县市报送的{year}年数字及其占全州的比重（仅可加总的数量和金额指标）。全州未报送而各县市均已报送的，"
        "全州数为县市合计，标 Σ；比率由合计的分子、分母重新计算，从不平均。",
        "Each county's {year} figures, and their share of the prefecture's (only counts and money that add "
        "up). Where the prefecture gave no figure and every county did, the prefecture's is the county sum, "
        "marked Σ; a ratio is recomputed from the summed parts, never averaged.",
    ),
    "prefecture": ("全州", "prefecture"),
    "share": ("占比", "share"),
    "departments": ("部门情况", "Departments"),
    "department": ("责任部门", "department"),
    "dept_goals": ("牵头目标", "goals"),
    "dept_tasks": ("牵头任务", "tasks led"),
    "dept_behind": ("进展滞后", "behind"),
    "dept_awaiting": ("待补数据", "awaiting data"),
    "tasks": ("重点任务进展", "Task progress"),
    "task": ("任务", "task"),
    "task_status": ("完成状态", "status"),
    "task_progress": ("进度", "progress"),
    "rebuilt": ("目标值据受损原文重建", "target rebuilt from damaged text"),
    "rebuilt_mark": ("重建", "rebuilt"),
    "note": ("说明", "note"),
    "method": ("评估方法", "Method"),
    "method_text": (
        "按 README“How status is judged”一节的方法评估：水平类指标比较实际与所需的年均复合增长率"
        "（R≥0.95 按期推进，0.6≤R<0.95 需加快，0≤R<0.6 进展有限，R<0 退步）；"
        "新增类指标比较累计新增与均速应达值；"
        "年度类和增幅类指标逐年判断，任何一年未达到即为未实现。均速路径为基年值到目标值的直线。",
        "Judged by the method in the README (How status is judged): a level goal compares the actual with "
        "the required compound annual growth rate (R ≥ 0.95 on track, 0.6–0.95 moderate, 0–0.6 limited, "
        "below 0 deterioration); an additions goal compares the sum added with what an even pace expects; "
        "annual and growth goals are judged year by year, and any year missed is not achieved. The even "
        "pace is the straight line from the baseline to the target.",
    ),
    "made_from": ("数据与生成", "Data and making"),
    "made_with": (
        "由 dehong {version} 于 {date} 生成，数据目录：{data}",
        "Made by dehong {version} on {date} from {data}",
    ),
    "source_reports": ("所用报告", "Reports used"),
    "region": ("地区", "region"),
    "source": ("来源", "source"),
    "provenance_col": ("性质", "provenance"),
    "official_word": ("官方", "official"),
    "estimate_word": ("估计", "estimate"),
    "illustrative_word": ("示例", "illustrative"),
    "none": ("无", "none"),
    "data_table": ("数据表", "data"),
    "sheet_goals": ("目标", "Goals"),
    "sheet_counties": ("县市", "Counties"),
    "sheet_departments": ("部门", "Departments"),
    "sheet_tasks": ("任务", "Tasks"),
    "progress_table": ("进展情况表", "Progress table"),
    "strand": ("领域", "strand"),
    "lead": ("责任部门", "lead departments"),
    "support": ("配合部门", "supporting departments"),
    "goal_statuses": ("相关目标状态", "statuses of its goals"),
    "unit": ("单位", "unit"),
}


REBUILT_MARK = "†"  # beside a target rebuilt from damaged text (`reconstructed: true`)

# A task's status in the department's word (`dehong tasks`'s) and in English; None: nothing reported.
TASK_STATUS_WORDS: dict[TaskStatus | None, tuple[str, str]] = {
    **{s: (s.word, s.value.replace("_", " ")) for s in TaskStatus},
    None: (NOT_REPORTED, "not reported"),
}


class Words:
    """The report's words in one language: `words("gap")`, `words("as_of", year=2019)`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._k = 0 if lang == "zh" else 1

    def __call__(self, key: str, **fields: object) -> str:
        text = WORDS[key][self._k]
        return text.format(**fields) if fields else text

    def status(self, status: Status) -> str:
        return STATUS_WORDS[status][self._k]

    def task_status(self, status: TaskStatus | None) -> str:
        return TASK_STATUS_WORDS[status][self._k]


__all__ = ["DARK_FILLS", "REBUILT_MARK", "STATUS_FILL", "STATUS_WORDS", "TASK_STATUS_WORDS", "WORDS", "Words"]

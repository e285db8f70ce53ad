"""`dehong method`: how a status is judged, in English or Chinese, for those without the README.

The English text follows the README's "How status is judged" (a test holds its status table and
thresholds to the README's); the years come from the catalogue's plan, never from here.
"""

from __future__ import annotations

from dehong_cli.model.catalogue import Plan
from dehong_cli.model.status import STATUS_ZH, Status

# The meaning of each status, as the README's table gives it: (English, Chinese).
MEANINGS: dict[Status, tuple[str, str]] = {
    Status.ACHIEVED: (
        "the target is met (latest value, or sum of additions)",
        "目标已达到（最新值或累计新增）",
    ),
    Status.ON_TRACK: (
        "R ≥ 0.95; for yearly goals, every reported year met",
        "R ≥ 0.95；逐年目标：已报送的每一年都达到",
    ),
    Status.MODERATE: ("0.6 ≤ R < 0.95", "0.6 ≤ R < 0.95"),
    Status.LIMITED: ("0 ≤ R < 0.6", "0 ≤ R < 0.6"),
    Status.DETERIORATION: ("R < 0: moving away from the target", "R < 0：离目标越来越远"),
    Status.NOT_ACHIEVED: (
        "a yearly goal missed a year, or, from {target} on, the target is certainly not met",
        "逐年目标有一年未达到，或 {target} 年起确定未达到目标",
    ),
    Status.AWAITING_DATA: (
        "from {target} on, the verdict waits for a figure not yet reported; "
        "shown with its provisional status",
        "{target} 年起，判断所需的数据尚未报送；同时列出截至最近报送年份的暂定状态",
    ),
    Status.UNABLE_TO_ASSESS: (
        "not enough data; the reason says what is missing",
        "数据不足；判断依据会说明缺少什么",
    ),
    Status.QUALITATIVE: ("a goal without a number: shown, never scored", "没有数值的目标：只列出，不评分"),
    Status.NOT_BINDING: (
        "a prefecture-wide goal seen from a county: the county's figure and its share, never a score",
        "全州目标从县市看：列出该县市的数值和占比，不评分",
    ),
}

EN = """\
How status is judged

Each goal is judged for one region (--region, default the prefecture) as of one year Y (--year,
default the latest year with any figure for that region). Figures for years after Y are ignored.
The baseline is the {baseline} value, or, when there is none, the earliest later value.

{table}

level goals: R = actual ÷ required compound annual growth rate, where
  actual   = (latest ÷ baseline)^(1 ÷ years between them) − 1
  required = (target ÷ baseline)^(1 ÷ ({target} − baseline year)) − 1.
  A latest value that already meets the target is achieved, whatever the trend.
  Progress = (latest − baseline) ÷ (target − baseline).
additions goals: the additions from {first} to Y are summed and compared with what an even pace
  expects by Y: target × (Y − {baseline}) ÷ {span}. R = sum ÷ expected, same bands. A year not reported
  counts as nothing added.
annual and growth_vs goals are judged year by year over {first}–{end}: any year missed is
  not_achieved, because a missed year cannot be made up; every reported year met is on_track.
From the target year on (Y ≥ {target}) the verdict is final, achieved or not_achieved, once the
  figures it needs are reported; until then the goal is awaiting_data, with its provisional status.

--fail-on STATUS exits 1 when any goal shown is at that status or worse, on the scale
achieved < on_track < moderate < limited < deterioration < not_achieved; unable_to_assess and
awaiting_data and qualitative are off that scale.
"""

ZH = """\
状态的判断方法

按一个地区（--region，默认全州）截至某一年 Y（--year，默认该地区有数据的最近一年）判断每个目标；
Y 年以后的数据不计。基期值为 {baseline} 年的数值；没有时取之后最早的数值。

{table}

水平值目标：R = 实际年均增速 ÷ 所需年均增速，其中
  实际年均增速 = （最新值 ÷ 基期值）^（1 ÷ 间隔年数）− 1
  所需年均增速 = （目标值 ÷ 基期值）^（1 ÷（{target} − 基期年份））− 1。
  最新值已达到目标即为已实现，不论趋势。进度 =（最新值 − 基期值）÷（目标值 − 基期值）。
新增累计目标：{first} 年至 Y 年的新增数相加，与均衡进度截至 Y 年应达的数比较：
  目标值 ×（Y − {baseline}）÷ {span}。R = 累计 ÷ 应达，分档同上。未报送的年份按零计。
每年目标和增速比较目标：{first}–{end} 年逐年判断，任何一年未达到即为未实现（错过的年份无法弥补）；
  已报送的每一年都达到即为按期推进。
目标年起（Y ≥ {target}）所需数据报齐后的判断为最终结果：已实现或未实现；
  未报齐前为待报送，并列出暂定状态。

--fail-on 状态：所列目标中有任何一个处于该状态或更差时退出码为 1，顺序为
已实现 < 按期推进 < 需加快 < 进展有限 < 退步 < 未实现；待报送、无法评估和定性不在此序列中。
"""


def status_table(plan: Plan, lang: str) -> str:
    """The statuses and what each means, one a line."""
    from dehong_cli.render.fit import cells

    words = {s: s.value if lang == "en" else STATUS_ZH.get(s, s.value) for s in MEANINGS}
    pad = max(cells(w) for w in words.values()) + 2
    lines = []
    for status, (en, zh) in MEANINGS.items():
        meaning = (en if lang == "en" else zh).format(target=plan.target_year)
        lines.append(f"  {words[status]}{' ' * (pad - cells(words[status]))}{meaning}")
    return "\n".join(lines)


def method_text(plan: Plan, lang: str, width: int = 100) -> str:
    """The method in `lang`, with the plan's years, its lines fitted to `width` columns."""
    from dehong_cli.render.fit import reflow

    text = EN if lang == "en" else ZH
    return reflow(
        text.format(
            table=status_table(plan, lang),
            baseline=plan.baseline_year,
            target=plan.target_year,
            first=plan.period_start,
            end=plan.period_end,
            span=plan.target_year - plan.baseline_year,
        ),
        width,
    )

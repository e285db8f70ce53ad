"""A status's reason in words, English or Chinese, from its code and figures (`assess.reasons`).

The English sentences are the ones `dehong` has always printed; the Chinese say the same from the
same figures. Every code has a phrasing in both languages (the tests check it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from dehong_cli.assess.reasons import Reason, ReasonCode
from dehong_cli.model.status import Status
from dehong_cli.render.vocabulary import STATUS_ZH

Args = Mapping[str, Any]
Phrasing = Callable[[Args], str]


def phrase(reason: Reason, lang: str) -> str:
    """The reason as a sentence in `lang` ("en" or "zh")."""
    table = ZH if lang == "zh" else EN
    return table[reason.code](reason.args)


def number(value: float) -> str:
    """Numbers in reasons: as few digits as say it."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.1f}"


def _years(years: Iterable[int], sep: str = ", ") -> str:
    return sep.join(str(y) for y in years)


def _goal(a: Args) -> str:
    return f"{a['comparator']} {number(a['target'] or 0)}"


# ------------------------------------------------------------------------------ English


def _en_first_later(a: Args) -> str:
    return f" (the first is for {a['first_later']})" if a.get("first_later") is not None else ""


def _en_latest(a: Args) -> str:
    return f"latest {number(a['latest'])} ({a['latest_year']})"


def _en_baseline(a: Args) -> str:
    end = ")" if a["baseline_year"] == a["plan_baseline_year"] else f"; no {a['plan_baseline_year']} value)"
    return f"baseline {number(a['baseline'])} ({a['baseline_year']}{end}"


def _en_sum(a: Args) -> str:
    return f"{number(a['achieved'])} added {a['first']}–{a['last']}"


def _en_counted_as_none(a: Args) -> str:
    return f"; {_years(a['not_reported'])} not reported, counted as none" if a["not_reported"] else ""


def _en_not_reported(a: Args) -> str:
    return f"; {_years(a['not_reported'])} not reported" if a["not_reported"] else ""


def _en_rule(a: Args) -> str:
    if a["accrual"] == "growth_vs":
        return f"{a['subject']} growth {a['comparator']} {a['companion']} growth"
    return f"the yearly amount {_goal(a)}"


def _en_missed(m: Args) -> str:
    if "subject_growth" in m:
        return f"{m['year']} ({m['subject_growth']:+.1f}% against {m['companion_growth']:+.1f}%)"
    return f"{m['year']} ({number(m['value'])})"


def _en_cagr(a: Args) -> str:
    return (
        f"R = {a['ratio']:.2f}: {a['actual_cagr']:+.2f}%/yr "
        f"from the {_en_baseline(a)} to the {_en_latest(a)}, "
        f"against {a['required_cagr']:+.2f}%/yr needed to reach {number(a['target'])} by {a['target_year']}"
    )


_EN_BASIS = {
    "zero_baseline": "a growth rate from a baseline of zero is undefined",
    "negative_baseline": "a growth rate from a negative baseline is undefined",
    "negative_value": "a growth rate through a negative value is undefined",
}


def _en_linear(a: Args) -> str:
    return (
        f"R = {a['ratio']:.2f} on a linear pace ({_EN_BASIS[a['basis']]}): "
        f"{a['actual_change']:+,.4g} a year from the {_en_baseline(a)} to the {_en_latest(a)}, "
        f"against {a['required_change']:+,.4g} a year needed "
        f"to reach {number(a['target'])} by {a['target_year']}"
    )


EN: dict[ReasonCode, Phrasing] = {
    ReasonCode.QUALITATIVE: lambda a: "a qualitative goal: shown, never scored",
    ReasonCode.NO_REGION_DATA: lambda a: "no data reported for this region",
    ReasonCode.NO_VALUE: lambda a: f"no value reported up to {a['up_to']}{_en_first_later(a)}",
    ReasonCode.NO_ADDITIONS: lambda a: (
        f"no additions reported for {a['first']}–{a['last']}{_en_first_later(a)}"
    ),
    ReasonCode.NOTHING_REPORTED: lambda a: f"nothing reported for {a['first']}–{a['last']}",
    ReasonCode.NOT_DUE: lambda a: f"the period starts in {a['start']}; nothing is due by {a['as_of']}",
    ReasonCode.SINGLE_VALUE: lambda a: (
        f"only one value ({number(a['value'])} in {a['year']}); a trend needs a baseline and a later value"
    ),
    ReasonCode.LATE_BASELINE: lambda a: (
        f"the first value is for {a['baseline_year']}, not before the target year {a['target_year']}"
    ),
    ReasonCode.NO_PACE: lambda a: (
        f"{_en_sum(a)} {'meets' if a['met'] else 'does not meet'} the target {_goal(a)}; no pace to judge"
    ),
    ReasonCode.ALREADY_MET: lambda a: f"the {_en_latest(a)} meets the target {_goal(a)}",
    ReasonCode.FINAL_MET: lambda a: f"final: the {_en_latest(a)} meets the target {_goal(a)}",
    ReasonCode.FINAL_NOT_MET: lambda a: f"final: the {_en_latest(a)} does not meet the target {_goal(a)}",
    ReasonCode.TARGET_LOST: lambda a: (
        f"the {_en_baseline(a)} met the target {_goal(a)}; the {_en_latest(a)} no longer does"
    ),
    ReasonCode.CAGR_PACE: _en_cagr,
    ReasonCode.LINEAR_PACE: _en_linear,
    ReasonCode.SUM_MET: lambda a: f"{_en_sum(a)} meets the target {_goal(a)}{_en_counted_as_none(a)}",
    ReasonCode.FINAL_SUM_MET: lambda a: (
        f"final: {_en_sum(a)} meets the target {_goal(a)}{_en_counted_as_none(a)}"
    ),
    ReasonCode.FINAL_SUM_NOT_MET: lambda a: (
        f"final: {_en_sum(a)} does not meet the target {_goal(a)}{_en_counted_as_none(a)}"
    ),
    ReasonCode.UNDER_CEILING: lambda a: f"{_en_sum(a)} meets the ceiling {_goal(a)}{_en_counted_as_none(a)}",
    ReasonCode.OVER_CEILING: lambda a: (
        f"{_en_sum(a)} does not meet the ceiling {_goal(a)}{_en_counted_as_none(a)}"
    ),
    ReasonCode.EVEN_PACE: lambda a: (
        f"R = {a['ratio']:.2f}: {_en_sum(a)} against {number(a['expected'])} expected by {a['as_of']} "
        f"on an even pace{_en_counted_as_none(a)}"
    ),
    ReasonCode.YEAR_MISSED: lambda a: (
        f"{_en_rule(a)} was missed in {', '.join(_en_missed(m) for m in a['missed'])}; "
        f"a missed year cannot be made up{_en_not_reported(a)}"
    ),
    ReasonCode.YEARS_MET: lambda a: (
        f"{_en_rule(a)} was met in every reported year ({_years(a['met'])}){_en_not_reported(a)}"
    ),
    ReasonCode.FINAL_YEARS_MET: lambda a: f"final: {_en_rule(a)} was met in every year, {_years(a['met'])}",
    ReasonCode.AWAITING_DATA: lambda a: (
        f"awaiting the {_years(a['awaiting'])} {'figure' if len(a['awaiting']) == 1 else 'figures'}; "
        f"provisionally {a['provisional']} as of {a['provisional_year']}: {phrase(a['basis'], 'en')}"
    ),
    ReasonCode.NOT_BINDING: lambda a: (
        ("binds the government of " if a["applies_to"] == "region_government" else "judged for all of ")
        + f"{a['parent_en']} only, not for this region on its own"
        + (
            f"; its share of {a['parent_en']}'s {a['year']} figure: {a['share']:.1f}%"
            if a["share"] is not None
            else ""
        )
    ),
    ReasonCode.LEVEL_FAILED: lambda a: (
        f"binds every level (同级): {_en_regions(a)} {a['status']}, "
        f"so this level's {a['own_status']} does not hold"
    ),
    ReasonCode.LEVEL_UNKNOWN: lambda a: (
        f"binds every level (同级): {_en_regions(a)} cannot be judged, so this level's {a['own_status']} "
        "does not hold for the whole"
    ),
}


def _en_regions(a: Args) -> str:
    return ", ".join(r.get("name_en", "?") for r in a["regions"])


def _zh_regions(a: Args) -> str:
    return "、".join(r.get("name", "?") for r in a["regions"])


# ------------------------------------------------------------------------------ Chinese


def _zh_first_later(a: Args) -> str:
    return f"（最早的数据为 {a['first_later']} 年）" if a.get("first_later") is not None else ""


def _zh_latest(a: Args) -> str:
    return f"最新值 {number(a['latest'])}（{a['latest_year']} 年）"


def _zh_baseline(a: Args) -> str:
    instead = (
        "" if a["baseline_year"] == a["plan_baseline_year"] else f"，无 {a['plan_baseline_year']} 年数据"
    )
    return f"基期值 {number(a['baseline'])}（{a['baseline_year']} 年{instead}）"


def _zh_sum(a: Args) -> str:
    return f"{a['first']}–{a['last']} 年累计新增 {number(a['achieved'])}"


def _zh_counted_as_none(a: Args) -> str:
    return f"；{_years(a['not_reported'], '、')} 年未报送，按零计" if a["not_reported"] else ""


def _zh_not_reported(a: Args) -> str:
    return f"；{_years(a['not_reported'], '、')} 年未报送" if a["not_reported"] else ""


def _zh_rule(a: Args) -> str:
    if a["accrual"] == "growth_vs":
        return f"{a['subject']} 增幅 {a['comparator']} {a['companion']} 增幅"
    return f"每年数额 {_goal(a)}"


def _zh_missed(m: Args) -> str:
    if "subject_growth" in m:
        return f"{m['year']} 年（{m['subject_growth']:+.1f}%，对比 {m['companion_growth']:+.1f}%）"
    return f"{m['year']} 年（{number(m['value'])}）"


def _zh_cagr(a: Args) -> str:
    return (
        f"R = {a['ratio']:.2f}：从{_zh_baseline(a)}到{_zh_latest(a)}，年均增长 {a['actual_cagr']:+.2f}%，"
        f"而 {a['target_year']} 年达到 {number(a['target'])} 需年均增长 {a['required_cagr']:+.2f}%"
    )


_ZH_BASIS = {
    "zero_baseline": "基期值为零，无法计算年均增长率",
    "negative_baseline": "基期值为负，无法计算年均增长率",
    "negative_value": "数值为负，无法计算年均增长率",
}


def _zh_linear(a: Args) -> str:
    return (
        f"R = {a['ratio']:.2f}，按线性进度（{_ZH_BASIS[a['basis']]}）：从{_zh_baseline(a)}到{_zh_latest(a)}，"
        f"年均增加 {a['actual_change']:+,.4g}，而 {a['target_year']} 年达到 {number(a['target'])} "
        f"需年均增加 {a['required_change']:+,.4g}"
    )


ZH: dict[ReasonCode, Phrasing] = {
    ReasonCode.QUALITATIVE: lambda a: "定性目标：只列出，不评分",
    ReasonCode.NO_REGION_DATA: lambda a: "该地区没有报送任何数据",
    ReasonCode.NO_VALUE: lambda a: f"截至 {a['up_to']} 年没有报送数值{_zh_first_later(a)}",
    ReasonCode.NO_ADDITIONS: lambda a: f"{a['first']}–{a['last']} 年没有报送新增数{_zh_first_later(a)}",
    ReasonCode.NOTHING_REPORTED: lambda a: f"{a['first']}–{a['last']} 年没有报送任何数据",
    ReasonCode.NOT_DUE: lambda a: f"规划期从 {a['start']} 年开始；截至 {a['as_of']} 年尚无应完成的量",
    ReasonCode.SINGLE_VALUE: lambda a: (
        f"只有一个数值（{a['year']} 年 {number(a['value'])}）；判断趋势需要基期值和之后的数值"
    ),
    ReasonCode.LATE_BASELINE: lambda a: (
        f"最早的数值为 {a['baseline_year']} 年，不早于目标年 {a['target_year']} 年"
    ),
    ReasonCode.NO_PACE: lambda a: (
        f"{_zh_sum(a)}，{'达到' if a['met'] else '未达到'}目标 {_goal(a)}；无进度可比"
    ),
    ReasonCode.ALREADY_MET: lambda a: f"{_zh_latest(a)}已达到目标 {_goal(a)}",
    ReasonCode.FINAL_MET: lambda a: f"最终：{_zh_latest(a)}达到目标 {_goal(a)}",
    ReasonCode.FINAL_NOT_MET: lambda a: f"最终：{_zh_latest(a)}未达到目标 {_goal(a)}",
    ReasonCode.TARGET_LOST: lambda a: f"{_zh_baseline(a)}曾达到目标 {_goal(a)}；{_zh_latest(a)}已不再达到",
    ReasonCode.CAGR_PACE: _zh_cagr,
    ReasonCode.LINEAR_PACE: _zh_linear,
    ReasonCode.SUM_MET: lambda a: f"{_zh_sum(a)}，达到目标 {_goal(a)}{_zh_counted_as_none(a)}",
    ReasonCode.FINAL_SUM_MET: lambda a: f"最终：{_zh_sum(a)}，达到目标 {_goal(a)}{_zh_counted_as_none(a)}",
    ReasonCode.FINAL_SUM_NOT_MET: lambda a: (
        f"最终：{_zh_sum(a)}，未达到目标 {_goal(a)}{_zh_counted_as_none(a)}"
    ),
    ReasonCode.UNDER_CEILING: lambda a: f"{_zh_sum(a)}，未超过上限 {_goal(a)}{_zh_counted_as_none(a)}",
    ReasonCode.OVER_CEILING: lambda a: f"{_zh_sum(a)}，超过上限 {_goal(a)}{_zh_counted_as_none(a)}",
    ReasonCode.EVEN_PACE: lambda a: (
        f"R = {a['ratio']:.2f}：{_zh_sum(a)}，按均衡进度截至 {a['as_of']} 年应为 {number(a['expected'])}"
        f"{_zh_counted_as_none(a)}"
    ),
    ReasonCode.YEAR_MISSED: lambda a: (
        f"{'、'.join(_zh_missed(m) for m in a['missed'])}未达到 {_zh_rule(a)}；"
        f"未达到的年份无法弥补{_zh_not_reported(a)}"
    ),
    ReasonCode.YEARS_MET: lambda a: (
        f"已报送的每一年（{_years(a['met'], '、')} 年）都达到 {_zh_rule(a)}{_zh_not_reported(a)}"
    ),
    ReasonCode.FINAL_YEARS_MET: lambda a: f"最终：{_years(a['met'], '、')} 年每年都达到 {_zh_rule(a)}",
    ReasonCode.AWAITING_DATA: lambda a: (
        f"待报送 {_years(a['awaiting'], '、')} 年数据；按截至 {a['provisional_year']} 年的数据暂判为"
        f"{STATUS_ZH[Status(a['provisional'])]}：{phrase(a['basis'], 'zh')}"
    ),
    ReasonCode.NOT_BINDING: lambda a: (
        (
            "考核" + a["parent"] + "本级政府"
            if a["applies_to"] == "region_government"
            else "考核" + a["parent"] + "全域"
        )
        + "，不单独考核本地区"
        + (f"；占{a['parent']} {a['year']} 年合计的 {a['share']:.1f}%" if a["share"] is not None else "")
    ),
    ReasonCode.LEVEL_FAILED: lambda a: (
        f"同级考核：{_zh_regions(a)} 为 {a['status']}，本级的 {a['own_status']} 不成立"
    ),
    ReasonCode.LEVEL_UNKNOWN: lambda a: (
        f"同级考核：{_zh_regions(a)} 无法评估，本级的 {a['own_status']} 不能代表全部"
    ),
}

# ruff: noqa: E501  (the expected sentences stay whole, one a line, as they are printed)
"""Reasons phrased from their codes and figures: every code, in English and in Chinese."""

from __future__ import annotations

from typing import Any

import pytest
from builders import catalogue, indicator, one, series

from dehong_cli.assess.reasons import Reason, ReasonCode
from dehong_cli.render.reasons import EN, ZH, phrase

GOAL = {"comparator": ">=", "target": 10}
LATEST = {"latest": 9, "latest_year": 2019}
BASE = {"baseline": 4, "baseline_year": 2017, "plan_baseline_year": 2016}
SUM = {"achieved": 3200, "first": 2017, "last": 2019, "comparator": ">=", "target": 5000, "not_reported": ()}
ANNUAL_RULE = {"accrual": "annual", "comparator": ">=", "target": 50}
GROWTH_RULE = {"accrual": "growth_vs", "comparator": ">", "subject": "spending", "companion": "revenue"}

MANGSHI = {"code": "533103", "name": "芒市", "name_en": "Mangshi"}
LIANGHE = {"code": "533122", "name": "梁河县", "name_en": "Lianghe County"}

SAMPLES: dict[ReasonCode, dict[str, Any]] = {
    ReasonCode.QUALITATIVE: {},
    ReasonCode.NO_REGION_DATA: {},
    ReasonCode.NO_VALUE: {"up_to": 2016, "first_later": 2017},
    ReasonCode.NO_ADDITIONS: {"first": 2017, "last": 2018, "first_later": None},
    ReasonCode.NOTHING_REPORTED: {"first": 2017, "last": 2019},
    ReasonCode.NOT_DUE: {"start": 2017, "as_of": 2016},
    ReasonCode.SINGLE_VALUE: {"value": 5, "year": 2018},
    ReasonCode.LATE_BASELINE: {"baseline_year": 2020, "target_year": 2020},
    ReasonCode.NO_PACE: {**SUM, "met": True},
    ReasonCode.ALREADY_MET: {**LATEST, **GOAL},
    ReasonCode.FINAL_MET: {**LATEST, **GOAL},
    ReasonCode.FINAL_NOT_MET: {**LATEST, **GOAL},
    ReasonCode.TARGET_LOST: {**BASE, **LATEST, **GOAL},
    ReasonCode.CAGR_PACE: {
        "ratio": 1.2056,
        "actual_cagr": 31.037,
        "required_cagr": 25.743,
        **BASE,
        **LATEST,
        "target": 10,
        "target_year": 2020,
    },
    ReasonCode.LINEAR_PACE: {
        "ratio": 0.8889,
        "actual_change": 0.6667,
        "required_change": 0.75,
        "basis": "zero_baseline",
        "baseline": 0,
        "baseline_year": 2016,
        "plan_baseline_year": 2016,
        "latest": 2,
        "latest_year": 2019,
        "target": 3,
        "target_year": 2020,
    },
    ReasonCode.SUM_MET: SUM,
    ReasonCode.FINAL_SUM_MET: SUM,
    ReasonCode.FINAL_SUM_NOT_MET: {**SUM, "not_reported": (2019,)},
    ReasonCode.UNDER_CEILING: SUM,
    ReasonCode.OVER_CEILING: {**SUM, "not_reported": (2018, 2019)},
    ReasonCode.EVEN_PACE: {
        "ratio": 0.8533,
        "achieved": 3200,
        "first": 2017,
        "last": 2019,
        "expected": 3750,
        "as_of": 2019,
        "not_reported": (),
    },
    ReasonCode.YEAR_MISSED: {
        **GROWTH_RULE,
        "missed": ({"year": 2018, "subject_growth": 5.17, "companion_growth": 6.46},),
        "not_reported": (2019,),
    },
    ReasonCode.YEARS_MET: {**ANNUAL_RULE, "met": (2017, 2018), "not_reported": ()},
    ReasonCode.FINAL_YEARS_MET: {**ANNUAL_RULE, "met": (2017, 2018, 2019, 2020)},
    ReasonCode.AWAITING_DATA: {
        "awaiting": (2020,),
        "provisional": "on_track",
        "provisional_year": 2019,
        "basis": Reason.of(ReasonCode.YEARS_MET, **ANNUAL_RULE, met=(2017, 2018, 2019), not_reported=()),
    },
    ReasonCode.NOT_BINDING: {
        "applies_to": "whole_region",
        "parent": "德宏州",
        "parent_en": "Dehong Prefecture",
        "share": 22.5,
        "year": 2019,
    },
    ReasonCode.LEVEL_FAILED: {"status": "not_achieved", "regions": [MANGSHI], "own_status": "on_track"},
    ReasonCode.LEVEL_UNKNOWN: {"regions": [MANGSHI, LIANGHE], "own_status": "on_track"},
}

ENGLISH = {
    ReasonCode.QUALITATIVE: "a qualitative goal: shown, never scored",
    ReasonCode.NO_REGION_DATA: "no data reported for this region",
    ReasonCode.NO_VALUE: "no value reported up to 2016 (the first is for 2017)",
    ReasonCode.NO_ADDITIONS: "no additions reported for 2017–2018",
    ReasonCode.NOTHING_REPORTED: "nothing reported for 2017–2019",
    ReasonCode.NOT_DUE: "the period starts in 2017; nothing is due by 2016",
    ReasonCode.SINGLE_VALUE: "only one value (5 in 2018); a trend needs a baseline and a later value",
    ReasonCode.LATE_BASELINE: "the first value is for 2020, not before the target year 2020",
    ReasonCode.NO_PACE: "3,200 added 2017–2019 meets the target >= 5,000; no pace to judge",
    ReasonCode.ALREADY_MET: "the latest 9 (2019) meets the target >= 10",
    ReasonCode.FINAL_MET: "final: the latest 9 (2019) meets the target >= 10",
    ReasonCode.FINAL_NOT_MET: "final: the latest 9 (2019) does not meet the target >= 10",
    ReasonCode.TARGET_LOST: "the baseline 4 (2017; no 2016 value) met the target >= 10; the latest 9 (2019) no longer does",
    ReasonCode.CAGR_PACE: "R = 1.21: +31.04%/yr from the baseline 4 (2017; no 2016 value) to the latest 9 (2019), against +25.74%/yr needed to reach 10 by 2020",
    ReasonCode.SUM_MET: "3,200 added 2017–2019 meets the target >= 5,000",
    ReasonCode.FINAL_SUM_MET: "final: 3,200 added 2017–2019 meets the target >= 5,000",
    ReasonCode.FINAL_SUM_NOT_MET: "final: 3,200 added 2017–2019 does not meet the target >= 5,000; 2019 not reported, counted as none",
    ReasonCode.UNDER_CEILING: "3,200 added 2017–2019 meets the ceiling >= 5,000",
    ReasonCode.OVER_CEILING: "3,200 added 2017–2019 does not meet the ceiling >= 5,000; 2018, 2019 not reported, counted as none",
    ReasonCode.EVEN_PACE: "R = 0.85: 3,200 added 2017–2019 against 3,750 expected by 2019 on an even pace",
    ReasonCode.YEAR_MISSED: "spending growth > revenue growth was missed in 2018 (+5.2% against +6.5%); a missed year cannot be made up; 2019 not reported",
    ReasonCode.YEARS_MET: "the yearly amount >= 50 was met in every reported year (2017, 2018)",
    ReasonCode.FINAL_YEARS_MET: "final: the yearly amount >= 50 was met in every year, 2017, 2018, 2019, 2020",
    ReasonCode.LINEAR_PACE: "R = 0.89 on a linear pace (a growth rate from a baseline of zero is undefined): +0.6667 a year from the baseline 0 (2016) to the latest 2 (2019), against +0.75 a year needed to reach 3 by 2020",
    ReasonCode.AWAITING_DATA: "awaiting the 2020 figure; provisionally on_track as of 2019: the yearly amount >= 50 was met in every reported year (2017, 2018, 2019)",
    ReasonCode.NOT_BINDING: "judged for all of Dehong Prefecture only, not for this region on its own; its share of Dehong Prefecture's 2019 figure: 22.5%",
    ReasonCode.LEVEL_FAILED: "binds every level (同级): Mangshi not_achieved, so this level's on_track does not hold",
    ReasonCode.LEVEL_UNKNOWN: "binds every level (同级): Mangshi, Lianghe County cannot be judged, so this level's on_track does not hold for the whole",
}

CHINESE = {
    ReasonCode.QUALITATIVE: "定性目标：只列出，不评分",
    ReasonCode.NO_REGION_DATA: "该地区没有报送任何数据",
    ReasonCode.NO_VALUE: "截至 2016 年没有报送数值（最早的数据为 2017 年）",
    ReasonCode.NO_ADDITIONS: "2017–2018 年没有报送新增数",
    ReasonCode.NOTHING_REPORTED: "2017–2019 年没有报送任何数据",
    ReasonCode.NOT_DUE: "规划期从 2017 年开始；截至 2016 年尚无应完成的量",
    ReasonCode.SINGLE_VALUE: "只有一个数值（2018 年 5）；判断趋势需要基期值和之后的数值",
    ReasonCode.LATE_BASELINE: "最早的数值为 2020 年，不早于目标年 2020 年",
    ReasonCode.NO_PACE: "2017–2019 年累计新增 3,200，达到目标 >= 5,000；无进度可比",
    ReasonCode.ALREADY_MET: "最新值 9（2019 年）已达到目标 >= 10",
    ReasonCode.FINAL_MET: "最终：最新值 9（2019 年）达到目标 >= 10",
    ReasonCode.FINAL_NOT_MET: "最终：最新值 9（2019 年）未达到目标 >= 10",
    ReasonCode.TARGET_LOST: "基期值 4（2017 年，无 2016 年数据）曾达到目标 >= 10；最新值 9（2019 年）已不再达到",
    ReasonCode.CAGR_PACE: "R = 1.21：从基期值 4（2017 年，无 2016 年数据）到最新值 9（2019 年），年均增长 +31.04%，而 2020 年达到 10 需年均增长 +25.74%",
    ReasonCode.SUM_MET: "2017–2019 年累计新增 3,200，达到目标 >= 5,000",
    ReasonCode.FINAL_SUM_MET: "最终：2017–2019 年累计新增 3,200，达到目标 >= 5,000",
    ReasonCode.FINAL_SUM_NOT_MET: "最终：2017–2019 年累计新增 3,200，未达到目标 >= 5,000；2019 年未报送，按零计",
    ReasonCode.UNDER_CEILING: "2017–2019 年累计新增 3,200，未超过上限 >= 5,000",
    ReasonCode.OVER_CEILING: "2017–2019 年累计新增 3,200，超过上限 >= 5,000；2018、2019 年未报送，按零计",
    ReasonCode.EVEN_PACE: "R = 0.85：2017–2019 年累计新增 3,200，按均衡进度截至 2019 年应为 3,750",
    ReasonCode.YEAR_MISSED: "2018 年（+5.2%，对比 +6.5%）未达到 spending 增幅 > revenue 增幅；未达到的年份无法弥补；2019 年未报送",
    ReasonCode.YEARS_MET: "已报送的每一年（2017、2018 年）都达到 每年数额 >= 50",
    ReasonCode.FINAL_YEARS_MET: "最终：2017、2018、2019、2020 年每年都达到 每年数额 >= 50",
    ReasonCode.LINEAR_PACE: "R = 0.89，按线性进度（基期值为零，无法计算年均增长率）：从基期值 0（2016 年）到最新值 2（2019 年），年均增加 +0.6667，而 2020 年达到 3 需年均增加 +0.75",
    ReasonCode.AWAITING_DATA: "待报送 2020 年数据；按截至 2019 年的数据暂判为按期推进：已报送的每一年（2017、2018、2019 年）都达到 每年数额 >= 50",
    ReasonCode.NOT_BINDING: "考核德宏州全域，不单独考核本地区；占德宏州 2019 年合计的 22.5%",
    ReasonCode.LEVEL_FAILED: "同级考核：芒市 为 not_achieved，本级的 on_track 不成立",
    ReasonCode.LEVEL_UNKNOWN: "同级考核：芒市、梁河县 无法评估，本级的 on_track 不能代表全部",
}


def test_every_code_has_a_sample_and_a_phrasing_in_both_languages() -> None:
    assert set(SAMPLES) == set(ENGLISH) == set(CHINESE) == set(EN) == set(ZH) == set(ReasonCode)


@pytest.mark.parametrize("code", list(ReasonCode))
def test_english(code: ReasonCode) -> None:
    assert phrase(Reason.of(code, **SAMPLES[code]), "en") == ENGLISH[code]


@pytest.mark.parametrize("code", list(ReasonCode))
def test_chinese(code: ReasonCode) -> None:
    text = phrase(Reason.of(code, **SAMPLES[code]), "zh")
    assert text == CHINESE[code]
    assert not any(word in text for word in ("the ", "reported", "target", "growth rate"))


def test_a_reason_from_the_engine_reads_the_same_as_before() -> None:
    """The worked example of the README: R = 1.21, on_track."""
    p = one(catalogue(indicator("firms")), series("firms", {2016: 4, 2019: 9}))
    assert p.reason.code is ReasonCode.CAGR_PACE
    assert phrase(p.reason, "en") == (
        "R = 1.21: +31.04%/yr from the baseline 4 (2016) to the latest 9 (2019), "
        "against +25.74%/yr needed to reach 10 by 2020"
    )
    assert phrase(p.reason, "zh").startswith("R = 1.21：从基期值 4（2016 年）到最新值 9（2019 年）")

"""Why a goal has its status, as data: a code and the figures the sentence needs.

The engine decides; `dehong_cli.render.reasons` phrases a reason in English or Chinese. Keeping
words out of the engine lets every language say the same thing from the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class ReasonCode(StrEnum):
    # no verdict possible
    QUALITATIVE = "qualitative"  # a goal without a number
    NO_REGION_DATA = "no_region_data"  # the region has no figure at all
    NO_VALUE = "no_value"  # level: no value up to the as-of year
    NO_ADDITIONS = "no_additions"  # additions: nothing reported in the period so far
    NOTHING_REPORTED = "nothing_reported"  # annual, growth_vs: no year of the period reported
    NOT_DUE = "not_due"  # the period has not started by the as-of year
    SINGLE_VALUE = "single_value"  # level: one value, no trend
    LATE_BASELINE = "late_baseline"  # level: the first value is for the target year or later
    NO_PACE = "no_pace"  # additions: a target of 0 sets no pace
    # level
    ALREADY_MET = "already_met"
    FINAL_MET = "final_met"
    FINAL_NOT_MET = "final_not_met"
    TARGET_LOST = "target_lost"  # the baseline met the target, the latest value does not
    CAGR_PACE = "cagr_pace"
    LINEAR_PACE = "linear_pace"  # a baseline at or below zero (or a negative value): change a year
    # additions
    SUM_MET = "sum_met"
    FINAL_SUM_MET = "final_sum_met"
    FINAL_SUM_NOT_MET = "final_sum_not_met"
    UNDER_CEILING = "under_ceiling"
    OVER_CEILING = "over_ceiling"
    EVEN_PACE = "even_pace"
    # annual and growth_vs
    YEAR_MISSED = "year_missed"
    YEARS_MET = "years_met"  # every reported year so far
    FINAL_YEARS_MET = "final_years_met"
    # any accrual, from the target year on
    AWAITING_DATA = "awaiting_data"  # a figure the verdict needs is not reported yet
    # whom a goal binds
    NOT_BINDING = "not_binding"  # a region-wide goal seen from a sub-region
    LEVEL_FAILED = "level_failed"  # each_level: a level below the region fails
    LEVEL_UNKNOWN = "level_unknown"  # each_level: a level below cannot be judged


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason code and its figures: numbers, years, ids and comparators, never sentences."""

    code: ReasonCode
    args: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)  # read-only

    @classmethod
    def of(cls, code: ReasonCode, **args: Any) -> Reason:
        return cls(code, MappingProxyType(args))

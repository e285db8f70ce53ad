"""The statuses a goal can have, and their order from best to worst.

Kept apart from the progress engine so that the command line can offer them as choices
(`--status`, `--fail-on`) without importing the engine, pydantic or YAML at start-up.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    MODERATE = "moderate"
    LIMITED = "limited"
    DETERIORATION = "deterioration"
    NOT_ACHIEVED = "not_achieved"
    AWAITING_DATA = "awaiting_data"  # from the target year on, a figure the verdict needs is not reported yet
    UNABLE_TO_ASSESS = "unable_to_assess"
    QUALITATIVE = "qualitative"
    NOT_BINDING = "not_binding"  # a region-wide goal seen from a sub-region: its share, never a score


# Best to worst. awaiting_data, unable_to_assess, qualitative and not_binding are off the scale: neither
# better nor worse (an awaiting goal's provisional status travels beside it).
RANK: dict[Status, int] = {
    Status.ACHIEVED: 0,
    Status.ON_TRACK: 1,
    Status.MODERATE: 2,
    Status.LIMITED: 3,
    Status.DETERIORATION: 4,
    Status.NOT_ACHIEVED: 5,
}


def at_or_worse(status: Status, threshold: Status) -> bool:
    """The --fail-on rule: a ranked threshold catches itself and every worse ranked status;
    an unranked one (awaiting_data, unable_to_assess, qualitative) catches only itself; not_binding
    is a goal that does not bind the region shown, and never trips a gate."""
    if Status.NOT_BINDING in (status, threshold):
        return False
    if status in RANK and threshold in RANK:
        return RANK[status] >= RANK[threshold]
    return status is threshold


# The word for each status in Chinese: what the tables print in zh, and what --status and
# --fail-on accept beside the ids.
STATUS_ZH: dict[Status, str] = {
    Status.ACHIEVED: "已实现",
    Status.ON_TRACK: "按期推进",
    Status.MODERATE: "需加快",
    Status.LIMITED: "进展有限",
    Status.DETERIORATION: "退步",
    Status.NOT_ACHIEVED: "未实现",
    Status.AWAITING_DATA: "待报送",
    Status.UNABLE_TO_ASSESS: "无法评估",
    Status.QUALITATIVE: "定性",
    Status.NOT_BINDING: "不单独考核",
}


def status_choices() -> str:
    """The choices of --status and --fail-on, for their help: `achieved (已实现), on_track (按期推进), …`."""
    return ", ".join(f"{s.value} ({STATUS_ZH.get(s, s.value)})" for s in Status)

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

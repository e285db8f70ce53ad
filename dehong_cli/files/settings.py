"""Settings read from the environment (and the clock), each checked once, with the usage error it deserves.

(`$DEHONG_DATA_DIR` is read with the data folder, in files.locations and files.paths.)
"""

from __future__ import annotations

import datetime as dt
import os

from dehong_cli.errors import UsageError

LOCK_TIMEOUT_ENV = "DEHONG_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0


def lock_timeout() -> float:
    """Seconds to wait for another import writing the same report: 30, or $DEHONG_LOCK_TIMEOUT."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV)
    if raw is None:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        raise UsageError(f"${LOCK_TIMEOUT_ENV} must be a number of seconds, not '{raw}'") from None
    if not seconds >= 0:
        raise UsageError(f"${LOCK_TIMEOUT_ENV} must be 0 or more seconds, not '{raw}'")
    return seconds


def under_github_actions() -> bool:
    """Whether this runs as a GitHub Actions step: `validate` then annotates by default."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


# The date a report says it was made on: today, or $SOURCE_DATE_EPOCH (seconds since 1970, UTC), the
# reproducible-builds convention, so that a report kept in version control changes only with its data.
DATE_ENV = "SOURCE_DATE_EPOCH"


def made_on() -> dt.date:
    """Today, or the day $SOURCE_DATE_EPOCH names."""
    raw = os.environ.get(DATE_ENV)
    if raw is None:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"${DATE_ENV} must be whole seconds since 1970, not '{raw}'") from None

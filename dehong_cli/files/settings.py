"""Settings read from the environment, each checked once, with the usage error it deserves.

(`$DEHONG_DATA_DIR` is read with the data folder, in files.store and files.paths.)
"""

from __future__ import annotations

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

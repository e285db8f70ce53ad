"""The project's error types and its exit-code contract.

Expected failures derive from `DehongError`; the CLI catches it once, prints it and exits
with the documented code. Anything else is a bug.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dehong_cli.model.diagnostic import Diagnostic

# The exit-code contract, documented in the README.
EXIT_OK = 0
EXIT_INVALID = 1  # data invalid, import refused, or a --fail-on gate tripped
EXIT_USAGE = 2  # bad command line, unknown indicator or region, missing file argument


class DehongError(Exception):
    """An expected failure: bad input, refused import, unknown name. Never a traceback."""

    exit_code = EXIT_INVALID


class DataError(DehongError):
    """Input that does not load or does not validate; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0] if diagnostics else None
        super().__init__(first.message if first else "invalid data")


class UsageError(DehongError):
    """The command line asks for something that does not exist."""

    exit_code = EXIT_USAGE

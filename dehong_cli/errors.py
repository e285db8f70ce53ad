"""The project's error types and the diagnostic record every check produces.

Expected failures derive from `DehongError`; the CLI catches it once, prints it and exits
with the documented code. Anything else is a bug.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# The exit-code contract, documented in the README.
EXIT_OK = 0
EXIT_INVALID = 1  # data invalid, import refused, or a --fail-on gate tripped
EXIT_USAGE = 2  # bad command line, unknown indicator or region, missing file argument


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in one file, at one place."""

    path: str
    line: int | None
    column: int | None
    code: str
    message: str
    field: str | None = None
    severity: str = "error"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.column or 0, self.code)


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

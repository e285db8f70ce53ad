"""The record every check produces: one problem, in one file, at one place.

Kept apart from `errors` so that the command line can know its exceptions and exit codes
without building this dataclass at every start (`dehong --version` pays for every import).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


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

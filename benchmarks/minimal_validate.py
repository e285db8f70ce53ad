"""The baseline of issue 6: the least a report validator can do.

Load each file with libyaml (`yaml.CSafeLoader`) and validate it with one pydantic model,
in one process. No positions, no duplicate-key or number-spelling checks, no catalogue, no
cross-file rules: what `dehong validate` does on top of this is its whole point, and the
benchmark asks that it still be no slower.

    python benchmarks/minimal_validate.py FILE_OR_FOLDER...

Exit 0 when every file validates, 1 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year: int
    region: str | int = "533100"
    provenance: Literal["official", "estimate", "illustrative"]
    source: str
    note: str | None = None
    values: dict[str, float | int | dict[str, Any] | None] = {}


def files(args: list[str]) -> list[Path]:
    found: list[Path] = []
    for arg in args:
        path = Path(arg)
        found.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return found


def main(argv: list[str]) -> int:
    paths = files(argv)
    invalid = 0
    for path in paths:
        try:
            with path.open("rb") as fh:
                Report.model_validate(yaml.load(fh, Loader=yaml.CSafeLoader))
        except (yaml.YAMLError, ValidationError):
            invalid += 1
    print(f"{len(paths)} files, {invalid} invalid", file=sys.stderr)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

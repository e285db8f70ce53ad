"""Helpers for the importer's tests: a sheet written to a file and read, its figures, its problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehong_cli.errors import DataError
from dehong_cli.importer.read import read_sheet
from dehong_cli.importer.types import Options, Sheet
from dehong_cli.model.catalogue import Catalogue


def figures(sheet: Sheet) -> dict[tuple[int, str, str], int | float]:
    return {(f.year, f.region, f.series): f.value for f in sheet.figures}


def sheet_from(cat: Catalogue, tmp_path: Path, name: str, content: str | bytes, **opts: object) -> Sheet:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return read_sheet(cat, path, Options(**opts))  # type: ignore[arg-type]


def problems(exc: pytest.ExceptionInfo[DataError]) -> list[str]:
    return [f"{d.line}:{d.column}: {d.message}" for d in exc.value.diagnostics]

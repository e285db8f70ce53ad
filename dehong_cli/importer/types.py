"""What reading a sheet produces: figures with the cell each came from, and the options it is read with.

Plain frozen records, shared by every step of the importer and by the merge that follows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.report import Provenance

SourceFormat = Literal["csv", "xlsx", "json", "yaml", "xls"]
FORMATS: tuple[SourceFormat, ...] = ("csv", "xlsx", "json", "yaml", "xls")


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a figure came from: file, row and column, and how to name it to a person."""

    path: str
    line: int | None
    column: int | None
    label: str  # "row 5, column 数值", "Sheet1!C5 (数值)", "row 3, value"

    def diagnostic(self, code: str, message: str, series: str | None = None) -> Diagnostic:
        return Diagnostic(self.path, self.line, self.column, code, f"{self.label}: {message}", field=series)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of the sheet, converted to the catalogue's unit."""

    year: int
    region: str  # region code
    series: str  # indicator or component id
    value: int | float
    cell: Cell
    source: str | None = None
    note: str | None = None
    provenance: Provenance | None = None
    cumulative: bool = (
        False  # 累计 (header or note): a total since `since`, made the year's addition on import
    )
    since: int | None = None
    derivation: str | None = None  # how the value was derived: "累计 3200 − earlier 2000 = 1200"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A cell left blank (or written as —, -, /): no figure, nothing imported."""

    cell: Cell
    series: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Sheet:
    """What a source file holds, as records; `name` is the file name, for a default source."""

    path: str
    name: str | None  # None for stdin: a new report then needs --source
    figures: tuple[Figure, ...]
    skipped: tuple[Skipped, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    layout: str = "long"


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line says about the sheet."""

    year: int | None = None
    region: str | None = None  # a region code, already resolved
    sheet: str | None = None  # worksheet of an .xlsx
    format: SourceFormat | None = None


class CellError(ValueError):
    """A cell that cannot be read as what its column says it is."""

    def __init__(self, message: str, code: str = "not-a-number") -> None:
        super().__init__(message)
        self.code = code

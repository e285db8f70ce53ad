"""Reading the sheets departments send (CSV, .xlsx, JSON, YAML) into a table of figures.

A sheet comes in one of two layouts: long (one row per indicator) or wide (one row per year
or region, one column per indicator), with Chinese or English headers and possibly a title
row above them. Cells are read as people type them and converted to the catalogue's unit
where that is exact. The result is a `Sheet`: plain (year, region, indicator, value, source,
note) records, each with the cell it came from. Every bad cell is collected and raised in one
`DataError`; nothing here writes, prints or exits.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from dehong_cli.checks import core as checks
from dehong_cli.errors import DataError, UsageError
from dehong_cli.files import store
from dehong_cli.model.catalogue import Catalogue, Component, Indicator, Region
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import fold, name_key, region_keys, suggest
from dehong_cli.model.report import Provenance, Report
from dehong_cli.model.rules import figure_refusal, series_refusal
from dehong_cli.model.units import SCALE_FACTOR, Unit

SourceFormat = Literal["csv", "xlsx", "json", "yaml"]
FORMATS: tuple[SourceFormat, ...] = ("csv", "xlsx", "json", "yaml")
MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a department's sheet is a few KB; this is a typo'd path
STDIN = "<stdin>"

_SUFFIXES: dict[str, SourceFormat] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}


# ------------------------------------------------------------------------------ results


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


# ------------------------------------------------------------------------ cell parsing


class CellError(ValueError):
    """A cell that cannot be read as what its column says it is."""

    def __init__(self, message: str, code: str = "not-a-number") -> None:
        super().__init__(message)
        self.code = code


_MISSING = frozenset({"", "-", "--", "—", "——", "–", "―", "/", "n/a"})
_NUMBER = re.compile(
    r"(?P<sign>[-+])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)(?P<exp>[eE][-+]?\d+)?"
    r"\s*(?P<unit>%|[^\d\s][^\d]*)?"
)
_YEAR = re.compile(r"(\d{4})(?:\.0+)?\s*(?:年度?|年)?")
_FARTHEST = 40  # powers of ten: no real figure lies beyond 1e±40 (the largest allowed is 1e15)


def normalise(text: str) -> str:
    """Fold full-width forms (０-９ ． ， ％ （） and full-width spaces) to ASCII and trim."""
    return fold(text).strip()


@dataclass(frozen=True, slots=True)
class Parsed:
    """A number as typed: its decimal value, a trailing %, and a unit word typed after it."""

    number: Decimal
    percent: bool = False
    unit: str | None = None


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, str) and normalise(value).casefold() in _MISSING)


def parse_number(value: object) -> Parsed | None:
    """Read one cell as a number; None when it is blank or a dash. Raises CellError."""
    if is_missing(value):
        return None
    parsed = _number(value)
    if parsed.number.adjusted() > _FARTHEST:
        # refused as typed: spelt out, 1e999999999 has a billion digits (and Decimal overflows)
        typed = _short(value.strip() if isinstance(value, str) else str(value))
        raise CellError(f"{typed} is too large to be a real figure", "range")
    return parsed


def _number(value: object) -> Parsed:
    if isinstance(value, bool):
        raise CellError(f"{'TRUE' if value else 'FALSE'} is a yes/no value, not a number")
    if isinstance(value, int):
        return Parsed(Decimal(value))
    if isinstance(value, Decimal):
        return Parsed(value)
    if isinstance(value, float):
        return Parsed(_from_float(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        raise CellError(f"{value} is a date, not a number")
    if not isinstance(value, str):
        raise CellError(f"{_short(repr(value))} is not a number")
    text = normalise(value)
    match = _NUMBER.fullmatch(text)
    unit = (match["unit"] or "").strip() if match else ""
    if match is None or (unit and unit != "%" and unit_of(unit) is None):
        raise CellError(f"{_short(value.strip())!r} is not a number")
    number = Decimal(match["num"].replace(",", "") + (match["exp"] or ""))
    if match["sign"] == "-":
        number = -number
    return Parsed(number, percent=unit == "%", unit=unit if unit and unit != "%" else None)


def _from_float(value: float) -> Decimal:
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError(f"{value} is not a number")
    # Excel keeps 15 significant digits; what lies beyond is binary noise (0.1+0.2 → 0.30000000000000004).
    return Decimal(f"{value:.15g}")


def parse_year(value: object) -> int:
    """A year as typed: 2019, "2019", "2019年", "2019年度" (or 2019.0 from a spreadsheet)."""
    if isinstance(value, bool):
        raise CellError(f"{value!r} is not a year", "year")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and 1000 <= value <= 9999:
        return value
    if isinstance(value, str):
        match = _YEAR.fullmatch(normalise(value))
        if match:
            return int(match[1])
    raise CellError(f"{_short(str(value).strip())!r} is not a year", "year")


def _short(text: str, width: int = 40) -> str:
    """A cell (or number) as a message quotes it: past `width` characters, cut in half and "…"."""
    return text if len(text) <= width else f"{text[: width // 2]}…"


# ------------------------------------------------------------------------------- units


class UnitKind(Enum):
    MONEY = "money"
    PERCENT = "percent"
    FRACTION = "fraction"
    COUNT = "count"


@dataclass(frozen=True, slots=True)
class SheetUnit:
    """A unit as a sheet writes it; money carries its size in 元."""

    kind: UnitKind
    text: str
    yuan: int = 1


# Money is scaled by powers of ten, which decimal arithmetic does exactly.
_MONEY = {"元": 1, "千元": 1_000, "万元": 10_000, "百万元": 1_000_000, "亿元": 100_000_000}
MEASURE_WORDS = ("家", "个", "户", "名", "人", "项", "支")
_UNIT_WORDS: dict[str, SheetUnit] = {
    **{w: SheetUnit(UnitKind.MONEY, w, n) for w, n in _MONEY.items()},
    **{w: SheetUnit(UnitKind.COUNT, w) for w in (*MEASURE_WORDS, "count")},
    **{w: SheetUnit(UnitKind.PERCENT, w) for w in ("%", "百分比", "百分数", "percent")},
    **{w: SheetUnit(UnitKind.FRACTION, w) for w in ("小数", "fraction")},
}


def unit_of(text: str | None) -> SheetUnit | None:
    """The unit a sheet names (万元, 亿元, %, 小数, 家, …); None for blank or unknown."""
    if text is None:
        return None
    key = name_key(text).removeprefix("单位:").removeprefix("unit:")
    return _UNIT_WORDS.get(key)


def target_label(unit: Unit, scale: object, measure: str | None) -> str:
    if unit is Unit.MONEY:
        return str(scale)
    if unit is Unit.PERCENT:
        return "%"
    if unit is Unit.COUNT:
        return measure or "count"
    return "no unit"


def convert(
    parsed: Parsed, unit: SheetUnit | None, ind: Indicator, comp: Component | None, series: str
) -> int | float:
    """The figure in the catalogue's unit, or CellError when that is not exact or not sensible."""
    kind = comp.unit if comp is not None else ind.unit
    scale = comp.scale if comp is not None else ind.scale
    measure = None if comp is not None else ind.measure
    refusal = series_refusal(series, ind, comp)
    if refusal is not None:
        raise CellError(refusal.message, refusal.code)
    if parsed.unit is not None:
        unit = unit_of(parsed.unit)  # a unit typed in the cell beats the column's
    wanted = target_label(kind, scale, measure)
    number = parsed.number
    if parsed.percent:
        if kind is not Unit.PERCENT:
            raise CellError(f"'{series}' is in {wanted}, but the cell is a percentage", "unit")
    elif unit is not None:
        if kind is Unit.PERCENT and unit.kind is UnitKind.FRACTION:
            number = number * 100
        elif kind is Unit.MONEY and unit.kind is UnitKind.MONEY and scale is not None:
            number = number * unit.yuan / SCALE_FACTOR[scale]
        elif not (
            (kind is Unit.PERCENT and unit.kind is UnitKind.PERCENT)
            or (kind is Unit.COUNT and unit.kind is UnitKind.COUNT)
        ):
            raise CellError(
                f"'{series}' is in {wanted}; a figure in {unit.text} cannot be converted to it exactly",
                "unit",
            )
    refusal = figure_refusal(series, number, kind, _plain(number))
    if refusal is not None:
        raise CellError(refusal.message, refusal.code)
    if kind is Unit.COUNT:
        return int(number)
    return to_python(number)


def to_python(number: Decimal) -> int | float:
    """An int when whole (so 12.3亿元 → 123000万元 is written 123000), else the nearest float."""
    if number == number.to_integral_value() and abs(number) < 2**53:
        return int(number)
    return float(number)


def _plain(number: Decimal) -> str:
    """A number for a message: 0.0081, 123000; cut past 40 characters, and a tiny one as 1E-401."""
    tiny = number != 0 and number.adjusted() < -_FARTHEST  # spelt out, 1e-999999 is a million zeros
    return _short(format(number, "E") if tiny else format(number.normalize(), "f"))


# --------------------------------------------------------------------------- name lookup


@dataclass(frozen=True, slots=True)
class Names:
    """Indicator and region names as sheets write them, mapped to catalogue ids and codes."""

    series: dict[str, str]
    regions: dict[str, Region]
    choices: tuple[str, ...]  # for did-you-mean

    @classmethod
    def of(cls, cat: Catalogue) -> Names:
        series: dict[str, str] = {}
        choices: list[str] = []
        for sid, (ind, comp) in cat.series.items():
            thing = comp if comp is not None else ind
            for name in (sid, thing.name, thing.name_en):
                series.setdefault(name_key(name), sid)
                choices.append(name)
        return cls(series, region_keys(cat), tuple(choices))

    def indicator(self, text: str) -> str | None:
        return self.series.get(name_key(text))

    def region(self, value: object) -> Region | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return self.regions.get(name_key(str(value))) if value is not None else None


# ------------------------------------------------------------------------------ headers


class Role(Enum):
    INDICATOR = "indicator"
    VALUE = "value"
    UNIT = "unit"
    SOURCE = "source"
    NOTE = "note"
    YEAR = "year"
    REGION = "region"
    PROVENANCE = "provenance"
    IGNORED = "ignored"  # descriptive columns: 序号, and export's name/name_en/region_name


HEADER_WORDS: dict[Role, tuple[str, ...]] = {
    Role.INDICATOR: ("指标", "指标名称", "指标名", "指标代码", "名称", "项目", "indicator", "id"),
    Role.VALUE: ("数值", "数据", "值", "指标值", "完成值", "value"),
    Role.UNIT: ("单位", "计量单位", "unit"),
    Role.SOURCE: ("来源", "数据来源", "source"),
    Role.NOTE: ("备注", "说明", "note"),
    Role.YEAR: ("年份", "年度", "年", "year"),
    Role.REGION: ("地区", "区域", "县市", "县(市)", "地区代码", "region"),
    Role.PROVENANCE: ("provenance", "数据性质"),
    Role.IGNORED: ("序号", "编号", "no", "no.", "#", "name", "name_en", "region_name"),
}
_ROLES = {name_key(word): role for role, words in HEADER_WORDS.items() for word in words}
_UNIT_SUFFIX = re.compile(r"(.+?)\s*\(([^()]*)\)")
_YEAR_HEADER = re.compile(r"(\d{4})\s*(?:年度?)?(?:数值|数据)?")


@dataclass(frozen=True, slots=True)
class Column:
    """What a header cell says its column holds."""

    index: int
    header: str
    role: Role | None = None
    series: str | None = None  # wide layout: the indicator of this column
    year: int | None = None  # long layout with a column per year ("2019", "2019年")
    unit: SheetUnit | None = None  # from "(万元)" after the name

    @property
    def known(self) -> bool:
        return self.role is not None or self.series is not None


def classify(index: int, header: object, names: Names) -> Column:
    if isinstance(header, float) and header.is_integer():
        header = int(header)  # a year typed into an .xlsx header cell: 2019.0
    text = "" if header is None else normalise(str(header))
    if not text:
        return Column(index, "")
    for base, unit in _header_variants(text):
        if name_key(base) in _ROLES:
            return Column(index, text, role=_ROLES[name_key(base)], unit=unit)
        series = names.indicator(base)
        if series is not None:
            return Column(index, text, series=series, unit=unit)
        year = _YEAR_HEADER.fullmatch(base)
        if year:
            return Column(index, text, year=int(year[1]), unit=unit)
    return Column(index, text)


def _header_variants(text: str) -> Iterable[tuple[str, SheetUnit | None]]:
    """The header as written, then without a "(unit)" suffix naming a unit we know."""
    yield text, None
    match = _UNIT_SUFFIX.fullmatch(text)
    if match:
        unit = unit_of(match[2])
        if unit is not None:
            yield match[1], unit


# --------------------------------------------------------------------------------- grids


class Uncached:
    """An .xlsx formula cell whose result was never saved (written by a program, not Excel)."""

    def __init__(self, formula: str) -> None:
        self.formula = formula


@dataclass(slots=True)
class Grid:
    """Rows of raw cells from any source, and how to name a cell in a message."""

    path: str
    rows: list[list[Any]]
    locate: Callable[[int, int, str], Cell]  # (row index, column index, header) -> Cell
    percent_cells: set[tuple[int, int]] = field(default_factory=set)  # xlsx cells formatted as %
    header_row: int | None = None  # known header (JSON/YAML rows); else detected


def _csv_grid(text: str, path: str) -> Grid:
    delimiter = _delimiter(text)
    rows: list[list[Any]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            rows.append(list(row))
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise DataError(
            [Diagnostic(path, reader.line_num, None, "csv", f"cannot read the CSV: {exc}")]
        ) from None

    def locate(r: int, c: int, header: str) -> Cell:
        return Cell(path, lines[r], c + 1, f"row {lines[r]}, column {header or _letter(c)}")

    return Grid(path, rows, locate)


def _delimiter(text: str) -> str:
    head = text[:4000]
    counts = {d: head.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _letter(c: int) -> str:
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _xlsx_grid(raw: bytes, path: str, sheet: str | None) -> Grid:
    # openpyxl is imported here, not at the top: `dehong --help` should not pay for it.
    import zipfile
    import zlib

    import openpyxl

    books: list[Any] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # style warnings about files written by other programs
            for data_only in (True, False):
                books.append(openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only))
            values_book, formula_book = books
            title = _worksheet(values_book, sheet, path)
            rows, percent = _cells(values_book[title], formula_book[title])
    # A file openpyxl cannot make sense of fails with whatever broke inside it: a zip that is not
    # one, a part missing (KeyError) or malformed (ParseError, a SyntaxError), or an AttributeError
    # on a part it did not expect (an empty chart sheet).
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        IndexError,
        ValueError,
        TypeError,
        AttributeError,
        OSError,
        SyntaxError,
    ) as exc:
        detail = _short(str(exc) or type(exc).__name__, 80)
        raise DataError(
            [Diagnostic(path, None, None, "xlsx", f"not a readable .xlsx workbook ({detail})")]
        ) from None
    finally:
        for book in books:
            book.close()

    def locate(r: int, c: int, header: str) -> Cell:
        ref = f"{title}!{_letter(c)}{r + 1}"
        return Cell(path, r + 1, c + 1, f"{ref} ({header})" if header else ref)

    return Grid(path, rows, locate, percent_cells=percent)


def _worksheet(book: Any, sheet: str | None, path: str) -> str:
    """The worksheet to read: --sheet, else the first. A chart sheet has no cells to read."""
    names = [ws.title for ws in book.worksheets]  # chart sheets are not among them
    charts = [cs.title for cs in book.chartsheets]
    if sheet is None:
        if not names:
            only = f", only charts ({', '.join(charts)})" if charts else ""
            raise DataError([Diagnostic(path, None, None, "xlsx", f"the workbook has no worksheet{only}")])
        return str(names[0])
    listed = ", ".join(names) or "none"
    if sheet in names:
        return sheet
    if sheet in charts:
        raise UsageError(f"'{sheet}' is a chart, not a worksheet; worksheets: {listed}")
    raise UsageError(f"no worksheet '{sheet}'{suggest(sheet, names)}; worksheets: {listed}")


def _cells(values_sheet: Any, formula_sheet: Any) -> tuple[list[list[Any]], set[tuple[int, int]]]:
    """The rows of a worksheet as values (a formula's saved value), and the cells shown as a percentage."""
    # Some programs write a wrong used range (<dimension ref="A1"/>); read the rows themselves.
    values_sheet.reset_dimensions()
    formula_sheet.reset_dimensions()
    rows: list[list[Any]] = []
    percent: set[tuple[int, int]] = set()
    for r, (cells, formulas) in enumerate(
        zip(values_sheet.iter_rows(), formula_sheet.iter_rows(), strict=False)
    ):
        row: list[Any] = []
        for c, (cell, formula) in enumerate(zip(cells, formulas, strict=False)):
            value = cell.value
            if value is None and getattr(formula, "data_type", None) == "f":
                value = Uncached(str(formula.value))
            if "%" in (getattr(cell, "number_format", None) or ""):
                percent.add((r, c))
            row.append(value)
        rows.append(row)
    return rows, percent


def _rows_grid(items: list[Any], path: str, doc: store.Document | None) -> Grid:
    header: list[str] = []
    problems: list[Diagnostic] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(
                Diagnostic(path, *_pos(doc, (i,)), "row", f"row {i + 1} is not a mapping of column: value")
            )
            continue
        header.extend(str(k) for k in item if str(k) not in header)
    if problems:
        raise DataError(problems)
    rows: list[list[Any]] = [list(header)]
    rows += [[item.get(k) for k in header] for item in items]
    keys = {str(k): k for item in items for k in item}

    def locate(r: int, c: int, name: str) -> Cell:
        line, column = _pos(doc, (r - 1, keys.get(header[c], header[c])))
        return Cell(path, line, column, f"row {r}, {header[c]}")

    return Grid(path, rows, locate, header_row=0)


def _pos(doc: store.Document | None, loc: store.Path_) -> tuple[int | None, int | None]:
    if doc is None:
        return None, None
    return doc.positions.of(loc)


# ------------------------------------------------------------------------------ reading


def detect_format(name: str, given: SourceFormat | None) -> SourceFormat:
    if given is not None:
        return given
    if name == "-":
        raise UsageError("reading from stdin (-) needs --input-format csv, xlsx, json or yaml")
    suffix = Path(name).suffix.lower()
    if suffix == ".xls":
        raise UsageError(f"{name}: .xls (Excel 97–2003) is not supported; save it as .xlsx or CSV")
    if suffix not in _SUFFIXES:
        raise UsageError(
            f"{name}: cannot tell the format from '{suffix or 'no suffix'}'; give --input-format"
        )
    return _SUFFIXES[suffix]


def read_bytes(path: Path) -> bytes:
    where = str(path)
    try:
        if path.is_dir():
            raise DataError([Diagnostic(where, None, None, "not-a-file", "is a directory, expected a sheet")])
        with path.open("rb") as fh:
            raw = fh.read(MAX_SOURCE_BYTES + 1)
    except FileNotFoundError:
        raise DataError([Diagnostic(where, None, None, "not-found", "no such file")]) from None
    except OSError as exc:
        raise DataError(
            [Diagnostic(where, None, None, "unreadable", f"cannot read: {exc.strerror or exc}")]
        ) from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise DataError(
            [
                Diagnostic(
                    where, None, None, "too-large", f"over {MAX_SOURCE_BYTES // 1048576} MiB; not a sheet"
                )
            ]
        )
    return raw


def decode(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 — a superset of GBK, what Excel writes on Chinese Windows."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(
        [Diagnostic(path, None, None, "encoding", "the file is neither UTF-8 nor GB18030/GBK text")]
    )


def read_sheet(cat: Catalogue, path: Path, opts: Options, data: bytes | None = None) -> Sheet:
    """Read a sheet file (or `data`, for stdin) into figures; DataError lists every bad cell."""
    where = STDIN if data is not None else str(path)
    fmt = detect_format("-" if data is not None else str(path), opts.format)
    raw = data if data is not None else read_bytes(path)
    names = Names.of(cat)
    name = None if data is not None else path.name
    if fmt == "xlsx":
        return _from_grid(_xlsx_grid(raw, where, opts.sheet), cat, names, opts, name)
    if opts.sheet is not None:
        raise UsageError(f"--sheet picks a worksheet of an .xlsx workbook; {where} is {fmt}")
    if raw.startswith(b"PK\x03\x04"):
        raise DataError(
            [Diagnostic(where, None, None, "format", "this is an Excel workbook, not text; name it .xlsx")]
        )
    text = decode(raw, where)
    if fmt == "csv":
        return _from_grid(_csv_grid(text, where), cat, names, opts, name)
    doc: store.Document | None = None
    if fmt == "json":
        try:
            content = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise DataError(
                [Diagnostic(where, exc.lineno, exc.colno, "json", f"invalid JSON: {exc.msg}")]
            ) from None
        except ValueError:  # Python reads no int of over 4300 digits
            digits = sys.get_int_max_str_digits()
            message = f"cannot read the JSON: a number has over {digits} digits"
            raise DataError([Diagnostic(where, None, None, "json", message)]) from None
        except RecursionError:
            raise DataError([Diagnostic(where, None, None, "json", "the JSON is nested too deep")]) from None
    else:
        doc = store.parse(text, Path(where))
        if doc.problems:
            raise DataError(doc.problems)
        content = doc.data
    if isinstance(content, dict) and "values" in content:
        report_doc = doc or store.Document(Path(where), text, content)
        return _from_report(content, report_doc, cat, names, opts, name, positions=doc is not None)
    if isinstance(content, dict) and isinstance(content.get("rows"), list):
        content = content["rows"]  # the shape `dehong export --format json` writes
    if not isinstance(content, list):
        raise DataError(
            [
                Diagnostic(
                    where, 1, 1, "shape", "expected a list of rows, {rows: [...]}, or a report with values:"
                )
            ]
        )
    return _from_grid(_rows_grid(content, where, doc), cat, names, opts, name)


# ------------------------------------------------------------------------------ layouts


def _find_header(grid: Grid, names: Names) -> tuple[int, list[Column]]:
    if grid.header_row is not None:
        row = grid.rows[grid.header_row]
        return grid.header_row, [classify(c, v, names) for c, v in enumerate(row)]
    for r, row in enumerate(grid.rows):
        columns = [classify(c, v, names) for c, v in enumerate(row)]
        if not any(col.known for col in columns):
            continue  # a title row, a "单位：万元" line, or blank
        if not any(col.role for col in columns) and any(_is_number(v) for v in row):
            raise DataError(
                [
                    grid.locate(r, 0, "").diagnostic(
                        "no-header",
                        "this row holds figures but there is no header row above it; "
                        "add one (指标, 数值 — or one column per indicator)",
                    )
                ]
            )
        return r, columns
    raise DataError(
        [
            Diagnostic(
                grid.path,
                None,
                None,
                "no-header",
                "no header row found: expected columns 指标 and 数值 (one row per indicator) "
                "or columns named after indicators (one row per year or region)",
            )
        ]
    )


def _is_number(value: object) -> bool:
    try:
        return parse_number(value) is not None
    except CellError:
        return False


class _Collector:
    """Gathers figures, skipped cells and problems while walking the rows."""

    def __init__(self, cat: Catalogue, names: Names, opts: Options) -> None:
        self.cat = cat
        self.names = names
        self.opts = opts
        self.figures: dict[tuple[int, str, str], Figure] = {}
        self.skipped: list[Skipped] = []
        self.problems: list[Diagnostic] = []

    def error(self, cell: Cell, code: str, message: str, series: str | None = None) -> None:
        self.problems.append(cell.diagnostic(code, message, series))

    def year(self, value: object, cell: Cell | None) -> int | None:
        """The row's year from its cell, else --year; None (with a problem) when unusable."""
        if cell is None:
            return self.opts.year
        if is_missing(value):
            if self.opts.year is None:
                self.error(cell, "year", "no year given in this row (or use --year)")
            return self.opts.year
        try:
            year = parse_year(value)
        except CellError as exc:
            self.error(cell, "year", str(exc))
            return None
        if not self.cat.first_year <= year <= self.cat.last_year:
            self.error(
                cell, "year-range", f"year {year} is outside {self.cat.first_year}–{self.cat.last_year}"
            )
            return None
        return year

    def region(self, value: object, cell: Cell | None) -> str | None:
        default = self.opts.region or self.cat.plan.region
        if cell is None or is_missing(value):
            return default
        region = self.names.region(value)
        if region is None:
            text = normalise(str(value))
            self.error(
                cell,
                "unknown-region",
                f"unknown region '{text}'{suggest(text, self.cat.regions_by_key)}",
            )
            return None
        return region.code

    def text(self, value: object) -> str | None:
        """A source or note as written: only trimmed (full-width punctuation is the writer's choice)."""
        if is_missing(value):
            return None
        return str(value).strip() or None

    def provenance(self, value: object, cell: Cell | None) -> Provenance | None:
        if cell is None or is_missing(value):
            return None
        text = name_key(str(value))
        aliases = {"official": "official", "正式": "official", "estimate": "estimate", "预计": "estimate"}
        aliases |= {"估计": "estimate", "illustrative": "illustrative"}
        if text not in aliases:
            self.error(
                cell, "provenance", f"provenance must be official or estimate; got '{_short(str(value))}'"
            )
            return None
        return Provenance(aliases[text])

    def figure(
        self,
        *,
        raw: object,
        cell: Cell,
        series: str,
        year: int,
        region: str,
        unit: SheetUnit | None,
        percent_format: bool,
        source: str | None,
        note: str | None,
        provenance: Provenance | None,
    ) -> None:
        if isinstance(raw, Uncached):
            self.error(
                cell,
                "formula-not-saved",
                f"formula {raw.formula} has no saved value (the file was written by a program, "
                "not saved by Excel); open and save it in Excel, or type the figure",
                series,
            )
            return
        try:
            parsed = parse_number(raw)
            if parsed is None:
                self.skipped.append(Skipped(cell, series, "blank"))
                return
            if percent_format and not parsed.percent:
                # a cell shown as 0.85% holds 0.0085; the sheet means what it shows
                parsed = Parsed(parsed.number * 100, percent=True)
            ind, comp = self.cat.series[series]
            value = convert(parsed, unit, ind, comp, series)
        except CellError as exc:
            self.error(cell, exc.code, str(exc), series)
            return
        key = (year, region, series)
        fig = Figure(year, region, series, value, cell, source, note, provenance)
        earlier = self.figures.get(key)
        if earlier is None:
            self.figures[key] = fig
        elif Decimal(repr(earlier.value)) != Decimal(repr(value)):
            self.error(
                cell,
                "duplicate",
                f"'{series}' for {year} is given twice: {earlier.value} at {earlier.cell.label}, "
                f"{value} here",
                series,
            )

    def unknown(self, cell: Cell, text: str) -> None:
        self.error(
            cell, "unknown-indicator", f"unknown indicator '{text}'{suggest(text, self.names.choices)}"
        )


def _from_grid(grid: Grid, cat: Catalogue, names: Names, opts: Options, name: str | None) -> Sheet:
    header_row, columns = _find_header(grid, names)
    by_role: dict[Role, Column] = {}
    problems: list[Diagnostic] = []
    for col in columns:
        if col.role is None or col.role is Role.IGNORED:
            continue
        if col.role is Role.INDICATOR and col.role in by_role:
            continue  # 指标代码 beside 指标名称: both name the indicator, and must agree (see _long)
        if col.role in by_role:
            first = by_role[col.role]
            problems.append(
                grid.locate(header_row, col.index, col.header).diagnostic(
                    "header", f"two columns say {col.role.value}: '{first.header}' and '{col.header}'"
                )
            )
        by_role[col.role] = col
    if problems:
        raise DataError(problems)
    c = _Collector(cat, names, opts)
    data = [(r, grid.rows[r]) for r in range(header_row + 1, len(grid.rows))]
    if Role.INDICATOR in by_role:
        layout = "long"
        ignored = _long(grid, columns, by_role, header_row, data, c)
    elif any(col.series for col in columns):
        layout = "wide"
        ignored = _wide(grid, columns, by_role, header_row, data, c)
    else:
        raise DataError(
            [
                grid.locate(header_row, 0, "").diagnostic(
                    "no-header", "the header names no indicator column (指标) and no indicators"
                )
            ]
        )
    if c.problems:
        raise DataError(c.problems)
    return Sheet(
        path=grid.path,
        name=name,
        figures=tuple(c.figures.values()),
        skipped=tuple(c.skipped),
        ignored_columns=tuple(ignored),
        layout=layout,
    )


def _cell(row: Sequence[Any], col: Column | None) -> Any:
    if col is None or col.index >= len(row):
        return None
    return row[col.index]


_Meta = tuple[int | None, str | None, str | None, str | None, Provenance | None]


def _meta(grid: Grid, r: int, row: Sequence[Any], by_role: dict[Role, Column], c: _Collector) -> _Meta | None:
    """Year, region, source, note and provenance of a row; None when --year/--region leave it out."""
    year_col, region_col = by_role.get(Role.YEAR), by_role.get(Role.REGION)
    year_cell = grid.locate(r, year_col.index, year_col.header) if year_col else None
    region_cell = grid.locate(r, region_col.index, region_col.header) if region_col else None
    year = c.year(_cell(row, year_col), year_cell)
    region = c.region(_cell(row, region_col), region_cell)
    # With a 年份 (地区) column, --year (--region) picks the rows, rather than overriding them.
    if year_col is not None and c.opts.year is not None and year is not None and year != c.opts.year:
        return None
    if (
        region_col is not None
        and c.opts.region is not None
        and region is not None
        and region != c.opts.region
    ):
        return None
    prov_col = by_role.get(Role.PROVENANCE)
    prov_cell = grid.locate(r, prov_col.index, prov_col.header) if prov_col else None
    return (
        year,
        region,
        c.text(_cell(row, by_role.get(Role.SOURCE))),
        c.text(_cell(row, by_role.get(Role.NOTE))),
        c.provenance(_cell(row, prov_col), prov_cell),
    )


def _take(
    c: _Collector,
    grid: Grid,
    r: int,
    row: Sequence[Any],
    col: Column,
    meta: _Meta,
    *,
    series: str,
    year: int,
    unit: SheetUnit | None,
) -> None:
    """Collect the figure in one cell of a data row, with the row's region, source, note and provenance."""
    _, region, source, note, provenance = meta
    assert region is not None  # rows without a region are skipped before
    c.figure(
        raw=_cell(row, col),
        cell=grid.locate(r, col.index, col.header),
        series=series,
        year=year,
        region=region,
        unit=unit,
        percent_format=(r, col.index) in grid.percent_cells,
        source=source,
        note=note,
        provenance=provenance,
    )


def _need_year(grid: Grid, by_role: dict[Role, Column], opts: Options, year_columns: bool = False) -> None:
    if Role.YEAR not in by_role and opts.year is None and not year_columns:
        raise UsageError(
            f"{grid.path} has no 年份 (year) column: say which year the figures are for with --year"
        )


def _wide(
    grid: Grid,
    columns: list[Column],
    by_role: dict[Role, Column],
    header_row: int,
    data: list[tuple[int, list[Any]]],
    c: _Collector,
) -> list[str]:
    if Role.VALUE in by_role or Role.UNIT in by_role:
        col = by_role.get(Role.VALUE) or by_role[Role.UNIT]
        raise DataError(
            [
                grid.locate(header_row, col.index, col.header).diagnostic(
                    "header",
                    f"a '{col.header}' column needs an indicator column (指标) beside it; "
                    "with one column per indicator, put the unit in the header: 科技型企业销售收入(亿元)",
                )
            ]
        )
    _need_year(grid, by_role, c.opts)
    figure_cols = [col for col in columns if col.series]
    ignored: list[str] = []
    for col in columns:
        if col.known:
            continue
        has_data = any(not is_missing(_cell(row, col)) for _, row in data)
        if col.header and has_data:
            c.unknown(grid.locate(header_row, col.index, col.header), col.header)
        elif has_data:
            ignored.append(f"column {_letter(col.index)} (no header)")
        elif col.header:
            ignored.append(col.header)
    for r, row in data:
        if all(is_missing(_cell(row, col)) for col in figure_cols):
            continue  # a blank line, a 合计 or 填表人 footer: no figures
        meta = _meta(grid, r, row, by_role, c)
        if meta is None:
            continue
        year, region = meta[0], meta[1]
        if year is None or region is None:
            continue
        for col in figure_cols:
            assert col.series is not None
            _take(c, grid, r, row, col, meta, series=col.series, year=year, unit=col.unit)
    return ignored


def _long(
    grid: Grid,
    columns: list[Column],
    by_role: dict[Role, Column],
    header_row: int,
    data: list[tuple[int, list[Any]]],
    c: _Collector,
) -> list[str]:
    indicator_col = by_role[Role.INDICATOR]
    value_col = by_role.get(Role.VALUE)
    year_cols = [col for col in columns if col.year is not None]
    header_cell = grid.locate(header_row, indicator_col.index, indicator_col.header)
    if value_col is not None and year_cols:
        raise DataError(
            [header_cell.diagnostic("header", "both a 数值 column and a column per year; keep one of them")]
        )
    if value_col is None and not year_cols:
        raise DataError(
            [
                header_cell.diagnostic(
                    "header", "no value column: add 数值 (or one column per year, 2019, 2020…)"
                )
            ]
        )
    if year_cols and Role.YEAR in by_role:
        raise DataError([header_cell.diagnostic("header", "both a 年份 column and a column per year")])
    _need_year(grid, by_role, c.opts, year_columns=bool(year_cols))
    if year_cols and c.opts.year is not None:
        year_cols = [col for col in year_cols if col.year == c.opts.year]
        if not year_cols:
            raise UsageError(f"{grid.path} has no column for {c.opts.year}")
    value_cols = [value_col] if value_col is not None else year_cols
    ignored = [
        col.header or f"column {_letter(col.index)}" for col in columns if _unused(col, value_cols, data)
    ]
    unit_col = by_role.get(Role.UNIT)
    indicator_cols = [col for col in columns if col.role is Role.INDICATOR]
    for r, row in data:
        values_missing = all(is_missing(_cell(row, col)) for col in value_cols)
        named = [col for col in indicator_cols if not is_missing(_cell(row, col))]
        if not named:
            if not values_missing:
                cell = grid.locate(r, indicator_col.index, indicator_col.header)
                c.error(cell, "no-indicator", "this row has a figure but no indicator")
            continue
        named_as = [_Named(col, *_series_of(normalise(str(_cell(row, col))), c.names)) for col in named]
        known = [n for n in named_as if n.series is not None]
        first = (known or named_as)[0]
        name_cell = grid.locate(r, first.column.index, first.column.header)
        text = normalise(str(_cell(row, first.column)))
        series, name_unit = first.series, first.unit
        if series is None:
            if values_missing:
                c.skipped.append(
                    Skipped(name_cell, None, f"'{text}' is not an indicator (a heading?); no figure")
                )
            else:
                c.unknown(name_cell, text)
            continue
        disagree = next((n for n in known if n.series != series), None)
        if disagree is not None:
            where = disagree.column
            c.error(
                grid.locate(r, where.index, where.header),
                "indicator",
                f"this names {disagree.series}, but {first.column.header} names {series}",
            )
            continue
        meta = _meta(grid, r, row, by_role, c)
        if meta is None:
            continue
        year, region = meta[0], meta[1]
        if region is None:
            continue
        unit_text = c.text(_cell(row, unit_col))
        row_unit = unit_of(unit_text)
        if unit_text is not None and row_unit is None and unit_col is not None:
            c.error(
                grid.locate(r, unit_col.index, unit_col.header),
                "unit",
                f"unknown unit '{_short(unit_text)}' (known: {', '.join(_UNIT_WORDS)})",
                series,
            )
            continue
        for col in value_cols:
            col_year = col.year if col.year is not None else year
            if col_year is None:
                continue
            _take(
                c,
                grid,
                r,
                row,
                col,
                meta,
                series=series,
                year=col_year,
                unit=row_unit or col.unit or name_unit,
            )
    return ignored


@dataclass(frozen=True, slots=True)
class _Named:
    """What one indicator cell of a row (指标代码 or 指标名称) names."""

    column: Column
    series: str | None
    unit: SheetUnit | None


def _unused(col: Column, value_cols: list[Column], data: list[tuple[int, list[Any]]]) -> bool:
    if col in value_cols or col.role is not None:
        return False
    return bool(col.header) or any(not is_missing(_cell(row, col)) for _, row in data)


def _series_of(text: str, names: Names) -> tuple[str | None, SheetUnit | None]:
    for base, unit in _header_variants(text):
        series = names.indicator(base)
        if series is not None:
            return series, unit
    return None, None


# ------------------------------------------------------------------------- report files


def _from_report(
    content: dict[str, Any],
    doc: store.Document,
    cat: Catalogue,
    names: Names,
    opts: Options,
    name: str | None,
    *,
    positions: bool,
) -> Sheet:
    """A report-shaped file (year, region, provenance, source, values) read as figures."""
    try:
        report = Report.model_validate(content)
    except ValidationError as exc:
        raise DataError(checks.pydantic_diagnostics(doc, exc)) from None
    region = names.region(report.region_key(cat))
    problems: list[Diagnostic] = []
    if region is None:
        problems.append(
            doc.diagnostic(("region",), "unknown-region", f"unknown region '{report.region_key(cat)}'")
        )
    if not cat.first_year <= report.year <= cat.last_year:
        problems.append(
            doc.diagnostic(("year",), "year-range", f"year {report.year} is outside the plan's years")
        )
    if opts.year is not None and opts.year != report.year:
        raise UsageError(f"{doc.path} is a report for {report.year}, not --year {opts.year}")
    if opts.region is not None and region is not None and opts.region != region.code:
        raise UsageError(f"{doc.path} is a report for region {region.code}, not --region {opts.region}")
    figures: list[Figure] = []
    skipped: list[Skipped] = []
    for key, entry in report.values.items():
        loc = ("values", key)
        line, column = doc.positions.of(loc) if positions else (None, None)
        cell = Cell(str(doc.path), line, column, f"values.{key}")
        if key not in cat.series:
            problems.append(
                doc.diagnostic(
                    loc,
                    "unknown-indicator",
                    f"unknown indicator '{key}'{suggest(key, cat.series)}",
                    key=True,
                )
            )
            continue
        if entry is None or entry.value is None:
            skipped.append(Skipped(cell, key, "blank"))
            continue
        ind, comp = cat.series[key]
        try:
            value = convert(Parsed(Decimal(repr(entry.value))), None, ind, comp, key)
        except CellError as exc:
            problems.append(cell.diagnostic(exc.code, str(exc), key))
            continue
        code = region.code if region else report.region_key(cat)
        figures.append(
            Figure(
                report.year,
                code,
                key,
                value,
                cell,
                entry.source or report.source,
                entry.note,
                report.provenance,
            )
        )
    if problems:
        raise DataError(problems)
    return Sheet(str(doc.path), name, tuple(figures), tuple(skipped), layout="report")

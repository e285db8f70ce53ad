"""The two layouts a sheet comes in, read row by row into figures.

Long: one row per indicator (指标, 数值 — or a column per year). Wide: one row per year or region and a
column per indicator. Either may carry 年份, 地区, 来源, 备注 and provenance columns; `--year` and
`--region` fill in what the sheet leaves out, or pick the rows when it has those columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dehong_cli.errors import DataError, UsageError
from dehong_cli.importer.cells import is_missing, normalise, short
from dehong_cli.importer.collector import Collector
from dehong_cli.importer.grids import Grid, letter
from dehong_cli.importer.headers import Column, Role, columns_by_role, find_header, series_of
from dehong_cli.importer.names import Names
from dehong_cli.importer.totals import is_total
from dehong_cli.importer.totals import resolve as resolve_totals
from dehong_cli.importer.types import Cell, Options, Sheet, Skipped
from dehong_cli.importer.units import SheetUnit
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.report import Provenance

Rows = list[tuple[int, list[Any]]]  # the data rows below the header, with their index in the grid
Meta = tuple[int | None, str | None, str | None, str | None, Provenance | None]


@dataclass(frozen=True, slots=True)
class Layout:
    """The header of a sheet, read: where it is, its columns, and the column of each role."""

    grid: Grid
    header_row: int
    columns: list[Column]
    by_role: dict[Role, Column]

    def header_cell(self, col: Column) -> Cell:
        return self.grid.locate(self.header_row, col.index, col.header)


def from_grid(grid: Grid, cat: Catalogue, names: Names, opts: Options, name: str | None) -> Sheet:
    """Every figure of a grid, in whichever layout it is; DataError lists every bad cell."""
    header_row, columns = find_header(grid, names)
    layout = Layout(grid, header_row, columns, columns_by_role(grid, header_row, columns))
    c = Collector(cat, names, opts)
    data = [(r, grid.rows[r]) for r in range(header_row + 1, len(grid.rows))]
    if grid.delimited:
        _extra_cells(layout, data)
        _split_into_text(layout, data)
    if Role.INDICATOR in layout.by_role:
        kind = "long"
        ignored = _long(layout, data, c)
    elif any(col.series for col in columns):
        kind = "wide"
        ignored = _wide(layout, data, c)
    else:
        raise DataError(
            [
                grid.locate(header_row, 0, "").diagnostic(
                    "no-header", "the header names no indicator column (指标) and no indicators"
                )
            ]
        )
    resolve_totals(c)
    if c.problems:
        raise DataError(c.problems)
    return Sheet(
        path=grid.path,
        name=name,
        figures=tuple(c.figures.values()),
        skipped=tuple(c.skipped),
        ignored_columns=tuple(ignored),
        layout=kind,
    )


_SPLIT_THOUSANDS = re.compile(r"[-+]?\d{1,3}")


def _extra_cells(layout: Layout, data: Rows) -> None:
    """Refuse CSV rows with a cell past the header's last column: `1,234` unquoted is two cells."""
    width = max((col.index + 1 for col in layout.columns if col.header), default=0)
    problems = []
    for r, row in data:
        extra = [c for c in range(width, len(row)) if not is_missing(row[c])]
        if not extra:
            continue
        cells = [normalise(str(v)) for v in row]
        tail = cells[width - 1 : extra[-1] + 1] if width else []
        joined = ",".join(tail)
        looks_split = bool(tail) and bool(_SPLIT_THOUSANDS.fullmatch(tail[0]))
        looks_split = looks_split and all(len(t) == 3 and t.isdigit() for t in tail[1:])
        hint = (
            f'is {joined} missing its quotes? write "{joined}" (or {joined.replace(",", "")})'
            if looks_split
            else "a cell holding the separator needs quotes, or the column a header"
        )
        cell = layout.grid.locate(r, extra[0], "")
        problems.append(
            cell.diagnostic(
                "extra-cells", f"this row has {extra[-1] + 1} cells but the header has {width}: {hint}"
            )
        )
    if problems:
        raise DataError(problems)


_TEXT_ROLES = (Role.NOTE, Role.SOURCE, Role.UNIT)
_GROUP = re.compile(r"\d{3}")


def _split_into_text(layout: Layout, data: Rows) -> None:
    """Refuse `1,234` unquoted where a text column follows the figure: the row then has as many cells
    as the header, 1 reads as the figure and 234 as the note (or source, or unit), silently."""
    by_index = {col.index: col for col in layout.columns}
    figure_cols = [col for col in layout.columns if col.role is Role.VALUE or col.series or col.year]
    problems = []
    for r, row in data:
        for col in figure_cols:
            after = by_index.get(col.index + 1)
            if after is None or after.role not in _TEXT_ROLES:
                continue
            value, rest = normalise(str(_cell(row, col) or "")), normalise(str(_cell(row, after) or ""))
            if _SPLIT_THOUSANDS.fullmatch(value) and _GROUP.fullmatch(rest):
                joined = f"{value},{rest}"
                problems.append(
                    layout.grid.locate(r, col.index, col.header).diagnostic(
                        "extra-cells",
                        f"{value} is the figure and {rest} the {after.header}: is {joined} missing its "
                        f'quotes? write "{joined}" (or {joined.replace(",", "")})',
                    )
                )
    if problems:
        raise DataError(problems)


def _cell(row: Sequence[Any], col: Column | None) -> Any:
    if col is None or col.index >= len(row):
        return None
    return row[col.index]


def _meta(layout: Layout, r: int, row: Sequence[Any], c: Collector) -> Meta | None:
    """Year, region, source, note and provenance of a row; None when --year/--region leave it out."""
    grid, by_role = layout.grid, layout.by_role
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
    src_col, note_col = by_role.get(Role.SOURCE), by_role.get(Role.NOTE)
    return (
        year,
        region,
        c.text(_cell(row, src_col), grid.locate(r, src_col.index, src_col.header) if src_col else None),
        c.text(_cell(row, note_col), grid.locate(r, note_col.index, note_col.header) if note_col else None),
        c.provenance(_cell(row, prov_col), prov_cell),
    )


def _take(
    c: Collector,
    grid: Grid,
    r: int,
    row: Sequence[Any],
    col: Column,
    meta: Meta,
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
        cumulative=(col.cumulative, col.since),
    )


def _need_year(layout: Layout, opts: Options, year_columns: bool = False) -> None:
    if Role.YEAR not in layout.by_role and opts.year is None and not year_columns:
        raise UsageError(
            f"{layout.grid.path} has no 年份 (year) column: say which year the figures are for with --year"
        )


# ------------------------------------------------------------------------------- wide


def _wide(layout: Layout, data: Rows, c: Collector) -> list[str]:
    """One row per year or region, one column per indicator; the columns left out, by name."""
    grid, by_role = layout.grid, layout.by_role
    if Role.VALUE in by_role or Role.UNIT in by_role:
        col = by_role.get(Role.VALUE) or by_role[Role.UNIT]
        raise DataError(
            [
                layout.header_cell(col).diagnostic(
                    "header",
                    f"a '{col.header}' column needs an indicator column (指标) beside it; "
                    "with one column per indicator, put the unit in the header: 科技型企业销售收入(亿元)",
                )
            ]
        )
    _need_year(layout, c.opts)
    figure_cols = [col for col in layout.columns if col.series]
    ignored: list[str] = []
    for col in layout.columns:
        if col.known:
            continue
        has_data = any(not is_missing(_cell(row, col)) for _, row in data)
        if col.header and has_data:
            c.unknown(layout.header_cell(col), col.header)
        elif has_data:
            ignored.append(f"column {letter(col.index)} (no header)")
        elif col.header:
            ignored.append(col.header)
    for r, row in data:
        if all(is_missing(_cell(row, col)) for col in figure_cols):
            continue  # a blank line, a 合计 or 填表人 footer: no figures
        meta = _meta(layout, r, row, c)
        if meta is None:
            continue
        year, region = meta[0], meta[1]
        if year is None or region is None:
            continue
        for col in figure_cols:
            assert col.series is not None
            _take(c, grid, r, row, col, meta, series=col.series, year=year, unit=col.unit)
    return ignored


# ------------------------------------------------------------------------------- long


@dataclass(frozen=True, slots=True)
class _Named:
    """What one indicator cell of a row (指标代码 or 指标名称) names."""

    column: Column
    series: str | None
    unit: SheetUnit | None


def _long(layout: Layout, data: Rows, c: Collector) -> list[str]:
    """One row per indicator, with a 数值 column or a column per year; the columns left out, by name."""
    value_cols = _value_columns(layout, c.opts)
    ignored = [
        col.header or f"column {letter(col.index)}"
        for col in layout.columns
        if _unused(col, value_cols, data)
    ]
    for r, row in data:
        _long_row(layout, value_cols, r, row, c)
    return ignored


def _value_columns(layout: Layout, opts: Options) -> list[Column]:
    """The columns holding the figures of a long sheet: 数值, or the year columns (--year picks one)."""
    indicator_col = layout.by_role[Role.INDICATOR]
    value_col = layout.by_role.get(Role.VALUE)
    year_cols = [col for col in layout.columns if col.year is not None]
    header_cell = layout.header_cell(indicator_col)
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
    if year_cols and Role.YEAR in layout.by_role:
        raise DataError([header_cell.diagnostic("header", "both a 年份 column and a column per year")])
    _need_year(layout, opts, year_columns=bool(year_cols))
    if year_cols and opts.year is not None:
        year_cols = [col for col in year_cols if col.year == opts.year]
        if not year_cols:
            raise UsageError(f"{layout.grid.path} has no column for {opts.year}")
    return [value_col] if value_col is not None else year_cols


def _long_row(layout: Layout, value_cols: list[Column], r: int, row: list[Any], c: Collector) -> None:
    """Collect the figures of one row of a long sheet: the indicator it names, in each value column."""
    grid = layout.grid
    named = _row_series(layout, value_cols, r, row, c)
    if named is None:
        return
    series, name_unit = named
    meta = _meta(layout, r, row, c)
    if meta is None:
        return
    year, region = meta[0], meta[1]
    if region is None:
        return
    unit_col = layout.by_role.get(Role.UNIT)
    unit_text = c.text(_cell(row, unit_col))
    row_unit = c.names.units.unit(unit_text)
    if unit_text is not None and row_unit is None and unit_col is not None:
        c.error(
            grid.locate(r, unit_col.index, unit_col.header),
            "unit",
            f"unknown unit '{short(unit_text)}' (known: {c.names.units.known})",
            series,
        )
        return
    for col in value_cols:
        col_year = col.year if col.year is not None else year
        if col_year is None:
            continue
        unit = row_unit or col.unit or name_unit
        _take(c, grid, r, row, col, meta, series=series, year=col_year, unit=unit)


def _row_series(
    layout: Layout, value_cols: list[Column], r: int, row: list[Any], c: Collector
) -> tuple[str, SheetUnit | None] | None:
    """The series a long row names (and a unit after its name); None, noted, when it names none."""
    grid = layout.grid
    indicator_col = layout.by_role[Role.INDICATOR]
    indicator_cols = [col for col in layout.columns if col.role is Role.INDICATOR]
    values_missing = all(is_missing(_cell(row, col)) for col in value_cols)
    named = [col for col in indicator_cols if not is_missing(_cell(row, col))]
    if not named:
        if not values_missing:
            cell = grid.locate(r, indicator_col.index, indicator_col.header)
            c.error(cell, "no-indicator", "this row has a figure but no indicator")
        return None
    named_as = [_Named(col, *series_of(normalise(str(_cell(row, col))), c.names)) for col in named]
    known = [n for n in named_as if n.series is not None]
    first = (known or named_as)[0]
    name_cell = grid.locate(r, first.column.index, first.column.header)
    text = normalise(str(_cell(row, first.column)))
    series = first.series
    if series is None:
        if values_missing:
            c.skipped.append(
                Skipped(name_cell, None, f"'{text}' is not an indicator (a heading?); no figure")
            )
        elif is_total(text):  # a list of indicators has no sum that means anything: listed, not imported
            c.skipped.append(Skipped(name_cell, None, f"'{text}' is a total row, not an indicator; skipped"))
        else:
            c.unknown(name_cell, text)
        return None
    disagree = next((n for n in known if n.series != series), None)
    if disagree is not None:
        where = disagree.column
        c.error(
            grid.locate(r, where.index, where.header),
            "indicator",
            f"this names {disagree.series}, but {first.column.header} names {series}",
        )
        return None
    return series, first.unit


def _unused(col: Column, value_cols: list[Column], data: Rows) -> bool:
    if col in value_cols or col.role is not None:
        return False
    return bool(col.header) or any(not is_missing(_cell(row, col)) for _, row in data)

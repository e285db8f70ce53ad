"""The header row of a sheet: finding it below any title rows, and what each header cell says its
column holds — a role (指标, 数值, 单位, 年份, …), an indicator (wide layout) or a year, with a unit
written after it in brackets: 科技型企业销售收入(亿元).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from dehong_cli.errors import DataError
from dehong_cli.importer.cells import normalise, parse_number
from dehong_cli.importer.grids import Grid
from dehong_cli.importer.names import Names
from dehong_cli.importer.types import CellError
from dehong_cli.importer.units import SheetUnit, Vocabulary
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import name_key


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
    Role.VALUE: (
        *("数值", "数据", "值", "指标值", "完成值", "value"),
        # the year's figure, as statistical tables head it (本年 is the sheet's year: --year)
        *(
            "本年",
            "本年实际",
            "本年完成",
            "本年完成值",
            "本年实际完成",
            "本年数",
            "实际",
            "实际值",
            "实际完成",
        ),
        *("实际完成值", "完成", "完成数", "完成情况"),
    ),
    Role.UNIT: ("单位", "计量单位", "unit"),
    Role.SOURCE: ("来源", "数据来源", "source"),
    Role.NOTE: ("备注", "说明", "note"),
    Role.YEAR: ("年份", "年度", "年", "year"),
    Role.REGION: ("地区", "区域", "县市", "县(市)", "地区代码", "region"),
    Role.PROVENANCE: ("provenance", "数据性质"),
    Role.IGNORED: (
        *("序号", "编号", "no", "no.", "#", "name", "name_en", "region_name"),
        *("目标", "目标值", "计划", "计划值", "规划目标", "预期目标", "target"),  # the plan's, not a figure
    ),
}
_ROLES = {name_key(word): role for role, words in HEADER_WORDS.items() for word in words}
_UNIT_SUFFIX = re.compile(r"(.+?)\s*\(([^()]*)\)")
_VALUE_WORDS = r"(?:数值|数据|完成值?|完成数|完成情况|实际(?:完成)?(?:值|数)?)"
_YEAR_HEADER = re.compile(rf"(\d{{4}})\s*(?:年度?)?\s*{_VALUE_WORDS}?")  # 2019, 2019年, 2020年完成值
_YEAR_TARGET = re.compile(r"(\d{4})\s*(?:年度?)?\s*(?:目标值?|计划值?|预期目标|规划目标)")
# 累计: the total since the period began (or since the year before the dash), not the year's addition
_CUMULATIVE = re.compile(
    r"(?:(?P<since>\d{4})\s*年?\s*[-—–~至到]+\s*)?(?:(?P<year>\d{4})\s*年度?末?)?\s*"
    rf"(?:截至本?年?末?)?累计{_VALUE_WORDS}?"
)


@dataclass(frozen=True, slots=True)
class Column:
    """What a header cell says its column holds."""

    index: int
    header: str
    role: Role | None = None
    series: str | None = None  # wide layout: the indicator of this column
    year: int | None = None  # long layout with a column per year ("2019", "2019年")
    unit: SheetUnit | None = None  # from "(万元)" after the name
    cumulative: bool = False  # 累计: a total since `since` (else the period's start), not the year's figure
    since: int | None = None

    @property
    def known(self) -> bool:
        return self.role is not None or self.series is not None


def classify(index: int, header: object, names: Names) -> Column:
    """What the header cell in column `index` says its column holds."""
    if isinstance(header, float) and header.is_integer():
        header = int(header)  # a year typed into an .xlsx header cell: 2019.0
    text = "" if header is None else normalise(str(header))
    if not text:
        return Column(index, "")
    for base, unit in header_variants(text, names.units):
        if name_key(base) in _ROLES:
            return Column(index, text, role=_ROLES[name_key(base)], unit=unit)
        series = names.indicator(base)
        if series is not None:
            return Column(index, text, series=series, unit=unit)
        year = _YEAR_HEADER.fullmatch(base)
        if year:
            return Column(index, text, year=int(year[1]), unit=unit)
        if _YEAR_TARGET.fullmatch(base):
            return Column(index, text, role=Role.IGNORED)
        total = _CUMULATIVE.fullmatch(base)
        if total:
            since = int(total["since"]) if total["since"] else None
            if total["year"]:
                return Column(index, text, year=int(total["year"]), unit=unit, cumulative=True, since=since)
            return Column(index, text, role=Role.VALUE, unit=unit, cumulative=True, since=since)
    return Column(index, text)


def header_variants(text: str, units: Vocabulary) -> Iterable[tuple[str, SheetUnit | None]]:
    """The header as written, then without a "(unit)" suffix naming a unit we know."""
    yield text, None
    match = _UNIT_SUFFIX.fullmatch(text)
    if match:
        unit = units.unit(match[2])
        if unit is not None:
            yield match[1], unit


def series_of(text: str, names: Names) -> tuple[str | None, SheetUnit | None]:
    """The series a cell names (an indicator cell of the long layout), and the unit written after it."""
    for base, unit in header_variants(text, names.units):
        series = names.indicator(base)
        if series is not None:
            return series, unit
    return None, None


def find_header(grid: Grid, names: Names) -> tuple[int, list[Column]]:
    if grid.header_row is not None:
        row = grid.rows[grid.header_row]
        return grid.header_row, [classify(c, v, names) for c, v in enumerate(row)]
    for r, row in enumerate(grid.rows):
        columns = [classify(c, v, names) for c, v in enumerate(row)]
        if not any(col.known for col in columns):
            continue  # a title row, a "单位：万元" line, or blank
        if not any(col.role for col in columns) and any(_is_number(v, names.units) for v in row):
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


def _is_number(value: object, units: Vocabulary) -> bool:
    try:
        return parse_number(value, units) is not None
    except CellError:
        return False


def columns_by_role(grid: Grid, header_row: int, columns: list[Column]) -> dict[Role, Column]:
    """The column of each role; DataError when two columns say the same (but 指标代码 beside 指标名称)."""
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
    return by_role

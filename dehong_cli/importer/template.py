"""The fill-in sheet a department is sent: one row per series it owes for a year and region.

Pure: from the catalogue and the reports to rows; `render/template_xlsx.py` draws them, and the
headers are words the importer reads (指标代码 names the series, 本年数值 is the value, 上年数值 is
only for reference), so a filled template imports back with no edits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dehong_cli.errors import UsageError
from dehong_cli.model.catalogue import Accrual, Catalogue, Component, Indicator
from dehong_cli.model.report import Provenance, Report
from dehong_cli.model.rules import Bounds, bounds

# 序号, 指标, 指标代码, 单位, 年份, 地区, 上年数值, 本年数值, 来源, 备注
HEADERS = ("序号", "指标", "指标代码", "单位", "年份", "地区", "上年数值", "本年数值", "来源", "备注")
VALUE_COLUMN = HEADERS.index("本年数值")
FILLED_COLUMNS = (VALUE_COLUMN, HEADERS.index("来源"), HEADERS.index("备注"))


@dataclass(frozen=True, slots=True)
class TemplateRow:
    series: str
    name: str
    unit: str
    bounds: Bounds | None  # what the figure may be: the figure rules' bounds for its unit
    last_year: float | int | None


@dataclass(frozen=True, slots=True)
class Template:
    title: str
    reporter: str  # 填报单位
    year: int
    region: str  # the region's name, as the 地区 column says
    rows: tuple[TemplateRow, ...]
    illustrative: bool = False  # last year's figures are made up: the sheet must say so


def build_template(
    cat: Catalogue, reports: Iterable[Report], year: int, region_code: str, dept: str | None
) -> Template:
    """The rows a department (every department when `dept` is None) owes for one year and region."""
    chosen = [i for i in cat.indicators if i.accrual is not Accrual.QUALITATIVE]
    if dept:
        chosen = [i for i in chosen if _leads(cat, i, dept)]
        if not chosen:
            raise UsageError(f"no goal with figures is led by a department matching '{dept}'")
    last, illustrative = _figures(cat, reports, year - 1, region_code)
    rows = [_row(ind, comp, last) for ind in chosen for comp in _series_of(ind)]
    region = next(r for r in cat.regions if r.code == region_code)
    title = f"{cat.plan.document_number} {year}年 {region.name} 指标数据填报表"
    return Template(title, _reporter(cat, dept), year, region.name, tuple(rows), illustrative)


def _series_of(ind: Indicator) -> list[Component | None]:
    """A goal made of components is reported by them (its ratio or growth is computed); else itself."""
    return [*ind.components] or [None]


def _leads(cat: Catalogue, ind: Indicator, dept: str) -> bool:
    """Whether `dept` (a name, a variant, or part of a name) leads a task linked to the goal."""
    wanted = cat.department(dept)
    for name in cat.lead_departments_of(ind):
        entry = cat.department(name)
        if dept in name or (wanted is not None and entry is not None and entry.id == wanted.id):
            return True
    return False


def _reporter(cat: Catalogue, dept: str | None) -> str:
    if not dept:
        return ""
    entry = cat.department(dept)
    return entry.name if entry is not None else dept


def _figures(
    cat: Catalogue, reports: Iterable[Report], year: int, code: str
) -> tuple[dict[str, float | int], bool]:
    """Last year's figures for the region, and whether they are marked illustrative (made up)."""
    for rep in reports:
        region = rep.region_in(cat)
        if rep.year == year and region is not None and region.code == code:
            return rep.figures(), rep.provenance is Provenance.ILLUSTRATIVE
    return {}, False


def _row(ind: Indicator, comp: Component | None, last: dict[str, float | int]) -> TemplateRow:
    series = comp.id if comp is not None else ind.id
    unit = comp.unit if comp is not None else ind.unit
    return TemplateRow(
        series=series,
        name=comp.name if comp is not None else ind.name,
        unit=comp.unit_label() if comp is not None else ind.unit_label(),
        bounds=bounds(unit),
        last_year=last.get(series),
    )

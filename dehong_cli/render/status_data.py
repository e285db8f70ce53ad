"""`dehong status` for programs: JSON and CSV with every component of every result.

The shapes are documented in the README; the JSON `reason` is the English sentence, with the
same reason as data beside it (`reason_code`, `reason_args`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dehong_cli.assess.reasons import Reason
from dehong_cli.assess.results import Assessment, Figure, Progress, YearRecord
from dehong_cli.model.catalogue import Catalogue, Region
from dehong_cli.model.report import Provenance
from dehong_cli.render.banner import banner_text
from dehong_cli.render.encode import JSON_VERSION, to_csv, to_json
from dehong_cli.render.formatting import machine
from dehong_cli.render.reasons import phrase
from dehong_cli.render.regions import binding_fields, figure_fields
from dehong_cli.render.terminal import Style


def _figure_dict(f: Figure) -> dict[str, Any]:
    return {
        "series": f.series,
        "year": f.year,
        "value": machine(f.value),
        "provenance": f.provenance.value,
        "source": f.source,
        "computed_from": list(f.computed_from),
        **figure_fields(f),
    }


def _point(f: Figure | None) -> dict[str, Any] | None:
    return None if f is None else {"year": f.year, "value": machine(f.value)}


def _year_dict(r: YearRecord) -> dict[str, Any]:
    return {
        "year": r.year,
        "met": r.met,
        "value": machine(r.value),
        "subject_growth": machine(r.subject_growth),
        "companion_growth": machine(r.companion_growth),
    }


def _plain(value: Any) -> Any:
    """A reason's figure as JSON: numbers rounded like every other number, tuples as lists."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, Reason):  # awaiting_data: the provisional status's own reason
        return {"code": value.code.value, "args": _plain(value.args)}
    if isinstance(value, int | float):
        return machine(value)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return [_plain(v) for v in value]


def reason_fields(reason: Reason) -> dict[str, Any]:
    """The reason in words (English) and as data."""
    return {
        "reason": phrase(reason, "en"),
        "reason_code": reason.code.value,
        "reason_args": _plain(reason.args),
    }


def progress_dict(p: Progress) -> dict[str, Any]:
    """Every component of one result; the shape is documented in the README."""
    ind = p.indicator
    return {
        "id": ind.id,
        "name": ind.name,
        "name_en": ind.name_en,
        "strand": ind.strand,
        "accrual": ind.accrual.value,
        "direction": ind.direction.value,
        "unit": ind.unit.value,
        "scale": ind.scale.value if ind.scale else None,
        "comparator": ind.comparator.value if ind.comparator else None,
        "target": ind.target,
        "reconstructed": ind.reconstructed,
        "status": p.status.value,
        **reason_fields(p.reason),
        "final": p.final,
        "provisional": p.provisional.value if p.provisional else None,
        "awaiting_year": p.awaiting_year,
        "provisional_year": p.provisional_year,
        "baseline": _point(p.baseline),
        "latest": _point(p.latest),
        "gap": machine(p.gap),
        "progress": machine(p.progress),
        "progress_bar": machine(p.bar),
        "attainment": machine(p.attainment),
        "actual_cagr": machine(p.actual_cagr),
        "required_cagr": machine(p.required_cagr),
        "actual_change": machine(p.actual_change),
        "required_change": machine(p.required_change),
        "ratio": machine(p.ratio),
        "achieved": machine(p.achieved),
        "expected": machine(p.expected),
        "years": [_year_dict(r) for r in p.years],
        "figures": [_figure_dict(f) for f in p.figures],
        "provenance": sorted(v.value for v in p.provenances),
        "unofficial": p.unofficial,
        **binding_fields(p),
    }


def region_dict(region: Region) -> dict[str, Any]:
    return {"code": region.code, "name": region.name, "name_en": region.name_en, "level": region.level}


def status_payload(cat: Catalogue, result: Assessment) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "plan": cat.plan.document_number,
        "as_of": result.as_of,
        "region": region_dict(result.region),
        "illustrative": result.illustrative,
        "estimate": result.estimate,
        "banner": banner_text(result.provenances, "en"),
        "indicators": [progress_dict(p) for p in result.results],
        "counts": {s.value: n for s, n in result.counts.items()},
        "awaiting": {str(y): n for y, n in result.awaiting.items()},
        "reported": result.reported,
        "quantified": result.quantified,
        "partial": result.partial,
    }


def status_json(cat: Catalogue, result: Assessment, lang: str, style: Style) -> str:
    return to_json(status_payload(cat, result))


CSV_COLUMNS = (
    "as_of",
    "region",
    "id",
    "name",
    "name_en",
    "strand",
    "accrual",
    "direction",
    "unit",
    "scale",
    "comparator",
    "target",
    "status",
    "reason",
    "final",
    "provisional",
    "awaiting_year",
    "provisional_year",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "gap",
    "progress",
    "attainment",
    "actual_cagr",
    "required_cagr",
    "actual_change",
    "required_change",
    "ratio",
    "achieved",
    "expected",
    "years_met",
    "years_missed",
    "years_not_reported",
    "subject_growth",
    "companion_growth",
    "values",
    "provenance",
    "illustrative",
    "estimate",
    "rolled_up",
    "share",
)

# The columns taken as they are from the JSON of a result.
_SAME = CSV_COLUMNS[2 : CSV_COLUMNS.index("provisional_year") + 1]


_FIGURES = CSV_COLUMNS[CSV_COLUMNS.index("gap") : CSV_COLUMNS.index("expected") + 1]


def _by_year(records: Sequence[YearRecord], pick: Callable[[YearRecord], float | None]) -> str:
    return "; ".join(f"{r.year}={machine(v)}" for r in records if (v := pick(r)) is not None)


def _csv_row(result: Assessment, p: Progress) -> list[Any]:
    d = progress_dict(p)
    return [
        result.as_of,
        result.region.code,
        *(d[c] for c in _SAME),
        p.baseline.year if p.baseline else None,
        d["baseline"]["value"] if p.baseline else None,
        p.latest.year if p.latest else None,
        d["latest"]["value"] if p.latest else None,
        *(d[c] for c in _FIGURES),
        " ".join(str(r.year) for r in p.years if r.met is True),
        " ".join(str(r.year) for r in p.years if r.met is False),
        " ".join(str(r.year) for r in p.years if r.met is None),
        _by_year(p.years, lambda r: r.subject_growth),
        _by_year(p.years, lambda r: r.companion_growth),
        "; ".join(f"{f.series}@{f.year}={machine(f.value)}" for f in p.figures),
        " ".join(d["provenance"]),
        Provenance.ILLUSTRATIVE in p.provenances,
        Provenance.ESTIMATE in p.provenances,
        p.rolled_up,
        d["share"],
    ]


def _csv_cell(value: Any) -> Any:
    return ("true" if value else "false") if isinstance(value, bool) else value


def status_csv(cat: Catalogue, result: Assessment, lang: str, style: Style, *, excel: bool = False) -> str:
    """For scripts: UTF-8 without a BOM, LF line ends. `excel`: with a BOM and CRLF, so Excel on
    Chinese Windows reads the Chinese as UTF-8 (not GBK), as `dehong export --format csv` writes."""
    from dehong_cli.render.export import BOM

    rows = (_csv_row(result, p) for p in result.results)
    # true/false as in the JSON, not Python's True/False
    cells = ([_csv_cell(v) for v in row] for row in rows)
    if excel:
        return BOM + to_csv(CSV_COLUMNS, cells, lineterminator="\r\n")
    return to_csv(CSV_COLUMNS, cells)


def status_csv_excel(cat: Catalogue, result: Assessment, lang: str, style: Style) -> str:
    return status_csv(cat, result, lang, style, excel=True)

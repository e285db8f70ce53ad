"""Planning an import: each report file as the sheet's figures would leave it, field by field.

A figure is added where the report has none, left alone where it has the same, and a conflict
where it differs (replaced with --replace). Each planned file is emitted and checked exactly as
`dehong validate` checks it, blaming the sheet's cell for what it would break. Nothing here writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from dehong_cli.checks.report import report_from_document
from dehong_cli.errors import DataError, UsageError
from dehong_cli.files.locations import report_exists
from dehong_cli.files.yaml_read import load, parse
from dehong_cli.files.yaml_write import emit, leading_comments
from dehong_cli.importer.types import Cell, Figure
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.report import Provenance, Report, ValueEntry


class ChangeKind(StrEnum):
    ADDED = "added"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"
    REPLACED = "replaced"


@dataclass(frozen=True, slots=True)
class Change:
    """What the import does to one field of one report."""

    field: str  # a series id, or "provenance"
    status: ChangeKind
    stored: int | float | str | None
    new: int | float | str | None
    cell: Cell | None = None
    derivation: str | None = None  # a cumulative figure made the year's addition: how


@dataclass(frozen=True, slots=True)
class FileUpdate:
    """One report file as the import would leave it."""

    path: Path
    year: int
    region: str
    created: bool
    changes: tuple[Change, ...]
    text: str

    def count(self, status: ChangeKind) -> int:
        return sum(1 for c in self.changes if c.status is status)

    @property
    def changed(self) -> bool:
        return self.created or any(c.status in (ChangeKind.ADDED, ChangeKind.REPLACED) for c in self.changes)

    @property
    def conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.status is ChangeKind.CONFLICT]


def _same(a: float | int, b: float | int) -> bool:
    return Decimal(repr(a)) == Decimal(repr(b))


def _common(values: Sequence[Any]) -> Any:
    """The most frequent value (the first of equals), or None."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(present)
    best = max(counts.values())
    return next(v for v in present if counts[v] == best)


def _provenance(figs: Sequence[Figure]) -> Provenance | None:
    kinds = {f.provenance for f in figs if f.provenance is not None}
    if len(kinds) > 1:
        first = next(f for f in figs if f.provenance is not None)
        other = next(f for f in figs if f.provenance not in (None, first.provenance))
        raise DataError(
            [
                other.cell.diagnostic(
                    "provenance",
                    f"figures for one report disagree on provenance: {first.provenance} at "
                    f"{first.cell.label}, {other.provenance} here",
                )
            ]
        )
    return kinds.pop() if kinds else None


def plan_file(
    cat: Catalogue,
    path: Path,
    key: tuple[int, str],
    figs: Sequence[Figure],
    sheet_name: str | None,
    *,
    provenance: Provenance | None,
    source: str | None,
    replace: bool,
) -> FileUpdate:
    """Merge figures into the report at `path` (or a new one) in memory, and check the result."""
    year, code = key
    wanted = provenance or _provenance(figs)
    changes: list[Change] = []
    created = not report_exists(path)
    preamble = ""
    if created:
        header_source = source or _common([f.source for f in figs]) or sheet_name
        if header_source is None:
            raise UsageError(f"{path} is a new report: say where the figures come from with --source")
        base = Report.model_validate(
            {
                "year": year,
                "region": code,
                "provenance": (wanted or Provenance.OFFICIAL).value,
                "source": header_source,
            }
        )
    else:
        doc = load(path)
        loaded, diagnostics = report_from_document(doc, cat)
        errors = [d for d in diagnostics if d.severity == "error"]
        if loaded is None or errors:
            raise DataError(errors or diagnostics)
        base = loaded.with_region(cat)
        preamble = leading_comments(doc.text)
        if wanted is not None and wanted is not base.provenance:
            status = ChangeKind.REPLACED if replace else ChangeKind.CONFLICT
            changes.append(Change("provenance", status, base.provenance.value, wanted.value))
            if replace:
                base = base.model_copy(update={"provenance": wanted})
    values: dict[str, ValueEntry | None] = dict(base.values)
    for fig in figs:
        stored = values.get(fig.series)
        before = stored.value if stored is not None else None
        # A value added to an empty entry keeps the source and note written beside it by hand.
        filling = stored if stored is not None and before is None else None
        # A figure added to an existing report did not come from that report's source: say where it did.
        sheet_source = None if created else sheet_name
        fig_source = fig.source or source or (filling.source if filling else None) or sheet_source
        entry = ValueEntry(
            value=fig.value,
            source=fig_source if fig_source != base.source else None,
            note=fig.note if fig.note is not None or filling is None else filling.note,
        )
        if before is None:
            changes.append(Change(fig.series, ChangeKind.ADDED, None, fig.value, fig.cell, fig.derivation))
            values[fig.series] = entry
        elif _same(before, fig.value):
            changes.append(
                Change(fig.series, ChangeKind.UNCHANGED, before, fig.value, fig.cell, fig.derivation)
            )
        elif replace:
            changes.append(
                Change(fig.series, ChangeKind.REPLACED, before, fig.value, fig.cell, fig.derivation)
            )
            values[fig.series] = entry
        else:
            changes.append(
                Change(fig.series, ChangeKind.CONFLICT, before, fig.value, fig.cell, fig.derivation)
            )
    merged = base.model_copy(update={"values": values})
    text = emit(merged, cat, preamble=preamble)
    _check(text, path, merged, cat, {f.series: f for f in figs})
    order = {sid: i for i, sid in enumerate(cat.series)}
    changes.sort(key=lambda c: order.get(c.field, -1))
    return FileUpdate(path, year, code, created, tuple(changes), text)


def _check(text: str, path: Path, merged: Report, cat: Catalogue, by_series: dict[str, Figure]) -> None:
    """Refuse a planned file that `dehong validate` would refuse, naming the sheet's cell where it can."""
    doc = parse(text, path)
    parsed, diagnostics = report_from_document(doc, cat)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise DataError([_blame(d, by_series) for d in errors])
    if parsed != merged:
        raise DataError(
            [
                Diagnostic(
                    str(path),
                    None,
                    None,
                    "round-trip",
                    "internal error: the report would not read back the same",
                )
            ]
        )


def _blame(d: Diagnostic, by_series: dict[str, Figure]) -> Diagnostic:
    series = d.field.split(".")[1] if d.field and d.field.startswith("values.") else None
    if series in by_series:
        return by_series[series].cell.diagnostic(d.code, d.message, series)
    return Diagnostic(
        d.path, None, None, d.code, f"{d.message} (in the report as the import would write it)", d.field
    )

"""Collecting a sheet's figures while its rows are walked: each cell's year, region, provenance and
number read and converted, a blank noted as skipped, and every bad cell kept as a problem — so that
one run names them all.
"""

from __future__ import annotations

from decimal import Decimal

from dehong_cli.importer.cells import Parsed, is_missing, normalise, parse_number, parse_year, short
from dehong_cli.importer.convert import convert
from dehong_cli.importer.grids import Uncached
from dehong_cli.importer.names import Names
from dehong_cli.importer.types import Cell, CellError, Figure, Options, Skipped
from dehong_cli.importer.units import SheetUnit
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import name_key, suggest
from dehong_cli.model.report import Provenance

SUGGESTED = 100


class Collector:
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
        from dehong_cli.importer.totals import TOTAL, is_total  # a county sheet's 合计 row

        if is_total(value):
            return TOTAL
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
                cell, "provenance", f"provenance must be official or estimate; got '{short(str(value))}'"
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
        cumulative: tuple[bool, int | None] = (False, None),
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
            parsed = parse_number(raw, self.names.units)
            if parsed is None:
                self.skipped.append(Skipped(cell, series, "blank"))
                return
            if percent_format and not parsed.percent:
                # a cell shown as 0.85% holds 0.0085; the sheet means what it shows
                parsed = Parsed(parsed.number * 100, percent=True)
            ind, comp = self.cat.series[series]
            value = convert(parsed, unit, ind, comp, series, self.names.units)
        except CellError as exc:
            self.error(cell, exc.code, str(exc), series)
            return
        key = (year, region, series)
        marked = cumulative[0] or (note is not None and "累计" in note)
        fig = Figure(year, region, series, value, cell, source, note, provenance, marked, cumulative[1])
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
        else:
            self._same_twice(earlier, fig)

    def _same_twice(self, earlier: Figure, fig: Figure) -> None:
        """The same figure given twice must not differ in its note or source: one would be dropped."""
        for what, first, second in (("note", earlier.note, fig.note), ("source", earlier.source, fig.source)):
            if second is not None and first != second:
                self.error(
                    fig.cell,
                    "duplicate",
                    f"'{fig.series}' for {fig.year} is given twice with different {what}s: "
                    f"{short(repr(first))} at {earlier.cell.label}, {short(repr(second))} here; "
                    "only one can be kept: give the figure once",
                    fig.series,
                )
                return

    def unknown(self, cell: Cell, text: str) -> None:
        # a did-you-mean for the first hundred: past that the sheet is not one of ours, and each costs
        hint = suggest(text, self.names.choices) if len(self.problems) < SUGGESTED else ""
        self.error(cell, "unknown-indicator", f"unknown indicator '{text}'{hint}")

"""One report's rules, beyond its schema: known series, sound figures, agreeing ratios, a fitting name.

Each rule yields diagnostics instead of stopping, so one run reports every bad field of a file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dehong_cli.checks import advice
from dehong_cli.checks.schema_errors import merge, pydantic_diagnostics
from dehong_cli.errors import DataError
from dehong_cli.files.locations import REPORT_SUFFIX, report_file_name, report_name
from dehong_cli.files.yaml_read import Document, Path_, load
from dehong_cli.model.catalogue import Catalogue, Indicator
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import suggest
from dehong_cli.model.ratios import ratio_percent, ratio_tolerance
from dehong_cli.model.report import Provenance, Report
from dehong_cli.model.rules import figure_refusal, series_refusal
from dehong_cli.model.text import control_at, printable


def load_report(path: Path, cat: Catalogue) -> tuple[Report | None, list[Diagnostic]]:
    """Load one report and check it against the catalogue."""
    try:
        doc = load(path)
    except DataError as exc:
        return None, exc.diagnostics
    return report_from_document(doc, cat)


def report_from_document(doc: Document, cat: Catalogue) -> tuple[Report | None, list[Diagnostic]]:
    """Validate parsed YAML as a report. The report is None when it cannot be trusted."""
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        return None, [
            doc.diagnostic((), "schema", f"a report must be a mapping of fields; this file is {what}")
        ]
    try:
        report = Report.model_validate(doc.data)
    except ValidationError as exc:
        # Every problem in one run: unknown ids are still named and, when only some values are
        # malformed, the rest of the report is still checked without them.
        values = doc.data.get("values")
        found = [*pydantic_diagnostics(doc, exc)]
        found += unknown_series(doc, values, cat) if isinstance(values, dict) else []
        rest = _without_bad_values(doc.data, exc)
        if rest is not None:
            found += (d for d in report_rules(doc, rest, cat) if d not in found)
        return None, merge(doc.problems, found)
    return (None if doc.problems else report), merge(doc.problems, report_rules(doc, report, cat))


def _without_bad_values(data: dict[str, Any], exc: ValidationError) -> Report | None:
    """The report without the values that failed, when only values failed."""
    errors = exc.errors(include_input=False, include_url=False)
    if not all(len(err["loc"]) > 1 and err["loc"][0] == "values" for err in errors):
        return None
    bad = {err["loc"][1] for err in errors}
    values = data.get("values")
    if not isinstance(values, dict):
        return None
    try:
        return Report.model_validate({**data, "values": {k: v for k, v in values.items() if k not in bad}})
    except ValidationError:
        return None


def report_rules(doc: Document, rep: Report, cat: Catalogue) -> Iterable[Diagnostic]:
    if not cat.first_year <= rep.year <= cat.last_year:
        yield doc.diagnostic(
            ("year",),
            "year-range",
            f"year {rep.year} is outside {cat.first_year}–{cat.last_year} "
            f"(baseline year to five years past the target year)",
        )
    region = rep.region_in(cat)
    if region is None:
        yield doc.diagnostic(
            ("region",),
            "unknown-region",
            f"unknown region '{rep.region_key(cat)}'{suggest(rep.region_key(cat), cat.regions_by_key)}; "
            f"known: {', '.join(f'{r.code} {r.name}' for r in cat.regions)}",
        )
    yield from _file_name_rules(doc, rep, region.code if region else None, cat)
    yield from advice.placeholder_source(doc, rep)
    if rep.provenance is Provenance.ILLUSTRATIVE:
        yield doc.diagnostic(
            ("provenance",), "illustrative", "figures are marked illustrative (made up)", severity="warning"
        )
    series = cat.series
    yield from unknown_series(doc, rep.values, cat)
    for key, entry in rep.values.items():
        loc = ("values", key)
        if key not in series or entry is None or entry.value is None:
            continue
        value_loc = loc if isinstance(doc.data["values"][key], int | float) else (*loc, "value")
        ind, comp = series[key]
        yield from _value_rules(doc, value_loc, key, entry.value, ind, comp)
    yield from _ratio_rules(doc, rep, cat)
    yield from text_rules(doc, (), doc.data)


def text_rules(doc: Document, loc: Path_, node: Any) -> Iterable[Diagnostic]:
    """A control character in any text of the report (a YAML escape such as \\e or \\a puts one
    there unseen): it would drive a terminal or break a workbook. Tab and newline are allowed."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from text_rules(doc, (*loc, key), value)
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from text_rules(doc, (*loc, k), value)
    elif isinstance(node, str) and (at := control_at(node, allow_lines=True)) is not None:
        yield doc.diagnostic(
            loc,
            "control-character",
            f"control character {printable(node[at], keep_lines=False)} in the text; remove it",
        )


MAX_UNKNOWN = 100  # unknown names reported one by one (each with a did-you-mean); then a count


def unknown_series(doc: Document, values: dict[Any, Any], cat: Catalogue) -> Iterable[Diagnostic]:
    """Value keys that name no indicator or component, each with a did-you-mean; past MAX_UNKNOWN,
    one line says how many more (a did-you-mean for each of 133,000 misspelt names took minutes)."""
    series = cat.series
    unknown = (key for key in values if key not in series)
    for count, key in enumerate(unknown, start=1):
        if count > MAX_UNKNOWN:
            more = 1 + sum(1 for _ in unknown)
            yield doc.diagnostic(
                ("values", key),
                "unknown-indicator",
                f"and {more:,} more unknown indicators from here on; is this a report?",
                key=True,
            )
            return
        known = advice.id_for_name(str(key), cat)
        hint = f"; use the id `{known}`" if known else suggest(str(key), series)
        yield doc.diagnostic(
            ("values", key), "unknown-indicator", f"unknown indicator '{key}'{hint}", key=True
        )


def _file_name_rules(doc: Document, rep: Report, code: str | None, cat: Catalogue) -> Iterable[Diagnostic]:
    name, stem = doc.path.name, Path(doc.path.name).stem
    if not name.endswith(REPORT_SUFFIX):
        # an error, not a warning: a script that globs reports/*.yaml would skip this report
        yield doc.diagnostic(
            (),
            "file-name",
            f"report files end in {REPORT_SUFFIX}; rename {name} to {stem}{REPORT_SUFFIX}",
        )
    # No name is suggested for an unknown region: it may be anything, `../x` included.
    expected = f"; expected {report_file_name(rep.year, code, cat)}" if code else ""
    parts = report_name(name)
    if parts is None and re.match(r"\d{4}", stem) and not stem[:4].isascii():
        # ٢٠٢٠.yaml: a year in other digits is not found by import, which would write 2020.yaml beside it
        yield doc.diagnostic(
            (), "file-name", f"the year in the file name {name} must be written in ASCII digits 0-9{expected}"
        )
        return
    if parts is None:
        yield doc.diagnostic(
            (),
            "file-name",
            f"report files are named <year>.yaml or <year>-<region>.yaml{expected}",
            severity="warning",
        )
        return
    year, region_part = parts
    if year != rep.year:
        yield doc.diagnostic(
            ("year",), "file-name", f"file name says {year} but the report is for {rep.year}"
        )
    named = cat.regions_by_key.get(region_part) if region_part else cat.home_region
    if code is not None and (named is None or named.code != code):
        yield doc.diagnostic(
            ("region",),
            "file-name",
            f"file name says region '{region_part or cat.home_region.code}' "
            f"but the report is for {code}{expected}",
        )


def _value_rules(
    doc: Document, loc: Path_, key: str, value: float, ind: Indicator, comp: Any
) -> Iterable[Diagnostic]:
    unit = comp.unit if comp is not None else ind.unit
    refusal = series_refusal(key, ind, comp) or figure_refusal(key, value, unit)
    if refusal is not None:
        yield doc.diagnostic(loc, refusal.code, refusal.message)


def _ratio_rules(doc: Document, rep: Report, cat: Catalogue) -> Iterable[Diagnostic]:
    figures = rep.figures()
    for ind, num, den in cat.ratios:
        if num.id not in figures or den.id not in figures:
            continue
        if figures[den.id] == 0:
            yield doc.diagnostic(
                ("values", den.id), "zero-denominator", f"'{den.id}' is 0; {ind.id} cannot be computed"
            )
            continue
        computed = ratio_percent(figures[num.id], figures[den.id])
        if computed is None:
            yield doc.diagnostic(
                ("values", den.id),
                "range",
                f"{num.id} ÷ {den.id} × 100 is past ±1e15, no real figure: "
                f"is '{den.id}' ({figures[den.id]:g}) in the right unit?",
            )
            continue
        out_of_range = list(advice.ratio_out_of_range(doc, ind, num.id, den.id, figures))
        yield from out_of_range
        if (
            ind.id in figures
            and not out_of_range
            and not math.isclose(figures[ind.id], computed, abs_tol=ratio_tolerance(figures[ind.id]))
        ):
            yield doc.diagnostic(
                ("values", ind.id),
                "ratio-mismatch",
                f"'{ind.id}' is given as {figures[ind.id]} but {num.id} ÷ {den.id} × 100 = {computed:.4g}",
            )

"""`dehong template`: the sheet a department fills in for a year, ready for `dehong import`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dehong_cli.cli.options import DataDirOpt, RegionOpt
from dehong_cli.render.terminal import say


class TemplateFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


def template(
    year: Annotated[int, typer.Option("--year", help="The year the figures are for.")],
    out: Annotated[Path, typer.Option("--out", "--output", "-o", help="The file to write.")],
    dept: Annotated[
        str | None, typer.Option("--dept", help="Only the goals this department leads (name or part of it).")
    ] = None,
    region: RegionOpt = None,
    format_: Annotated[TemplateFormat, typer.Option("--format", help="xlsx or csv.")] = TemplateFormat.xlsx,
    data_dir_: DataDirOpt = None,
) -> None:
    """Write the fill-in sheet: one row per figure a department owes, with its unit and last year's figure."""
    from dehong_cli.cli.inputs import catalogue, reports
    from dehong_cli.files.paths import data_dir, write_output
    from dehong_cli.importer.template import build_template
    from dehong_cli.model.lookup import check_year, find_region
    from dehong_cli.render.template_xlsx import TEMPLATE_FORMATS

    cat = catalogue(data_dir_)
    check_year(cat, year)
    where = find_region(cat, region)
    sheet = build_template(cat, reports(data_dir_, cat), year, where.code, dept)
    write_output(out, TEMPLATE_FORMATS[format_.value](sheet), data_dir(data_dir_))
    say(f"wrote {len(sheet.rows)} row(s) to fill in to {out}")

"""What most commands read first: the catalogue and the reports of the data folder.

Imported by the commands when they run, never at start-up: loading means pydantic and YAML.
"""

from pathlib import Path

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.valid_reports import load_reports, region_and_below
from dehong_cli.files.paths import catalogue_path, data_dir
from dehong_cli.model.catalogue import Catalogue, Region
from dehong_cli.model.report import Report


def catalogue(explicit_dir: Path | None) -> Catalogue:
    """The catalogue of --data-dir (or its default); refused with every problem if invalid."""
    return load_catalogue(catalogue_path(explicit_dir))


def reports(explicit_dir: Path | None, cat: Catalogue, region: Region | None = None) -> list[Report]:
    """Every report of the data folder, or with `region` only the files its status needs: those of
    its parent (or of itself, at the top) and of every region below that (a county's share is of
    its parent's total, itself a roll-up). Refused all together if any file read is invalid;
    `dehong validate` checks the whole folder."""
    if region is None:
        return load_reports(data_dir(explicit_dir), cat)
    top = region.parent if region.parent in cat.regions_by_key else region.code
    return load_reports(data_dir(explicit_dir), cat, region_and_below(cat, top or region.code))

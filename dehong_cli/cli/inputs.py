"""What most commands read first: the catalogue and the reports of the data folder.

Imported by the commands when they run, never at start-up: loading means pydantic and YAML.
"""

from pathlib import Path

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.valid_reports import load_reports
from dehong_cli.files.paths import catalogue_path, data_dir
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.report import Report


def catalogue(explicit_dir: Path | None) -> Catalogue:
    """The catalogue of --data-dir (or its default); refused with every problem if invalid."""
    return load_catalogue(catalogue_path(explicit_dir))


def reports(explicit_dir: Path | None, cat: Catalogue) -> list[Report]:
    """Every report of the data folder; refused all together if any is invalid."""
    return load_reports(data_dir(explicit_dir), cat)

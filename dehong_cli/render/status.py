"""`dehong status`: the renderers of an assessment, by `--format`."""

from __future__ import annotations

from collections.abc import Callable

from dehong_cli.assess.results import Assessment
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.render.status_data import status_csv, status_json
from dehong_cli.render.status_table import status_markdown, status_table
from dehong_cli.render.terminal import Style

STATUS_FORMATS: dict[str, Callable[[Catalogue, Assessment, str, Style], str]] = {
    "table": status_table,
    "json": status_json,
    "csv": status_csv,
    "markdown": status_markdown,
}

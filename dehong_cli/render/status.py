"""`dehong status`: the renderers of an assessment, by `--format`.

STATUS_FORMATS are text, printed or written with --out. STATUS_FILES are files that cannot go to a
terminal (a workbook): they need --out, and they render the annual report's view-model, so the
Excel 进展情况表 of `status` and of `report` are one implementation. FOR_EXCEL holds the variants
`--excel` picks: the same table, made for Excel on Chinese Windows (a BOM, CRLF).
"""

from __future__ import annotations

from collections.abc import Callable

from dehong_cli.assess.annual import ReportData
from dehong_cli.assess.results import Assessment
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.render.status_data import status_csv, status_csv_excel, status_json
from dehong_cli.render.status_table import status_markdown, status_table
from dehong_cli.render.terminal import Style

StatusRenderer = Callable[[Catalogue, Assessment, str, Style], str]

STATUS_FORMATS: dict[str, StatusRenderer] = {
    "table": status_table,
    "json": status_json,
    "csv": status_csv,
    "markdown": status_markdown,
}


def _xlsx(data: ReportData, lang: str) -> bytes:
    from dehong_cli.render.report_xlsx import render_xlsx

    return render_xlsx(data, lang)


STATUS_FILES: dict[str, Callable[[ReportData, str], bytes]] = {"xlsx": _xlsx}

FOR_EXCEL: dict[str, StatusRenderer] = {"csv": status_csv_excel}

__all__ = ["FOR_EXCEL", "STATUS_FILES", "STATUS_FORMATS", "StatusRenderer"]

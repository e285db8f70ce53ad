"""The formats of `dehong report`, by name: each a pure function from the report's view-model and a
language to the file's text or bytes. Each renderer module is imported only when its format is
asked for, so Jinja2 and openpyxl load only for the formats that need them."""

from __future__ import annotations

from collections.abc import Callable

from dehong_cli.assess.annual import ReportData

Renderer = Callable[[ReportData, str], str | bytes]


def _html(data: ReportData, lang: str) -> str:
    from dehong_cli.render.report_html import render_html

    return render_html(data, lang)


def _markdown(data: ReportData, lang: str) -> str:
    from dehong_cli.render.report_markdown import render_markdown

    return render_markdown(data, lang)


def _xlsx(data: ReportData, lang: str) -> bytes:
    from dehong_cli.render.report_xlsx import render_xlsx

    return render_xlsx(data, lang)


def _csv(data: ReportData, lang: str) -> str:
    from dehong_cli.render.report_xlsx import render_excel_csv

    return render_excel_csv(data, lang)


REPORT_FORMATS: dict[str, Renderer] = {"html": _html, "markdown": _markdown, "xlsx": _xlsx, "csv": _csv}

__all__ = ["REPORT_FORMATS", "Renderer"]

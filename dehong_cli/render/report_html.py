"""The annual report as one self-contained HTML page: no network at all (no fonts, images, scripts
or stylesheets fetched), so it works e-mailed and offline, and prints on A4.

Jinja2 with autoescaping renders the page, so a figure's source or a department's name can never
become markup; the charts are SVG drawn by `charts` (escaped there) and passed in as markup.
Jinja2 is imported here, inside the renderer, so that no other command pays for it.
"""

from __future__ import annotations

from importlib import resources

from dehong_cli.assess.annual import ReportData
from dehong_cli.render import charts
from dehong_cli.render.report_view import context
from dehong_cli.render.report_words import Words


def _template_text(name: str) -> str:
    return resources.files("dehong_cli.render").joinpath("templates", name).read_text(encoding="utf-8")


def render_html(data: ReportData, lang: str) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup

    env = Environment(
        loader=PackageLoader("dehong_cli.render", "templates"),
        autoescape=select_autoescape(["html", "html.j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    ctx = context(data, lang)
    w = Words(lang)
    summary = ctx["summary"]
    total = sum(n for _, n, _ in summary["rows"])
    sep = "，" if lang == "zh" else ", "
    summary_chart = charts.bar_chart(
        summary["rows"],
        title=w("summary_chart"),
        desc=w("summary_desc", parts=sep.join(f"{word} {n}" for word, n, _ in summary["rows"]), total=total),
    )
    goal_charts = {
        g["id"]: Markup(
            charts.line_chart(
                g["chart"].years,
                g["chart"].values,
                g["chart"].pace,
                g["chart"].target,
                title=g["chart_title"],
                desc=g["chart_desc"],
                labels=g["chart_labels"],
            )
        )
        for s in ctx["strands"]
        for g in s["goals"]
    }
    has_attainment = any(g["attainment"] for s in ctx["strands"] for g in s["goals"])
    return env.get_template("report.html.j2").render(
        **ctx,
        css=Markup(_template_text("report.css")),
        summary_chart=Markup(summary_chart),
        charts=goal_charts,
        has_attainment=has_attainment,
    )


__all__ = ["render_html"]

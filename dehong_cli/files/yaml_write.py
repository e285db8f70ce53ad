"""Writing reports as YAML: the same report always gives the same text.

Header fields first, then one value per line in catalogue order with the indicator's Chinese
name as a comment, so the same data gives the same bytes and a diff shows only what changed.
What is written is what `yaml_read` reads back: its rules, not PyYAML's, decide what to quote.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from dehong_cli.files.yaml_read import reads_as_text
from dehong_cli.model.catalogue import Accrual, Catalogue
from dehong_cli.model.report import Provenance, Report, ValueEntry

COMMENT_COLUMN = 47  # where end-of-line comments start (as in the shipped reports), when there is room
# The placeholder names the region's own statistics bureau, so it suits any plan's region.
TEMPLATE_SOURCE = "TODO: where the figures come from, e.g. {region}统计局《{year}年统计年鉴》"


class _Dumper(yaml.SafeDumper):
    """PyYAML's emitter decides when a string needs quotes, in block and in flow context."""


_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


def _represent_str(dumper: _Dumper, data: str) -> yaml.ScalarNode:
    # A line break inside a value would spread it over several lines; escape it instead.
    style = '"' if _BREAKS.search(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(data: Any, *, flow: bool, quote: bool = False) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        width=1 << 30,  # never fold a long source or note over two lines
        default_flow_style=flow,
        default_style='"' if quote else None,
        sort_keys=False,
    )


def scalar(text: str, *, flow: bool = False, quote: bool = False) -> str:
    """A string as YAML: plain when that reads back as the same string, else quoted."""
    # yaml_read's rules, not PyYAML's (1.5e3 is text to PyYAML): what is written is what it reads back
    if not quote and not reads_as_text(text):
        quote = True
    if flow:
        return _dump([text], flow=True, quote=quote)[1:-2]  # "[x]\n"
    return _dump([text], flow=False, quote=quote)[2:].rstrip("\n")  # "- x\n"


def number(value: int | float) -> str:
    """Plain decimals only (12, 0.85, 1e-05): what our loader reads back as the same number."""
    if isinstance(value, bool):  # pragma: no cover - the model refuses booleans
        raise TypeError("a yes/no value is not a figure")
    return str(value) if isinstance(value, int) else repr(float(value))


def _entry(entry: ValueEntry | None) -> str:
    if entry is None:
        return ""
    value = "null" if entry.value is None else number(entry.value)
    if entry.source is None and entry.note is None:
        return value if entry.value is not None else "{value: null}"
    parts = [f"value: {value}"]
    if entry.source is not None:
        parts.append(f"source: {scalar(entry.source, flow=True)}")
    if entry.note is not None:
        parts.append(f"note: {scalar(entry.note, flow=True)}")
    return "{" + ", ".join(parts) + "}"


_ACCRUAL_WORDS = {
    Accrual.LEVEL: "level: 当年值（存量或比重）",
    Accrual.ADDITIONS: "additions: 当年新增",
    Accrual.ANNUAL: "annual: 当年数额",
}


def comment(cat: Catalogue, key: str, *, detail: bool = False) -> str:
    """The Chinese name and unit; with detail (for templates) also how yearly values combine."""
    if key not in cat.series:
        return ""
    ind, comp = cat.series[key]
    if comp is not None:
        text = f"{comp.name} ({cat.series_unit(key) or 'no unit'})"
        return f"{text} · {comp.role.value} of {ind.id}" if detail else text
    if ind.accrual is Accrual.QUALITATIVE:
        return f"{ind.name} (qualitative: a note, no figure)"
    if ind.accrual is Accrual.GROWTH_VS:
        return f"{ind.name} (no figure: give {' and '.join(c.id for c in ind.components)})"
    added = ", added this year" if ind.accrual is Accrual.ADDITIONS else ""
    text = f"{ind.name} ({cat.series_unit(key) or 'no unit'}{added})"
    return f"{text} · {_ACCRUAL_WORDS.get(ind.accrual, ind.accrual.value)}" if detail else text


def _with_comment(line: str, note: str) -> str:
    if not note:
        return line
    note = note.replace("\n", " ")
    return f"{line.ljust(COMMENT_COLUMN)}# {note}" if len(line) < COMMENT_COLUMN - 1 else f"{line}  # {note}"


def emit(report: Report, cat: Catalogue, *, preamble: str = "", detail: bool = False) -> str:
    """The report as YAML text: the same report always gives the same text."""
    region = report.region_in(cat)
    lines = preamble.splitlines()
    lines += [
        f"year: {report.year}",
        _with_comment(f"region: {scalar(report.region_key(cat), quote=True)}", region.name if region else ""),
        f"provenance: {report.provenance.value}",
        f"source: {scalar(report.source)}",
    ]
    if report.note is not None:
        lines.append(f"note: {scalar(report.note)}")
    if not report.values:
        lines.append("values: {}")
    else:
        lines.append("values:")
        order = [k for k in cat.series if k in report.values]
        order += [k for k in report.values if k not in cat.series]
        for key in order:
            text = _entry(report.values[key])
            line = f"  {scalar(key)}:" + (f" {text}" if text else "")
            lines.append(_with_comment(line, comment(cat, key, detail=detail)))
    return "\n".join(lines) + "\n"


def leading_comments(text: str) -> str:
    """The comment block at the top of a file (a template's instructions, a $schema line): kept on rewrite."""
    kept: list[str] = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept)


def template(cat: Catalogue, year: int, region: str) -> str:
    """A report to fill in by hand: every series empty, with its name, unit and accrual."""
    home = cat.regions_by_key[region]
    report = Report.model_validate(
        {
            "year": year,
            "region": home.code,
            "provenance": Provenance.OFFICIAL.value,
            "source": TEMPLATE_SOURCE.format(region=home.name, year=year),
            "values": dict.fromkeys(cat.series),
        }
    )
    preamble = (
        f"# {year} report for {home.name} ({home.code}), written by `dehong new-report`.\n"
        "# Fill in the figures you have, in the unit named after each one; leave the others empty.\n"
        "# Percent: 0.8 means 0.8%. Replace the TODO in source; set provenance: estimate if the\n"
        "# figures are not official. Then run `dehong validate`."
    )
    return emit(report, cat, preamble=preamble, detail=True)

"""`dehong missing`: what each region still owes for a year, by region and by department."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dehong_cli.assess.missing import Missing, Owed
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.render.encode import JSON_VERSION, md, to_json
from dehong_cli.render.terminal import Style
from dehong_cli.render.vocabulary import region_words, t


def _what(o: Owed, lang: str) -> str:
    series = ", ".join(o.series)
    return f"{o.indicator.display_name(lang)} ({series})"


def _by_region(m: Missing, lang: str) -> list[tuple[str, list[Owed]]]:
    return [(region_words(r, lang), [o for o in m.owed if o.region.code == r.code]) for r in m.regions]


def missing_text(cat: Catalogue, m: Missing, lang: str, style: Style) -> str:
    lines = [t(lang, f"Still to report for {m.year}", f"{m.year} 年尚未报送"), ""]
    lines.append(t(lang, "By region", "按地区"))
    for name, owed in _by_region(m, lang):
        lines.append(f"  {name}: " + (t(lang, "nothing", "无") if not owed else str(len(owed))))
        lines += [f"    - {_what(o, lang)} — {'、'.join(o.departments) or '—'}" for o in owed]
    lines += ["", t(lang, "By department (whom to chase)", "按责任部门（催报对象）")]
    for dept, owed in sorted(m.by_department().items()):
        lines.append(f"  {dept}: {len(owed)}")
        per_region: dict[str, list[str]] = {}
        for o in owed:
            per_region.setdefault(region_words(o.region, lang), []).append(o.indicator.id)
        lines += [f"    {where}: {', '.join(ids)}" for where, ids in per_region.items()]
    total = len(m.owed)
    lines += ["", t(lang, f"{total} goal(s) still to report", f"共 {total} 项待报")]
    return "\n".join(lines) + "\n"


def _owed_dict(o: Owed) -> dict[str, Any]:
    return {
        "region": o.region.code,
        "region_name": o.region.name,
        "indicator": o.indicator.id,
        "name": o.indicator.name,
        "series": list(o.series),
        "departments": list(o.departments),
    }


def missing_json(cat: Catalogue, m: Missing, lang: str, style: Style) -> str:
    return to_json(
        {
            "version": JSON_VERSION,
            "year": m.year,
            "regions": [r.code for r in m.regions],
            "missing": [_owed_dict(o) for o in m.owed],
            "by_department": {
                d: [f"{o.region.code}:{o.indicator.id}" for o in owed]
                for d, owed in sorted(m.by_department().items())
            },
        }
    )


def missing_markdown(cat: Catalogue, m: Missing, lang: str, style: Style) -> str:
    head = t(lang, "| region | goal | series | departments |", "| 地区 | 目标 | 序列 | 责任部门 |")
    lines = [
        f"**{t(lang, f'Still to report for {m.year}', f'{m.year} 年尚未报送')}**",
        "",
        head,
        "| --- | --- | --- | --- |",
    ]
    for o in m.owed:
        cells = [
            region_words(o.region, lang),
            o.indicator.display_name(lang),
            ", ".join(o.series),
            "、".join(o.departments),
        ]
        lines.append("| " + " | ".join(md(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


MISSING_FORMATS: dict[str, Callable[[Catalogue, Missing, str, Style], str]] = {
    "table": missing_text,
    "json": missing_json,
    "markdown": missing_markdown,
}

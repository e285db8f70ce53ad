"""The calculation behind a status, line by line, and the figures it used, for `dehong show`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from dehong_cli.assess.results import Figure, Progress, YearRecord
from dehong_cli.model.catalogue import Accrual, Catalogue, Direction
from dehong_cli.model.status import Status
from dehong_cli.render.formatting import fmt_number, pct, quantity, rate
from dehong_cli.render.vocabulary import period_words, span, t

LABELS: dict[str, tuple[str, str]] = {
    "baseline": ("baseline", "基期值"),
    "latest": ("latest", "最新值"),
    "target": ("target", "目标"),
    "actual": ("actual CAGR", "实际年均增速"),
    "required": ("required CAGR", "所需年均增速"),
    "achieved": ("achieved", "累计完成"),
    "expected": ("expected", "均衡进度应达"),
    "R": ("R", "R"),
    "gap": ("gap", "差距"),
    "progress": ("progress", "进度"),
    "attainment": ("attainment", "完成率"),
    "actual change": ("actual change", "实际年均增量"),
    "required change": ("required change", "所需年均增量"),
}


def label(word: str, lang: str) -> str:
    """A label of the calculation, padded to 16 display columns so the values line up."""
    from rich.cells import cell_len

    text = LABELS[word][0 if lang == "en" else 1] if word in LABELS else word
    return text + " " * max(16 - cell_len(text), 1)


def calculation(p: Progress, cat: Catalogue, lang: str) -> list[str]:
    """Baseline, latest, target, the rates or sums, R, each year's verdict, gap and progress."""
    ind = p.indicator
    lines: list[str] = []
    if p.status is Status.NOT_BINDING:  # a county's part of a prefecture-wide goal: never scored
        if p.latest is not None:
            lines.append(f"latest          {quantity(p.latest.value, ind, lang)} ({p.latest.year})")
        if p.share is not None:
            lines.append(
                f"share           {p.share:.1f}% of the parent region's figure (not scored on its own)"
            )
        return lines
    if p.baseline is not None:
        lines.append(f"{label('baseline', lang)}{quantity(p.baseline.value, ind, lang)} ({p.baseline.year})")
    if p.latest is not None and ind.accrual is Accrual.LEVEL:
        lines.append(f"{label('latest', lang)}{quantity(p.latest.value, ind, lang)} ({p.latest.year})")
    if ind.target is not None:
        goal = f"{ind.comparator} {quantity(ind.target, ind, lang)}"
        lines.append(f"{label('target', lang)}{goal} {period_words(ind, cat.plan, lang)}")
    lines += _rates(p, cat, lang) + _sums(p, cat, lang)
    if p.ratio is not None:
        how = (
            t(lang, "actual ÷ required CAGR", "实际 ÷ 所需年均增速")
            if ind.accrual is Accrual.LEVEL
            else t(lang, "achieved ÷ expected", "累计完成 ÷ 均衡进度应达")
        )
        if p.actual_change is not None:
            how = t(lang, "actual ÷ required change a year (linear pace)", "实际 ÷ 所需年均增量（线性进度）")
        lines.append(f"{label('R', lang)}{p.ratio:.3f} = {how}")
    lines += [_year_line(p, r, lang) for r in p.years]
    if p.gap is not None:
        lines.append(f"{label('gap', lang)}{quantity(p.gap, ind, lang, gap=True)}")
    if p.progress is not None:
        lines.append(f"{label('progress', lang)}{pct(p.progress, 1)} {_share_words(p, lang)}")
    if p.attainment is not None:
        lines.append(f"{label('attainment', lang)}{pct(p.attainment, 1)} = {_attainment_words(p, lang)}")
    return lines


def _attainment_words(p: Progress, lang: str) -> str:
    """How 完成率 was computed: actual ÷ target, turned over when lower is better."""
    lower = p.indicator.direction is Direction.LOWER
    match p.indicator.accrual:
        case Accrual.LEVEL:
            latest, target = t(lang, "latest", "最新值"), t(lang, "target", "目标值")
            return f"{target} ÷ {latest}" if lower else f"{latest} ÷ {target}"
        case Accrual.ADDITIONS:
            total, target = t(lang, "sum", "累计新增"), t(lang, "target", "目标值")
            return f"{target} ÷ {total}" if lower else f"{total} ÷ {target}"
        case Accrual.ANNUAL:
            total = t(lang, "the reported years' total", "已报送年份的合计")
            required = t(lang, "the amount required in those years", "这些年份应达的合计")
            return f"{required} ÷ {total}" if lower else f"{total} ÷ {required}"
        case Accrual.GROWTH_VS | Accrual.QUALITATIVE:
            return ""  # never computed: a growth comparison and a qualitative goal have no target amount
        case _:
            assert_never(p.indicator.accrual)


def _rates(p: Progress, cat: Catalogue, lang: str) -> list[str]:
    """level: the actual and required compound growth rates (or changes a year), with their formulas."""
    ind, lines = p.indicator, []
    if p.actual_cagr is not None and p.baseline and p.latest:
        n = p.latest.year - p.baseline.year
        lines.append(
            f"{label('actual', lang)}{rate(p.actual_cagr)}{t(lang, '/yr', '/年')} = "
            f"({fmt_number(p.latest.value, 4)} / "
            f"{fmt_number(p.baseline.value, 4)})^(1/{n}) − 1"
        )
    if p.required_cagr is not None and p.baseline and ind.target is not None:
        n = cat.plan.target_year - p.baseline.year
        lines.append(
            f"{label('required', lang)}{rate(p.required_cagr)}{t(lang, '/yr', '/年')} = "
            f"({fmt_number(ind.target, 4)} / "
            f"{fmt_number(p.baseline.value, 4)})^(1/{n}) − 1"
        )
    if p.actual_change is not None and p.baseline and p.latest:
        n = p.latest.year - p.baseline.year
        lines.append(
            f"{label('actual change', lang)}{p.actual_change:+,.4g}{t(lang, '/yr', '/年')} = "
            f"({fmt_number(p.latest.value, 4)} − "
            f"{fmt_number(p.baseline.value, 4)}) / {n}"
        )
    if p.required_change is not None and p.baseline and ind.target is not None:
        n = cat.plan.target_year - p.baseline.year
        lines.append(
            f"{label('required change', lang)}{p.required_change:+,.4g}{t(lang, '/yr', '/年')} = "
            f"({fmt_number(ind.target, 4)} − "
            f"{fmt_number(p.baseline.value, 4)}) / {n}"
        )
    return lines


def _sums(p: Progress, cat: Catalogue, lang: str) -> list[str]:
    """additions: the sum so far and what an even pace expects by the as-of year."""
    ind, plan, lines = p.indicator, cat.plan, []
    if p.achieved is not None:
        added = " + ".join(fmt_number(f.value) for f in p.figures)
        lines.append(f"{label('achieved', lang)}{fmt_number(p.achieved)} = {added}")
    judged = p.judged_as_of
    if p.expected is not None and ind.target is not None and judged is not None:
        done = min(judged, plan.target_year) - plan.baseline_year
        span = plan.target_year - plan.baseline_year
        lines.append(
            f"{label('expected', lang)}{fmt_number(p.expected)} = {fmt_number(ind.target)} × {done}/{span}"
        )
    return lines


def _year_line(p: Progress, r: YearRecord, lang: str) -> str:
    verdict = {
        True: t(lang, "met", "达到"),
        False: t(lang, "MISSED", "未达到"),
        None: t(lang, "not reported", "未报送"),
    }[r.met]
    if p.indicator.accrual is Accrual.GROWTH_VS:
        growths = (
            f"{r.subject_growth:+.2f}% {t(lang, 'vs', '对')} {r.companion_growth:+.2f}%"
            if r.subject_growth is not None and r.companion_growth is not None
            else t(lang, "growth not computable", "增幅无法计算")
        )
        return f"{label(str(r.year), lang)}{growths}: {verdict}"
    return f"{label(str(r.year), lang)}{quantity(r.value, p.indicator, lang)}: {verdict}"


def _share_words(p: Progress, lang: str) -> str:
    match p.indicator.accrual:
        case Accrual.LEVEL:
            return t(lang, "of the way from baseline to target", "（从基期值到目标值已走的比例）")
        case Accrual.ADDITIONS:
            return t(lang, "of the target", "（占目标的比例）")
        case Accrual.ANNUAL | Accrual.GROWTH_VS | Accrual.QUALITATIVE:
            return t(lang, "of the period's years met", "（规划期内达到的年份比例）")
        case _:
            assert_never(p.indicator.accrual)


PROVENANCE_ZH = {"official": "官方", "estimate": "估计", "illustrative": "示例"}


def figures_lines(figures: Sequence[Figure], lang: str = "en") -> list[str]:
    """Each series' figures on one line, then each source once, with its provenance."""
    by_series: dict[str, list[Figure]] = {}
    sources: dict[tuple[str, str], list[int]] = {}
    for f in figures:
        by_series.setdefault(f.series, []).append(f)
        sources.setdefault((f.provenance.value, f.source), []).append(f.year)
    lines = []
    for series, figs in by_series.items():
        values = " · ".join(f"{f.year} = {fmt_number(f.value, 4)}" for f in figs)
        how = figs[0].computed_from
        computed = f" (= {how[0]} ÷ {how[1]} × 100)" if len(how) == 2 else ""
        lines.append(f"  {series}{computed}: {values}")
    for (provenance, source), years in sources.items():
        years_used = sorted(set(years))
        kind = provenance if lang == "en" else PROVENANCE_ZH.get(provenance, provenance)
        lines.append(f"  [{kind}] {span(years_used[0], years_used[-1])}: {source}")
    return lines

"""The calculation behind a status, line by line, and the figures it used, for `dehong show`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_never

from dehong_cli.assess.results import Figure, Progress, YearRecord
from dehong_cli.model.catalogue import Accrual, Catalogue, Direction
from dehong_cli.model.status import Status
from dehong_cli.render.formatting import fmt_number, pct, quantity, rate
from dehong_cli.render.vocabulary import period_words


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
        lines.append(f"baseline        {quantity(p.baseline.value, ind, lang)} ({p.baseline.year})")
    if p.latest is not None and ind.accrual is Accrual.LEVEL:
        lines.append(f"latest          {quantity(p.latest.value, ind, lang)} ({p.latest.year})")
    if ind.target is not None:
        goal = f"{ind.comparator} {quantity(ind.target, ind, lang)}"
        lines.append(f"target          {goal} {period_words(ind, cat.plan)}")
    lines += _rates(p, cat) + _sums(p, cat)
    if p.ratio is not None:
        how = "actual ÷ required CAGR" if ind.accrual is Accrual.LEVEL else "achieved ÷ expected"
        if p.actual_change is not None:
            how = "actual ÷ required change a year (linear pace)"
        lines.append(f"R               {p.ratio:.3f} = {how}")
    lines += [_year_line(p, r, lang) for r in p.years]
    if p.gap is not None:
        lines.append(f"gap             {quantity(p.gap, ind, lang, gap=True)}")
    if p.progress is not None:
        lines.append(f"progress        {pct(p.progress, 1)} {_share_words(p)}")
    if p.attainment is not None:
        label = "完成率          " if lang == "zh" else "attainment      "  # 完成率 is six cells wide
        lines.append(f"{label}{pct(p.attainment, 1)} = {_attainment_words(p)}")
    return lines


def _attainment_words(p: Progress) -> str:
    """How 完成率 was computed: actual ÷ target, turned over when lower is better."""
    lower = p.indicator.direction is Direction.LOWER
    match p.indicator.accrual:
        case Accrual.LEVEL:
            return "target ÷ latest" if lower else "latest ÷ target"
        case Accrual.ADDITIONS:
            return "target ÷ sum" if lower else "sum ÷ target"
        case Accrual.ANNUAL:
            total = "the reported years' total"
            required = "the amount required in those years"
            return f"{required} ÷ {total}" if lower else f"{total} ÷ {required}"
        case Accrual.GROWTH_VS | Accrual.QUALITATIVE:
            return ""  # never computed: a growth comparison and a qualitative goal have no target amount
        case _:
            assert_never(p.indicator.accrual)


def _rates(p: Progress, cat: Catalogue) -> list[str]:
    """level: the actual and required compound growth rates (or changes a year), with their formulas."""
    ind, lines = p.indicator, []
    if p.actual_cagr is not None and p.baseline and p.latest:
        n = p.latest.year - p.baseline.year
        lines.append(
            f"actual CAGR     {rate(p.actual_cagr)}/yr = ({fmt_number(p.latest.value, 4)} / "
            f"{fmt_number(p.baseline.value, 4)})^(1/{n}) − 1"
        )
    if p.required_cagr is not None and p.baseline and ind.target is not None:
        n = cat.plan.target_year - p.baseline.year
        lines.append(
            f"required CAGR   {rate(p.required_cagr)}/yr = ({fmt_number(ind.target, 4)} / "
            f"{fmt_number(p.baseline.value, 4)})^(1/{n}) − 1"
        )
    if p.actual_change is not None and p.baseline and p.latest:
        n = p.latest.year - p.baseline.year
        lines.append(
            f"actual change   {p.actual_change:+,.4g}/yr = ({fmt_number(p.latest.value, 4)} − "
            f"{fmt_number(p.baseline.value, 4)}) / {n}"
        )
    if p.required_change is not None and p.baseline and ind.target is not None:
        n = cat.plan.target_year - p.baseline.year
        lines.append(
            f"required change {p.required_change:+,.4g}/yr = ({fmt_number(ind.target, 4)} − "
            f"{fmt_number(p.baseline.value, 4)}) / {n}"
        )
    return lines


def _sums(p: Progress, cat: Catalogue) -> list[str]:
    """additions: the sum so far and what an even pace expects by the as-of year."""
    ind, plan, lines = p.indicator, cat.plan, []
    if p.achieved is not None:
        added = " + ".join(fmt_number(f.value) for f in p.figures)
        lines.append(f"achieved        {fmt_number(p.achieved)} = {added}")
    judged = p.judged_as_of
    if p.expected is not None and ind.target is not None and judged is not None:
        done = min(judged, plan.target_year) - plan.baseline_year
        span = plan.target_year - plan.baseline_year
        lines.append(f"expected        {fmt_number(p.expected)} = {fmt_number(ind.target)} × {done}/{span}")
    return lines


def _year_line(p: Progress, r: YearRecord, lang: str) -> str:
    verdict = {True: "met", False: "MISSED", None: "not reported"}[r.met]
    if p.indicator.accrual is Accrual.GROWTH_VS:
        growths = (
            f"{r.subject_growth:+.2f}% vs {r.companion_growth:+.2f}%"
            if r.subject_growth is not None and r.companion_growth is not None
            else "growth not computable"
        )
        return f"{r.year}            {growths}: {verdict}"
    return f"{r.year}            {quantity(r.value, p.indicator, lang)}: {verdict}"


def _share_words(p: Progress) -> str:
    match p.indicator.accrual:
        case Accrual.LEVEL:
            return "of the way from baseline to target"
        case Accrual.ADDITIONS:
            return "of the target"
        case Accrual.ANNUAL | Accrual.GROWTH_VS | Accrual.QUALITATIVE:
            return "of the period's years met"
        case _:
            assert_never(p.indicator.accrual)


def figures_lines(figures: Sequence[Figure]) -> list[str]:
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
        span = sorted(set(years))
        lines.append(f"  [{provenance}] {span[0]}–{span[-1]}: {source}")
    return lines

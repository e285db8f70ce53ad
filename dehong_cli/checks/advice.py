"""Rules that say what to write instead: a name where an id belongs, a number written as text,
a placeholder left in a report, a ratio whose components are in the wrong unit.

Kept apart from the core rules so that each says, in its message, the fix a person can type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from dehong_cli.model.lookup import fold, name_key
from dehong_cli.model.units import MEASURE_WORDS, Unit

if TYPE_CHECKING:
    from dehong_cli.files.yaml_read import Document
    from dehong_cli.model.catalogue import Catalogue, Indicator
    from dehong_cli.model.diagnostic import Diagnostic
    from dehong_cli.model.report import Report

PLACEHOLDER = "TODO"  # what `dehong new-report` writes as the source, to be replaced
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def id_for_name(key: str, cat: Catalogue) -> str | None:
    """The id a Chinese or English name (or an alias) of a goal or of its series stands for."""
    wanted = name_key(key)
    for ind in cat.indicators:
        if wanted in {name_key(n) for n in (ind.name, ind.name_en, *ind.aliases)}:
            return ind.id
        for comp in ind.components:
            if wanted in {name_key(n) for n in (comp.name, comp.name_en, *comp.aliases)}:
                return comp.id
    return None


def number_in_text(raw: str) -> str | None:
    """The fix for a number written as text: `'44%'`: write 44; `'1,234'`: write 1234; `'12家'`: write 12."""
    text = fold(raw).strip().replace("，", ",")
    for suffix in ("%", *MEASURE_WORDS):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
            break
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if text != raw and _PLAIN.fullmatch(text):
        return f"'{raw}' is text, not a number; write {text}"
    return None


def placeholder_source(doc: Document, rep: Report) -> Iterable[Diagnostic]:
    """The source `dehong new-report` leaves, never replaced."""
    if rep.source.strip().startswith(PLACEHOLDER):
        yield doc.diagnostic(
            ("source",),
            "placeholder",
            "the source is still the placeholder new-report wrote; say where the figures come from",
            severity="warning",
        )


def ratio_out_of_range(
    doc: Document, ind: Indicator, num: str, den: str, figures: dict[str, float]
) -> Iterable[Diagnostic]:
    """A percentage computed from its components that no percentage can be: one of them is in the
    wrong unit (GDP in 元 against R&D in 万元)."""
    if ind.unit is not Unit.PERCENT or figures[den] == 0:
        return
    computed = figures[num] / figures[den] * 100
    if not 0 <= computed <= 100:
        yield doc.diagnostic(
            ("values", den),
            "ratio-range",
            f"{num} ÷ {den} × 100 = {computed:.4g}, outside 0–100 for {ind.id}: "
            f"{num} is {figures[num]:g} and {den} is {figures[den]:g}; is one of them in the wrong unit? "
            "(`dehong show` gives each one's unit)",
        )

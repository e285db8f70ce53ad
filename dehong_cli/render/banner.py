"""The warning shown whenever a figure on screen is not an official statistic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dehong_cli.model.report import Provenance
from dehong_cli.render.vocabulary import t

if TYPE_CHECKING:
    from rich.console import RenderableType


def banner_text(provenances: frozenset[Provenance], lang: str) -> str | None:
    """The warning's words, or None when every figure is official."""
    parts = []
    if Provenance.ILLUSTRATIVE in provenances:
        parts.append(
            t(
                lang,
                "ILLUSTRATIVE DATA: figures marked illustrative are MADE UP for demonstration. "
                "They are not statistics; do not cite them.",
                "示例数据：标为“示例”的数字是为演示而编造的，不是统计数据，请勿引用。",
            )
        )
    if Provenance.ESTIMATE in provenances:
        parts.append(
            t(
                lang,
                "ESTIMATES: some figures are estimates, not official statistics.",
                "估计数：部分数字为估计值，不是官方统计。",
            )
        )
    return " ".join(parts) or None


def banner(provenances: frozenset[Provenance], lang: str) -> RenderableType | None:
    """The warning as a bold red panel across the width."""
    from rich.panel import Panel
    from rich.text import Text

    text = banner_text(provenances, lang)
    if text is None:
        return None
    return Panel(Text(text, style="bold"), border_style="bold red", style="bold", expand=True)

"""Text from data in Markdown output only shows: no raw HTML, no link or image that a viewer fetches."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import Invoke

from dehong_cli.render.encode import md

HOSTILE = "<img src=http://evil/x.png><script>alert(1)</script> ![x](http://evil/y.png) a|b"


def test_md_escapes_what_a_renderer_would_act_on() -> None:
    out = md(HOSTILE + "\nnext")
    assert "<" not in out and ">" not in out
    assert "![x](" not in out and "\\[x\\]" in out
    assert "a\\|b" in out and "\n" not in out


def test_a_hostile_source_is_inert_in_the_markdown_report(cli: Invoke, data_dir: Path) -> None:
    report = data_dir / "reports" / "2019.yaml"
    doc = yaml.safe_load(report.read_text(encoding="utf-8"))
    doc["source"] = HOSTILE.replace("|", "/")
    report.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = cli("report", "--format", "markdown", "--data-dir", data_dir)
    assert result.exit_code == 0, result.stderr
    assert "evil" in result.stdout  # shown ...
    assert "<img" not in result.stdout and "<script" not in result.stdout  # ... never as HTML
    assert "![x](" not in result.stdout

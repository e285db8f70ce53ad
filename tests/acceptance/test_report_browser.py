"""The HTML report in a real browser: headless Chromium prints it to PDF on A4 with the network
closed; the PDF has a sensible number of pages and the Chinese text, no element is wider than the
page, and a screenshot of the first page is kept in the test's temporary folder.

Needs Debian's `chromium` and `fonts-noto-cjk` (`.ci/run` installs them); skipped without them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import Invoke

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found: install it with `apt-get install -y chromium fonts-noto-cjk` "
    "(as root; .ci/run does this)",
)

A4_CSS_PX = (794, 1123)  # 210 × 297 mm at 96 px per inch
CLOSED = [
    # no network: every host resolves to nothing and any proxy use goes nowhere
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
]

MEASURE = """<script>
document.addEventListener('DOMContentLoaded', () => {
  const limit = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > limit + 0.5)
    .map(e => e.tagName + '.' + e.className.baseVal + e.className);
  document.body.setAttribute('data-too-wide', JSON.stringify(wide));
  document.body.setAttribute('data-limit', String(limit));
});
</script>"""


def chinese(text: str) -> str:
    """Noto CJK's ToUnicode table maps some characters to radicals (⽬ for 目, ⻔ for 门); NFKC undoes the
    Kangxi ones, and the one radical of the supplement in our headings is mapped by hand."""
    return unicodedata.normalize("NFKC", text).replace("\u2ed4", "门")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *CLOSED,
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from dehong_cli.cli.app import app

    folder = tmp_path_factory.mktemp("browser")
    target = folder / "report.html"
    result = CliRunner().invoke(
        app, ["report", "--out", str(target)], env={"SOURCE_DATE_EPOCH": "1588291200", "NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    return target


def test_prints_to_a4_pdf_with_the_chinese_text(page: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "report.pdf"
    run = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.exists(), run.stderr[-2000:]
    reader = PdfReader(pdf)
    assert 8 <= len(reader.pages) <= 40  # a page for each strand and view, not hundreds
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    first = chinese(reader.pages[0].extract_text())
    assert "年度考核评估报告" in first
    assert "示例数据" in first  # the provenance warning is up front
    text = chinese("".join(p.extract_text() for p in reader.pages))
    for heading in ("总体情况", "科技投入", "逐年状态", "县市情况", "部门情况", "评估方法"):
        assert heading in text


def test_no_element_is_wider_than_the_page(page: Path, tmp_path: Path) -> None:
    probe = tmp_path / "probe.html"  # a copy: the shipped report itself has no script
    probe.write_text(page.read_text(encoding="utf-8").replace("</head>", MEASURE + "</head>"), "utf-8")
    run = chromium(tmp_path, f"--window-size={A4_CSS_PX[0]},{A4_CSS_PX[1]}", "--dump-dom", probe.as_uri())
    found = re.search(r'data-too-wide="([^"]*)"', run.stdout)
    assert found, run.stderr[-2000:]
    assert found[1].replace("&quot;", '"') == "[]"


def test_screenshot_of_the_first_page(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "first-page.png"
    run = chromium(
        tmp_path, f"--window-size={A4_CSS_PX[0]},{A4_CSS_PX[1]}", f"--screenshot={shot}", page.as_uri()
    )
    assert shot.exists(), run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # text and charts drawn, not a blank page


def test_cli_report_is_what_the_browser_gets(cli: Invoke, page: Path) -> None:
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_english_report_prints_too(tmp_path: Path) -> None:
    from pypdf import PdfReader
    from typer.testing import CliRunner

    from dehong_cli.cli.app import app

    html, pdf = tmp_path / "report-en.html", tmp_path / "report-en.pdf"
    env = {"SOURCE_DATE_EPOCH": "1588291200", "NO_COLOR": "1"}
    result = CliRunner().invoke(app, ["report", "--lang", "en", "--out", str(html)], env=env)
    assert result.exit_code == 0, result.output
    run = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri())
    assert pdf.exists(), run.stderr[-2000:]
    reader = PdfReader(pdf)
    assert 8 <= len(reader.pages) <= 45
    text = "".join(p.extract_text() for p in reader.pages)
    for heading in (
        "Annual assessment",
        "ILLUSTRATIVE DATA",
        "Summary",
        "Status year by year",
        "Departments",
    ):
        assert heading in text
    assert "target rebuilt from damaged text" in text  # 生产力促进中心's mark and note

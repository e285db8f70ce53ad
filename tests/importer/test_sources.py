"""Where a sheet comes from: its format, its encoding (UTF-8, GB18030, UTF-16), its delimiter."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehong_cli.errors import DataError, UsageError
from dehong_cli.importer.sources import detect_format
from dehong_cli.model.catalogue import Catalogue

from .sheets import figures, sheet_from

LONG = (
    "2019年德宏州科技创新主要指标\n"
    "单位：见各行\n"
    "指标,数值,单位,备注\n"
    "国家高新技术企业,12,家,\n"
    '科技型企业销售收入,"1,234.5",万元,含试验区\n'
)


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("gbk"),
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("utf-16"),
        lambda t: t.replace("\n", "\r\n").encode("gbk"),  # Excel on Windows
    ],
    ids=["utf-8", "utf-8-bom", "gbk", "gb18030", "utf-16", "gbk-crlf"],
)
def test_encodings_are_detected(cat: Catalogue, tmp_path: Path, encode: object) -> None:
    sheet = sheet_from(cat, tmp_path, "s.csv", encode(LONG), year=2019)  # type: ignore[operator]
    assert figures(sheet) == {
        (2019, "533100", "national_high_tech_enterprises"): 12,
        (2019, "533100", "tech_enterprise_sales"): 0.12345,
    }
    assert sheet.figures[1].note == "含试验区"


def test_the_title_rows_are_skipped_and_cells_named(cat: Catalogue, tmp_path: Path) -> None:
    sheet = sheet_from(cat, tmp_path, "s.csv", LONG.encode("gbk"), year=2019)
    assert sheet.figures[0].cell.label == "row 4, column 数值"
    assert (sheet.figures[0].cell.line, sheet.figures[0].cell.column) == (4, 2)


def test_neither_utf8_nor_gb18030(cat: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="neither UTF-8 nor GB18030"):
        sheet_from(cat, tmp_path, "s.csv", b"\x84\x31\xa4\x39\x84\x31\xa4\xff", year=2019)


def test_tab_separated(cat: Catalogue, tmp_path: Path) -> None:
    sheet = sheet_from(cat, tmp_path, "s.tsv", "指标\t数值\n国家高新技术企业\t1,234\n", year=2019)
    assert figures(sheet) == {(2019, "533100", "national_high_tech_enterprises"): 1234}


def test_formats(tmp_path: Path) -> None:
    assert detect_format("a.CSV", None) == "csv"
    assert detect_format("-", "yaml") == "yaml"
    with pytest.raises(UsageError, match="--input-format"):
        detect_format("-", None)
    with pytest.raises(UsageError, match="--input-format"):
        detect_format("figures.dat", None)

"""Limits applied while reading a workbook: the zip's parts before inflating, rows, columns and cells
as they stream. The limits are made small here so that each test is a few rows, not a bomb (the
bombs themselves are cases of the sheet corpus, tests/acceptance/test_cli_sheet_corpus.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from corpus.sheet_cases import XSheet, small_rows, write_xlsx

from dehong_cli.errors import DataError
from dehong_cli.importer import limits, xlsx
from dehong_cli.importer.read import read_sheet
from dehong_cli.importer.types import Options
from dehong_cli.model.catalogue import Catalogue
from importer.sheets import figures, problems

ROWS = [["指标", "数值"], ["培养创客", 1200], ["企业孵化器", 24]]


def _book(path: Path, extra: bytes = b"", dimension: str | None = None) -> Path:
    def body() -> object:
        yield from small_rows(ROWS)
        if extra:
            yield extra

    write_xlsx(path, [XSheet("Sheet1", body, dimension=dimension)])  # type: ignore[arg-type]
    return path


def _refused(cat: Catalogue, path: Path) -> list[str]:
    with pytest.raises(DataError) as exc:
        read_sheet(cat, path, Options(year=2019))
    assert {d.code for d in exc.value.diagnostics} == {"too-large"}
    return problems(exc)


def test_a_part_over_the_limit_is_refused_before_it_is_inflated(cat: Catalogue, tmp_path: Path) -> None:
    path = _book(tmp_path / "a.xlsx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b" " * (limits.MAX_PART_BYTES + 1))
    assert _refused(cat, path) == [
        "1:1: its part xl/sharedStrings.xml inflates to 64 MiB; the limit is 64 MiB a part "
        "(a real sheet is a few hundred KB)"
    ]


def test_the_whole_workbook_has_a_limit(
    cat: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_INFLATED_BYTES", 2000)
    assert "the workbook inflates to" in _refused(cat, _book(tmp_path / "a.xlsx"))[0]


def test_not_a_zip(cat: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"PK\x03\x04 and then nothing")
    with pytest.raises(DataError) as exc:
        read_sheet(cat, path, Options(year=2019))
    assert exc.value.diagnostics[0].code == "xlsx"


def test_rows_are_counted_as_they_stream(
    cat: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx, "MAX_ROWS", 5)
    fine = _book(tmp_path / "fine.xlsx", b'<row r="5"><c r="A5"><v>1</v></c></row>')
    assert figures(read_sheet(cat, fine, Options(year=2019)))[(2019, "533100", "makers_trained")] == 1200
    # empty rows count too: <row/> elements past the limit, whatever <dimension> says
    empty = _book(tmp_path / "empty.xlsx", b"<row/>" * 3, dimension="A1:B3")
    assert _refused(cat, empty) == [
        "6:1: Sheet1!A6: the worksheet has over 5 rows; a sheet to import has a few dozen"
    ]
    far = _book(tmp_path / "far.xlsx", b'<row r="1048576"><c r="B1048576"><v>1</v></c></row>')
    assert _refused(cat, far)[0].startswith("1048576:2: Sheet1!B1048576: the worksheet has over 5 rows")


def test_a_cell_past_the_last_column(cat: Catalogue, tmp_path: Path) -> None:
    path = _book(tmp_path / "a.xlsx", b'<row r="4"><c r="IW4"><v>1</v></c></row>', dimension="A1:XFD4")
    assert _refused(cat, path) == [
        "4:257: Sheet1!IW4: a cell past column IV (256 columns); a sheet to import has a dozen"
    ]


def test_cells_are_counted(cat: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_CELLS", 5)
    assert _refused(cat, _book(tmp_path / "a.xlsx")) == [
        "3:2: Sheet1!B3: the worksheet has over 5 cells; a sheet to import has a few hundred"
    ]


def test_empty_rows_are_never_built(cat: Catalogue, tmp_path: Path) -> None:
    """A formatted but empty row far below the figures costs nothing: the grid stops at the last cell."""
    path = _book(tmp_path / "a.xlsx", b'<row r="40000" ht="20" customHeight="1"/>', dimension="A1:B40000")
    grid = xlsx.xlsx_grid(path.read_bytes(), str(path), None)
    assert len(grid.rows) == 3


def test_stdin_is_read_to_the_limit_and_one_byte(
    cat: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dehong_cli.importer.run import ImportRequest, run_import

    asked: list[int] = []

    def read(n: int) -> bytes:
        asked.append(n)
        return b"x" * n

    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    (data / "targets.yaml").write_bytes((Path(__file__).parents[2] / "data" / "targets.yaml").read_bytes())
    with pytest.raises(DataError) as exc:
        run_import(data, ImportRequest("-", year=2019, input_format="csv", source_text="s"), read)
    assert asked == [limits.MAX_SOURCE_BYTES + 1]
    assert exc.value.diagnostics[0].code == "too-large"

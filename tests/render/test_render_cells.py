"""render/cells.py: what our CSV and .xlsx writers put in a cell."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from dehong_cli.render.cells import append_row, neutralise, xlsx_value
from dehong_cli.render.encode import to_csv


def test_csv_neutralises_text_but_not_numbers() -> None:
    text = to_csv(["a", "b", "c"], [["=1+2", -5, "-5"], ["@x", 1.5, "note"]])
    assert text.splitlines() == ["a,b,c", "'=1+2,-5,-5", "'@x,1.5,note"]


def test_neutralise_leaves_non_text_alone() -> None:
    assert neutralise(-3) == -3
    assert neutralise(None) is None


def test_xlsx_value_escapes_what_a_workbook_cannot_hold() -> None:
    assert xlsx_value("bell\x07") == "bell\\u0007"
    assert xlsx_value("two\nlines\ttab") == "two\nlines\ttab"


def _cells(write_only: bool) -> list[tuple[object, str]]:
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("s") if write_only else book.active
    append_row(sheet, ["=1+2", "+cmd", -4, "plain", "\x01x"])
    buf = io.BytesIO()
    book.save(buf)
    row = next(load_workbook(io.BytesIO(buf.getvalue())).worksheets[-1].iter_rows())
    return [(c.value, c.data_type) for c in row]


def test_xlsx_rows_hold_text_never_a_formula() -> None:
    for write_only in (True, False):
        assert _cells(write_only) == [
            ("'=1+2", "s"),
            ("'+cmd", "s"),
            (-4, "n"),
            ("plain", "s"),
            ("\\u0001x", "s"),
        ]

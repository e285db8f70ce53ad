"""render/export.py and render/xlsx_stream.py: rows written as they come, the same content as whole."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from openpyxl import load_workbook

from dehong_cli.render import encode
from dehong_cli.render import export as exporter
from dehong_cli.render.cells import neutralise

COLUMNS = ("year", "region_name", "value", "source", "note")
TABLE: list[dict[str, Any]] = [
    {"year": 2019, "region_name": "芒市", "value": None, "source": "州统计局", "note": None},
    {"year": 2020, "region_name": "瑞丽市", "value": 12, "source": '含 "引号", 逗号', "note": "多行\n说明"},
    {"year": 2021, "region_name": " 空格 ", "value": 1e15, "source": '=HYPERLINK("x")', "note": "<&>"},
]


@pytest.mark.parametrize("rows", [TABLE, TABLE[:1], []], ids=["three", "one", "none"])
def test_json_written_row_by_row_is_the_whole_document(rows: list[dict[str, Any]]) -> None:
    buf = io.BytesIO()
    assert exporter.write_json(exporter.values(rows, COLUMNS), COLUMNS, buf) == len(rows)
    whole = {"version": encode.JSON_VERSION, "columns": list(COLUMNS), "rows": rows}
    assert buf.getvalue().decode("utf-8") == encode.to_json(whole)


def test_the_writers_take_a_generator_and_pull_it_row_by_row() -> None:
    pulled: list[int] = []

    def rows() -> Iterator[dict[str, Any]]:
        for i, row in enumerate(TABLE):
            pulled.append(i)
            yield row

    buf = io.BytesIO()
    assert exporter.write_csv(exporter.values(rows(), COLUMNS), COLUMNS, buf) == 3
    assert pulled == [0, 1, 2]
    assert buf.getvalue().decode("utf-8") == "\ufeff" + encode.to_csv(
        COLUMNS, ([r[c] for c in COLUMNS] for r in TABLE), lineterminator="\r\n"
    )


def test_xlsx_reads_back_with_numbers_as_numbers_and_text_never_a_formula() -> None:
    buf = io.BytesIO()
    assert exporter.write_xlsx(exporter.values(TABLE, COLUMNS), COLUMNS, buf) == 3
    book = load_workbook(io.BytesIO(buf.getvalue()))
    sheet = book["dehong"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == list(COLUMNS)
    assert cells[1:] == [[neutralise(r[c]) for c in COLUMNS] for r in TABLE]
    formula_text = sheet.cell(row=4, column=4)
    assert formula_text.data_type == "s"  # a string; Excel does not run it
    assert formula_text.value == '\'=HYPERLINK("x")'  # neutralised as in the CSV; import takes the ' off


def test_xlsx_of_no_rows_is_the_header() -> None:
    buf = io.BytesIO()
    assert exporter.write_xlsx([], COLUMNS, buf) == 0
    rows = list(load_workbook(io.BytesIO(buf.getvalue()))["dehong"].iter_rows(values_only=True))
    assert rows == [COLUMNS]


def test_xlsx_text_with_a_control_character_is_escaped_as_in_every_workbook() -> None:
    """The streaming writer applies render/cells.py's xlsx_value, as openpyxl's append_row does:
    a bell is written `\\u0007`, visible, rather than dropped or replaced."""
    buf = io.BytesIO()
    exporter.write_xlsx([["a\x07b", "+1+1"]], ("note", "source"), buf)
    rows = list(load_workbook(io.BytesIO(buf.getvalue()))["dehong"].iter_rows(values_only=True))
    assert rows[1] == ("a\\u0007b", "'+1+1")


def test_json_written_row_by_row_is_strict_as_the_whole() -> None:
    """NaN is not JSON: the row-by-row writer refuses it as encode.to_json does (a bug, never output)."""
    with pytest.raises(ValueError, match="JSON"):
        exporter.write_json([[float("nan")]], ("value",), io.BytesIO())

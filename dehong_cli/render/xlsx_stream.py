"""A one-sheet .xlsx written row by row: memory flat and about 20 times faster than openpyxl.

openpyxl's write-only workbook still builds a cell object for every value (212 s for a million
export rows); this writes the sheet's XML straight into the zip as rows come. Text is always an
inline string, never a formula, and neutralised as every cell we write is (render/cells.py): a
source written `=HYPERLINK(...)` is written `'=HYPERLINK(...)`, which the importer reads back.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, Any
from xml.sax.saxutils import escape

from dehong_cli.render.cells import xlsx_value

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TYPE = "application/vnd.openxmlformats-officedocument"

_CONTENT_TYPES = (
    f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.spreadsheetml.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.spreadsheetml.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_BOOK_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
)
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
# Characters XML 1.0 cannot carry (reports cannot hold them; a sheet's text might).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BATCH = 2000  # rows per write into the zip
_KEPT = 65536  # text cells whose XML is kept


def _text(value: str) -> str:
    text = escape(_NOT_XML.sub("\ufffd", xlsx_value(value)))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c t="inlineStr"><is><t{space}>{text}</t></is></c>'


class _Cells:
    """Each value as a cell. Cells carry no reference: each row gives every cell in order (an empty
    `<c/>` for None), which Excel and openpyxl read by position. Text cells recur (names, units,
    sources), so the XML of each is kept, up to a bound."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def cell(self, value: Any) -> str:
        if value is None:
            return "<c/>"
        if isinstance(value, bool):
            return f'<c t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int | float):
            return f"<c><v>{value!r}</v></c>"
        text = str(value)
        xml = self.texts.get(text)
        if xml is None:
            xml = _text(text)
            if len(self.texts) >= _KEPT:
                self.texts.clear()
            self.texts[text] = xml
        return xml

    def row(self, values: Iterable[Any]) -> str:
        return "<row>" + "".join(map(self.cell, values)) + "</row>"


def write_rows(sheet: str, header: Sequence[str], rows: Iterable[Sequence[Any]], fh: IO[bytes]) -> int:
    """A workbook of one sheet named `sheet`: the header, then the rows. Returns the rows written."""
    cells = _Cells()
    count = 0
    # level 1: three times as fast as the default for a file a fifth larger
    with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr(
            "xl/workbook.xml",
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        book.writestr("xl/styles.xml", _STYLES)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            batch = [cells.row(header)]
            for values in rows:
                count += 1
                batch.append(cells.row(values))
                if len(batch) >= _BATCH:
                    part.write("".join(batch).encode("utf-8"))
                    batch.clear()
            part.write(("".join(batch) + "</sheetData></worksheet>").encode("utf-8"))
    return count

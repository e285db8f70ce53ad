"""Rendering `dehong import`: the change table (text or JSON) and the one-line summary.

Pure functions from an `ImportResult` to text. The table goes to stdout; the summary,
a message for the person at the terminal, goes to stderr.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dehong_cli.importer.merge import ChangeKind
from dehong_cli.render.encode import JSON_VERSION, to_json
from dehong_cli.render.formatting import fmt_number
from dehong_cli.render.terminal import Style

if TYPE_CHECKING:
    from dehong_cli.importer.apply import ImportResult
    from dehong_cli.importer.merge import Change, FileUpdate
    from dehong_cli.importer.types import Cell
    from dehong_cli.model.catalogue import Catalogue

_MARK = {ChangeKind.ADDED: "+", ChangeKind.REPLACED: "~", ChangeKind.CONFLICT: "!", ChangeKind.UNCHANGED: " "}


def _value(value: int | float | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return fmt_number(value, digits=6).replace(",", "")


def _name(cat: Catalogue, field: str) -> str:
    if field == "provenance":
        return "(report header)"
    if field not in cat.series:
        return ""
    ind, comp = cat.series[field]
    return (comp or ind).name


def _title(update: FileUpdate) -> str:
    state = "new file" if update.created else "existing file"
    return f"{update.path} ({state}: {update.year}, region {update.region})"


def changes_text(result: ImportResult, cat: Catalogue, style: Style) -> str:
    """Per report file, one line per figure added, replaced or in conflict; unchanged ones counted.

    Plain columns, ASCII first and names last, so the Chinese names never upset the alignment.
    """
    lines: list[str] = []
    for update in result.files:
        shown = [c for c in update.changes if c.status is not ChangeKind.UNCHANGED]
        same = update.count(ChangeKind.UNCHANGED)
        if not shown:
            lines.append(f"{_title(update)}: nothing to change ({_n(same, 'figure')} already there)")
            continue
        lines.append(_title(update))
        width = max(len(c.field) for c in shown)
        moves = [f"{_value(c.stored)} → {_value(c.new)}" for c in shown]
        move_width = max(len(m) for m in moves)
        for change, move in zip(shown, moves, strict=True):
            where = f" ({change.cell.label})" if change.cell else ""
            where += f": {change.derivation}" if change.derivation else ""
            lines.append(
                f"  {_MARK[change.status]} {change.status.value:<9} {change.field:<{width}}  "
                f"{move:<{move_width}}  {_name(cat, change.field)}{where}"
            )
        if same:
            lines.append(f"  {_n(same, 'figure')} unchanged")
    blank = [s for s in result.sheet.skipped if s.series is not None]
    if blank:
        lines.append(f"skipped, no figure: {', '.join(f'{s.series} ({s.cell.label})' for s in blank)}")
    for s in result.sheet.skipped:
        if s.series is None:
            lines.append(f"skipped {s.cell.label}: {s.reason}")
    if result.sheet.ignored_columns:
        lines.append(f"ignored columns: {', '.join(result.sheet.ignored_columns)}")
    return "".join(f"{line}\n" for line in lines)


def _cell(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {"path": cell.path, "line": cell.line, "column": cell.column, "label": cell.label}


def _change(cat: Catalogue, change: Change) -> dict[str, Any]:
    return {
        "field": change.field,
        "name": _name(cat, change.field),
        "status": change.status.value,
        "stored": change.stored,
        "new": change.new,
        "cell": _cell(change.cell),
        "derivation": change.derivation,
    }


def changes_json(result: ImportResult, cat: Catalogue, style: Style) -> str:
    return to_json(
        {
            "version": JSON_VERSION,
            "outcome": result.outcome,
            "dry_run": result.dry_run,
            "written": [str(p) for p in result.written],
            "conflicts": result.conflicts,
            "files": [
                {
                    "path": str(u.path),
                    "year": u.year,
                    "region": u.region,
                    "created": u.created,
                    "changes": [_change(cat, c) for c in u.changes],
                }
                for u in result.files
            ],
            "skipped": [
                {"series": s.series, "reason": s.reason, "cell": _cell(s.cell)} for s in result.sheet.skipped
            ],
            "ignored_columns": list(result.sheet.ignored_columns),
        }
    )


IMPORT_FORMATS: dict[str, Callable[[ImportResult, Catalogue, Style], str]] = {
    "text": changes_text,
    "json": changes_json,
}


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def import_summary(result: ImportResult) -> str:
    """One line for stderr: what happened, and what to do about a refusal."""
    added = sum(u.count(ChangeKind.ADDED) for u in result.files)
    replaced = sum(u.count(ChangeKind.REPLACED) for u in result.files)
    same = sum(u.count(ChangeKind.UNCHANGED) for u in result.files)
    blank = sum(1 for s in result.sheet.skipped if s.series is not None)
    rows = len(result.sheet.skipped) - blank
    tail = f"; {_n(blank, 'blank cell')} skipped" if blank else ""
    tail += f"; {_n(rows, 'row')} without an indicator skipped" if rows else ""
    if result.removed_temp_files:
        tail += f"; removed {_n(len(result.removed_temp_files), 'leftover temporary file')}"
    if result.outcome == "conflicts":
        return (
            f"refused: {_n(result.conflicts, 'figure')} {'differs' if result.conflicts == 1 else 'differ'} "
            "from the stored ones (marked ! above); "
            "nothing was written. Check the sheet, or use --replace to overwrite the stored figures"
        )
    if result.outcome == "nothing_to_do":
        if not result.files:
            return f"nothing to do: the sheet holds no figures{tail}"
        where = ", ".join(str(u.path) for u in result.files)
        return (
            f"nothing to do: {where} already hold{'s' * (len(result.files) == 1)} {_n(same, 'figure')}{tail}"
        )
    counts = f"{added} added, {replaced} replaced, {same} unchanged"
    if result.outcome == "dry_run":
        targets = ", ".join(str(u.path) for u in result.files if u.changed)
        return f"dry run: would write {targets} ({counts}); nothing was written{tail}"
    return f"imported: {', '.join(str(p) for p in result.written)} ({counts}){tail}"

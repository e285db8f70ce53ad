"""`dehong validate`: diagnostics as text (`file:line:col`), JSON, or GitHub Actions annotations."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.text import printable
from dehong_cli.render.encode import JSON_VERSION, to_json
from dehong_cli.render.terminal import Style

if TYPE_CHECKING:
    from dehong_cli.checks.run import Result


def _location(d: Diagnostic) -> str:
    if d.line is None:
        return printable(d.path)
    return f"{printable(d.path)}:{d.line}:{d.column or 1}"


def validate_text(result: Result, style: Style) -> str:
    """One line per problem; text from data (a name, a cell quoted in a message) shown escaped."""
    lines = []
    for d in result.diagnostics:
        where = f" ({printable(d.field, keep_lines=False)})" if d.field else ""
        message = printable(d.message, keep_lines=False)
        lines.append(f"{_location(d)}: {d.severity}[{d.code}]: {message}{where}")
    return "\n".join(lines) + ("\n" if lines else "")


def validate_json(result: Result, style: Style) -> str:
    return to_json(
        {
            "version": JSON_VERSION,
            "valid": not result.errors,
            "files": result.files,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "diagnostics": [d.as_dict() for d in result.diagnostics],
        }
    )


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def validate_github(result: Result, style: Style) -> str:
    lines = []
    for d in result.diagnostics:
        props = [f"file={_gh_escape(d.path, prop=True)}"]
        if d.line is not None:
            props += [f"line={d.line}", f"col={d.column or 1}"]
        props.append(f"title={_gh_escape('dehong ' + d.code, prop=True)}")
        kind = "error" if d.severity == "error" else "warning"
        where = f" ({d.field})" if d.field else ""
        lines.append(f"::{kind} {','.join(props)}::{_gh_escape(printable(d.message + where))}")
    return "\n".join(lines) + ("\n" if lines else "")


VALIDATE_FORMATS: dict[str, Callable[[Result, Style], str]] = {
    "text": validate_text,
    "json": validate_json,
    "github": validate_github,
}


def validate_summary(result: Result, strict: bool, lang: str = "en") -> str:
    """The last line: `ok: 6 files valid (6 warnings)`, or how many errors and warnings in how many files."""
    errors, warnings, files = len(result.errors), len(result.warnings), result.files
    ok = not errors and not (strict and warnings)
    if lang == "zh":
        if ok:
            return f"通过：{files} 个文件有效" + (f"（{warnings} 个警告）" if warnings else "")
        return f"未通过：{files} 个文件中有 {errors} 个错误、{warnings} 个警告"
    in_files = f"{files} file{'s' * (files != 1)}"
    if ok:
        extra = f" ({warnings} warning{'s' * (warnings != 1)})" if warnings else ""
        return f"ok: {in_files} valid{extra}"
    counted = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    return f"invalid: {counted} in {in_files}"

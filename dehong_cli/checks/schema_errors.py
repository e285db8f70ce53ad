"""Pydantic's errors as diagnostics located at file, line and column, in an analyst's words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from dehong_cli.checks.advice import number_in_text
from dehong_cli.files.yaml_read import Document, is_number
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.lookup import fold


def pydantic_diagnostics(doc: Document, exc: ValidationError) -> list[Diagnostic]:
    out = []
    for err in exc.errors(include_input=False, include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            out.append(doc.diagnostic(loc, "unknown-field", f"unknown field '{loc[-1]}'", key=True))
        elif kind == "missing":
            out.append(doc.diagnostic(loc, "missing-field", f"required field '{loc[-1]}' is missing"))
        elif kind in ("value_type", "number_type") and (hint := _number_text_hint(value_at(doc.data, loc))):
            out.append(doc.diagnostic(loc, "number-format", hint))
        else:
            out.append(doc.diagnostic(loc, "schema", err["msg"], key=kind == "dict_type" and False))
    return out


_OCTAL_12 = re.compile(r"[-+]?0o[0-7]+")  # YAML 1.2's octal; PyYAML (1.1) reads it as text
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ]|$)")


def value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The loaded value at a pydantic location, or None."""
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _number_text_hint(raw: Any) -> str | None:
    """Why text where a number belongs is not a number, when it was plainly meant as one."""
    if not isinstance(raw, str):
        return None
    ascii_digits = fold(raw)
    if ascii_digits != raw and is_number(ascii_digits):
        return f"'{raw}' is written in full-width digits; write {ascii_digits}"
    if is_number(raw):
        return f"'{raw}' is quoted, which makes it text; write the number without quotes"
    if fix := number_in_text(raw):
        return fix
    if _OCTAL_12.fullmatch(raw):
        return f"'{raw}' is not a plain decimal number; write numbers like 12, 0.8 or 1.5e3"
    if _DATE.match(raw):
        return f"'{raw}' is a date, not a number"
    return None


def merge(first: list[Diagnostic], more: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Loader problems first; a later one at the same place says the same thing again."""
    seen = {(d.line, d.column) for d in first}
    return [*first, *(d for d in more if (d.line, d.column) not in seen)]

"""JSON as a sheet: numbers as exact decimals, and nothing taken silently — a key given twice in one
object, or NaN/Infinity (not JSON, though Python reads them), is an error at its line and column.

The fast C parser reads the file; only when it meets one of those is the text scanned again, to say where.
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from typing import Any

from dehong_cli.errors import DataError
from dehong_cli.model.diagnostic import Diagnostic


class _Refused(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Refused
    return result


def _constant(name: str) -> Any:
    raise _Refused


def loads(text: str, where: str) -> Any:
    """JSON text as data, numbers as exact decimals; DataError naming the line and column of a problem."""
    try:
        return json.loads(text, parse_float=Decimal, object_pairs_hook=_pairs, parse_constant=_constant)
    except _Refused:
        raise DataError([_locate(text, where)]) from None
    except json.JSONDecodeError as exc:
        raise DataError(
            [Diagnostic(where, exc.lineno, exc.colno, "json", f"invalid JSON: {exc.msg}")]
        ) from None
    except ValueError:  # Python reads no int of over 4300 digits
        digits = sys.get_int_max_str_digits()
        message = f"cannot read the JSON: a number has over {digits} digits"
        raise DataError([Diagnostic(where, 1, 1, "json", message)]) from None
    except RecursionError:
        raise DataError([Diagnostic(where, 1, 1, "json", "the JSON is nested too deep")]) from None


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]|-?Infinity|NaN')
_COLON = re.compile(r"\s*:")


def _locate(text: str, where: str) -> Diagnostic:
    """The first duplicate key or NaN/Infinity in `text` (which the C parser has read up to it)."""
    objects: list[set[str] | None] = []  # per open bracket: the keys of an object, None for a list
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "{[":
            objects.append(set() if token == "{" else None)
        elif token in "}]":
            if objects:
                objects.pop()
        elif not token.startswith('"'):
            return _at(text, where, match.start(), "json", f"{token} is not JSON (write a number, or null)")
        elif objects and objects[-1] is not None and _COLON.match(text, match.end()):
            key = json.loads(token)
            if key in objects[-1]:
                return _at(
                    text,
                    where,
                    match.start(),
                    "duplicate-key",
                    f"{token} is given twice in one object; which one is meant is unknown",
                )
            objects[-1].add(key)
    return Diagnostic(where, 1, 1, "json", "invalid JSON")  # pragma: no cover - the parser found one


def _at(text: str, where: str, offset: int, code: str, message: str) -> Diagnostic:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Diagnostic(where, line, column, code, message)


def plain_numbers(value: Any) -> Any:
    """A report-shaped file's decimals as the floats a report holds (0.8 stays 0.8, exactly as typed)."""
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else str(value)
    if isinstance(value, dict):
        return {k: plain_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_numbers(v) for v in value]
    return value

"""Loading YAML safely, with file positions.

This is the only module that parses YAML. It refuses what PyYAML would silently accept
(duplicate keys, anchors and aliases, YAML 1.1 spellings of numbers and booleans, tags)
and turns every failure into a `Diagnostic` carrying file, line and column.

Positions are expensive to keep, so a document is first built without them; they are
recomputed from the same text only when something has to be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from dehong_cli.errors import DataError
from dehong_cli.files.read import read_text
from dehong_cli.model.diagnostic import Diagnostic

MAX_DEPTH = 32  # the deepest real file has 4 levels
# A real report has a few hundred values (nodes); composing 1.3 million of them took 17 s and 740 MB.
MAX_NODES = 100_000
EAGER_POSITIONS = 100_000  # characters: a larger file has its positions found while it is parsed
_KEPT_TAGS = 4096  # plain scalars whose tags the loader remembers, at most (see _Loader)
_KEPT_LENGTH = 40  # longer plain text is not remembered: it seldom recurs

try:
    _SafeLoader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader


class _Loader(_SafeLoader):  # type: ignore[misc]
    """The safe loader, minus per-node work our subset never needs.

    libyaml calls back into Python for every node it composes: to resolve its tag and to
    track the path for path resolvers, which this loader does not support. The tag of a
    plain scalar depends on its text alone, and the same keys recur in every report, so the
    tags are remembered instead of matched against each resolver again. The memory is emptied
    when full, never frozen: a catalogue of thousands of regions would otherwise fill it with its
    own names and leave every report's keys to be matched again (27% slower a report at 2,850
    regions). Long text and numbers seldom recur, so they are not kept.
    """

    _tags: ClassVar[dict[str, str]] = {}
    _STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            return self._MAP if kind is yaml.MappingNode else self._SEQ
        if not implicit[0]:  # quoted, or written with a tag
            return self._STR
        tag = self._tags.get(value)
        if tag is None:
            tag = str(super().resolve(kind, value, implicit))
            if len(value) <= _KEPT_LENGTH and not value[:1].isdigit():
                if len(self._tags) >= _KEPT_TAGS:
                    self._tags.clear()
                self._tags[value] = tag
        return tag


# An anchor (&a), alias (*a) or tag (!t) starts a token, so it follows a space, a line break, a
# flow indicator or nothing; never a letter or digit: 'R&D' or '注意!' is plain text.
_NODE_PROPERTY = re.compile(r"(?<!\w)[&*!]")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_T = "tag:yaml.org,2002:"
# value and merge: YAML 1.1's readings of a plain `=` and `<<`; as values they are only text
# (a `<<` key, a merge, is refused).
_PLAIN_TAGS = frozenset(
    f"{_T}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "value", "merge")
)


def is_number(plain: str) -> bool:
    """Whether this plain scalar loads as a number: 12, -0.8, 1.5e3 are the only spellings read as one."""
    return _DECIMAL.fullmatch(plain) is not None


def reads_as_text(plain: str) -> bool:
    """Whether this plain scalar would load back as a string (not a number, null or yes/no)."""
    return not (is_number(plain) or plain in _NULLS or plain in _BOOLS)


Path_ = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


@dataclass(slots=True)
class Positions:
    """Where each value (and each mapping key) of a document starts."""

    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)

    def of(self, loc: Path_, *, key: bool = False) -> Position:
        """The position of `loc`, or of its nearest ancestor that exists."""
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))


@dataclass(slots=True)
class Document:
    path: Path
    text: str
    data: Any
    problems: list[Diagnostic] = field(default_factory=list)  # value-level; the data is still usable
    _positions: Positions | None = None

    @property
    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = Positions()
            _build(self.path, self.text, self._positions)
        return self._positions

    def diagnostic(
        self, loc: Path_, code: str, message: str, *, key: bool = False, severity: str = "error"
    ) -> Diagnostic:
        line, col = self.positions.of(tuple(loc), key=key)
        return Diagnostic(
            path=str(self.path),
            line=line,
            column=col,
            code=code,
            message=message,
            field=dotted(loc),
            severity=severity,
        )


def dotted(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load(path: Path) -> Document:
    """Read and parse one YAML file into plain Python data. Raises DataError."""
    text = read_text(path)
    return parse(text, path)


def parse(text: str, path: Path) -> Document:
    """Parse YAML text. Fatal problems raise DataError; value-level ones are kept in `problems`."""
    if not text.isascii():
        try:
            text.encode("utf-8")  # libyaml reads UTF-8; a lone surrogate cannot be encoded
        except UnicodeEncodeError as exc:
            line, col = _line_col(text, exc.start)
            message = "a lone surrogate (U+D800–U+DFFF) is not a character; save the text as UTF-8"
            raise DataError([Diagnostic(str(path), line, col, "encoding", message)]) from None
    problems: list[Diagnostic] = []
    # Positions are found again only when a diagnostic needs them (a valid file never does); a
    # large file gets them in the one pass, since composing it twice is what costs (10 s → 5 s).
    positions = Positions() if len(text) > EAGER_POSITIONS else None
    data = _build(path, text, positions, problems)
    return Document(path=path, text=text, data=data, problems=problems, _positions=positions)


def _build(
    path: Path, text: str, positions: Positions | None, problems: list[Diagnostic] | None = None
) -> Any:
    where = str(path)
    # cheap pre-checks: only then look in earnest
    if ("&" in text or "*" in text or "!" in text) and _NODE_PROPERTY.search(text):
        _refuse_anchors_and_tags(text, where)
    if problems is not None and len(text) > 2 * MAX_NODES:  # a node takes 2 characters at least ("0,")
        _refuse_too_many_nodes(text, where)
    loader = None
    try:
        loader = _Loader(text)  # the pure-Python reader checks every character here
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        line, col = _syntax_position(exc, text)
        message = _yaml_message(exc) + _tab_hint(text, line)
        # libyaml stops at 1000 levels; that is the same refusal as our own MAX_DEPTH
        code = "too-deep" if "maximum nesting depth" in (exc.problem or "") else "yaml-syntax"
        raise DataError([Diagnostic(where, line, col, code, message)]) from None
    except yaml.reader.ReaderError as exc:
        libyaml = not issubclass(_Loader, yaml.reader.Reader)
        raise DataError([_reader_diagnostic(where, text, exc, byte_offset=libyaml)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Diagnostic(where, 1, 1, "yaml-syntax", str(exc))]) from None
    except RecursionError:
        raise DataError([Diagnostic(where, 1, 1, "too-deep", "nesting is too deep to parse")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        return None
    builder = _Builder(where, positions)
    data = builder.build(node)
    if problems is not None:
        problems.extend(builder.problems)
    return data


def _refuse_too_many_nodes(text: str, where: str) -> None:
    """Count the nodes from the event stream, one event at a time, before a tree is composed:
    refused at MAX_NODES, where the node past the limit starts. Syntax errors are left to the
    composer, which places them."""
    nodes = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)
    count = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, nodes):
                count += 1
                if count > MAX_NODES:
                    line, col = _mark(event.start_mark)
                    message = f"more than {MAX_NODES:,} values (YAML nodes); a real report has a few hundred"
                    raise DataError([Diagnostic(where, line, col, "too-large", message)])
    except yaml.YAMLError:
        return


def _refuse_anchors_and_tags(text: str, where: str) -> None:
    """Refuse anchors, aliases and explicit tags (`!!str 12`) before anything is built.

    Only the event stream still says whether a tag was written or resolved from a plain value.
    """
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, col = _mark(event.start_mark)
                message = "anchors and aliases (&name, *name) are not allowed; write each value out"
                raise DataError([Diagnostic(where, line, col, "anchor", message)])
            tag = getattr(event, "tag", None)
            if tag is not None:
                line, col = _mark(event.start_mark)
                raise DataError([Diagnostic(where, line, col, "tag", _tag_message(tag))])
    except yaml.YAMLError:
        return  # the real parse reports syntax errors with their positions


def _tag_message(tag: str) -> str:
    if tag == f"{_T}merge":
        return "merge keys (<<) are not allowed; write each field out"
    return f"YAML tags are not allowed ({tag}); write a plain value, and quote it if it is text"


def _tab_hint(text: str, line: int) -> str:
    """libyaml says 'cannot start any token' for a tab; say what to do about it."""
    lines = _LINE_BREAK.split(text)
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return "; a tab cannot indent YAML: use spaces" if "\t" in indent else ""


def _reader_diagnostic(
    where: str, text: str, exc: yaml.reader.ReaderError, *, byte_offset: bool
) -> Diagnostic:
    """A character YAML forbids (control characters, U+FFFE...), at its line and column."""
    index = exc.position
    if byte_offset:  # libyaml counts bytes of the UTF-8 text, not characters
        index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
    char = exc.character if isinstance(exc.character, int) else ord(exc.character)
    line, col = _line_col(text, index)
    return Diagnostic(
        where, line, col, "yaml-syntax", f"character U+{char:04X} is not allowed in YAML; remove it"
    )


def _mark(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _syntax_position(exc: yaml.MarkedYAMLError, text: str) -> Position:
    """Where the parser failed, except where the place to fix is where it started: a quote or
    bracket left open (found only at the end of the file), a key without its colon."""
    problem = exc.problem_mark
    at_end = problem is not None and _line_col(text, len(text)) <= _mark(problem)
    started = at_end or "simple key" in (exc.context or "")
    mark = (exc.context_mark if started else None) or problem or exc.context_mark
    return _mark(mark)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    msg = ", ".join(parts) or "invalid YAML"
    problem, context = exc.problem_mark, exc.context_mark
    if problem is not None and context is not None and problem.line != context.line:
        # both places, whichever the diagnostic points at
        msg += f" (from line {context.line + 1} to line {problem.line + 1})"
    return f"YAML syntax: {msg}"


# What YAML (and so every mark the parser gives) counts as a line break.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _line_col(text: str, index: int) -> Position:
    line, start = 1, 0
    for brk in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, brk.end()
    return line, index - start + 1


class _Builder:
    """Turn a composed node tree into dicts, lists and scalars, enforcing our YAML subset.

    Structural problems (tags, depth) stop the build; problems with single values
    (number spellings, duplicate keys) are collected so one run reports them all.
    """

    def __init__(self, where: str, positions: Positions | None) -> None:
        self.where = where
        self.positions = positions
        self.problems: list[Diagnostic] = []

    def diagnostic(self, node: yaml.Node, code: str, message: str) -> Diagnostic:
        line, col = _mark(node.start_mark)
        return Diagnostic(self.where, line, col, code, message)

    def fail(self, node: yaml.Node, code: str, message: str) -> DataError:
        return DataError([*self.problems, self.diagnostic(node, code, message)])

    def note(self, node: yaml.Node, code: str, message: str) -> None:
        self.problems.append(self.diagnostic(node, code, message))

    def build(self, node: yaml.Node, loc: Path_ = (), depth: int = 0) -> Any:
        if self.positions is not None:
            self.positions.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if depth >= MAX_DEPTH:
            raise self.fail(node, "too-deep", f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            if node.tag != f"{_T}map":
                raise self.fail(node, "tag", f"YAML tags are not allowed ({node.tag})")
            out: dict[Any, Any] = {}
            first: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(
                        key_node, "key", "a mapping key must be a plain word, not a list or mapping"
                    )
                if key_node.tag == f"{_T}merge" or key_node.tag not in _PLAIN_TAGS:
                    raise self.fail(key_node, "tag", _tag_message(key_node.tag))
                # A key is a name, kept as written (`1:` is '1', `null:` is 'null'): pydantic
                # reports keys as text, and positions must be found under the same name.
                key = key_node.value
                if key in out:
                    prev = first[key].start_mark.line + 1
                    self.note(
                        key_node,
                        "duplicate-key",
                        f"duplicate key '{key}' (first given on line {prev}); only one value can be kept",
                    )
                    continue
                first[key] = key_node
                if self.positions is not None:
                    self.positions.keys[(*loc, key)] = (
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                    )
                out[key] = self.build(value_node, (*loc, key), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_T}seq":
                raise self.fail(node, "tag", f"YAML tags are not allowed ({node.tag})")
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        raise self.fail(node, "yaml-syntax", "unsupported YAML node")  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag not in _PLAIN_TAGS:
            raise self.fail(node, "tag", _tag_message(tag))
        if node.style:  # quoted or block scalar: always text
            return value
        if value in _NULLS:
            return None
        if value in _BOOLS:
            return _BOOLS[value]
        if _DECIMAL.fullmatch(value):
            if len(value) > 40:  # int() refuses over 4300 digits; no real figure has 40
                self.note(node, "number-format", f"number {value[:20]}… is too large")
                return value
            number = float(value) if ("." in value or "e" in value or "E" in value) else int(value)
            if isinstance(number, float) and number in (float("inf"), float("-inf")):
                self.note(node, "number-format", f"number {value} is too large")
            return number
        if tag in (f"{_T}int", f"{_T}float"):
            self.note(
                node,
                "number-format",
                f"'{value}' is not a plain decimal number; YAML would silently convert it. "
                "Write numbers like 12, 0.8 or 1.5e3, or quote it if it is text",
            )
        if tag == f"{_T}bool":
            self.note(
                node,
                "ambiguous-boolean",
                f"'{value}' would be read as a yes/no value; write true or false, or quote it if it is text",
            )
        return value

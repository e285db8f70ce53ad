"""Loading YAML safely, with file positions; atomic writes; locating the data directory.

This is the only module that parses YAML. It refuses what PyYAML would silently accept
(duplicate keys, anchors and aliases, YAML 1.1 spellings of numbers and booleans, tags)
and turns every failure into a `Diagnostic` carrying file, line and column.

Positions are expensive to keep, so a document is first built without them; they are
recomputed from the same text only when something has to be reported.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from dehong_cli.errors import DataError
from dehong_cli.model.diagnostic import Diagnostic

MAX_FILE_BYTES = 5 * 1024 * 1024  # real reports are a few KB
MAX_DEPTH = 32  # the deepest real file has 4 levels

try:
    _SafeLoader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader


class _Loader(_SafeLoader):  # type: ignore[misc]
    """The safe loader, minus per-node work our subset never needs.

    libyaml calls back into Python for every node it composes: to resolve its tag and to
    track the path for path resolvers, which this loader does not support. The tag of a
    plain scalar depends on its text alone, and the same keys recur in every report, so the
    tags are remembered (up to a bound) instead of matched against each resolver again.
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
            if len(self._tags) < 4096:
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


# --------------------------------------------------------------------------- reading


def read_text(path: Path) -> str:
    """Read a small UTF-8 file (BOM allowed) or raise DataError saying what is wrong."""
    where = str(path)
    try:
        if path.is_dir():
            raise _fail(where, "not-a-file", "is a directory, expected a YAML file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _fail(
                where,
                "too-large",
                f"file is {size / 1048576:.1f} MiB; the limit is {MAX_FILE_BYTES // 1048576} MiB "
                "(a real report is a few KB)",
            )
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _fail(where, "not-found", "no such file") from None
    except PermissionError:
        raise _fail(where, "unreadable", "permission denied") from None
    except OSError as exc:
        raise _fail(where, "unreadable", f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _fail(where, "too-large", f"file is over the {MAX_FILE_BYTES // 1048576} MiB limit")
    return decode(raw, where)


def decode(raw: bytes, where: str) -> str:
    """UTF-8, with or without BOM; any other encoding is refused, saying what it looks like."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _fail(where, "encoding", "file is UTF-32; save it as UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise _fail(where, "encoding", "file is UTF-16; save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8")) + 1  # valid up to the first bad byte
        hint = "; save the file as UTF-8"
        with contextlib.suppress(UnicodeDecodeError):
            as_gb = raw.decode("gb18030")
            if all(c.isprintable() or c in "\t\r\n" for c in as_gb):  # text, not a binary file
                hint = "; it decodes as GB18030/GBK (as Excel saves on Chinese Windows): re-save it as UTF-8"
        raise DataError(
            [Diagnostic(where, line, col, "encoding", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}){hint}")]
        ) from None


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: ASCII text with a NUL byte beside every character."""
    head = raw[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= len(head) // 4 > 0 and min(even, odd) <= max(even, odd) // 8


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
    data = _build(path, text, None, problems)
    return Document(path=path, text=text, data=data, problems=problems)


def _build(
    path: Path, text: str, positions: Positions | None, problems: list[Diagnostic] | None = None
) -> Any:
    where = str(path)
    # cheap pre-checks: only then look in earnest
    if ("&" in text or "*" in text or "!" in text) and _NODE_PROPERTY.search(text):
        _refuse_anchors_and_tags(text, where)
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


def _fail(where: str, code: str, message: str, *, folder: bool = False) -> DataError:
    # A problem with a whole file is put at its start, as ruff does (E902), so that every
    # diagnostic about a file has a line and column for editors and GitHub annotations.
    line, col = (None, None) if folder else (1, 1)
    return DataError([Diagnostic(where, line, col, code, message)])


# --------------------------------------------------------------------------- writing


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half.

    Temporary file in the same directory, fsync, rename, then fsync the directory. The new
    file keeps the old one's permissions (mkstemp would make it 0600), or gets the umask's.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def stale_temp_files(directory: Path) -> Iterator[Path]:
    """Temporary files left behind by a write that was killed before its rename."""
    return directory.glob(".*.tmp")


# ----------------------------------------------------------------------- data directory

DATA_ENV = "DEHONG_DATA_DIR"
REPORT_SUFFIX = ".yaml"  # the one ending of a report file's name


def is_report_file(name: str) -> bool:
    """Whether a file in reports/ is taken for a report: a YAML file, not hidden.

    One named 2019.yml (or 2019.YAML) is taken too, so that checks refuse its name: skipping it
    would leave its figures silently out of every status.
    """
    return not name.startswith(".") and name.lower().endswith((REPORT_SUFFIX, ".yml"))


def find_data_dir(explicit: Path | None) -> Path:
    """--data-dir, else $DEHONG_DATA_DIR, else ./data with a targets.yaml, else the packaged copy."""
    if explicit is not None:
        return explicit
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    local = Path("data")
    if (local / "targets.yaml").is_file():
        return local
    return packaged_data_dir()


def packaged_data_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    built = package / "data"  # put there by the wheel build (pyproject force-include)
    if (built / "targets.yaml").is_file():
        return built
    return package.parent / "data"  # a source checkout or editable install


def report_files(data_dir: Path) -> list[Path]:
    """The report files of a data directory; none when it has no reports/ folder (yet).

    A reports/ that is there but cannot be listed (a file, a broken link, a symlink loop, no
    permission) is an error: skipping it would pass every report in it unchecked.
    """
    reports = data_dir / "reports"
    where = str(reports)
    try:
        with os.scandir(reports) as entries:
            names = [entry.name for entry in entries]
    except FileNotFoundError:
        if not os.path.lexists(reports):
            return []
        raise _fail(
            where, "unreadable", "is a broken link, expected a folder of reports", folder=True
        ) from None
    except NotADirectoryError:
        raise _fail(where, "not-a-folder", "is a file, expected a folder of reports", folder=True) from None
    except OSError as exc:
        raise _fail(
            where, "unreadable", f"cannot list the folder: {exc.strerror or exc}", folder=True
        ) from None
    # sorting names, not paths, is the same order at a fraction of the cost
    return [reports / name for name in sorted(names) if is_report_file(name)]

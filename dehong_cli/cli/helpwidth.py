"""Help text wrapped by display width: a Chinese character takes two columns of the terminal.

Click (vendored by Typer) measures help text with len(), so a line with Chinese in it (--status's
choices, 年份, 进展情况表) ran past the edge. Its wrapper is swapped here for one that measures
cells and may break between two Chinese characters, as Chinese text does.

Like the rest of cli/, no `from __future__ import annotations`: see cli/app.py.
"""

from typer._click import _textwrap

from dehong_cli.render.fit import cells, segments


class DisplayWidthWrapper(_textwrap.TextWrapper):
    """Click's wrapper, measuring by display width."""

    def _split(self, text: str) -> list[str]:
        chunks: list[str] = []
        for chunk in super()._split(text):
            if chunk.strip() and cells(chunk) != len(chunk):  # Chinese in it: break between characters
                chunks += [piece for piece, _ in segments(chunk)]
            else:
                chunks.append(chunk)
        return chunks

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        lines: list[str] = []
        chunks = list(reversed(chunks))
        while chunks:
            indent = self.subsequent_indent if lines else self.initial_indent
            width = max(self.width - cells(indent), 1)
            if self.drop_whitespace and lines and not chunks[-1].strip():
                del chunks[-1]
            line: list[str] = []
            used = 0
            while chunks and used + cells(chunks[-1]) <= width:
                used += cells(chunks[-1])
                line.append(chunks.pop())
            if chunks and not line:  # one word wider than the line: cut it
                word = chunks.pop()
                cut = 1
                while cut < len(word) and cells(word[: cut + 1]) <= width:
                    cut += 1
                line.append(word[:cut])
                if word[cut:]:
                    chunks.append(word[cut:])
            if self.drop_whitespace and line and not line[-1].strip():
                line.pop()
            if line:
                lines.append(indent + "".join(line))
        return lines


def install() -> None:
    """Make click's help formatter wrap by display width (wrap_text looks the wrapper up per call)."""
    _textwrap.TextWrapper = DisplayWidthWrapper  # type: ignore[misc]

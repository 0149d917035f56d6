"""Normalised reading of a stretch of the decoded text, with a map back to its offsets.

What the PDF conversion mangled is undone without losing where each character came from:
line breaks inside a paragraph are removed (a space is kept between two Latin words),
markdown/HTML markers (``#``, ``**``, ``<b>``) are dropped, ``$\\geq$``-style LaTeX becomes the
symbol, full-width digits, letters and ASCII symbols become half-width (Chinese punctuation
such as ，。；：（） is kept as printed), and stray spaces next to Chinese characters are dropped.

The map is an :class:`OffsetMap`: a compact sequence of decoded-text offsets, one per
normalised character, stored as runs so that a 50 MB file does not cost one int per character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import overload

_KEEP_FULLWIDTH = set("（），：；！？")
FULLWIDTH_FOLD: dict[int, int] = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP_FULLWIDTH
}
FULLWIDTH_FOLD.update({0x3000: 0x20, 0xA0: 0x20})

_SPACE = " \t\u3000\xa0"
_EDITS = re.compile(
    rf"(?P<br>[{_SPACE}]*\r?\n[{_SPACE}\r\n]*)"
    r"|(?P<head>\A#{1,6}[ \t]*)"
    r"|(?P<md>\*\*|</?(?:b|strong|i|em|u|sup|sub)>|<br\s*/?>)"
    r"|(?P<tex>\$[^$\n]{0,60}\\[^$\n]{0,60}\$)"
    rf"|(?P<sp>[{_SPACE}]+)"
)
_FOLDABLE = re.compile("[" + "".join(map(chr, sorted(FULLWIDTH_FOLD))) + "]")
_NEEDS_EDIT = re.compile(rf"[{_SPACE}\n*<$#]")
_TEX_SYMBOLS = {
    r"\geq": "≥", r"\ge": "≥", r"\leq": "≤", r"\le": "≤", r"\times": "×", r"\%": "%", r"\pm": "±",
    r"\sim": "~", r"\cdot": "·", r"\div": "÷", r"\neq": "≠", r"\approx": "≈", r"\degree": "°",
}
_TEX_COMMAND = re.compile(r"\\[a-zA-Z]+|\\%")
_LATIN = re.compile(r"[A-Za-z0-9]")
# 1–3 digits at the end of the text before a space, not themselves after a digit, a point or a
# letter: the head of a number the conversion split ("1 146.8万元"), not one of two numbers
_SPLIT_NUMBER = re.compile(r"(?<![\d.,A-Za-z ])\d{1,3}$")


class OffsetMap(Sequence[int]):
    """Decoded-text offset of each normalised character, stored as runs.

    Run ``k`` covers normalised positions ``[starts[k], starts[k+1])``; inside it position ``i`` maps
    to ``raws[k] + steps[k] * (i - starts[k])`` (step 1: copied text, step 0: a replacement that
    maps to where the replaced text began). Supports ``len``, indexing, slicing (a tuple) and
    equality with any sequence of ints, like the tuple it stands for.
    """

    __slots__ = ("_starts", "_raws", "_steps", "_lo", "_len")

    def __init__(self, starts: list[int], raws: list[int], steps: list[int], lo: int = 0,
                 length: int | None = None) -> None:
        self._starts, self._raws, self._steps = starts, raws, steps
        self._lo = lo
        self._len = length if length is not None else 0

    @classmethod
    def identity(cls, start: int, length: int) -> OffsetMap:
        return cls([0], [start], [1], 0, length)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[int, ...]: ...
    def __getitem__(self, index: int | slice) -> int | tuple[int, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._len)))
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError("OffsetMap index out of range")
        at = self._lo + index
        k = bisect_right(self._starts, at) - 1
        return self._raws[k] + self._steps[k] * (at - self._starts[k])

    def __iter__(self) -> Iterator[int]:
        return (self[i] for i in range(self._len))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(other) == self._len and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"OffsetMap(len={self._len}, first={self[0] if self._len else None})"

    def view(self, i: int, j: int) -> OffsetMap:
        """The map of ``norm[i:j]`` (shares storage)."""
        return OffsetMap(self._starts, self._raws, self._steps, self._lo + i, j - i)


class _MapBuilder:
    def __init__(self) -> None:
        self.starts: list[int] = []
        self.raws: list[int] = []
        self.steps: list[int] = []
        self.length = 0

    def copy(self, raw_start: int, length: int) -> None:
        if length <= 0:
            return
        if self.steps and self.steps[-1] == 1 and self.raws[-1] + (self.length - self.starts[-1]) == raw_start:
            self.length += length  # contiguous with the previous copied run
            return
        self._run(raw_start, 1, length)

    def insert(self, raw_at: int, length: int) -> None:
        if length > 0:
            self._run(raw_at, 0, length)

    def _run(self, raw: int, step: int, length: int) -> None:
        self.starts.append(self.length)
        self.raws.append(raw)
        self.steps.append(step)
        self.length += length

    def build(self) -> OffsetMap:
        if not self.starts:
            return OffsetMap([0], [0], [1], 0, 0)
        return OffsetMap(self.starts, self.raws, self.steps, 0, self.length)


def fold(text: str) -> str:
    """Full-width digits, letters and ASCII symbols to half-width (same length, same offsets)."""
    return text.translate(FULLWIDTH_FOLD) if _FOLDABLE.search(text) else text


def normalise(text: str, start: int, end: int) -> tuple[str, OffsetMap]:
    """Normalised form of ``text[start:end]`` and the decoded-text offset of each of its characters."""
    segment = fold(text[start:end])
    if not _NEEDS_EDIT.search(segment):
        return segment, OffsetMap.identity(start, len(segment))
    pieces: list[str] = []
    builder = _MapBuilder()
    done = 0
    for m in _EDITS.finditer(segment):
        replacement = _replacement(m, segment)
        if replacement == m.group():
            continue
        pieces.append(segment[done:m.start()])
        builder.copy(start + done, m.start() - done)
        pieces.append(replacement)
        builder.insert(start + m.start(), len(replacement))
        done = m.end()
    pieces.append(segment[done:])
    builder.copy(start + done, len(segment) - done)
    return "".join(pieces), builder.build()


def _replacement(m: re.Match[str], segment: str) -> str:
    kind = m.lastgroup
    if kind in ("br", "sp"):
        before = segment[m.start() - 1] if m.start() > 0 else ""
        after = segment[m.end()] if m.end() < len(segment) else ""
        if kind == "sp" and after.isdigit() and m.group() == " " and _SPLIT_NUMBER.search(segment[max(0, m.start() - 5):m.start()]):
            return ""  # a number the conversion split: 1 146.8 → 1146.8, 1 5962 → 15962
        return " " if before and after and _LATIN.match(before) and _LATIN.match(after) else ""
    if kind == "tex":
        return _tex_to_text(m.group()[1:-1])
    return ""


def _tex_to_text(tex: str) -> str:
    text = _TEX_COMMAND.sub(lambda c: _TEX_SYMBOLS.get(c.group(), ""), tex)
    return re.sub(r"[{}\s]", "", text)


def normalise_parts(text: str, parts: Sequence[tuple[int, int]]) -> tuple[str, OffsetMap]:
    """Normalised form of several stretches read as one (lines of a paragraph or a cell).

    What lies between the parts (blank lines, a running header) is left out; two Latin words
    that meet across a part boundary keep one space between them.
    """
    if len(parts) == 1:
        return normalise(text, *parts[0])
    pieces: list[str] = []
    builder = _MapBuilder()
    for start, end in parts:
        norm, offsets = normalise(text, start, end)
        if not norm:
            continue
        if pieces and _LATIN.match(pieces[-1][-1]) and _LATIN.match(norm[0]):
            pieces.append(" ")
            builder.insert(start - 1 if start > 0 else start, 1)
        pieces.append(norm)
        for k, run_start in enumerate(offsets._starts):
            run_end = offsets._starts[k + 1] if k + 1 < len(offsets._starts) else len(offsets)
            if offsets._steps[k]:
                builder.copy(offsets._raws[k], run_end - run_start)
            else:
                builder.insert(offsets._raws[k], run_end - run_start)
    return "".join(pieces), builder.build()

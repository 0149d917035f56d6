"""Gazetteers: many names matched at once with Aho–Corasick (pyahocorasick).

A :class:`Gazetteer` maps surface forms to values; :meth:`Gazetteer.find` returns the
leftmost-longest, non-overlapping matches in a text, so that 机械制造及自动化 wins over
机械制造 when both are names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Match(Generic[V]):
    start: int  # offsets into the searched text
    end: int
    surface: str
    value: V


class Gazetteer(Generic[V]):
    """A set of names, each with a value, searchable in one pass."""

    def __init__(self, entries: Iterable[tuple[str, V]]) -> None:
        self._automaton = ahocorasick.Automaton()
        self._size = 0
        for surface, value in entries:
            if surface and surface not in self._automaton:
                self._automaton.add_word(surface, (surface, value))
                self._size += 1
        if self._size:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return self._size

    def __contains__(self, surface: str) -> bool:
        return surface in self._automaton

    def get(self, surface: str) -> V | None:
        hit = self._automaton.get(surface, None)
        return None if hit is None else hit[1]

    def find(self, text: str) -> Iterator[Match[V]]:
        """Leftmost-longest non-overlapping matches, in text order."""
        if not self._size:
            return
        hits = sorted(
            ((end + 1 - len(surface), end + 1, surface, value) for end, (surface, value) in self._automaton.iter(text)),
            key=lambda h: (h[0], -(h[1] - h[0])),
        )
        taken_until = 0
        for start, end, surface, value in hits:
            if start >= taken_until:
                taken_until = end
                yield Match(start, end, surface, value)

"""Errors raised by loaders. Every error names the file and says what was wrong."""

from __future__ import annotations


class ReportError(Exception):
    """A report file that cannot be loaded: undecodable, empty, truncated, foreign, not a report."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

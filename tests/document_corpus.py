"""The corpus reports parsed once per test session (shared by the document tests)."""

from __future__ import annotations

from functools import cache

from loaders.document import Document, load_document
from tests.conftest import REPORTS

MIDTERM_HARBIN = "000_2398f67fa0e2142e.txt"
ANNUAL_HARBIN = "001_0d6d81e4e345128e.txt"
MIDTERM_SHANXI = "002_55737fc9392e7194.txt"
MIDTERM_LIUZHOU = "003_f871cb208ab6dbba.txt"
MIDTERM_KUNMING = "004_5862d34a0cf86c05.txt"
ALL = (MIDTERM_HARBIN, ANNUAL_HARBIN, MIDTERM_SHANXI, MIDTERM_LIUZHOU, MIDTERM_KUNMING)


@cache
def corpus_document(name: str) -> Document:
    return load_document(REPORTS / name)

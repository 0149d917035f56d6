"""Pinyin of labels, so that a search typed in Latin letters finds Chinese names (liugong → 柳工).

A label is romanised syllable by syllable (tones dropped, lower case) and searched as runs of letters
and digits: "liugong", "Liu Gong" and "LIUGONG" all find 柳工, "huawei" finds 华为 and 华为技术有限公司.
Punctuation and spaces end a run, so a query never matches across them (京东物流（共建） is not
"liugong"). Only a query of Latin letters (and spaces,
digits, hyphens) of at least ``MIN_LETTERS`` letters is looked up this way: shorter runs of
letters occur inside the pinyin of nearly every label.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_LETTERS = 3
_LATIN_QUERY = re.compile(r"^[A-Za-z0-9\s\-']+$")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


_RUN_BREAK = "|"


@lru_cache(maxsize=65_536)
def romanise(text: str) -> str:
    """The pinyin of ``text`` in lower case, runs of letters and digits cut by ``|`` where it has anything else."""
    # imported here: pypinyin's dictionaries take 0.3 s to load, paid by the first Latin-letter search, not by
    # every start of the server
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    return _NOT_ALNUM.sub(_RUN_BREAK, "".join(syllables).lower())


def pinyin_needle(q: str) -> str | None:
    """What to look for in romanised labels, or None when ``q`` is not a Latin-letter query worth it."""
    if not _LATIN_QUERY.match(q):
        return None
    needle = _NOT_ALNUM.sub("", q.lower())
    return needle if sum(c.isalpha() for c in needle) >= MIN_LETTERS else None

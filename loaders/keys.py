"""How a key is formed: one place for the keys loaders give nodes and coded values.

``kg`` turns keys into IRIs (``kg.ids``); loaders never import ``kg``, so the key grammar and the
IRI base of the coded values loaders refer to live here.
"""

from __future__ import annotations

import re
import unicodedata

BASE = "https://w3id.org/sgkg/"
LEVEL_BASE = BASE + "id/level/"

_SLUG_DROP = re.compile(r"[^\w\u3400-\u9fff-]+")
_DASHES = re.compile(r"-{2,}")


def slug(name: str) -> str:
    """A stable, IRI-safe key for a name: NFKC, lower-case ASCII, CJK kept, punctuation to '-'.

    >>> slug("广西柳工机械股份有限公司")
    '广西柳工机械股份有限公司'
    >>> slug("UK NARIC（英国）")
    'uk-naric-英国'
    """
    text = unicodedata.normalize("NFKC", name).strip().lower()
    text = _SLUG_DROP.sub("-", text.replace("_", "-"))
    return _DASHES.sub("-", text).strip("-") or "unnamed"


"""Which school a person means: a 10-digit MOE code, a full name, an alias or a short name.

``resolve_school(lookups, text)`` answers the school's code, or says why it cannot: no school of
that name (:class:`UnknownSchool`, with the closest names as suggestions) or several
(:class:`AmbiguousSchool`, with the candidates). Names are read from the graph (``rdfs:label``
in any language and every ``skos:altLabel`` of each ``sg:School``), once per store generation.

Matching, first tier that finds anything wins: the code; a label or alias equal to the text;
labels containing the text (``柳州`` → 柳州职业技术学院); labels holding the text's characters in
order, the way Chinese short names are made (``哈职`` → 哈尔滨职业技术学院). Spaces, width and
case are ignored.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from api.lookups import Lookups

SCHOOL_CODE = re.compile(r"^\d{10}$")
MAX_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class SchoolName:
    """One school and every name it is known by (normalised for matching)."""

    code: str
    label: str
    names: frozenset[str]


class UnknownSchool(LookupError):
    def __init__(self, text: str, suggestions: list[SchoolName]) -> None:
        what = "has the MOE code" if SCHOOL_CODE.match(text.strip()) else "is called"
        super().__init__(f"no school in the graph {what} {text!r}")
        self.text = text
        self.suggestions = suggestions


class AmbiguousSchool(ValueError):
    def __init__(self, text: str, candidates: list[SchoolName]) -> None:
        super().__init__(f"{text!r} names {len(candidates)} schools: "
                         + "; ".join(f"{c.label} ({c.code})" for c in candidates))
        self.text = text
        self.candidates = candidates


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def school_names(lookups: Lookups) -> list[SchoolName]:
    """Every school of the graph with its names, ordered by code (memoised by ``Lookups.select``)."""
    rows = lookups.select("""SELECT ?code (SAMPLE(?zh) AS ?label) (GROUP_CONCAT(DISTINCT STR(?name); SEPARATOR="\\n") AS ?names)
WHERE {
  ?s a sg:School ; sg:schoolCode ?code .
  OPTIONAL { ?s rdfs:label ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?s rdfs:label|skos:altLabel ?name }
} GROUP BY ?code ORDER BY ?code""")
    found = []
    for row in rows:
        code = str(row["code"])
        label = str(row.get("label") or code)
        names = {normalise(n) for n in str(row.get("names") or "").split("\n") if n.strip()} | {normalise(label)}
        found.append(SchoolName(code, label, frozenset(names)))
    return found


def is_subsequence(short: str, name: str) -> bool:
    """Whether ``name`` holds every character of ``short`` in order (哈职 in 哈尔滨职业技术学院)."""
    rest = iter(name)
    return all(char in rest for char in short)


def _tiers(text: str) -> Iterable[Callable[[SchoolName], bool]]:
    yield lambda s: s.code == text
    yield lambda s: text in s.names
    yield lambda s: any(text in name for name in s.names)
    if len(text) >= 2:
        yield lambda s: any(is_subsequence(text, name) for name in s.names)


def closest(text: str, schools: list[SchoolName], limit: int = MAX_SUGGESTIONS) -> list[SchoolName]:
    """The schools whose names look most like ``text`` (difflib ratio), best first."""
    def score(school: SchoolName) -> float:
        keys = [school.code] if text.isdigit() else school.names
        return max(difflib.SequenceMatcher(None, text, key).ratio() for key in keys)

    ranked = sorted(schools, key=lambda s: (-score(s), s.code))
    return [s for s in ranked if score(s) > 0][:limit]


def resolve_school(lookups: Lookups, text: str) -> str:
    """The MOE code of the school ``text`` names; :class:`UnknownSchool` or :class:`AmbiguousSchool` else."""
    wanted = normalise(text)
    schools = school_names(lookups)
    for matches in _tiers(wanted):
        found = [s for s in schools if matches(s)]
        if len(found) == 1:
            return found[0].code
        if found:
            raise AmbiguousSchool(text, found)
    raise UnknownSchool(text, closest(wanted, schools))

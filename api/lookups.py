"""Every SPARQL query behind the REST lookups and the entity pages, and the values they return.

Routers never write SPARQL: they call :class:`Lookups`, which sends query strings to the store
(``store.query(text)``) and turns solutions into plain values. A list lookup runs in two steps:
one query selects the matching subjects (filters are triple patterns built here from validated
input), then one query fetches the facts of the page's subjects. Results are memoised per query
text until the store reports a change (its ``generation``), since the graph is read-only between
loads.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import Literal
from rdflib.term import Node as Term

from api.romanise import pinyin_needle, romanise
from kg.export import Labels, property_labels, term_labels
from kg.ids import KIND_SLUGS
from kg.namespaces import ID, LEVEL, PREFIXES, SG
from kg.vocab import schemes

SLUG_KINDS = {slug: kind for kind, slug in KIND_SLUGS.items()}
# coded values: the concepts of each scheme (id/{scheme}/{key}) and the schemes (id/scheme/{scheme})
CONCEPT_SLUGS = frozenset({"scheme", *(s.key for s in schemes())})
CATALOG_PREFIX = str(ID) + KIND_SLUGS["CatalogMajor"] + "/"
LEVEL_KEYS = ("international", "national", "provincial", "municipal", "school")
_ID = str(ID)
# what a key may hold: RFC 3987 iunreserved + sub-delims + ":@" (no "/", no "%": keys are never percent-encoded)
_KEY = re.compile("^[A-Za-z0-9\\-._~!$&'()*+,;=:@"
                  "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
                  "\U00030000-\U0003fffd]+$")
_PREFIX_BLOCK = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


class BadParameter(ValueError):
    """A request parameter that cannot be answered: becomes a 422 naming ``param``."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


class NotFound(LookupError):
    """No entity with that id: becomes a 404."""


# ---------------------------------------------------------------- values

@dataclass(frozen=True, slots=True)
class EntityRef:
    iri: str
    kind: str
    label_zh: str
    label_en: str | None = None

    @property
    def id(self) -> str:
        return self.iri[len(_ID):] if self.iri.startswith(_ID) else self.iri

    @property
    def key(self) -> str:
        return self.id.split("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class EvidenceValue:
    iri: str
    report: str
    line: int
    start: int
    end: int
    quote: str


@dataclass(slots=True)
class Entity:
    """One subject: its type, labels, literal facts and links (with the linked nodes' labels)."""

    ref: EntityRef
    alt_labels: list[str] = field(default_factory=list)
    literals: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))  # sg local name -> values
    links: dict[str, list[EntityRef]] = field(default_factory=lambda: defaultdict(list))
    incoming: dict[str, list[EntityRef]] = field(default_factory=lambda: defaultdict(list))  # ?x pred this

    def first(self, prop: str) -> Any:
        values = self.literals.get(prop) or []
        return values[0] if values else None

    def link(self, prop: str) -> EntityRef | None:
        values = self.links.get(prop) or []
        return values[0] if values else None


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement about a subject (or pointing at it, when ``incoming``) with its evidence."""

    predicate: str
    labels: Labels
    value: Any  # a python literal value or an EntityRef
    evidence: tuple[EvidenceValue, ...]
    incoming: bool = False


# ---------------------------------------------------------------- SPARQL text helpers

def sparql_string(text: str) -> str:
    """A SPARQL string literal for arbitrary user text."""
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def check_key(param: str, key: str) -> str:
    """A key that can safely be put into an IRI (no slashes, ../, encoded junk or IRI-illegal chars)."""
    if not key or key in {".", ".."} or not _KEY.fullmatch(key) or len(key) > 300:
        raise BadParameter(param, f"{key[:80]!r} is not a valid identifier key")
    return key


def entity_iri(param: str, entity_id: str) -> str:
    """``{kind slug}/{key}`` -> its IRI, or :class:`BadParameter` naming ``param``."""
    slug, _, key = entity_id.partition("/")
    if slug not in SLUG_KINDS and slug not in CONCEPT_SLUGS:
        raise BadParameter(param, f"{entity_id[:80]!r}: unknown kind {slug!r}; ids look like 'school/4123010001'")
    return _ID + f"{slug}/{check_key(param, key)}"


def kind_iri(kind: str, param: str, key: str) -> str:
    return _ID + f"{KIND_SLUGS[kind]}/{check_key(param, key)}"


def python_value(term: Term) -> Any:
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal | int | float | bool | str):
            return value
        return str(term)
    return str(term)


def as_decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def kind_of(iri: str) -> str:
    if iri.startswith(str(LEVEL)):
        return "Level"
    if iri.startswith(_ID) and iri[len(_ID):].split("/", 1)[0] in CONCEPT_SLUGS:
        return "Concept"
    return SLUG_KINDS.get(iri[len(_ID):].split("/", 1)[0], "") if iri.startswith(_ID) else ""


# ---------------------------------------------------------------- store adapter

Row = dict[str, Term]
MAX_ROWS = 1_000_000
Select = Callable[[str], list[Row]]


def store_select(store: Any) -> Select:
    """A ``Select`` over :meth:`kg.store.Store.query`; a truncated answer is an error, never silent."""

    def select(text: str) -> list[Row]:
        result = store.query(text, max_rows=MAX_ROWS)
        if result.truncated:
            raise RuntimeError(f"lookup query returned more than {MAX_ROWS} rows")
        return result.bindings()

    return select


# ---------------------------------------------------------------- lookups


LABELS = """
  OPTIONAL { ?s rdfs:label ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?s rdfs:label ?en FILTER(langMatches(lang(?en), "en")) }
"""


class Lookups:
    """The read side of the API: typed lookups over the store, memoised per store generation."""

    def __init__(self, store: Any, select: Select | None = None, cache_size: int = 4096) -> None:
        self.store = store
        self._select = select or store_select(store)
        self._cache: OrderedDict[str, list[Row]] = OrderedDict()
        self._cache_size = cache_size
        self._generation: Any = None
        self._lock = threading.Lock()
        self.vocabulary = term_labels()
        self._romanised: dict[tuple[Any, tuple[str, ...]], list[tuple[str, Row]]] = {}

    # -- plumbing

    def select(self, body: str) -> list[Row]:
        text = _PREFIX_BLOCK + body
        generation = getattr(self.store, "generation", None)
        with self._lock:
            if generation != self._generation:
                self._cache.clear()
                self._generation = generation
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
        rows = self._select(text)
        with self._lock:
            self._cache[text] = rows
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return rows

    # -- subjects

    def subjects(self, kind: str, patterns: Sequence[str] = (), q: str | None = None) -> list[EntityRef]:
        """Subjects of ``kind`` matching the patterns (over ``?s``) and text ``q``, ordered by label."""
        return self.subjects_where(f"?s a sg:{kind} .\n  {' '.join(patterns)}", q)

    def subjects_where(self, where: str, q: str | None = None) -> list[EntityRef]:
        """Subjects ``?s`` matching a graph pattern and text ``q``, ordered by label."""
        text_filter = ""
        if q:
            text_filter = f"""
  FILTER EXISTS {{ ?s rdfs:label|skos:altLabel ?anyLabel
                   FILTER(CONTAINS(LCASE(STR(?anyLabel)), LCASE({sparql_string(q)}))) }}"""
        rows = self.select(f"""SELECT ?s (SAMPLE(?t) AS ?type) (SAMPLE(?zh) AS ?label) (SAMPLE(?en) AS ?label_en) WHERE {{
  {where}{text_filter}
  ?s a ?t . FILTER(STRSTARTS(STR(?t), STR(sg:)))
  {LABELS}
}} GROUP BY ?s ORDER BY ?label ?s""")
        return [self._ref(row, "s", str(row["type"]).rsplit("#", 1)[-1]) for row in rows]

    def relation_kinds(self, partner: str) -> list[str]:
        """The kinds of relation (共建, 订单班…) stated for a partner across its Partnership records."""
        rows = self.select(f"""SELECT DISTINCT ?kind WHERE {{ ?ship sg:partnerOrg <{partner}> ; sg:relationKind/skos:notation ?kind }}
ORDER BY ?kind""")
        return [str(r["kind"]) for r in rows]

    def _ref(self, row: Row, var: str, kind: str | None = None, label: str = "label") -> EntityRef:
        iri = str(row[var])
        zh = row.get(label)
        en = row.get(label + "_en")
        return EntityRef(iri, kind or kind_of(iri), str(zh) if zh is not None else iri.rsplit("/", 1)[-1],
                         str(en) if en is not None else None)

    def exists(self, iri: str, kind: str | None = None) -> bool:
        type_pattern = f"<{iri}> a sg:{kind} ." if kind else f"<{iri}> ?p ?o ."
        return bool(self.select(f"SELECT ?x WHERE {{ {type_pattern} BIND(1 AS ?x) }} LIMIT 1"))

    def require(self, param: str, iri: str, kind: str, *, missing: type[Exception] = BadParameter) -> str:
        """``iri`` when an entity of ``kind`` has it; else a 422 (filters) or 404 (``missing=NotFound``)."""
        if self.exists(iri, kind):
            return iri
        if missing is NotFound:
            raise NotFound(f"no {kind} with id {iri[len(_ID):]!r}")
        raise BadParameter(param, f"no {kind} with id {iri[len(_ID):]!r}")

    # -- facts of many subjects

    def entities(self, refs: Iterable[EntityRef], *, incoming: bool = False) -> list[Entity]:
        """Labels, literal facts and links of each subject (one query for all; one more for incoming links)."""
        refs = list(refs)
        if not refs:
            return []
        values = " ".join(f"<{r.iri}>" for r in refs)
        found = {r.iri: Entity(r) for r in refs}
        self._fill_outgoing(found, values)
        if incoming:
            self._fill_incoming(found, values)
        return [found[r.iri] for r in refs]

    def _fill_incoming(self, found: dict[str, Entity], values: str) -> None:
        rows = self.select(f"""SELECT ?s ?p ?x (SAMPLE(?zh) AS ?xlabel) (SAMPLE(?en) AS ?xlabel_en) WHERE {{
  VALUES ?s {{ {values} }}
  ?x ?p ?s .
  FILTER(?p != rdf:subject && ?p != rdf:object)
  OPTIONAL {{ ?x rdfs:label ?zh FILTER(lang(?zh) = "zh") }}
  OPTIONAL {{ ?x rdfs:label ?en FILTER(langMatches(lang(?en), "en")) }}
}} GROUP BY ?s ?p ?x ORDER BY ?s ?p ?xlabel ?x""")
        for row in rows:
            found[str(row["s"])].incoming[str(row["p"]).rsplit("#", 1)[-1]].append(self._ref(row, "x", label="xlabel"))

    def _fill_outgoing(self, found: dict[str, Entity], values: str) -> None:
        rows = self.select(f"""SELECT DISTINCT ?s ?p ?o ?olabel ?olabel_en ?code WHERE {{
  VALUES ?s {{ {values} }}
  ?s ?p ?o .
  FILTER(?p != prov:wasDerivedFrom && ?p != rdf:type)
  OPTIONAL {{ ?o rdfs:label|skos:prefLabel ?olabel FILTER(lang(?olabel) = "zh") }}
  OPTIONAL {{ ?o rdfs:label|skos:prefLabel ?olabel_en FILTER(langMatches(lang(?olabel_en), "en")) }}
  OPTIONAL {{ ?o skos:inScheme/sg:schemeOf ?p ; skos:notation ?code }}
}}""")
        seen: set[tuple[str, str, str]] = set()
        for row in sorted(rows, key=lambda r: (str(r["s"]), str(r["p"]), str(r["o"]))):
            entity, pred, obj = found[str(row["s"])], str(row["p"]), row["o"]
            if (entity.ref.iri, pred, str(obj)) in seen:
                continue
            seen.add((entity.ref.iri, pred, str(obj)))
            name = pred.rsplit("#", 1)[-1]
            if isinstance(obj, Literal):
                if pred.endswith("altLabel"):
                    if str(obj) != entity.ref.label_zh:  # the reference list repeats the name
                        entity.alt_labels.append(str(obj))
                elif not pred.endswith("rdf-schema#label"):
                    entity.literals[name].append(python_value(obj))
            else:
                entity.links[name].append(self._ref(row, "o", label="olabel"))
                if row.get("code") is not None:  # a coded value (a concept of the property's scheme): its code
                    entity.literals[name].append(str(row["code"]))

    def entity(self, ref: EntityRef) -> Entity:
        return self.entities([ref])[0]

    def ref(self, iri: str) -> EntityRef:
        """The ref (type, labels) of one IRI, or :class:`NotFound`."""
        rows = self.select(f"""SELECT ?type (SAMPLE(?zh0) AS ?zh) (SAMPLE(?en0) AS ?en) WHERE {{
  {{ <{iri}> ?anyP ?anyO }} UNION {{ ?anyS ?anyP2 <{iri}> }}
  OPTIONAL {{ <{iri}> a ?type }}
  OPTIONAL {{ <{iri}> rdfs:label|skos:prefLabel ?zh0 FILTER(lang(?zh0) = "zh") }}
  OPTIONAL {{ <{iri}> rdfs:label ?en0 FILTER(langMatches(lang(?en0), "en")) }}
}} GROUP BY ?type""")
        if not rows:
            raise NotFound(f"no entity with id {iri[len(_ID):]!r}")
        row = min(rows, key=lambda r: str(r.get("type", "")))
        kind = next((str(r["type"]).rsplit("#", 1)[-1] for r in rows if str(r.get("type", "")).startswith(str(SG))),
                    kind_of(iri))
        zh, en = row.get("zh"), row.get("en")
        return EntityRef(iri, kind, str(zh) if zh is not None else iri.rsplit("/", 1)[-1], str(en) if en else None)

    # -- every fact with evidence (entity pages)

    def facts(self, iri: str) -> tuple[list[Fact], list[EvidenceValue]]:
        """Every fact about ``iri`` (outgoing and incoming) with its evidence, and the node's own evidence."""
        own = self.evidence_of(iri)
        out_rows = self.select(f"""SELECT ?p ?o ?olabel ?olabel_en ?ev ?report ?line ?start ?end ?quote WHERE {{
  <{iri}> ?p ?o .
  FILTER(?p != prov:wasDerivedFrom && ?p != rdf:type)
  OPTIONAL {{ ?o rdfs:label|skos:prefLabel ?olabel FILTER(lang(?olabel) = "zh") }}
  OPTIONAL {{ ?o rdfs:label ?olabel_en FILTER(langMatches(lang(?olabel_en), "en")) }}
  OPTIONAL {{
    ?st rdf:subject <{iri}> ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?ev .
    ?ev sg:inReport ?report ; sg:line ?line ; sg:startOffset ?start ; sg:endOffset ?end ; sg:quote ?quote .
  }}
}}""")
        in_rows = self.select(f"""SELECT ?s ?p ?slabel ?slabel_en ?ev ?report ?line ?start ?end ?quote WHERE {{
  ?s ?p <{iri}> .
  FILTER(?p != rdf:subject && ?p != rdf:object)
  FILTER NOT EXISTS {{ ?s a sg:Evidence }}
  OPTIONAL {{ ?s rdfs:label ?slabel FILTER(lang(?slabel) = "zh") }}
  OPTIONAL {{ ?s rdfs:label ?slabel_en FILTER(langMatches(lang(?slabel_en), "en")) }}
  OPTIONAL {{
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object <{iri}> ; prov:wasDerivedFrom ?ev .
    ?ev sg:inReport ?report ; sg:line ?line ; sg:startOffset ?start ; sg:endOffset ?end ; sg:quote ?quote .
  }}
}}""")
        facts = self._group_facts(out_rows, "o", "olabel", own, incoming=False)
        facts += self._group_facts(in_rows, "s", "slabel", (), incoming=True)
        return facts, own

    def _group_facts(self, rows: list[Row], var: str, label: str, own: Sequence[EvidenceValue],
                     incoming: bool) -> list[Fact]:
        grouped: dict[tuple[str, str], tuple[Any, list[EvidenceValue]]] = {}
        for row in rows:
            pred, obj = str(row["p"]), row[var]
            key = (pred, str(obj) + (f"@{obj.language}" if isinstance(obj, Literal) and obj.language else ""))
            value = python_value(obj) if isinstance(obj, Literal) else self._ref(row, var, label=label)
            _, evidence = grouped.setdefault(key, (value, []))
            ev = _evidence(row)
            if ev is not None and ev not in evidence:
                evidence.append(ev)
        facts = []
        for (pred, _), (value, evidence) in sorted(grouped.items()):
            if isinstance(value, EntityRef) or incoming:
                shown = tuple(sorted(evidence, key=lambda e: (e.report, e.start)))
            else:  # literal attributes are read from the node's own sentences: show those that print it
                # (none for values from the reference lists or from rules, e.g. sg:extractedBy)
                shown = tuple(ev for ev in own if quote_states(ev.quote, value))
            facts.append(Fact(pred, property_labels(pred, self.vocabulary), value, shown, incoming))
        return facts

    def evidence_of(self, iri: str) -> list[EvidenceValue]:
        rows = self.select(f"""SELECT ?ev ?report ?line ?start ?end ?quote WHERE {{
  <{iri}> prov:wasDerivedFrom ?ev .
  ?ev sg:inReport ?report ; sg:line ?line ; sg:startOffset ?start ; sg:endOffset ?end ; sg:quote ?quote .
}} ORDER BY ?report ?start""")
        return [ev for ev in dict.fromkeys(_evidence(r) for r in rows) if ev is not None]

    def link_evidence(self, subject: str, predicate: str, obj: str) -> list[EvidenceValue]:
        rows = self.select(f"""SELECT ?ev ?report ?line ?start ?end ?quote WHERE {{
  ?st rdf:subject <{subject}> ; rdf:predicate <{predicate}> ; rdf:object <{obj}> ; prov:wasDerivedFrom ?ev .
  ?ev sg:inReport ?report ; sg:line ?line ; sg:startOffset ?start ; sg:endOffset ?end ; sg:quote ?quote .
}} ORDER BY ?report ?start""")
        return [ev for ev in dict.fromkeys(_evidence(r) for r in rows) if ev is not None]

    # -- linked data

    def neighbourhood(self, iri: str) -> Any:
        """The triples a linked-data client wants about ``iri``: its facts, their statements and evidence,
        the labels of what it links to, and the links pointing at it (an rdflib Graph)."""
        result = self.store.query(f"""{_PREFIX_BLOCK}CONSTRUCT {{
  <{iri}> ?p ?o . ?o rdfs:label ?olabel . ?x ?q <{iri}> .
  ?st ?sp ?so . ?ev ?ep ?eo .
}} WHERE {{
  {{ <{iri}> ?p ?o OPTIONAL {{ ?o rdfs:label|skos:prefLabel ?olabel }} }}
  UNION {{ ?x ?q <{iri}> FILTER(?q != rdf:subject && ?q != rdf:object) }}
  UNION {{ ?st rdf:subject <{iri}> ; ?sp ?so }}
  UNION {{ {{ <{iri}> prov:wasDerivedFrom ?ev }} UNION {{ ?st2 rdf:subject <{iri}> ; prov:wasDerivedFrom ?ev }}
           ?ev ?ep ?eo }}
}}""", max_rows=MAX_ROWS)
        return result.graph()

    # -- search

    def search(self, q: str, kinds: Sequence[str] = ()) -> list[tuple[EntityRef, str]]:
        """Entities whose label or altLabel contains ``q`` (case-insensitive), with the label matched; then,
        for a query in Latin letters, those whose label's pinyin contains it (liugong → 柳工)."""
        text_filter = f"FILTER(CONTAINS(LCASE(STR(?matched)), LCASE({sparql_string(q)})))"
        hits = self._best_hits(self._label_rows(kinds, text_filter))
        needle = pinyin_needle(q)
        if needle:
            by_pinyin = [row for pinyin, row in self._romanised_labels(kinds) if needle in pinyin]
            hits |= {iri: hit for iri, hit in self._best_hits(by_pinyin).items() if iri not in hits}
        return list(hits.values())

    def _romanised_labels(self, kinds: Sequence[str]) -> list[tuple[str, Row]]:
        """(pinyin, row) of every label of ``kinds``, romanised once per store generation."""
        key = (getattr(self.store, "generation", None), tuple(kinds))
        found = self._romanised.get(key)
        if found is None:
            found = [(romanise(str(row["matched"])), row) for row in self._label_rows(kinds)]
            with self._lock:
                self._romanised = {k: v for k, v in self._romanised.items() if k[0] == key[0]} | {key: found}
        return found

    def _label_rows(self, kinds: Sequence[str], text_filter: str = "") -> list[Row]:
        """(entity, type, label or altLabel) of every sg: entity of ``kinds``, shortest label first."""
        type_filter = ""
        if kinds:
            type_filter = "VALUES ?type { " + " ".join(f"sg:{k}" for k in kinds) + " }"
        return self.select(f"""SELECT ?s ?type ?matched (SAMPLE(?zh) AS ?label) (SAMPLE(?en) AS ?label_en) WHERE {{
  {type_filter}
  ?s rdfs:label|skos:altLabel ?matched .
  {text_filter}
  ?s a ?type .
  FILTER(STRSTARTS(STR(?type), STR(sg:)) && ?type != sg:Evidence)
  {LABELS}
}} GROUP BY ?s ?type ?matched ORDER BY STRLEN(STR(?matched)) ?label ?s""")

    def _best_hits(self, rows: Iterable[Row]) -> dict[str, tuple[EntityRef, str]]:
        """Each entity once, with the first (shortest) of its labels that matched."""
        best: dict[str, tuple[EntityRef, str]] = {}
        for row in rows:
            iri = str(row["s"])
            if iri not in best:
                kind = str(row["type"]).rsplit("#", 1)[-1]
                best[iri] = (self._ref(row, "s", kind), str(row["matched"]))
        return best

    # -- export

    def quads(self) -> list[tuple[Term, Term, Term, Term | None]]:
        rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return [(r["s"], r["p"], r["o"], r.get("g")) for r in rows]


_QUOTE_NOISE = re.compile(r"[\s,，]")


def quote_states(quote: str, value: Any) -> bool:
    """Whether a quote prints a literal value (ignoring spaces and thousands separators)."""
    text = unicodedata.normalize("NFKC", str(value))
    if isinstance(value, Decimal | float):
        text = format(Decimal(str(value)).normalize(), "f")
    needle = _QUOTE_NOISE.sub("", text)
    return bool(needle) and needle in _QUOTE_NOISE.sub("", unicodedata.normalize("NFKC", quote))


def _evidence(row: Row) -> EvidenceValue | None:
    if row.get("ev") is None or row.get("quote") is None:
        return None
    return EvidenceValue(str(row["ev"]), str(row["report"]).rsplit("/", 1)[-1], int(row["line"].toPython()),
                         int(row["start"].toPython()), int(row["end"].toPython()), str(row["quote"]))


def level_iri(param: str, level: str) -> str:
    if level not in LEVEL_KEYS:
        raise BadParameter(param, f"{level!r} is not one of {', '.join(LEVEL_KEYS)}")
    return str(LEVEL[level])


# ---------------------------------------------------------------- filter patterns (over ?s) for list lookups

def out(pred: str, iri: str) -> str:
    """``?s sg:pred <iri>``."""
    return f"?s sg:{pred} <{iri}> ."


def into(iri: str, *preds: str) -> str:
    """``<iri> sg:p1|sg:p2 ?s``."""
    return f"<{iri}> {'|'.join(f'sg:{p}' for p in preds)} ?s ."


def has_literal(pred: str, value: str) -> str:
    return f"?s sg:{pred} {sparql_string(value)} ."


def has_text(pred: str, value: str) -> str:
    """Human text (tagged @zh, as the graph states it) equal to ``value``."""
    return f"?s sg:{pred} {sparql_string(value)}@zh ."


def has_code(pred: str, value: str) -> str:
    """A coded value (a concept of ``pred``'s scheme) given by its code, the concept's skos:notation."""
    return f"?s sg:{pred}/skos:notation {sparql_string(value)} ."


def year_between(first: int | None, last: int | None) -> str:
    tests = [f"?year >= {int(first)}" if first is not None else "", f"?year <= {int(last)}" if last is not None else ""]
    return f"?s sg:year ?yearValue . BIND(xsd:integer(STR(?yearValue)) AS ?year) FILTER({' && '.join(t for t in tests if t)})"


# a school partners with ?s directly, through one of its groups or industry colleges, or by a Partnership record
_PARTNER_OF = """{{ {school} sg:partner ?s }}
  UNION {{ {school} sg:hasGroup|sg:hasIndustryCollege ?via . ?via sg:partner ?s }}
  UNION {{ ?ship sg:partnerOrg ?s ; sg:partnerOf {school} }}"""


def partner_of_school(school: str) -> str:
    return _PARTNER_OF.format(school=f"<{school}>")


def shared_by_schools(count: int) -> str:
    return f"""{{ SELECT ?s WHERE {{ ?school a sg:School . {_PARTNER_OF.format(school='?school')} }}
    GROUP BY ?s HAVING (COUNT(DISTINCT ?school) >= {int(count)}) }}"""


def any_of_kinds(kinds: Sequence[str], patterns: Sequence[str]) -> str:
    """A pattern matching subjects of any of ``kinds`` that also match ``patterns``."""
    return " UNION ".join(f"{{ ?s a sg:{k} . {' '.join(patterns)} }}" for k in kinds)


def about_school(school: str, pred: str) -> str:
    """``?s sg:pred`` the school itself, or one of its groups, majors or industry colleges."""
    return f"""{{ ?s sg:{pred} <{school}> }}
  UNION {{ ?s sg:{pred} ?part . <{school}> sg:hasGroup|sg:hasIndustryCollege|sg:hasSecondaryCollege ?part }}
  UNION {{ ?s sg:{pred} ?part . ?part sg:offeredBy <{school}> }}"""

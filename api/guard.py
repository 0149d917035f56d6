"""Read a query's text safely before any engine sees it.

A small SPARQL tokenizer that skips strings, comments and IRIs, so that a keyword is only found
where it is a keyword (``"SERVICE"`` in a string or ``ex:SERVICE`` is not one). On its tokens:

- :func:`refusal` — why a query must not run: SERVICE (Oxigraph would call out to the web with no
  off switch), LOAD, or FROM / FROM NAMED naming a graph the store does not hold;
- :func:`dataset_refusal` — the same for the protocol's ``default-graph-uri`` / ``named-graph-uri``;
- :func:`with_using` — apply the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` to an
  update by adding USING clauses, or say why they conflict with the update's own USING/WITH.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]*)
  | (?P<name>[^\W\d][\w.-]*(?::[\w.%:\\-]*)?|:[\w.%:\\-]*|_:[\w.-]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
WEB_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Token:
    kind: str  # comment, string, iri, var, name, other
    text: str
    start: int

    @property
    def keyword(self) -> str:
        """Upper-cased word for bare names (keywords); '' for anything else."""
        return self.text.upper() if self.kind == "name" and ":" not in self.text else ""


@lru_cache(maxsize=512)  # library and dashboard queries repeat verbatim
def tokens(text: str) -> tuple[Token, ...]:
    return tuple(Token(m.lastgroup or "other", m.group(), m.start()) for m in _TOKEN.finditer(text)
                 if m.lastgroup not in {"ws", "comment"})


def _prefixes(toks: Sequence[Token]) -> dict[str, str]:
    """PREFIX declarations: prefix (with colon) -> namespace IRI."""
    found: dict[str, str] = {}
    for i, tok in enumerate(toks[:-2]):
        if tok.keyword == "PREFIX" and toks[i + 2].kind == "iri":
            found[toks[i + 1].text] = toks[i + 2].text[1:-1]
    return found


def _graph_name(tok: Token, prefixes: dict[str, str]) -> str | None:
    if tok.kind == "iri":
        return tok.text[1:-1]
    if tok.kind == "name" and ":" in tok.text:
        prefix, _, local = tok.text.partition(":")
        namespace = prefixes.get(prefix + ":")
        return None if namespace is None else namespace + local
    return None


def refusal(text: str, own_graphs: Collection[str], *, is_update: bool = False) -> str | None:
    """Why this query/update may not run, or None when it may."""
    toks = tokens(text)
    prefixes = _prefixes(toks)
    for i, tok in enumerate(toks):
        word = tok.keyword
        if word == "SERVICE":
            return f"SERVICE (federated query) is not allowed on this endpoint (at offset {tok.start})"
        if word == "LOAD":
            return f"LOAD is not allowed on this endpoint: it would fetch data from the web (at offset {tok.start})"
        if word == "FROM" and not is_update:
            j = i + 2 if i + 1 < len(toks) and toks[i + 1].keyword == "NAMED" else i + 1
            name = _graph_name(toks[j], prefixes) if j < len(toks) else None
            if name is None or name not in own_graphs:
                shown = toks[j].text if j < len(toks) else "nothing"
                return (f"FROM {shown} names a graph this store does not hold; FROM / FROM NAMED may only "
                        f"name the store's own graphs (see the service description)")
    return None


def dataset_refusal(params: Mapping[str, Sequence[str]], own_graphs: Collection[str]) -> str | None:
    """Why the protocol's ``default-graph-uri`` / ``named-graph-uri`` may not be used, or None.

    A graph the store does not hold is refused unless it is a web (http/https) IRI: ``file:///…``
    and other schemes name something on a machine, never a graph of this store. An unknown web
    graph is an empty graph, as the W3C SPARQL 1.1 Protocol tests expect (the engine never
    fetches it); ``FROM`` in the query text is stricter (:func:`refusal`).
    """
    for name in DATASET_PARAMETERS:
        for graph in params.get(name, ()):
            if graph not in own_graphs and not graph.lower().startswith(WEB_SCHEMES):
                return (f"{name}={graph[:200]} names a graph this store does not hold and no web graph; "
                        f"{name} may only name the store's own graphs (see the service description)")
    return None


def is_update_text(text: str) -> bool:
    """Whether the text starts (after its prologue) with an update operation."""
    for tok in tokens(text):
        word = tok.keyword
        if word in {"BASE", "PREFIX"} or tok.kind in {"iri"} or (tok.kind == "name" and tok.text.endswith(":")):
            continue
        return word in {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
    return False


def with_using(update: str, using: Sequence[str], using_named: Sequence[str]) -> str:
    """The update with the protocol's dataset added as USING clauses before each top-level WHERE
    of a DELETE/INSERT operation. Raises ValueError when the update names its own dataset."""
    if not using and not using_named:
        return update
    toks = tokens(update)
    if any(t.keyword in {"USING", "WITH"} for t in toks):
        raise ValueError("using-graph-uri / using-named-graph-uri conflict with USING or WITH in the update "
                         "(SPARQL 1.1 Protocol §2.2.3)")
    clause = " ".join([f"USING <{u}>" for u in using] + [f"USING NAMED <{u}>" for u in using_named]) + " "
    depth, inserts, previous = 0, [], ""
    for tok in toks:
        if tok.text == "{":
            depth += 1
        elif tok.text == "}":
            depth -= 1
        elif depth == 0 and tok.keyword == "WHERE" and previous != "DELETE":
            inserts.append(tok.start)
        previous = tok.keyword or tok.text
    for offset in reversed(inserts):
        update = update[:offset] + clause + update[offset:]
    return update

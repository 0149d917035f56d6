"""The triple store behind the API: one small interface, three backends.

- :class:`OxigraphStore` — embedded pyoxigraph (default): fast, in memory;
- :class:`~kg.rdflib_store.RdflibStore` — rdflib's own engine over an in-memory Dataset (fallback, slow;
  its own module, so that the other backends' processes need not import rdflib);
- :class:`RemoteStore` — any SPARQL 1.1 server (``sparql+http://host:port/sparql``): graphs are
  pushed with SPARQL Update (one named graph per report), queries are sent to it.

Every backend takes the query as a *string* and answers with a :class:`QueryResult` whose terms
are the backend's own (pyoxigraph or rdflib terms); :func:`term_parts` reads both, so the result
serialisers in :mod:`kg.sparql_results` and callers never care which engine answered. Use
:meth:`QueryResult.bindings` to get rdflib terms.

The default graph of a query is the union of all graphs unless the caller names default graphs
(``default_graph_uris``, the protocol's ``default-graph-uri``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import pyoxigraph as ox

from kg.generations import REMOTE_SCHEME, UNION_GRAPH, Prepare, StoreError, switch_and_prune, write_disk_store
from kg.iris import PREFIXES, REFERENCE_GRAPH, SG

# rdflib is imported where its terms are made or met, not here: the processes that only read the on-disk store (the
# server's query workers, the precompute's evaluating process) do without it (~18 MB and ~0.3 s of their start).
if TYPE_CHECKING:
    import httpx
    from rdflib import Graph
    from rdflib.term import Node as RdfTerm

    Quad = tuple[RdfTerm, RdfTerm, RdfTerm, RdfTerm | None]
QueryForm = Literal["select", "ask", "graph"]
DEFAULT_MAX_ROWS = 10_000

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class QuerySyntaxError(StoreError):
    """The engine's parser rejected a query or update; ``str()`` is its message with position."""


class QueryTimeout(StoreError):
    """A query ran past its time limit."""


@dataclass
class QueryResult:
    """The answer of one query: bindings (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE).

    ``truncated`` is true when more than ``max_rows`` rows/triples existed and only the first
    ``max_rows`` are here.
    """

    form: QueryForm
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Any, Any, Any]] = field(default_factory=list)
    truncated: bool = False

    def bindings(self) -> list[dict[str, RdfTerm]]:
        """SELECT rows as dicts of rdflib terms (unbound variables left out)."""
        return [{v: to_rdflib(t) for v, t in zip(self.variables, row, strict=True) if t is not None}
                for row in self.rows]

    def graph(self) -> Graph:
        """CONSTRUCT/DESCRIBE triples as an rdflib Graph."""
        from rdflib import Graph

        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for s, p, o in self.triples:
            g.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
        return g


class Store(Protocol):
    """What the API, REST routers and exporters may call on any backend."""

    name: str
    generation: int  # bumped on every change, so callers can drop caches

    def load_trig(self, path: Path) -> None: ...
    def replace_graph(self, graph: str, triples: Iterable[tuple[RdfTerm, RdfTerm, RdfTerm]]) -> None: ...
    def drop_graph(self, graph: str) -> None: ...
    def graphs(self) -> list[str]: ...
    def quads(self, graph: str | None = None) -> Iterator[Quad]: ...
    def query(self, text: str, *, default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = (),
              timeout: float | None = None, max_rows: int = DEFAULT_MAX_ROWS,
              base_iri: str | None = None) -> QueryResult: ...
    def update(self, text: str, base_iri: str | None = None) -> None: ...
    def serialize(self, format: str = "trig") -> bytes: ...
    def close(self) -> None: ...


# ---------------------------------------------------------------- terms

TermParts = tuple[str, str, str | None, str | None]  # (kind "uri"|"bnode"|"literal"|"triple", value, datatype, lang)


def term_parts(term: Any) -> TermParts:
    """Kind, lexical value, datatype and language of a pyoxigraph or rdflib term."""
    if isinstance(term, ox.NamedNode):
        return "uri", term.value, None, None
    if isinstance(term, ox.BlankNode):
        return "bnode", term.value, None, None
    if isinstance(term, ox.Literal):
        return "literal", term.value, term.datatype.value, term.language
    from rdflib import BNode, URIRef
    from rdflib import Literal as RdfLiteral

    if isinstance(term, URIRef):
        return "uri", str(term), None, None
    if isinstance(term, BNode):
        return "bnode", str(term), None, None
    if isinstance(term, RdfLiteral):
        datatype = str(term.datatype) if term.datatype else (RDF_LANG_STRING if term.language else XSD_STRING)
        return "literal", str(term), datatype, term.language
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: Any) -> RdfTerm:
    from rdflib import BNode, URIRef
    from rdflib import Literal as RdfLiteral
    from rdflib.term import Node as RdfTerm

    if isinstance(term, RdfTerm):
        return term
    kind, value, datatype, lang = term_parts(term)
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if lang:
        return RdfLiteral(value, lang=lang)
    return RdfLiteral(value, datatype=None if datatype == XSD_STRING else URIRef(datatype or XSD_STRING))


def to_oxigraph(term: Any) -> Any:
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term
    kind, value, datatype, lang = term_parts(term)
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if lang:
        return ox.Literal(value, language=lang)
    return ox.Literal(value, datatype=ox.NamedNode(datatype or XSD_STRING))


def _ox_graph(graph: str | None) -> Any:
    return ox.DefaultGraph() if graph is None else ox.NamedNode(graph)


# ---------------------------------------------------------------- query form

_PROLOGUE_NOISE = re.compile(
    r"""\s+|\#[^\n]*|<[^<>"{}|^`\\\x00-\x20]*>|(?i:BASE|PREFIX)\b|[A-Za-z][\w.-]*:|:""")
_FORM = re.compile(r"(?i)(SELECT|ASK|CONSTRUCT|DESCRIBE)\b")


def query_form(text: str) -> QueryForm | None:
    """The form of a query read after its prologue (BASE/PREFIX), or None if it is not a query."""
    pos = 0
    while (m := _PROLOGUE_NOISE.match(text, pos)) and m.end() > pos:
        pos = m.end()
    m = _FORM.match(text, pos)
    if not m:
        return None
    word = m.group(1).upper()
    return "select" if word == "SELECT" else "ask" if word == "ASK" else "graph"


class _Generations:
    """A counter bumped on every change, so callers (lookup caches, query workers) know when to refresh."""

    generation = 0

    def _changed(self) -> None:
        self.generation += 1


# ---------------------------------------------------------------- oxigraph


def _take(iterator: Iterable[Any], max_rows: int, deadline: float | None) -> tuple[list[Any], bool]:
    """Up to ``max_rows`` items and whether more existed; raises QueryTimeout past ``deadline``."""
    items: list[Any] = []
    for item in iterator:
        if len(items) >= max_rows:
            return items, True
        items.append(item)
        if deadline is not None and len(items) % 256 == 0 and time.monotonic() > deadline:
            raise QueryTimeout("query ran past its time limit")
    return items, False


_REFRESH_UNION = f"""CLEAR SILENT GRAPH <{UNION_GRAPH}> ;
INSERT {{ GRAPH <{UNION_GRAPH}> {{ ?s ?p ?o }} }}
WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{UNION_GRAPH}>) }} }}"""


class OxigraphStore(_Generations):
    """Embedded pyoxigraph store, in memory (or on disk when ``path`` is given).

    Oxigraph's own union default graph repeats a triple once per graph holding it, while SPARQL
    defines the default graph as a set (an RDF merge). So the union is kept, de-duplicated, in a
    hidden graph (:data:`UNION_GRAPH`), rebuilt after changes, and queries use it as their
    default graph; it never shows in ``graphs()``, ``quads()``, ``serialize()`` or ``GRAPH ?g``.
    """

    name = "oxigraph"

    def __init__(self, path: Path | None = None) -> None:
        self._store = ox.Store(str(path)) if path else ox.Store()
        self._union_generation = -1
        self._named: list[Any] = []
        self._union_lock = threading.Lock()

    def _dataset(self) -> list[Any]:
        """The store's named graphs (without the union), after bringing the union up to date."""
        with self._union_lock:
            if self._union_generation != self.generation:
                self._store.update(_REFRESH_UNION)
                self._named = [g for g in self._store.named_graphs()
                               if isinstance(g, ox.NamedNode) and g.value != UNION_GRAPH]
                self._union_generation = self.generation
            return self._named

    @property
    def native(self) -> ox.Store:
        return self._store

    def load_trig(self, path: Path) -> None:
        self._changed()
        try:
            self._store.bulk_load(path=str(path), format=_rdf_format(path))
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"{path}: cannot load: {exc}") from None
        self._dataset()

    def load_bytes(self, data: bytes, format: str = "nquads") -> None:
        self._changed()
        self._store.bulk_load(data, format=_RDF_FORMATS[format])
        self._dataset()

    def replace_graph(self, graph: str, triples: Iterable[tuple[RdfTerm, RdfTerm, RdfTerm]]) -> None:
        self._changed()
        g = ox.NamedNode(graph)
        self._store.remove_graph(g) if self._store.contains_named_graph(g) else None
        self._store.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), g) for s, p, o in triples)

    def drop_graph(self, graph: str) -> None:
        self._changed()
        g = ox.NamedNode(graph)
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value != UNION_GRAPH)

    def own_quads(self) -> Iterator[Any]:
        """pyoxigraph quads of every graph (the hidden union left out)."""
        union = ox.NamedNode(UNION_GRAPH)
        return (q for q in self._store if q.graph_name != union)

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        found = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)) if graph else self.own_quads()
        for q in found:
            g = None if isinstance(q.graph_name, ox.DefaultGraph) else to_rdflib(q.graph_name)
            yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), g

    def raw_query(self, text: str, default_graph_uris: Sequence[str] = (),
                  named_graph_uris: Sequence[str] = (), base_iri: str | None = None) -> Any:
        """pyoxigraph's own lazy result (for callers that serialise with oxigraph directly)."""
        named = self._dataset()
        kwargs: dict[str, Any] = {"base_iri": base_iri} if base_iri else {}
        if default_graph_uris:
            kwargs["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris]
        else:
            kwargs["default_graph"] = ox.NamedNode(UNION_GRAPH)
        kwargs["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris] if named_graph_uris else named
        try:
            return self._store.query(text, **kwargs)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None
        except (OSError, ValueError) as exc:
            raise StoreError(str(exc)) from None

    def query(self, text: str, *, default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = (),
              timeout: float | None = None, max_rows: int = DEFAULT_MAX_ROWS,
              base_iri: str | None = None) -> QueryResult:
        deadline = time.monotonic() + timeout if timeout else None
        raw = self.raw_query(text, default_graph_uris, named_graph_uris, base_iri)
        try:
            if isinstance(raw, ox.QueryBoolean):
                return QueryResult("ask", boolean=bool(raw))
            if isinstance(raw, ox.QuerySolutions):
                variables = [v.value for v in raw.variables]
                rows, truncated = _take((tuple(sol) for sol in raw), max_rows, deadline)
                return QueryResult("select", variables=variables, rows=rows, truncated=truncated)
            triples, truncated = _take(((t.subject, t.predicate, t.object) for t in raw), max_rows, deadline)
            return QueryResult("graph", triples=triples, truncated=truncated)
        except (OSError, ValueError, RuntimeError) as exc:  # evaluation errors surface while iterating
            raise StoreError(str(exc)) from None

    def update(self, text: str, base_iri: str | None = None) -> None:
        self._changed()
        try:
            self._store.update(text, base_iri=base_iri)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from None
        except (OSError, ValueError) as exc:
            raise StoreError(str(exc)) from None

    def serialize(self, format: str = "trig") -> bytes:
        return ox.serialize(self.own_quads(), format=_RDF_FORMATS[format])

    def close(self) -> None:
        self._store.flush() if hasattr(self._store, "flush") else None


class DiskOxigraphStore(OxigraphStore):
    """The on-disk store ``sgkg build`` writes (``build/store``: a link to the store directory), read-only.

    The union graph was materialised by the build, so nothing is rebuilt at opening: opening takes
    milliseconds whatever the size. Each process opens its own handle on first use (a forked query
    worker never shares its parent's), and when the link moves to a newer store (a new build or an
    ingest) the next call opens that one and ``generation`` moves on, so caches drop and a running
    server answers from the new graph without a restart.
    """

    name = "oxigraph"
    refreshes_itself = True  # the API need not push changes to its query workers: each one sees the link move

    def __init__(self, path: Path) -> None:  # no super().__init__(): there is no in-memory store to make
        self.path = Path(path)
        if not (self.path / "CURRENT").is_file():
            raise StoreError(f"{path}: not an on-disk store (build one with `sgkg build`)")
        self._opened: tuple[int, str, Any] | None = None  # (pid, store directory, pyoxigraph store)
        self._inherited: list[Any] = []  # handles of a parent process, kept (never closed) after a fork
        self._open_lock = threading.Lock()
        self._moves = 0
        self._named_for: tuple[str, list[Any]] | None = None

    @property
    def generation(self) -> int:  # type: ignore[override]
        self._handle()
        return self._moves

    @property
    def _store(self) -> Any:  # type: ignore[override]
        return self._handle()

    def _handle(self) -> Any:
        directory = os.path.realpath(self.path)
        opened = self._opened
        if opened is not None and opened[0] == os.getpid() and opened[1] == directory:
            return opened[2]
        with self._open_lock:
            opened = self._opened
            if opened is not None and opened[0] != os.getpid():
                self._inherited.append(opened[2])
            try:
                store = ox.Store.read_only(directory)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot open the store: {exc}") from None
            if opened is not None and opened[1] != directory:
                self._moves += 1
            self._opened = (os.getpid(), directory, store)
            return store

    def _dataset(self) -> list[Any]:
        store, directory = self._handle(), self._opened[1] if self._opened else ""
        if self._named_for is None or self._named_for[0] != directory:
            self._named_for = (directory, [g for g in store.named_graphs()
                                           if isinstance(g, ox.NamedNode) and g.value != UNION_GRAPH])
        return self._named_for[1]

    def _read_only(self, *_: Any, **__: Any) -> None:
        raise StoreError(f"{self.path}: the built store is read-only here; change it with `sgkg ingest` / `sgkg remove`")

    load_trig = load_bytes = replace_graph = drop_graph = update = _read_only  # type: ignore[assignment]

    def close(self) -> None:
        return None


def change_disk_store(link: Path, graphs: dict[str, Iterable[tuple[Any, Any, Any]] | None],
                      prepare: Prepare | None = None) -> Path:
    """A new generation of the store at ``link``: a checkpoint of the current one (hard links, so cheap at
    any size) in which each named graph of ``graphs`` is replaced by its triples (dropped when None), the
    union graph updated for just those triples; then ``link`` switches to it atomically. A running server
    follows the link (:class:`DiskOxigraphStore`); ``prepare`` sees the new generation before ``link`` does; a
    failure leaves ``link`` as it was."""
    link = Path(link)
    if not (link / "CURRENT").is_file():
        raise StoreError(f"{link}: not an on-disk store (build one with `sgkg build`)")
    previous = os.readlink(link) if link.is_symlink() else None
    target = Path(tempfile.mkdtemp(prefix=f".{link.name}-", dir=link.parent))
    target.rmdir()  # backup() creates it
    try:
        ox.Store.read_only(os.path.realpath(link)).backup(str(target))
        store = ox.Store(str(target))
        _replace_graphs(store, graphs)
        store.flush()
        del store
        if prepare is not None:
            prepare(target)
    except BaseException as exc:
        shutil.rmtree(target, ignore_errors=True)
        if isinstance(exc, OSError | SyntaxError | ValueError | RuntimeError):
            raise StoreError(f"{link}: cannot change the store: {exc}") from None
        raise
    switch_and_prune(link, target, previous)
    return link


def _replace_graphs(store: Any, graphs: dict[str, Iterable[tuple[Any, Any, Any]] | None]) -> None:
    """Replace (or drop) named graphs and keep the de-duplicated union graph in step, touching only their triples."""
    union = ox.NamedNode(UNION_GRAPH)
    gone: list[Any] = []
    for name, triples in graphs.items():
        graph = ox.NamedNode(name)
        gone.extend(store.quads_for_pattern(None, None, None, graph))
        store.remove_graph(graph) if store.contains_named_graph(graph) else None
        if triples is not None:
            new = [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph) for s, p, o in triples]
            store.extend(new)
            store.extend(ox.Quad(q.subject, q.predicate, q.object, union) for q in new)
    for quad in gone:
        if not any(q.graph_name != union for q in store.quads_for_pattern(quad.subject, quad.predicate, quad.object)):
            store.remove(ox.Quad(quad.subject, quad.predicate, quad.object, union))


def disk_store_of_trig(link: Path, trig: Path) -> Path:
    """The on-disk store at ``link`` for a TriG file (a graph built elsewhere, or a test fixture), in one part."""
    try:
        quads = list(ox.parse(path=str(trig), format=_rdf_format(trig)))
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"{trig}: cannot load: {exc}") from None
    graphs = ox.serialize(quads, format=ox.RdfFormat.TRIG)
    triples = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES)
    return write_disk_store(link, [(graphs, triples)])


_RDF_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
                "ntriples": ox.RdfFormat.N_TRIPLES}


def _rdf_format(path: Path) -> Any:
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".") or "trig")
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF file extension (expected .trig, .nq, .ttl or .nt)")
    return fmt


# ---------------------------------------------------------------- remote SPARQL 1.1 server

_PUSH_BATCH = 2_000  # triples per INSERT DATA request


def _nt(term: Any) -> str:
    """One term in N-Triples syntax (valid inside SPARQL INSERT DATA)."""
    return str(ox.serialize([ox.Triple(ox.NamedNode("x:s"), ox.NamedNode("x:p"), to_oxigraph(term))],
                            format=ox.RdfFormat.N_TRIPLES), "utf-8").split(" ", 2)[2].rstrip(" .\n")


DEFAULT_GRAPH_NAME = "urn:sgkg:default"  # where a loaded file's default graph goes on a remote server
# The store's own graphs on a remote server, found by what they hold instead of by scanning every quad (Virtuoso
# stops `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }` at its time limit at 500 reports; this reads an
# index): each report's graph holds its sg:Report node, and the reference graph and a loaded file's default
# graph are named. A server's own graphs (Virtuoso's system graphs) and other applications' are not the store's.
OWN_GRAPHS_QUERY = (f"SELECT DISTINCT ?g WHERE {{ {{ GRAPH ?g {{ ?report a <{SG}Report> }} }} UNION "
                    f"{{ VALUES ?g {{ <{REFERENCE_GRAPH}> <{DEFAULT_GRAPH_NAME}> }} "
                    f"FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }} }}")


class RemoteStore(_Generations):
    """A SPARQL 1.1 server reached over HTTP; graphs are pushed to it with SPARQL Update.

    ``url`` is the endpoint (``http://host:port/sparql``); the same endpoint takes updates (the
    ``update`` form parameter) unless ``update_url`` says otherwise. As in the embedded store, a
    de-duplicated union of the store's graphs is kept in :data:`UNION_GRAPH` and is the default
    graph of every query that names none; ``GRAPH ?g`` ranges over the store's own graphs only: its
    reports' graphs, the reference graph and a loaded file's default graph (:data:`OWN_GRAPHS_QUERY`).
    """

    name = "remote"

    def __init__(self, url: str, update_url: str | None = None, timeout: float = 30.0) -> None:
        self.url = url
        self.update_url = update_url or url
        import httpx  # here, not at the top: ~5 MB that only a remote store needs (every query process imports this module)

        self._client = httpx.Client(timeout=timeout)
        self._own: tuple[int, list[str]] | None = None

    def _post(self, url: str, data: dict[str, Any], accept: str, timeout: float | None = None) -> httpx.Response:
        import httpx

        try:
            response = self._client.post(url, data=data, headers={"Accept": accept},
                                         timeout=timeout if timeout else httpx.USE_CLIENT_DEFAULT)
        except httpx.TimeoutException:
            raise QueryTimeout(f"{url}: the SPARQL server did not answer in time") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"{url}: cannot reach the SPARQL server: {exc}") from None
        if response.status_code >= 400:
            message = f"{url}: HTTP {response.status_code}: {response.text[:500]}"
            raise (QuerySyntaxError if response.status_code == 400 else StoreError)(message)
        return response

    def load_trig(self, path: Path) -> None:
        store = OxigraphStore()
        store.load_trig(path)
        by_graph: dict[str, list[tuple[Any, Any, Any]]] = {}
        for q in store.own_quads():
            name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            by_graph.setdefault(name, []).append((q.subject, q.predicate, q.object))
        for graph, triples in sorted(by_graph.items()):
            self._push(graph or DEFAULT_GRAPH_NAME, triples)
        self.refresh_union()

    def refresh_union(self) -> None:
        """Rebuild the de-duplicated union graph from the server's graphs: after a change, or after graphs were
        loaded by other means (a server's own bulk loader)."""
        self._changed()
        graphs = self.graphs()
        self.update(f"DROP SILENT GRAPH <{UNION_GRAPH}>")
        for graph in graphs:  # one graph an update: Virtuoso times out one transaction over 500 reports' graphs
            self.update(f"INSERT {{ GRAPH <{UNION_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")

    def replace_graph(self, graph: str, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        self._push(graph, triples)
        self.refresh_union()

    def _push(self, graph: str, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")
        batch: list[str] = []
        for s, p, o in triples:
            batch.append(f"{_nt(s)} {_nt(p)} {_nt(o)} .")
            if len(batch) >= _PUSH_BATCH:
                self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(batch) + "\n} }")
                batch = []
        if batch:
            self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n" + "\n".join(batch) + "\n} }")

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph}>")
        self.refresh_union()

    def graphs(self) -> list[str]:
        if self._own is None or self._own[0] != self.generation:
            response = self._post(self.url, {"query": OWN_GRAPHS_QUERY}, "application/sparql-results+json")
            parsed = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
            own = sorted({term_parts(sol[0])[1] for sol in parsed if sol[0] is not None} - {UNION_GRAPH})
            self._own = (self.generation, own)
        return self._own[1]

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)" if graph else "GRAPH ?g { ?s ?p ?o }"
        result = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}", max_rows=10_000_000)
        for s, p, o, g in result.rows:
            yield to_rdflib(s), to_rdflib(p), to_rdflib(o), to_rdflib(g)

    def query(self, text: str, *, default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = (),
              timeout: float | None = None, max_rows: int = DEFAULT_MAX_ROWS,
              base_iri: str | None = None) -> QueryResult:
        form = query_form(text)
        if form is None:
            raise QuerySyntaxError("error at 1:1: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
        data: dict[str, Any] = {"query": f"BASE <{base_iri}>\n{text}" if base_iri else text,
                                "default-graph-uri": list(default_graph_uris) or [UNION_GRAPH],
                                "named-graph-uri": list(named_graph_uris) or self.graphs()}
        accept = "application/n-triples" if form == "graph" else "application/sparql-results+json"
        response = self._post(self.url, data, accept, timeout)
        if form == "graph":
            triples = [(t.subject, t.predicate, t.object)
                       for t in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]
            return QueryResult("graph", triples=triples[:max_rows], truncated=len(triples) > max_rows)
        parsed = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(parsed))
        if form == "ask":  # Virtuoso answers ASK over a given dataset as a one-column table
            return QueryResult("ask", boolean=any(sol[0] is not None and term_parts(sol[0])[1] in {"1", "true"}
                                                  for sol in parsed))
        variables = [v.value for v in parsed.variables]
        rows, truncated = _take((tuple(sol) for sol in parsed), max_rows, None)
        return QueryResult("select", variables=variables, rows=rows, truncated=truncated)

    def update(self, text: str, base_iri: str | None = None) -> None:
        self._changed()  # (the union is not rebuilt after arbitrary updates: use replace_graph)
        if base_iri:
            text = f"BASE <{base_iri}>\n{text}"
        self._post(self.update_url, {"update": text}, "*/*")

    def serialize(self, format: str = "trig") -> bytes:
        store = OxigraphStore()
        store.native.extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), _ox_graph(g and str(g)))
                            for s, p, o, g in self.quads())
        return store.serialize(format)

    def close(self) -> None:
        self._client.close()


# ---------------------------------------------------------------- opening


def open_store(spec: str = "oxigraph", graph: Path | None = None) -> Store:
    """A store for ``spec`` ("oxigraph", "rdflib" or "sparql+http://host:port/sparql"), loaded
    with ``graph`` (a TriG/N-Quads file) when given; for "oxigraph", ``graph`` may be the on-disk
    store a build writes (``build/store``), opened as it is (:class:`DiskOxigraphStore`)."""
    store: Store
    if spec in {"oxigraph", "memory"} and graph is not None and graph.is_dir():
        return DiskOxigraphStore(graph)
    if spec in {"oxigraph", "memory"}:
        store = OxigraphStore()
    elif spec == "rdflib":
        from kg.rdflib_store import RdflibStore

        store = RdflibStore()
    elif spec.startswith(REMOTE_SCHEME + "http://") or spec.startswith(REMOTE_SCHEME + "https://"):
        store = RemoteStore(spec[len(REMOTE_SCHEME):])
    else:
        raise StoreError(f"unknown store {spec!r}: use oxigraph, rdflib or sparql+http://host:port/sparql")
    if graph is not None:
        if not graph.is_file():
            raise StoreError(f"{graph}: no such graph file (build it first with `sgkg build`)")
        store.load_trig(graph)
    return store

"""The rdflib backend of :mod:`kg.store`: rdflib's own in-memory Dataset and SPARQL engine, the slow, pure-Python
fallback (``--store rdflib``). Its own module so that the store's other backends need not import rdflib."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, URIRef
from rdflib.term import Node as RdfTerm

from kg.store import (
    DEFAULT_MAX_ROWS,
    QueryResult,
    QuerySyntaxError,
    StoreError,
    _Generations,
    _take,
    to_rdflib,
)

if TYPE_CHECKING:
    from kg.store import Quad


def _skip_unbound_rows_in_distinct_aggregates() -> None:
    """rdflib raises NotBoundError for ``COUNT(DISTINCT ?v)`` / ``GROUP_CONCAT(DISTINCT ?v)`` when ``?v`` is
    unbound in some row (an OPTIONAL that did not match; RDFLib/rdflib#882). SPARQL skips such a row in the
    aggregate, as rdflib itself does without DISTINCT: make the DISTINCT test skip it too."""
    from rdflib.plugins.sparql.aggregates import Accumulator
    from rdflib.plugins.sparql.sparql import NotBoundError

    distinct_test = Accumulator.use_row
    if getattr(distinct_test, "skips_unbound", False):
        return

    def use_row(self: Accumulator, row: Any) -> bool:
        try:
            return distinct_test(self, row)
        except NotBoundError:
            return False

    use_row.skips_unbound = True  # type: ignore[attr-defined]
    Accumulator.use_row = use_row  # type: ignore[method-assign]


class RdflibStore(_Generations):
    """rdflib's own in-memory Dataset and SPARQL engine: the slow, pure-Python fallback."""

    name = "rdflib"

    def __init__(self) -> None:
        import rdflib.plugins.sparql as rdflib_sparql

        rdflib_sparql.SPARQL_LOAD_GRAPHS = False  # FROM never fetches from the web
        _skip_unbound_rows_in_distinct_aggregates()
        self._ds = Dataset(default_union=True)

    def load_trig(self, path: Path) -> None:
        self._changed()
        try:
            self._ds.parse(str(path), format="trig" if path.suffix in {".trig", ""} else None)
        except Exception as exc:  # rdflib raises many unrelated types for bad input
            raise StoreError(f"{path}: cannot load: {exc}") from None

    def load_bytes(self, data: bytes, format: str = "nquads") -> None:
        self._changed()
        self._ds.parse(data=data, format={"nquads": "nquads", "trig": "trig"}[format])

    def replace_graph(self, graph: str, triples: Iterable[tuple[RdfTerm, RdfTerm, RdfTerm]]) -> None:
        self._changed()
        self.drop_graph(graph)
        g = self._ds.graph(URIRef(graph))
        for s, p, o in triples:
            g.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))

    def drop_graph(self, graph: str) -> None:
        self._changed()
        self._ds.remove_graph(self._ds.graph(URIRef(graph)))

    def graphs(self) -> list[str]:
        return sorted(str(g.identifier) for g in self._ds.graphs()
                      if isinstance(g.identifier, URIRef) and str(g.identifier) != "urn:x-rdflib:default" and len(g))

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        ctx = URIRef(graph) if graph else None
        for s, p, o, g in self._ds.quads((None, None, None, ctx)):
            yield s, p, o, g if isinstance(g, URIRef) and str(g) != "urn:x-rdflib:default" else None

    def _dataset_for(self, default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]) -> Dataset:
        if not default_graph_uris and not named_graph_uris:
            return self._ds
        view = Dataset(default_union=False)
        for uri in default_graph_uris:
            for triple in self._ds.graph(URIRef(uri)):
                view.default_graph.add(triple)
        if not default_graph_uris:
            for triple in self._ds.triples((None, None, None)):
                view.default_graph.add(triple)
        for uri in named_graph_uris or self.graphs():
            g = view.graph(URIRef(uri))
            for triple in self._ds.graph(URIRef(uri)):
                g.add(triple)
        return view

    def query(self, text: str, *, default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = (),
              timeout: float | None = None, max_rows: int = DEFAULT_MAX_ROWS,
              base_iri: str | None = None) -> QueryResult:
        from pyparsing import ParseException

        ds = self._dataset_for(default_graph_uris, named_graph_uris)
        try:
            result = ds.query(text, base=base_iri) if base_iri else ds.query(text)
        except ParseException as exc:
            raise QuerySyntaxError(f"error at {exc.lineno}:{exc.col}: {exc.msg}") from None
        except Exception as exc:  # rdflib's evaluator raises assorted types
            raise StoreError(str(exc)) from None
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        if result.type == "SELECT":
            variables = [str(v) for v in result.vars or []]
            rows, truncated = _take((tuple(row) for row in result), max_rows, None)
            return QueryResult("select", variables=variables, rows=rows, truncated=truncated)
        triples, truncated = _take(iter(result.graph), max_rows, None)
        return QueryResult("graph", triples=triples, truncated=truncated)

    def update(self, text: str, base_iri: str | None = None) -> None:
        from pyparsing import ParseException

        self._changed()
        try:
            self._ds.update(f"BASE <{base_iri}>\n{text}" if base_iri else text)
        except ParseException as exc:
            raise QuerySyntaxError(f"error at {exc.lineno}:{exc.col}: {exc.msg}") from None
        except Exception as exc:
            raise StoreError(str(exc)) from None

    def serialize(self, format: str = "trig") -> bytes:
        return self._ds.serialize(format={"nquads": "nquads", "trig": "trig"}[format], encoding="utf-8")

    def close(self) -> None:
        return None

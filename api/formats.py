"""SPARQL result formats: content negotiation and serialisers for every store's results.

SELECT/ASK: SPARQL 1.1 JSON, XML, CSV, TSV. CONSTRUCT/DESCRIBE: Turtle, N-Triples, JSON-LD,
RDF/XML (written by pyoxigraph). The serialisers read terms through :func:`kg.store.term_parts`,
so they work the same on pyoxigraph, rdflib and remote results.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.iris import PREFIXES
from kg.store import XSD_STRING, QueryForm, QueryResult, term_parts, to_oxigraph


@dataclass(frozen=True)
class ResultFormat:
    key: str
    media_type: str
    aliases: tuple[str, ...]


TABULAR_FORMATS = (
    ResultFormat("json", "application/sparql-results+json", ("json", "srj", "application/json")),
    ResultFormat("xml", "application/sparql-results+xml", ("xml", "srx", "application/xml", "text/xml")),
    ResultFormat("csv", "text/csv", ("csv",)),
    ResultFormat("tsv", "text/tab-separated-values", ("tsv",)),
)
GRAPH_FORMATS = (
    ResultFormat("turtle", "text/turtle", ("turtle", "ttl", "application/x-turtle")),
    ResultFormat("ntriples", "application/n-triples", ("ntriples", "nt", "text/plain")),
    ResultFormat("jsonld", "application/ld+json", ("jsonld", "json-ld", "json", "application/json")),
    ResultFormat("rdfxml", "application/rdf+xml", ("rdfxml", "rdf", "xml", "application/xml", "text/xml")),
)
BOOLEAN_FORMATS = TABULAR_FORMATS


class NotAcceptable(ValueError):
    """No format the client accepts (or asked for with ``format``) can carry this result."""


def formats_for(form: QueryForm) -> tuple[ResultFormat, ...]:
    return GRAPH_FORMATS if form == "graph" else TABULAR_FORMATS


def parse_accept(header: str) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (stable for equal q)."""
    ranges: list[tuple[str, float, int]] = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q, index))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(media, q) for media, q, _ in ranges if q > 0]


def _matches(media_range: str, fmt: ResultFormat) -> bool:
    if media_range in {"*/*", "*"}:
        return True
    if media_range.endswith("/*"):
        return fmt.media_type.startswith(media_range[:-1])
    return media_range == fmt.media_type or media_range in fmt.aliases


def choose_format(form: QueryForm, accept: str | None, format_param: str | None) -> ResultFormat:
    """The format to answer in: ``format`` parameter first, then Accept, else the first (default)."""
    candidates = formats_for(form)
    if format_param:
        wanted = format_param.strip().lower()
        for fmt in candidates:
            if wanted == fmt.key or wanted == fmt.media_type or wanted in fmt.aliases:
                return fmt
        names = ", ".join(f.key for f in candidates)
        raise NotAcceptable(f"format {format_param!r} cannot carry a {_form_name(form)} result; use one of {names}")
    if not accept:
        return candidates[0]
    for media_range, _q in parse_accept(accept):
        for fmt in candidates:
            if _matches(media_range, fmt):
                return fmt
    # Clients asking only for text/html or similar still get the standard format.
    return candidates[0]


def _form_name(form: QueryForm) -> str:
    return {"select": "SELECT", "ask": "ASK", "graph": "CONSTRUCT/DESCRIBE"}[form]


# ---------------------------------------------------------------- serialisers


def _json_term(term: Any) -> dict[str, str]:
    kind, value, datatype, lang = term_parts(term)
    if kind != "literal":
        return {"type": kind, "value": value}
    if lang:
        return {"type": "literal", "value": value, "xml:lang": lang}
    if datatype and datatype != XSD_STRING:
        return {"type": "literal", "value": value, "datatype": datatype}
    return {"type": "literal", "value": value}


# Each tabular writer yields its document in pieces (a row at a time), so that an answer can be written to a
# file without holding it whole twice (``write``); ``serialize`` joins the pieces for an HTTP body.

def json_chunks(result: QueryResult) -> Iterator[str]:
    head = {"vars": result.variables} if result.form == "select" else {}
    if result.form == "ask":
        yield _json({"head": head, "boolean": bool(result.boolean)})
        return
    yield '{"head":' + _json(head) + ',"results":{"bindings":['
    names = result.variables
    for index, row in enumerate(result.rows):
        binding = {name: _json_term(term) for name, term in zip(names, row, strict=True) if term is not None}
        yield ("," if index else "") + _json(binding)
    yield ']},"truncated":' + _json(result.truncated) + "}"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# xml.sax.saxutils' escape and quoteattr, written out: that module imports urllib.request (http.client, email,
# ssl: ~4 MB of every query worker and of the precompute's evaluating process) for functions it does not use here.
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_XML_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def escape(text: str) -> str:
    return text.translate(_XML_TEXT)


def quoteattr(text: str) -> str:
    text = text.translate(_XML_ATTRIBUTE)
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


def _xml_term(term: Any) -> str:
    kind, value, datatype, lang = term_parts(term)
    if kind == "uri":
        return f"<uri>{escape(value)}</uri>"
    if kind == "bnode":
        return f"<bnode>{escape(value)}</bnode>"
    if lang:
        return f"<literal xml:lang={quoteattr(lang)}>{escape(value)}</literal>"
    if datatype and datatype != XSD_STRING:
        return f"<literal datatype={quoteattr(datatype)}>{escape(value)}</literal>"
    return f"<literal>{escape(value)}</literal>"


def xml_chunks(result: QueryResult) -> Iterator[str]:
    yield ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>'
           + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>\n")
    if result.form == "ask":
        yield f"<boolean>{'true' if result.boolean else 'false'}</boolean>\n"
    else:
        yield "<results>\n"
        for row in result.rows:
            yield ("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                        for v, t in zip(result.variables, row, strict=True) if t is not None)
                   + "</result>\n")
        yield "</results>\n"
    yield "</sparql>\n"


def csv_chunks(result: QueryResult) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.form == "ask":
        rows: Iterable[list[str]] = [["_askResult"], ["true" if result.boolean else "false"]]
    else:
        rows = itertools.chain([result.variables],
                               (["" if t is None else _csv_value(t) for t in row] for row in result.rows))
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _csv_value(term: Any) -> str:
    kind, value, _, _ = term_parts(term)
    return f"_:{value}" if kind == "bnode" else value


def _tsv_term(term: Any) -> str:
    kind, value, datatype, lang = term_parts(term)
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype and datatype != XSD_STRING:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def tsv_chunks(result: QueryResult) -> Iterator[str]:
    if result.form == "ask":
        yield f"?_askResult\n{'true' if result.boolean else 'false'}\n"
        return
    yield "\t".join(f"?{v}" for v in result.variables) + "\n"
    for row in result.rows:
        yield "\t".join("" if t is None else _tsv_term(t) for t in row) + "\n"


_OX_GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                     "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}


def to_graph(result: QueryResult, key: str) -> bytes:
    triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in result.triples]
    fmt = _OX_GRAPH_FORMATS[key]
    if key in {"turtle", "rdfxml"}:
        return ox.serialize(triples, format=fmt, prefixes=PREFIXES)
    return ox.serialize(triples, format=fmt)


_TABULAR_WRITERS: dict[str, Callable[[QueryResult], Iterator[str]]] = {
    "json": json_chunks, "xml": xml_chunks, "csv": csv_chunks, "tsv": tsv_chunks}


def serialize(result: QueryResult, fmt: ResultFormat) -> bytes:
    if result.form == "graph":
        return to_graph(result, fmt.key)
    return "".join(_TABULAR_WRITERS[fmt.key](result)).encode()


def write(result: QueryResult, fmt: ResultFormat, path: Path) -> None:
    """``serialize`` into a file, a row at a time."""
    with path.open("wb") as handle:
        if result.form == "graph":
            handle.write(to_graph(result, fmt.key))
            return
        for chunk in _TABULAR_WRITERS[fmt.key](result):
            handle.write(chunk.encode())


def content_type(fmt: ResultFormat) -> str:
    return f"{fmt.media_type}; charset=utf-8"

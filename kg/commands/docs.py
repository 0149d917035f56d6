"""``sgkg docs``: browsable HTML documentation of the ontology (``build/ontology.html``).

pyLODE 3.4 cannot be imported from an installed wheel (its version module reads a
pyproject.toml that the wheel does not ship), so the page is rendered here with jinja2: one
self-contained file, no network, every sg: term with both labels, comment, domain, range and
alignment, and the level concept scheme.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from jinja2 import Environment
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.howto import README_FILE, blocks, section_text
from kg.namespaces import DCTERMS, PREFIXES, SCHEMA, SG
from kg.reference import LEVEL_SCHEME, ONTOLOGY_FILE

DEFAULT_OUT = Path("build/ontology.html")

_SECTIONS = (("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
             ("Datatype properties", OWL.DatatypeProperty))


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    iri: str
    label_zh: str
    label_en: str
    comment: str
    rows: tuple[tuple[str, tuple[Link, ...]], ...]  # (heading, values)


def _text(graph: Graph, node: URIRef, predicate: URIRef, lang: str | None = None) -> str:
    for value in graph.objects(node, predicate):
        if isinstance(value, Literal) and (lang is None or value.language == lang):
            return str(value)
    return ""


def _link(graph: Graph, node: URIRef) -> Link:
    name = graph.namespace_manager.normalizeUri(node)
    href = f"#{node.removeprefix(str(SG))}" if node.startswith(str(SG)) else str(node)
    return Link(name, href)


def _links(graph: Graph, node: URIRef, *predicates: URIRef) -> tuple[Link, ...]:
    values = {v for p in predicates for v in graph.objects(node, p) if isinstance(v, URIRef)}
    return tuple(sorted((_link(graph, v) for v in values), key=lambda link: link.text))


def _term(graph: Graph, node: URIRef) -> Term:
    rows = (
        ("subclass of", _links(graph, node, RDFS.subClassOf)),
        ("subproperty of", _links(graph, node, RDFS.subPropertyOf)),
        ("domain", _links(graph, node, RDFS.domain, SCHEMA.domainIncludes)),
        ("range", _links(graph, node, RDFS.range, SCHEMA.rangeIncludes)),
        ("properties", tuple(sorted((_link(graph, p) for p in graph.subjects(RDFS.domain, node)),
                                    key=lambda link: link.text))),
        ("used as range of", tuple(sorted((_link(graph, p) for p in graph.subjects(RDFS.range, node)),
                                          key=lambda link: link.text))),
    )
    return Term(node.removeprefix(str(SG)), str(node), _text(graph, node, RDFS.label, "zh"),
                _text(graph, node, RDFS.label, "en"), _text(graph, node, RDFS.comment),
                tuple((heading, links) for heading, links in rows if links))


def _terms(graph: Graph, kind: URIRef) -> list[Term]:
    nodes = {n for n in graph.subjects(RDF.type, kind) if isinstance(n, URIRef) and n.startswith(str(SG))}
    return [_term(graph, n) for n in sorted(nodes)]


def _levels(graph: Graph) -> list[dict[str, str]]:
    concepts = sorted(graph.subjects(SKOS.inScheme, LEVEL_SCHEME), key=lambda c: _text(graph, c, SKOS.notation))
    return [{"iri": str(c), "zh": _text(graph, c, SKOS.prefLabel, "zh"), "en": _text(graph, c, SKOS.prefLabel, "en"),
             "alt": "、".join(sorted(str(a) for a in graph.objects(c, SKOS.altLabel))),
             "definition": _text(graph, c, SKOS.definition)} for c in concepts]


TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:2px solid #2a6;padding-bottom:.2rem;margin-top:2.5rem}
.term{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.term h3{margin:.2rem 0}.iri{font-family:monospace;color:#666;font-size:.9em}
table{border-collapse:collapse}td,th{padding:.2rem .6rem;vertical-align:top;text-align:left}
nav{display:flex;flex-wrap:wrap;gap:.2rem .6rem}code{background:#f4f4f4;padding:0 .2rem}
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto}pre code{padding:0}
</style></head><body>
<h1>{{ title }}</h1>
<p class="iri">{{ ontology_iri }}{% if version %} · version {{ version }}{% endif %}</p>
<p>{{ description }}</p>
{% if how_to_ask %}<h2 id="how-to-ask">How to ask</h2>
{% for b in how_to_ask %}{% if b.kind == "heading" %}<h3>{{ b.html[0] }}</h3>
{% elif b.kind == "code" %}<pre><code class="language-{{ b.language }}">{{ b.html[0] }}</code></pre>
{% elif b.kind == "list" %}<ul>{% for item in b.html %}<li>{{ item }}</li>{% endfor %}</ul>
{% else %}<p>{{ b.html[0] }}</p>
{% endif %}{% endfor %}{% endif %}
<h2>Namespaces</h2><table>{% for prefix, ns in prefixes %}<tr><td><code>{{ prefix }}:</code></td>
<td class="iri">{{ ns }}</td></tr>{% endfor %}</table>
{% for heading, terms in sections %}
<h2>{{ heading }} ({{ terms|length }})</h2>
<nav>{% for t in terms %}<a href="#{{ t.name }}">{{ t.name }}</a>{% endfor %}</nav>
{% for t in terms %}<div class="term" id="{{ t.name }}"><h3>sg:{{ t.name }} — {{ t.label_zh }} / {{ t.label_en }}</h3>
<div class="iri">{{ t.iri }}</div><p>{{ t.comment }}</p>
{% if t.rows %}<table>{% for h, links in t.rows %}<tr><th>{{ h }}</th><td>
{% for l in links %}<a href="{{ l.href }}">{{ l.text }}</a>{% if not loop.last %}, {% endif %}{% endfor %}
</td></tr>{% endfor %}</table>{% endif %}</div>
{% endfor %}{% endfor %}
<h2>Level concepts (value of sg:level)</h2>
<table><tr><th>concept</th><th>zh</th><th>en</th><th>other spellings</th><th>definition</th></tr>
{% for c in levels %}<tr><td class="iri">{{ c.iri }}</td><td>{{ c.zh }}</td><td>{{ c.en }}</td>
<td>{{ c.alt }}</td><td>{{ c.definition }}</td></tr>{% endfor %}</table>
</body></html>
"""


class DocsError(Exception):
    """The ontology file cannot be documented (message names the file)."""


def _parse(ontology: Path) -> Graph:
    try:
        graph = Graph().parse(ontology, format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad input
        raise DocsError(f"{ontology}: not a readable Turtle file: {exc!r}") from None
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, replace=True)
    return graph


def render_ontology_html(ontology: Path = ONTOLOGY_FILE, readme: Path = README_FILE) -> str:
    """The documentation page: the README's "How to ask" patterns, then every term and the level concepts."""
    graph = _parse(ontology)
    header = next(graph.subjects(RDF.type, OWL.Ontology), None)
    if header is None:
        raise DocsError(f"{ontology}: no owl:Ontology header")
    return Environment(autoescape=True).from_string(TEMPLATE).render(
        title=_text(graph, header, RDFS.label, "en") or "Ontology",
        ontology_iri=str(header),
        version=_text(graph, header, OWL.versionInfo),
        description=_text(graph, header, DCTERMS.description) or _text(graph, header, RDFS.comment),
        prefixes=sorted(PREFIXES.items()),
        sections=[(heading, _terms(graph, kind)) for heading, kind in _SECTIONS],
        levels=_levels(graph),
        how_to_ask=blocks(section_text(readme)),
    )


def docs(
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the HTML page.")] = DEFAULT_OUT,
    ontology: Annotated[Path, typer.Option(help="The ontology (Turtle).")] = ONTOLOGY_FILE,
) -> None:
    """Write browsable HTML documentation of the ontology."""
    try:
        html = render_ontology_html(ontology)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except DocsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except OSError as exc:
        typer.echo(f"error: {out}: cannot write: {exc.strerror}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"wrote {out}")


def register(app: typer.Typer) -> None:
    app.command("docs")(docs)

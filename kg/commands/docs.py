"""``sgkg docs``: browsable HTML documentation of the ontology (``build/ontology.html``).

pyLODE 3.4 cannot be imported from an installed wheel (its version module reads a
pyproject.toml that the wheel does not ship), so the page is rendered here with jinja2: one
self-contained file, no network, every sg: term with both labels, comment, domain, range and
alignment, the literal policy and every concept scheme of coded values with its members.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from jinja2 import Environment
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.howto import README_FILE, blocks, section_text
from kg.namespaces import DCTERMS, PREFIXES, SCHEMA, SG
from kg.reference import ONTOLOGY_FILE
from kg.vocab import schemes

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


@dataclass(frozen=True, slots=True)
class SchemeDoc:
    key: str
    iri: str
    label_zh: str
    label_en: str
    comment: str
    prop: str
    classes: str
    members: tuple[dict[str, str], ...]


def _schemes() -> list[SchemeDoc]:
    """Every concept scheme of coded values (kg.vocab: the level scheme of the ontology and the data files)."""
    return [SchemeDoc(s.key, str(s.iri), s.label_zh, s.label_en, s.comment, s.prop,
                      ", ".join(f"sg:{c}" for c in s.classes),
                      tuple({"iri": str(s.concept_iri(c)), "notation": c.notation, "zh": c.zh, "en": c.en,
                             "alt": "、".join(c.aliases)} for c in s.concepts)) for s in schemes()]


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
<h2 id="literal-policy">Literal policy</h2>
<p>Human text is a literal tagged <code>@zh</code> (or <code>@en</code>): the properties whose range is
<code>rdf:langString</code>. Numbers are typed (<code>xsd:decimal</code>, <code>xsd:integer</code>, <code>xsd:gYear</code>).
Every coded value is a <code>skos:Concept</code> of a scheme of its own, listed below: its <code>skos:notation</code> is the
code (<code>sg:category/skos:notation "title"</code>; a country's is its ISO 3166-1 alpha-2 code), its labels are zh and en.
The shapes generated from this ontology (<code>shapes/vocabulary.ttl</code>) refuse a property outside its domain, an
untagged human-text literal and a code outside its scheme.</p>
<h2 id="schemes">Coded values: concept schemes ({{ schemes|length }})</h2>
<nav>{% for s in schemes %}<a href="#scheme-{{ s.key }}">{{ s.key }}</a>{% endfor %}</nav>
{% for s in schemes %}<div class="term" id="scheme-{{ s.key }}"><h3>{{ s.label_zh }} / {{ s.label_en }}</h3>
<div class="iri">{{ s.iri }}</div><p>{{ s.comment }}</p>
<p>Values of <a href="#{{ s.prop }}">sg:{{ s.prop }}</a> on {{ s.classes }}.</p>
<table><tr><th>concept</th><th>notation</th><th>zh</th><th>en</th><th>other spellings</th></tr>
{% for c in s.members %}<tr><td class="iri">{{ c.iri }}</td><td><code>{{ c.notation }}</code></td><td>{{ c.zh }}</td>
<td>{{ c.en }}</td><td>{{ c.alt }}</td></tr>{% endfor %}</table></div>
{% endfor %}</body></html>
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
    """The documentation page: the README's "How to ask" patterns, every term, the literal policy and the concept
    schemes of coded values with their members."""
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
        schemes=_schemes(),
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

"""Generate ``shapes/vocabulary.ttl``: every sg: property's domain and range, and the literal policy, as SHACL.

For each sg: class of ``ontology/sgkg.ttl`` a closed node shape (its hand-written one, extended, where it has one):
the sg: properties whose ``rdfs:domain`` or
``schema:domainIncludes`` names the class (or ``rdfs:Resource``: any node) are the only ones it may carry
— a property used outside its domain, or one declared with no domain at all, is a violation — and each
has the check its range asks for:

- ``rdf:langString`` (human text): a literal tagged ``@zh`` or ``@en`` (an untagged literal fails);
- an ``xsd:`` datatype: that datatype;
- ``skos:Concept`` (a code): one of the concepts of the property's scheme for the class (``kg.vocab``);
- an sg: class, or the classes of ``schema:rangeIncludes``: a node of one of them.

Properties of other vocabularies (labels, SKOS, PROV, Dublin Core, OWL) are left to the hand-written shapes.
Run ``python -m kg.shapegen`` after changing the ontology or a scheme; ``tests/test_vocabulary_shapes.py``
fails while the file is stale.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, SH, XSD

from kg.namespaces import DCTERMS, PROV, RDF, RDFS, SCHEMA, SG, SKOS
from kg.vocab import ONTOLOGY_FILE, schemes

SHAPES_DIR = Path(__file__).resolve().parents[1] / "shapes"
OUT = SHAPES_DIR / "vocabulary.ttl"
ANY = RDFS.Resource
# properties of other vocabularies any node may carry (the hand-written shapes check the ones that matter)
IGNORED = (RDF.type, RDFS.label, RDFS.comment, SKOS.prefLabel, SKOS.altLabel, SKOS.definition, SKOS.notation,
           SKOS.inScheme, SKOS.topConceptOf, SKOS.hasTopConcept, SKOS.broader, PROV.wasDerivedFrom, OWL.sameAs,
           DCTERMS.source)
_PREFIXES = {"sg": str(SG), "sh": "http://www.w3.org/ns/shacl#", "sgsh": "https://w3id.org/sgkg/shapes#",
             "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "skos": str(SKOS), "prov": str(PROV),
             "owl": str(OWL), "dcterms": str(DCTERMS), "sgid": "https://w3id.org/sgkg/id/"}


def _qname(node: URIRef) -> str:
    for prefix, base in sorted(_PREFIXES.items(), key=lambda item: -len(item[1])):
        rest = str(node).removeprefix(base)
        if rest != str(node) and rest and all(ch.isalnum() or ch in "-_" for ch in rest) and not rest[0].isdigit():
            return f"{prefix}:{rest}"
    return f"<{node}>"


def _local(node: URIRef) -> str:
    return str(node).removeprefix(str(SG))


def _objects(graph: Graph, node: URIRef, *predicates: URIRef) -> list[URIRef]:
    return sorted({o for p in predicates for o in graph.objects(node, p) if isinstance(o, URIRef)})


def properties(graph: Graph) -> list[URIRef]:
    """The sg: properties the ontology declares (object and datatype properties)."""
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted({p for k in kinds for p in graph.subjects(RDF.type, k) if str(p).startswith(str(SG))})


def classes(graph: Graph) -> list[URIRef]:
    return sorted(c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(SG)))


def domains(graph: Graph, prop: URIRef) -> list[URIRef]:
    return _objects(graph, prop, RDFS.domain, SCHEMA.domainIncludes)


def _message(prop: URIRef, cls: URIRef, what: str) -> str:
    on = "" if cls == ANY else f" on an sg:{_local(cls)}"
    return f"{_qname(prop)}{on} must be {what} (its rdfs:range)".replace('"', '\\"')


def _range_check(graph: Graph, cls: URIRef, prop: URIRef) -> tuple[str, str, str] | None:
    """(path, constraint, message) for ``prop``'s values on a ``cls`` node, or None when its range asks nothing."""
    path = _qname(prop)
    ranges = _objects(graph, prop, SCHEMA.rangeIncludes) or _objects(graph, prop, RDFS.range)
    if ranges == [RDF.langString]:
        return path, 'sh:languageIn ( "zh" "en" )', _message(prop, cls, "human text: a literal tagged @zh or @en")
    if len(ranges) == 1 and str(ranges[0]).startswith(str(XSD)):
        return path, f"sh:datatype {_qname(ranges[0])}", _message(prop, cls, f"an {_qname(ranges[0])}")
    if ranges == [SKOS.Concept]:
        local = _local(prop)
        held = [s for s in schemes() if s.prop == local and _local(cls) in s.classes] or \
               [s for s in schemes() if s.prop == local]
        if not held:
            raise ValueError(f"{_qname(prop)} ranges over skos:Concept but no scheme in ontology/schemes holds it")
        # membership as one pattern over the IRI: pySHACL builds an sh:in list again for every shape it
        # evaluates, which made validation a third slower with the country and indicator schemes
        members = "|".join(re.escape(str(m)) for s in held for m in s.members())
        names = ", ".join(s.key for s in held)
        pattern = f"^(?:{members})$".replace("\\", "\\\\")
        return path, f'sh:nodeKind sh:IRI ; sh:pattern "{pattern}"', _message(prop, cls, f"a concept of the {names} scheme")
    targets = [r for r in ranges if str(r).startswith(str(SG))]
    if targets and len(targets) == len(ranges):
        if len(targets) == 1:
            return path, f"sh:class {_qname(targets[0])}", _message(prop, cls, f"an {_qname(targets[0])}")
        # several classes: checked on the value's rdf:type with sh:in (every extracted node has one sg: type, and
        # the types its code gives it: a Program may also be a Platform; sh:or of sh:class is several times slower
        # in pySHACL)
        names = " ".join(_qname(t) for t in sorted({*targets, *(c for t in targets for c in subclasses(graph, t))}))
        return f"( {path} rdf:type )", f"sh:in ( {names} )", \
            _message(prop, cls, "a node of one of " + ", ".join(_qname(t) for t in targets))
    return None


_VALUE_CHECKS = (SH.datatype, SH["class"], SH["in"], SH.languageIn, SH.nodeKind, SH.pattern)


@dataclass(frozen=True, slots=True)
class Written:
    """What the hand-written shapes say: each class's node shape, and the (class, property) pairs whose values
    they already check (a datatype, class, list…) — no second check is generated for those."""

    shapes: dict[URIRef, URIRef]
    checked: set[tuple[URIRef, URIRef]]


def written_shapes(directory: Path = SHAPES_DIR) -> Written:
    written = Graph()
    for path in sorted(directory.glob("*.ttl")):
        if path != OUT:
            written.parse(path, format="turtle")
    shapes: dict[URIRef, URIRef] = {}
    checked = set()
    for shape, cls in sorted(written.subject_objects(SH.targetClass)):
        shapes.setdefault(cls, shape)
        for prop_shape in written.objects(shape, SH.property):
            path = written.value(prop_shape, SH.path)
            if isinstance(path, BNode):  # ( sg:p rdf:type ): the value's class
                path = written.value(path, RDF.first)
            if isinstance(path, URIRef) and any(written.value(prop_shape, c) is not None for c in _VALUE_CHECKS):
                checked.add((cls, path))
            for compared in (SH.lessThan, SH.lessThanOrEquals):  # a value compared with a number is one
                checked |= {(cls, other) for other in written.objects(prop_shape, compared) if isinstance(other, URIRef)}
    return Written(shapes, checked)


def _range_shape(graph: Graph, cls: URIRef, prop: URIRef) -> str | None:
    """The property shape checking ``prop``'s values on ``cls`` against its range (None: nothing to check)."""
    check = _range_check(graph, cls, prop)
    if check is None:
        return None
    path, constraint, message = check
    return f'[ sh:path {path} ; {constraint} ;\n        sh:message "{message}" ]'


def subclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    """Every sg: class that is an rdfs:subClassOf ``cls``, transitively (without ``cls``)."""
    return {c for c in classes(graph) if c != cls and cls in superclasses(graph, c)}


def superclasses(graph: Graph, cls: URIRef) -> set[URIRef]:
    """``cls`` and every class it is an rdfs:subClassOf, transitively."""
    return set(graph.transitive_objects(cls, RDFS.subClassOf))


def allowed(graph: Graph, cls: URIRef) -> list[URIRef]:
    """The sg: properties a node of ``cls`` may carry: those whose domain names it, a class it is a subclass of
    (an sg:Platform is an sg:Program) or any node."""
    return [p for p in properties(graph) if ({ANY} | superclasses(graph, cls)) & set(domains(graph, p))]


def shapes_text(ontology: Path = ONTOLOGY_FILE) -> str:
    graph = Graph().parse(ontology, format="turtle")
    lines = ["# GENERATED by `python -m kg.shapegen` from ontology/sgkg.ttl and ontology/schemes/ — do not edit.",
             "# Every sg: class's node shape is closed: only the sg: properties whose domain names the class, each with",
             "# the check its range asks for (human text @zh/@en, a datatype, a concept of its scheme, a node of a class).",
             "# A class with a hand-written node shape gets these statements on that shape (one shape per node to",
             "# evaluate, not two); a class without one gets a shape of its own here.",
             *(f"@prefix {prefix}: <{base}> ." for prefix, base in sorted(_PREFIXES.items())), ""]
    written = written_shapes()
    uniform = uniform_ranges(graph, written)
    for cls in classes(graph):
        allowed_here = allowed(graph, cls)
        props = [shape for prop in allowed_here if (cls, prop) not in written.checked and prop not in uniform
                 for shape in [_range_shape(graph, cls, prop)] if shape is not None]
        ignored = " ".join(_qname(p) for p in (*IGNORED, *allowed_here))  # what sh:closed lets through
        shape = written.shapes.get(cls)
        if shape is None:
            lines += [f"sgsh:{_local(cls)}Vocabulary a sh:NodeShape ;", f"    sh:targetClass {_qname(cls)} ;",
                      f'    rdfs:label "{_local(cls)}" ;']
        else:
            lines.append(f"{_qname(shape)}")
        lines += ["    sh:closed true ;",
                  f'    sh:message "an sg:{_local(cls)} carries only the sg: properties whose domain names it: '
                  'this one is outside its domain" ;',
                  f"    sh:ignoredProperties ( {ignored} )"]
        if props:
            lines[-1] += " ;"
            lines.append("    sh:property " + " ,\n    ".join(props))
        lines[-1] += " ."
        lines.append("")
    for prop in sorted(uniform):
        lines += [f"sgsh:{_local(prop)}Values a sh:NodeShape ;", f"    sh:targetSubjectsOf {_qname(prop)} ;",
                  f"    sh:property {_range_shape(graph, ANY, prop)} .", ""]
    return "\n".join(lines)


def uniform_ranges(graph: Graph, written: Written) -> set[URIRef]:
    """The properties no hand-written shape checks whose range check is the same on every class of their domain
    (not sg:category, whose scheme depends on the class): checked once, on the nodes that carry them
    (sh:targetSubjectsOf), rather than on every node of each class — most nodes lack most optional properties."""
    found = set()
    for prop in properties(graph):
        if any(p == prop for _, p in written.checked):
            continue
        checks = {(c[0], c[1]) if (c := _range_check(graph, cls, prop)) else None
                  for cls in [ANY, *(d for d in domains(graph, prop) if d != ANY)]}
        if len(checks) == 1 and None not in checks:
            found.add(prop)
    return found


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else OUT
    out.write_text(shapes_text(), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

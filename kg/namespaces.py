"""Namespaces of the vocabulary contract and the aligned vocabularies."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from loaders.keys import BASE, LEVEL_BASE

SG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
LEVEL = Namespace(LEVEL_BASE)
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
VIVO = Namespace("http://vivoweb.org/ontology/core#")
QB = Namespace("http://purl.org/linked-data/cube#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

REFERENCE_GRAPH = GRAPH["reference"]

PREFIXES: dict[str, str] = {
    "sg": str(SG),
    "sgid": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "vivo": str(VIVO),
    "qb": str(QB),
    "dcterms": str(DCTERMS),
}

__all__ = ["BASE", "SG", "ID", "GRAPH", "LEVEL", "SCHEMA", "ORG", "VIVO", "QB", "DCTERMS",
           "REFERENCE_GRAPH", "PREFIXES", "RDF", "RDFS", "OWL", "SKOS", "PROV", "XSD"]

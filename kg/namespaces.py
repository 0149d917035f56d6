"""Namespaces of the vocabulary contract and the aligned vocabularies."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from kg import iris
from kg.iris import PREFIXES
from loaders.keys import BASE, LEVEL_BASE

SG = Namespace(iris.SG)
ID = Namespace(iris.ID)
GRAPH = Namespace(iris.GRAPH)
LEVEL = Namespace(LEVEL_BASE)
SCHEMA = Namespace(PREFIXES["schema"])
ORG = Namespace(PREFIXES["org"])
VIVO = Namespace(PREFIXES["vivo"])
QB = Namespace(PREFIXES["qb"])
DCTERMS = Namespace(PREFIXES["dcterms"])

REFERENCE_GRAPH = URIRef(iris.REFERENCE_GRAPH)

__all__ = ["BASE", "SG", "ID", "GRAPH", "LEVEL", "SCHEMA", "ORG", "VIVO", "QB", "DCTERMS",
           "REFERENCE_GRAPH", "PREFIXES", "RDF", "RDFS", "OWL", "SKOS", "PROV", "XSD"]

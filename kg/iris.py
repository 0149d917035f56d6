"""The vocabulary's IRIs as plain strings, for the modules that read the store without rdflib (the query workers,
the precompute's evaluating process: rdflib is ~18 MB of a process and ~0.3 s of its start). :mod:`kg.namespaces`
builds its rdflib namespaces from these."""

from __future__ import annotations

from loaders.keys import BASE

SG = BASE + "ontology#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
REFERENCE_GRAPH = GRAPH + "reference"

PREFIXES: dict[str, str] = {
    "sg": SG,
    "sgid": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "vivo": "http://vivoweb.org/ontology/core#",
    "qb": "http://purl.org/linked-data/cube#",
    "dcterms": "http://purl.org/dc/terms/",
}

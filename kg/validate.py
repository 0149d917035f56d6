"""SHACL validation of the graph (implemented in the ontology/shapes issue)."""

"""The knowledge graph: identifiers, RDF building, validation, storage, CLI."""

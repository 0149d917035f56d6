"""The HTTP API: SPARQL endpoint, query library, REST lookups and linked-data pages (FastAPI)."""

"""REST routers, one module per resource; ``api.app`` includes the ``router`` of every module here."""

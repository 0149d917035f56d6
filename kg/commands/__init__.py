"""One module per ``sgkg`` command; each defines ``register(app)``."""

"""Loaders: report bytes -> structured documents -> facts with evidence -> resolved entities.

Flow (see DESIGN.md): ``loaders.document`` (decode, normalise, structure) ->
``loaders.extract`` (one recogniser module per kind of fact) -> ``loaders.resolve``.
"""

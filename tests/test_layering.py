"""The layers import downwards only: ``loaders`` (reading reports) never imports ``kg`` (the graph)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_loaders_never_import_kg_or_api() -> None:
    offenders = {str(path.relative_to(ROOT)): sorted(m for m in _imported_modules(path) if m.split(".")[0] in {"kg", "api"})
                 for path in sorted((ROOT / "loaders").rglob("*.py"))}
    assert {path: mods for path, mods in offenders.items() if mods} == {}

"""``python -m bench [name …]``: run every ``bench/bench_*.py`` (or the named ones) in name order,
each with its default options (``python -m bench.bench_NAME --help`` for a module's own options)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def bench_modules(only: list[str]) -> list[str]:
    names = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in only}
    return [n for n in names if not wanted or n in wanted]


def main(argv: list[str]) -> int:
    modules = bench_modules(argv)
    if not modules:
        print(f"no benchmark matches {' '.join(argv)}", file=sys.stderr)
        return 2
    for name in modules:
        print(f"== {name}")
        sys.argv = [f"bench.{name}"]  # each module parses its own options: run them with their defaults
        importlib.import_module(f"bench.{name}").main()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

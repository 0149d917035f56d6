"""The store's bulk load, in a fresh interpreter: ``python -m kg.bulk_load TARGET UNION_GRAPH [--optimize]``.

:func:`kg.generations.write_disk_store` starts it (one after the other, each for some of the parts; the last
one, given no part, with ``--optimize``) and writes the parts to its standard input — each part as two
length-prefixed blobs, some graphs as TriG and their triples as Turtle for the union graph. A process of its own
keeps RocksDB's memory (which grows with the store) out of the build's process; a fresh interpreter rather than a
fork, because a child forked from a process that has used Oxigraph before can hang in it (seen in the test
suite: a forked bulk load waiting forever on a lock it inherited). It imports nothing but pyoxigraph and the
constants of :mod:`kg.generations`. On bad input it writes ``ErrorType: message`` to standard error and exits with :data:`EXIT_BAD_DATA`.
"""

from __future__ import annotations

import sys
from typing import BinaryIO

import pyoxigraph as ox

from kg.generations import EXIT_BAD_DATA, LENGTH_BYTES


def blobs(stream: BinaryIO) -> list[bytes] | None:
    """The next part (TriG, Turtle) from ``stream``; None at its end."""
    part = []
    for _ in range(2):
        head = stream.read(LENGTH_BYTES)
        if not head:
            return None
        part.append(stream.read(int.from_bytes(head, "big")))
    return part


def main(target: str, union_graph: str, optimize: bool = False) -> int:
    store = ox.Store(target)
    try:
        while (part := blobs(sys.stdin.buffer)) is not None:
            graphs, triples = part
            store.bulk_load(graphs, format=ox.RdfFormat.TRIG)
            store.bulk_load(triples, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(union_graph))
        if optimize:  # one compaction of the parts' files, so reads do not look through hundreds of them
            store.optimize()
        store.flush()
    except (OSError, SyntaxError, ValueError) as exc:
        print(f"{type(exc).__name__}: {' '.join(str(exc).split())}", file=sys.stderr)
        return EXIT_BAD_DATA
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], optimize="--optimize" in sys.argv[3:]))

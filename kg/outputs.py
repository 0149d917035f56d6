"""A build's outputs, written last: the on-disk store and ``kg.trig``, from the chunks every report left on disk.

``sgkg build`` writes them in a fresh interpreter of their own, ``python -m kg.outputs STATE``
(:func:`finish_in_a_fresh_process`), which imports the standard library and :mod:`kg.generations` and nothing
the build needed — no rdflib, no loaders, no pySHACL: while the store is bulk-loaded and the library's answers
precomputed (each in a process of its own beside it), the process driving them holds 25–35 MB (seen at 500
reports) instead of the build's 70–110 MB. What the build does next (its summary) is handed over pickled and unpickled only once the
store is written, so its modules are imported after the loader and the evaluating processes have ended.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.generations import STORE_NAME, Prepare, StoreError, write_disk_store

TRIG_NAME = "kg.trig"
STATE_NAME = "outputs.pickle"  # in the build's work folder: what the fresh interpreter is to write, and then do
STORE_PART_BYTES = 4 << 20  # TriG bulk-loaded at once (UTF-8 bytes, as the chunks are on disk)


@dataclass(frozen=True, slots=True)
class PendingOutputs:
    """What is left to write once every chunk and ``kg.trig`` are in the build's folder ``work``: the store
    (from ``graphs``, each a TriG graph name and its chunk, with the ``prefixes`` the chunks are written
    with), then ``trig`` moved into ``out_dir``."""

    out_dir: Path
    work: Path
    graphs: list[tuple[str, Path]]
    trig: Path
    quads: int
    prefixes: bytes


@dataclass(frozen=True, slots=True)
class Written:
    """The outputs in place: ``kg.trig``, the store's link, and how many quads they hold."""

    trig: Path
    store: Path
    quads: int


Outcome = Written | StoreError | KeyboardInterrupt  # written, or why not (the store write failed, or Ctrl-C)
Then = Callable[[Outcome], int]  # what the build does with the outcome (its summary); returns the exit code


def graph_block(name: str, chunk: bytes) -> tuple[bytes, bytes, bytes]:
    """One named graph in TriG: its name and its chunk's lines in braces (``kg.trig``, the store's parts and a
    report's chunk alone are all written this way), as three pieces — the chunk itself is not copied."""
    return b"%s {\n" % name.encode("utf-8"), chunk, b"}\n"


def store_parts(graphs: list[tuple[str, Path]], prefixes: bytes) -> Iterator[tuple[list[bytes], list[bytes]]]:
    """The graphs in parts of about :data:`STORE_PART_BYTES`: each part as TriG, and its triples once more as
    Turtle, for the store's de-duplicated union graph — both as pieces that share the chunks' bytes as they are
    on disk (no decoding: a part's text as Python strings took four times its bytes in the build's process; no
    joining: the part's two documents joined took 40 MB more of the build's process at 500 reports)."""
    part: list[tuple[str, bytes]] = []
    size = 0
    for name, chunk in graphs:
        data = chunk.read_bytes()
        part.append((name, data))
        size += len(data)
        if size >= STORE_PART_BYTES:
            yield _store_part(part, prefixes)
            part, size = [], 0
    if part:
        yield _store_part(part, prefixes)


def _store_part(graphs: list[tuple[str, bytes]], prefixes: bytes) -> tuple[list[bytes], list[bytes]]:
    return ([prefixes, *(piece for name, text in graphs for piece in graph_block(name, text))],
            [prefixes, *(text for _, text in graphs)])


def write_outputs(pending: PendingOutputs, prepare_store: Prepare | None = None) -> Written:
    """The on-disk store and ``kg.trig`` of ``pending``, each replaced atomically — the store first, so that a
    failure leaves both as they were; then the build's folder is removed, whatever happened. ``prepare_store``
    (answers computed ahead) sees the new store before it replaces the previous one."""
    try:
        store = write_disk_store(pending.out_dir / STORE_NAME, store_parts(pending.graphs, pending.prefixes),
                                 prepare_store)
        written = pending.out_dir / TRIG_NAME
        os.replace(pending.trig, written)
        return Written(written, store, pending.quads)
    finally:
        shutil.rmtree(pending.work, ignore_errors=True)


def outcome_of_writing(pending: PendingOutputs, prepare_store: Prepare | None = None) -> Outcome:
    """:func:`write_outputs`, with a failed store write or an interrupt as the outcome rather than raised."""
    try:
        return write_outputs(pending, prepare_store)
    except (StoreError, KeyboardInterrupt) as exc:
        return exc


def finish_in_a_fresh_process(pending: PendingOutputs, prepare_store: Prepare | None, then: Then) -> None:
    """Replace this process (``os.execv``, same pid) by a fresh interpreter that writes ``pending`` and calls
    ``then`` with the outcome, exiting with what it returns. ``prepare_store`` and ``then`` must pickle (module
    functions, or partials of them); ``then`` is kept pickled until the store is written. Returns only if the
    exec failed (the caller then finishes in its own process)."""
    state = pending.work / STATE_NAME
    then_pickled = pickle.dumps(then, protocol=pickle.HIGHEST_PROTOCOL)
    state.write_bytes(pickle.dumps((pending, prepare_store, then_pickled), protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execv(sys.executable, [sys.executable, "-m", "kg.outputs", str(state)])
    except OSError:
        return


def finish_from(state: Path) -> int:
    """The fresh interpreter's work: the outputs of the state :func:`finish_in_a_fresh_process` left, then what
    the build does next."""
    pending, prepare_store, then_pickled = pickle.loads(state.read_bytes())
    outcome = outcome_of_writing(pending, prepare_store)
    then: Then = pickle.loads(then_pickled)
    return then(outcome)


if __name__ == "__main__":  # the fresh interpreter of finish_in_a_fresh_process: STATE
    # run by its importable name, so that what it makes is kg.outputs's, as the pickled ``then`` expects
    from kg import outputs

    sys.exit(outputs.finish_from(Path(sys.argv[1])))

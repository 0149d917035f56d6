"""The on-disk store's generations: each a directory next to the store's link, bulk-loaded in a fresh interpreter
(:mod:`kg.bulk_load`) and made current by switching the link atomically; older ones are pruned.

It imports nothing but the standard library — no rdflib, no pyoxigraph — because the build's last process
(:mod:`kg.outputs`) writes the store with it and stays small beside the loader and the evaluating processes.
:mod:`kg.store` opens and changes generations; ``sgkg build`` writes them here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, islice
from pathlib import Path

STORE_NAME = "store"
UNION_GRAPH = "urn:x-sgkg:union-of-all-graphs"
REMOTE_SCHEME = "sparql+"  # a store given as sparql+http://host:port/sparql is a SPARQL server, not a file
EXIT_BAD_DATA = 3  # the bulk loader's exit code for data it cannot parse
LENGTH_BYTES = 8  # the length prefix of each blob the bulk loader reads


class StoreError(Exception):
    """A store could not be opened, loaded or queried (message names the file or server)."""


Prepare = Callable[[Path], None]  # called with a new generation's directory before the link switches to it


Blob = bytes | Sequence[bytes]  # one document for the bulk loader, whole or as its pieces in order


def write_disk_store(link: Path, parts: Iterable[tuple[Blob, Blob]], prepare: Prepare | None = None) -> Path:
    """Bulk-load ``parts`` — each some graphs as TriG, and their triples as Turtle for the union graph, each
    whole or as its pieces (written to the loader one after the other, never joined here) — into
    a new store directory next to ``link``, then switch ``link`` to it atomically. Loading part by part, in a
    process of its own, keeps the parser's memory to the size of a part (RocksDB's grows with the store) and
    all of it out of the caller's process. The store ``link`` named before is kept (a running server may still
    read it); older ones are removed. ``prepare`` (answers computed ahead) sees the new store before ``link``
    does. A failure leaves ``link`` as it was."""
    link = Path(link)
    if link.exists() and not link.is_symlink():
        raise StoreError(f"{link}: exists and is not the store link `sgkg build` writes; move it away")
    target = Path(tempfile.mkdtemp(prefix=f".{link.name}-", dir=link.parent))
    try:
        _bulk_load(target, parts)
        if prepare is not None:
            prepare(target)
    except BaseException as exc:
        shutil.rmtree(target, ignore_errors=True)
        if isinstance(exc, OSError | SyntaxError | ValueError):
            raise StoreError(f"{target}: cannot write the store: {exc}") from None
        raise
    switch_and_prune(link, target, os.readlink(link) if link.is_symlink() else None)
    return link


PARTS_PER_LOADER = 25  # parts one loader process takes: its memory grows with the parts it has loaded


def _bulk_load(target: Path, parts: Iterable[tuple[Blob, Blob]]) -> None:
    """Load ``parts`` into a new store at ``target`` in fresh interpreters (:mod:`kg.bulk_load`) fed through a
    pipe, :data:`PARTS_PER_LOADER` parts each, then compact it in one more: a loader's memory goes back to the
    system when it ends, and one loader's grew with the parts it had loaded (300 parts made from the corpus, a
    store the size of a 500-report one: 186 MB in one loader; 104–129 MB while loading and 145 compacting when a
    fresh one took every 25). Bad data is raised here as the SyntaxError (or ValueError, OSError) the loader met."""
    remaining = iter(parts)
    while (first := next(remaining, None)) is not None:  # a loader only for parts that are there
        _run_loader(target, chain([first], islice(remaining, PARTS_PER_LOADER - 1)))
    _run_loader(target, (), "--optimize")


def _run_loader(target: Path, parts: Iterable[tuple[Blob, Blob]], *options: str) -> None:
    """One loader process over ``parts``."""
    with tempfile.TemporaryFile() as errors:
        loader = subprocess.Popen([sys.executable, "-m", "kg.bulk_load", str(target), UNION_GRAPH, *options],
                                  stdin=subprocess.PIPE, stderr=errors)
        assert loader.stdin is not None
        try:
            with loader.stdin:
                for blob in chain.from_iterable(parts):
                    pieces = (blob,) if isinstance(blob, bytes) else blob
                    loader.stdin.write(sum(map(len, pieces)).to_bytes(LENGTH_BYTES, "big"))
                    loader.stdin.writelines(pieces)
        except BrokenPipeError:
            pass  # the loader stopped at bad data: its reason follows
        except BaseException:
            loader.kill()
            loader.wait()
            raise
        code = loader.wait()
        errors.seek(0)
        reason = errors.read().decode("utf-8", "replace").strip()
    if code == EXIT_BAD_DATA:
        kind, _, message = reason.partition(": ")
        raise {"SyntaxError": SyntaxError, "ValueError": ValueError}.get(kind, OSError)(message)
    if code != 0:
        raise OSError(f"the bulk loader stopped (exit code {code}): {reason[-500:]}")


def switch_and_prune(link: Path, target: Path, previous: str | None) -> None:
    """Point ``link`` at ``target`` atomically and drop older generations, keeping the one ``link`` named
    before (a server may still be reading it)."""
    switch_link(link, target)
    for old in link.parent.glob(f".{link.name}-*"):
        if old.name not in {target.name, previous}:
            shutil.rmtree(old, ignore_errors=True)


def switch_link(link: Path, target: Path) -> None:
    """Point the symbolic link ``link`` at ``target`` (a sibling) in one atomic rename."""
    temporary = link.with_name(f".{link.name}.link-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target.name)
    os.replace(temporary, link)

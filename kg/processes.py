"""Worker processes of the build: a parallel map, and one-off work in a process that exits when it is done.

Both fork (the workers inherit the loaded modules, the shapes already parsed, and test patches). Work that
allocates much and briefly — planning entity resolution, comparing fingerprints, writing the reference graph's
chunk — runs in a process of its own that exits when it is done, so its memory goes back to the system instead of
staying in the build's process (where the workers forked later would copy it), whatever the size of the corpus;
the reference graph's validation is :class:`Work` for the mapping workers themselves (a process beside them was
a third one at work on two cores, and made the peak). Nothing forked here may use Oxigraph: a fork of a process that used it can hang on an inherited lock,
so the store's bulk load is a fresh interpreter instead (:mod:`kg.bulk_load`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """One worker per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parallel_map(function: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """``map(function, items)`` in ``jobs`` forked worker processes, results in the order of ``items``."""
    if jobs <= 1 or len(items) <= 1:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork")
    with shared_with_children(), ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=context) as pool:
        yield from pool.map(function, items)


def parallel_map_largest_first(function: Callable[[T], R], items: Sequence[T], jobs: int,
                               size: Callable[[T], float]) -> list[R]:
    """``list(map(function, items))`` in ``jobs`` workers, the largest items started first — so that no worker
    is left alone with a large item at the end while the others idle — and the results in the order of ``items``."""
    order = sorted(range(len(items)), key=lambda index: -size(items[index]))
    results: dict[int, R] = dict(zip(order, parallel_map(function, [items[i] for i in order], jobs), strict=True))
    return [results[index] for index in range(len(items))]


@dataclass(frozen=True, slots=True)
class Work(Generic[R]):
    """A piece of work of any kind and how large it is, for :func:`parallel_map_largest_first` to share out
    pieces of different kinds among the same workers (``Work.run`` is the function to map)."""

    size: float
    call: Callable[[], R]

    def run(self) -> R:
        return self.call()


@contextmanager
def shared_with_children() -> Iterator[None]:
    """While processes are forked: the objects this process holds are left out of garbage collection
    (``gc.freeze``), so a child's collections do not write to — and copy — every page it shares with this one."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Forked(Generic[R]):
    """``function(*args)`` started in a forked process that exits as soon as it has sent its result (a thread
    here receives it at once, so the process never waits on a full pipe); :meth:`result` waits for it and
    re-raises what it raised."""

    def __init__(self, function: Callable[..., R], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._name = getattr(function, "__qualname__", repr(function))
        receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_and_send, args=(send, function, args), daemon=True)
        with shared_with_children():
            self._process.start()
        send.close()
        self._outcome: tuple[bool, Any] | None = None
        self._receiver = threading.Thread(target=self._receive, args=(receive,), daemon=True)
        self._receiver.start()

    def _receive(self, receive: Connection) -> None:
        with receive:
            try:
                self._outcome = receive.recv()
            except EOFError:
                self._outcome = None

    def result(self) -> R:
        self._receiver.join()
        self._process.join()
        if self._outcome is None:
            raise RuntimeError(f"the process running {self._name} died (exit code {self._process.exitcode})")
        ok, value = self._outcome
        if not ok:
            raise value
        return value


def in_own_process(function: Callable[..., R], *args: Any) -> R:
    """``function(*args)`` in a forked process that exits when it is done (see :class:`Forked`)."""
    return Forked(function, *args).result()


def _run_and_send(send: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        outcome: tuple[bool, Any] = (True, function(*args))
    except BaseException as exc:  # sent back and raised in the parent, whatever it is
        outcome = (False, exc)
    try:
        send.send(outcome)
    except Exception as exc:  # an unpicklable result or exception: say so rather than die silently
        send.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    send.close()

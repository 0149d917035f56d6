"""Run queries under a time limit without ever blocking the event loop or other queries.

pyoxigraph releases the GIL while it evaluates, but a running evaluation cannot be interrupted:
a runaway query in a thread would keep a core busy long after its client got its 503. So
embedded stores answer in a pool of worker *processes*, forked from a "zygote" process that has
loaded the store once (forking takes milliseconds and shares the store's memory):

- a query goes to an idle worker over a pipe; the event loop waits on the pipe's file descriptor;
- past ``slow_after`` seconds the worker is re-niced to the lowest CPU priority and a spare is
  started, so a pathological query cannot slow the normal ones down;
- past the time limit the worker is killed (the client gets 503) and a fresh one replaces it;
- after an update the parent writes the store to a file and bumps the source version; each
  worker reloads before its next query.

A remote SPARQL server is called from threads instead: its HTTP client bounds every call.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import signal
import socket
import struct
import tempfile
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from api.formats import NotAcceptable, choose_format, content_type, serialize
from api.worker import take_or_spawn
from kg.store import QuerySyntaxError, QueryTimeout, Store, StoreError, open_store

log = logging.getLogger("sgkg.api.executor")


@dataclass(frozen=True)
class QueryJob:
    text: str
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    accept: str | None = None
    format: str | None = None
    max_rows: int = 10_000
    base_iri: str | None = None  # relative IRIs in the query resolve against the endpoint's URL


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    form: str
    rows: int
    truncated: bool


class QueryFailed(Exception):
    """A query could not be answered; ``kind`` is syntax | not-acceptable | timeout | busy | error."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def answer(store: Store, job: QueryJob, timeout: float | None = None) -> Answer:
    """Run one query and serialise its result in the format the client asked for."""
    try:
        result = store.query(job.text, default_graph_uris=job.default_graph_uris,
                             named_graph_uris=job.named_graph_uris, timeout=timeout, max_rows=job.max_rows,
                             base_iri=job.base_iri)
        fmt = choose_format(result.form, job.accept, job.format)
    except QuerySyntaxError as exc:
        raise QueryFailed("syntax", str(exc)) from None
    except QueryTimeout as exc:
        raise QueryFailed("timeout", str(exc)) from None
    except NotAcceptable as exc:
        raise QueryFailed("not-acceptable", str(exc)) from None
    except StoreError as exc:
        raise QueryFailed("error", str(exc)) from None
    rows = len(result.rows) if result.form == "select" else len(result.triples)
    return Answer(serialize(result, fmt), content_type(fmt), result.form, rows, result.truncated)


@dataclass(frozen=True)
class StoreSource:
    """Where a worker gets its copy of the store; a new version means "reload"."""

    spec: str
    path: str | None
    version: int = 0

    def open(self) -> Store:
        return open_store(self.spec, Path(self.path) if self.path else None)


def worker_loop(conn: Connection, source: StoreSource, store: Store) -> None:
    """A query worker's life: answer jobs until told to stop, reloading when the source changes."""
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        wanted, job = message
        if wanted.version != source.version:
            source, store = wanted, wanted.open()
        try:
            conn.send(("ok", answer(store, job)))
        except QueryFailed as exc:
            conn.send((exc.kind, exc.message))
        except Exception as exc:  # never let a worker die on one query
            log.exception("worker failed on a query")
            conn.send(("error", f"the query engine failed: {type(exc).__name__}"))


def zygote_loop(control: socket.socket) -> None:
    """The zygote: loads the store once, then forks a ready-loaded worker per request.

    Forking a loaded, single-threaded process takes milliseconds and shares the store's pages, so
    a killed or deprioritised worker is replaced at once. Each worker gets one end of a new socket
    pair; the other end goes to the parent over ``control`` (SCM_RIGHTS).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped automatically
    conn = Connection(os.dup(control.fileno()))
    try:
        source: StoreSource = conn.recv()
    except (EOFError, OSError):  # started early by a server that stopped before it had a store (api.worker)
        return
    store = source.open()
    conn.send(("loaded", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "source":
            source, store = message[1], message[1].open()
            conn.send(("loaded", None))
            continue
        if message[0] != "fork":
            return
        parent_end, child_end = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            conn.close()
            control.close()
            parent_end.close()
            try:
                worker_loop(Connection(child_end.detach()), source, store)
            finally:
                os._exit(0)
        child_end.close()
        conn.send(("forked", pid))
        socket.send_fds(control, [b"w"], [parent_end.fileno()])
        parent_end.close()


class _Zygote:
    """The parent's handle on the zygote process (``python -m api.worker``)."""

    def __init__(self, source: StoreSource) -> None:
        spawned = take_or_spawn()
        self.process, self.control = spawned.process, spawned.control
        self.conn = Connection(os.dup(self.control.fileno()))
        self.conn.send(source)
        self._expect("loaded")

    def _expect(self, what: str) -> Any:
        kind, value = self.conn.recv()
        if kind != what:
            raise RuntimeError(f"query worker zygote answered {kind!r}, expected {what!r}")
        return value

    def alive(self) -> bool:
        return self.process.poll() is None

    def reload(self, source: StoreSource) -> None:
        self.conn.send(("source", source))
        self._expect("loaded")

    def fork(self) -> tuple[int, Connection]:
        self.conn.send(("fork",))
        pid = self._expect("forked")
        _, fds, _, _ = socket.recv_fds(self.control, 1, 1)
        return pid, Connection(fds[0])

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(("stop",))
        with contextlib.suppress(Exception):
            self.process.wait(timeout=2)
        with contextlib.suppress(Exception):
            self.process.kill()
        for closable in (self.conn, self.control):
            with contextlib.suppress(Exception):
                closable.close()


class _Worker:
    """One forked worker: its pid and the socket to it."""

    def __init__(self, pid: int, conn: Connection) -> None:
        self.pid = pid
        os.set_blocking(conn.fileno(), False)  # answers are read piece by piece (_Frame); jobs are small
        self.inbox = self.outbox = conn
        self.slow = False

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
            return True
        except OSError:
            return False

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.inbox.close()


_INCOMPLETE = object()


class _Frame:
    """Reads one multiprocessing.Connection message from a non-blocking fd, piece by piece, so a
    large answer never blocks the event loop (the loop makes registered fds non-blocking)."""

    def __init__(self) -> None:
        self.buffer = bytearray()

    def feed(self, fd: int) -> Any:
        while True:
            try:
                chunk = os.read(fd, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                raise EOFError("closed")
            self.buffer += chunk
        if len(self.buffer) < 4:
            return _INCOMPLETE
        size, offset = struct.unpack("!i", self.buffer[:4])[0], 4
        if size == -1:
            if len(self.buffer) < 12:
                return _INCOMPLETE
            size, offset = struct.unpack("!Q", self.buffer[4:12])[0], 12
        if len(self.buffer) < offset + size:
            return _INCOMPLETE
        return pickle.loads(self.buffer[offset:offset + size])


def _set_nice(pid: int, value: int) -> bool:
    try:
        os.setpriority(os.PRIO_PROCESS, pid, value)
        return True
    except (PermissionError, ProcessLookupError, OSError):
        return False


class ProcessRunner:
    """A pool of worker processes answering queries for an embedded store."""

    def __init__(self, source: StoreSource, *, size: int = 3, max_workers: int = 24, slow_after: float = 0.2) -> None:
        self.source = source
        self.size = max(1, size)
        self.max_workers = max(self.size, max_workers)
        self.slow_after = slow_after
        self._workers: set[_Worker] = set()
        # last in, first out: the worker that answered most recently has the warmest CPU caches and
        # pages (round-robin over idle workers measured ~1 ms slower per query on the library)
        self._idle: asyncio.LifoQueue[_Worker] = asyncio.LifoQueue()
        self._dump_dir = tempfile.TemporaryDirectory(prefix="sgkg-store-")
        self._closed = False
        self._zygote: _Zygote | None = None
        self._zygote_lock = threading.Lock()

    async def start(self) -> None:
        await asyncio.to_thread(self._start_zygote)
        await asyncio.gather(*(self._spawn() for _ in range(self.size)))

    def _start_zygote(self) -> _Zygote:
        with self._zygote_lock:
            return self._live_zygote()

    def _live_zygote(self) -> _Zygote:
        if self._zygote is None or not self._zygote.alive():
            self._zygote = _Zygote(self.source)
        return self._zygote

    def _fork(self) -> _Worker:
        with self._zygote_lock:
            return _Worker(*self._live_zygote().fork())

    async def _spawn(self) -> None:
        if self._closed:
            return
        try:
            worker = await asyncio.to_thread(self._fork)
        except Exception as exc:
            log.error("a query worker failed to start: %s", exc)
            return
        self._workers.add(worker)
        try:
            message = await self._receive(worker, timeout=30)
        except Exception as exc:
            log.error("a query worker failed to start: %s", exc)
            self._retire(worker)
            return
        if message[0] == "ready" and not self._closed:
            self._idle.put_nowait(worker)
        else:
            self._retire(worker)

    def _spawn_soon(self) -> None:
        if not self._closed and len(self._workers) < self.max_workers:
            asyncio.get_running_loop().create_task(self._spawn())

    def _retire(self, worker: _Worker) -> None:
        self._workers.discard(worker)
        worker.kill()

    async def _receive(self, worker: _Worker, timeout: float) -> Any:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        fd = worker.inbox.fileno()
        frame = _Frame()

        def readable() -> None:
            if future.done():
                return
            try:
                message = frame.feed(fd)
            except (EOFError, OSError) as exc:
                future.set_exception(QueryFailed("error", f"query worker died: {exc or 'closed'}"))
                return
            if message is not _INCOMPLETE:
                future.set_result(message)

        loop.add_reader(fd, readable)
        try:
            async with asyncio.timeout(timeout):
                return await future
        finally:
            loop.remove_reader(fd)

    def _deprioritise(self, worker: _Worker) -> None:
        if _set_nice(worker.pid, 19):
            worker.slow = True
            if len(self._workers) < self.max_workers:
                self._spawn_soon()

    async def run(self, job: QueryJob, timeout: float) -> Answer:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            worker = self._idle.get_nowait() if not self._idle.empty() else \
                await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            raise QueryFailed("busy", f"every query worker stayed busy for {timeout:g} s") from None
        if not worker.alive():
            self._retire(worker)
            self._spawn_soon()
            return await self.run(job, max(0.001, deadline - loop.time()))
        slow_timer = loop.call_later(self.slow_after, self._deprioritise, worker)
        finished = False
        try:
            worker.outbox.send((self.source, job))
            status, payload = await self._receive(worker, max(0.001, deadline - loop.time()))
            finished = True
        except TimeoutError:
            raise QueryFailed("timeout", f"the query ran longer than the {timeout:g} s limit and was stopped") from None
        finally:
            slow_timer.cancel()
            if not finished:  # timed out, cancelled or the worker died: it cannot be reused
                self._retire(worker)
                if len(self._workers) < self.size:
                    self._spawn_soon()
        self._release(worker)
        if status != "ok":
            raise QueryFailed(status, payload)
        return payload

    def _release(self, worker: _Worker) -> None:
        if worker.slow:
            worker.slow = False
            if len(self._workers) > self.size or not _set_nice(worker.pid, 0):
                self._retire(worker)
                if len(self._workers) < self.size:
                    self._spawn_soon()
                return
        self._idle.put_nowait(worker)

    def reload(self, store: Store) -> None:
        """Workers answer from ``store``'s current content from their next query on."""
        path = Path(self._dump_dir.name) / f"store-{self.source.version + 1}.nq"
        path.write_bytes(store.serialize("nquads"))
        self.source = StoreSource(self.source.spec, str(path), self.source.version + 1)
        with self._zygote_lock:
            if self._zygote is not None and self._zygote.alive():
                self._zygote.reload(self.source)

    async def stop(self) -> None:
        self._closed = True
        for worker in list(self._workers):
            with contextlib.suppress(Exception):
                worker.outbox.send(None)
            self._retire(worker)
        with self._zygote_lock:
            if self._zygote is not None:
                self._zygote.stop()
        self._dump_dir.cleanup()

    @property
    def worker_count(self) -> int:
        return len(self._workers)


class ThreadRunner:
    """Answers from a store in threads: for remote servers, whose HTTP client bounds every call."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def start(self) -> None:
        return None

    async def run(self, job: QueryJob, timeout: float) -> Answer:
        try:
            return await asyncio.wait_for(asyncio.to_thread(answer, self.store, job, timeout), timeout + 1)
        except TimeoutError:
            raise QueryFailed("timeout", f"the query ran longer than the {timeout:g} s limit") from None

    def reload(self, store: Store) -> None:
        return None

    async def stop(self) -> None:
        return None


Runner = ProcessRunner | ThreadRunner

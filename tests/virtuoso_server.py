"""A private Virtuoso (Debian virtuoso-opensource) on free loopback ports, for tests and benchmarks.

Its ini, database and logs live in a temporary directory; the anonymous SPARQL user is granted
SPARQL_UPDATE so the remote store can push graphs. Stopped (and its directory removed) on exit.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {d}
ThreadsPerQuery = 2
MaxQueryMem = 512M
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 32
MaxClientConnections = 32
MaxKeepAlives = 32
Charset = UTF-8
EnabledDavVSP = 0
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
DefaultQuery = ASK {{}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class VirtuosoServer:
    def __init__(self, binary: str = "virtuoso-t", isql: str = "isql-vt") -> None:
        self.binary, self.isql = binary, isql
        self.directory = Path(tempfile.mkdtemp(prefix="sgkg-virtuoso-"))
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> VirtuosoServer:
        ini = self.directory / "virtuoso.ini"
        ini.write_text(INI.format(d=self.directory, sql=self.sql_port, http=self.http_port), encoding="utf-8")
        self.process = subprocess.Popen([self.binary, "+foreground", "+configfile", str(ini)], cwd=self.directory,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self._wait_until_up(timeout=60)
            subprocess.run([self.isql, str(self.sql_port), "dba", "dba",
                            'exec=grant SPARQL_UPDATE to "SPARQL";'], check=True, capture_output=True, timeout=30)
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_until_up(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                log = (self.directory / "virtuoso.log")
                raise RuntimeError(f"virtuoso exited: {log.read_text()[-2000:] if log.exists() else ''}")
            try:
                if httpx.get(self.url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"virtuoso did not answer on {self.url} within {timeout} s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        shutil.rmtree(self.directory, ignore_errors=True)

"""The query workers' zygote as a process (see :mod:`api.executor`): :func:`spawn` starts it, ``python -m api.worker
CONTROL_FD`` runs it.

This module imports no more than the standard library, so that ``sgkg serve`` can start the zygote before it
imports the API (:func:`spawn_early`): the zygote's own start (an interpreter, rdflib, the store's module) then
runs beside the server's instead of after it.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Spawned:
    """A zygote process and the parent's end of its control socket; it waits for its store's source."""

    process: subprocess.Popen[bytes]
    control: socket.socket


def spawn() -> Spawned:
    control, child = socket.socketpair()
    process = subprocess.Popen([sys.executable, "-m", "api.worker", str(child.fileno())],
                               pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL)
    child.close()
    return Spawned(process, control)


_early: list[Spawned] = []


def spawn_early() -> None:
    """Start a zygote now, for the first query pool of this process to take (:func:`take_or_spawn`). Not taken,
    it ends when this process does (its control socket closes)."""
    _early.append(spawn())


def take_or_spawn() -> Spawned:
    """The zygote started early, if one is waiting, else a new one."""
    return _early.pop() if _early else spawn()


if __name__ == "__main__":
    from api.executor import zygote_loop

    zygote_loop(socket.socket(fileno=int(sys.argv[1])))

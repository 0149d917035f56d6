"""Entry point of a query worker process: ``python -m api.worker IN_FD OUT_FD`` (see api.executor)."""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

from api.executor import worker_loop

if __name__ == "__main__":
    worker_loop(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))

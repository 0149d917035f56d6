"""Entry point of the query-worker zygote: ``python -m api.worker CONTROL_FD`` (see api.executor)."""

from __future__ import annotations

import socket
import sys

from api.executor import zygote_loop

if __name__ == "__main__":
    zygote_loop(socket.socket(fileno=int(sys.argv[1])))

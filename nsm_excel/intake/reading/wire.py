"""What the reading worker and the run exchange, and the limits the worker runs under.

Messages are pickled and framed by their length over the worker's standard input and output
(both ends are this program: nothing from a returned file is unpickled, only what the worker
made of it). The limits are the system's: an address space limit on POSIX (a job object on
Windows, set by the parent), and the processor time of one request.
"""

from __future__ import annotations

import contextlib
import pickle
import struct
import sys
from typing import Any, BinaryIO

_HEADER = struct.Struct("!Q")


def send(sink: BinaryIO, message: Any) -> None:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sink.write(_HEADER.pack(len(body)) + body)
    sink.flush()


def receive(source: BinaryIO) -> Any:
    header = source.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    body = source.read(size)
    if len(body) < size:
        return None
    return pickle.loads(body)


def limit_memory(limit: int) -> None:
    if sys.platform == "win32":
        return  # the parent puts the worker in a job object
    import resource

    with contextlib.suppress(ValueError, OSError):  # macOS refuses some limits
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def limit_seconds(seconds: float) -> None:
    """The processor time this request may use, counted from now: past it the system ends the
    worker, even when the run that asked is gone and no longer times it."""
    if sys.platform == "win32":
        return
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    allowed = int(used.ru_utime + used.ru_stime + 2 * seconds) + 1
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (allowed, resource.RLIM_INFINITY))

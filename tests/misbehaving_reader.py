"""A reading process that misbehaves on request, for the tests of :mod:`nsm_excel.reader_process`.

Run as ``python -m tests.misbehaving_reader``: it is the real worker, except that a file whose
name holds ``crash`` kills it, ``hang`` makes it sleep, ``greedy`` makes it allocate memory
until its limit stops it, and ``abort`` ends it as a native crash does.
"""

from __future__ import annotations

import os
import time
from typing import Any

from nsm_excel.intake.reading import reader_process

_real_judge = reader_process.judge


def _judge(data: bytes, name: str, limits: Any) -> reader_process.Judged:
    if "crash" in name:
        os._exit(1)
    if "abort" in name:
        os.abort()
    if "hang" in name:
        time.sleep(3600)
    if "greedy" in name:
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    return _real_judge(data, name, limits)


if __name__ == "__main__":
    reader_process.judge = _judge
    reader_process.main()

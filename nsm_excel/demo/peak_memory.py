"""The peak memory of this process, for the bench's figures.

On Linux the high-water mark of the process's own memory (``VmHWM``): ``ru_maxrss`` would carry
the peak of the process that started it, as Linux keeps it across ``exec``. Elsewhere
``ru_maxrss`` (kilobytes, bytes on macOS); 0 where neither exists (Windows).
"""

from __future__ import annotations

import sys
from pathlib import Path


def peak_kb() -> int:
    """The peak resident memory of this process so far, in kilobytes."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    if sys.platform == "win32":
        return 0
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak

"""Windows only: a job object that caps the memory of the reading process.

POSIX systems cap it with an address space limit (:mod:`nsm_excel.reader_process`); Windows
has no such limit, but a process in a job object whose ``ProcessMemoryLimit`` is set fails
its allocations past the limit, as it would under ``RLIMIT_AS``. The job also ends the worker
when the run that started it ends.
"""

from __future__ import annotations

import sys

_JOBS: dict[int, object] = {}  # pid -> its job's handle, open while the worker runs

if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    _LIMIT_PROCESS_MEMORY = 0x0100
    _LIMIT_KILL_ON_JOB_CLOSE = 0x2000
    _EXTENDED_LIMIT_INFORMATION = 9
    _PROCESS_SET_QUOTA, _PROCESS_TERMINATE = 0x0100, 0x0001

    class _IoCounters(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_ulonglong)
            for name in ("reads", "writes", "others", "read_bytes", "written", "other_bytes")
        ]

    class _BasicLimits(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class _ExtendedLimits(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", _BasicLimits),
            ("IoInfo", _IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    def limit_memory(pid: int, limit: int) -> bool:
        """Put process ``pid`` in a job capped at ``limit`` bytes; False when Windows refuses."""
        kernel32 = _kernel32()
        job = kernel32.CreateJobObjectW(None, None)
        if not job:
            return False
        info = _ExtendedLimits()
        info.BasicLimitInformation.LimitFlags = _LIMIT_PROCESS_MEMORY | _LIMIT_KILL_ON_JOB_CLOSE
        info.ProcessMemoryLimit = limit
        size = ctypes.sizeof(info)
        if not kernel32.SetInformationJobObject(
            job, _EXTENDED_LIMIT_INFORMATION, ctypes.byref(info), size
        ):
            kernel32.CloseHandle(job)
            return False
        process = kernel32.OpenProcess(_PROCESS_SET_QUOTA | _PROCESS_TERMINATE, False, pid)
        assigned = bool(process) and bool(kernel32.AssignProcessToJobObject(job, process))
        if process:
            kernel32.CloseHandle(process)
        _JOBS[pid] = job
        return assigned

    def release(pid: int) -> None:
        """Close the job of the ended worker ``pid``."""
        job = _JOBS.pop(pid, None)
        if job:
            _kernel32().CloseHandle(job)

    def _kernel32() -> ctypes.WinDLL:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = wintypes.HANDLE
        kernel32.CreateJobObjectW.restype = handle  # handles are 64 bits: never an int's 32
        kernel32.CreateJobObjectW.argtypes = (ctypes.c_void_p, wintypes.LPCWSTR)
        kernel32.OpenProcess.restype = handle
        kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
        kernel32.SetInformationJobObject.argtypes = (
            handle,
            ctypes.c_int,
            ctypes.c_void_p,
            wintypes.DWORD,
        )
        kernel32.AssignProcessToJobObject.argtypes = (handle, handle)
        kernel32.CloseHandle.argtypes = (handle,)
        return kernel32

else:

    def limit_memory(pid: int, limit: int) -> bool:
        """Elsewhere the reading process limits itself (``RLIMIT_AS``)."""
        return False

    def release(pid: int) -> None:
        """Nothing to release where there are no job objects."""

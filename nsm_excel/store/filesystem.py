"""Whether a folder is on a network file system, where SQLite's locking cannot be trusted.

SQLite keeps two writers apart with file locks; on NFS, SMB/CIFS and their kin those locks are
missing, late or ignored, so two people working at once can damage the records. The answer comes
from what the system says, nothing guessed:

- Linux: the mount table (``/proc/self/mountinfo``, else ``/proc/mounts``); the longest mount
  point holding the folder names its file-system type;
- macOS: the table ``mount`` prints (``//user@server/share on /Volumes/share (smbfs, ...)``);
- Windows: a UNC path (``\\\\server\\share``) or a drive the system calls remote (a mapped drive).

The cores (:func:`linux_mount`, :func:`mac_mount`, :func:`windows_share`) read text and paths
given to them; :func:`network_place` reads the system and never fails: when the system cannot
be asked, the folder counts as local.
"""

from __future__ import annotations

import ntpath
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nsm_excel.core import words
from nsm_excel.core.issue_codes import IssueCode
from nsm_excel.core.issues import Issue

# file-system types whose locks SQLite cannot rely on (kernel names; FUSE ones as fuse.NAME)
NETWORK_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb", "afs", "9p", "ceph", "glusterfs",
        "lustre", "gpfs", "beegfs", "orangefs", "pvfs2", "ncpfs", "coda", "davfs", "webdav",
        "afpfs", "fuse.sshfs", "sshfs", "fuse.glusterfs", "fuse.ceph-fuse", "fuse.davfs2",
        "fuse.s3fs", "fuse.rclone", "fuse.gcsfuse", "fuse.gvfsd-fuse", "fuse.smbnetfs",
    }
)  # fmt: skip
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a network drive
SHARE, DRIVE = "network-share", "network-drive"  # Windows names none: shown in words
_OCTAL = re.compile(r"\\([0-7]{3})")  # the kernel writes a space in a mount point as \040
_MAC_LINE = re.compile(r"^.+? on (?P<point>.+) \((?P<type>[^,)]+)[^)]*\)$")


@dataclass(frozen=True)
class Mount:
    point: str
    kind: str  # the file-system type: nfs4, cifs, ext4, ...


@dataclass(frozen=True)
class NetworkPlace:
    """Where a folder lives on the network: the file-system type (or :data:`SHARE`,
    :data:`DRIVE`) and the folder, share or drive that is on the network."""

    kind: str
    where: str

    def issue(self) -> Issue:
        """The workspace here, as the issue that says what to do."""
        kind = words.ref(f"issue.kind.{self.kind}") if self.kind in (SHARE, DRIVE) else self.kind
        return Issue(IssueCode.WORKSPACE_ON_NETWORK, params={"kind": kind, "where": self.where})


def linux_mount(path: str, table: str) -> Mount | None:
    """The mount holding ``path`` (absolute, links resolved), from ``/proc/self/mountinfo`` or
    ``/proc/mounts`` text; None when no line of the table holds it."""
    return _holding(path, _linux_mounts(table))


def mac_mount(path: str, table: str) -> Mount | None:
    """The mount holding ``path``, from the text macOS's ``mount`` prints."""
    mounts = []
    for line in table.splitlines():
        found = _MAC_LINE.match(line.strip())
        if found:
            mounts.append(Mount(found["point"], found["type"].strip()))
    return _holding(path, mounts)


def on_network(mount: Mount | None) -> NetworkPlace | None:
    """``mount`` as a network place when its type is a network file system's."""
    if mount is None or mount.kind.lower() not in NETWORK_TYPES:
        return None
    return NetworkPlace(mount.kind, mount.point)


def windows_share(path: str, drive_type: int | None) -> NetworkPlace | None:
    """A Windows ``path`` (absolute) on the network: a UNC path, or on a drive whose
    ``GetDriveTypeW`` is ``drive_type`` == :data:`DRIVE_REMOTE`."""
    drive, _rest = ntpath.splitdrive(path)
    unc = drive.replace("/", "\\")
    if unc.upper().startswith("\\\\?\\UNC\\"):  # the long form of \\server\share
        unc = "\\\\" + unc[8:]
    elif unc.startswith(("\\\\?\\", "\\\\.\\")):  # a local path in long form, or a device
        inner = unc[4:]
        return windows_share(inner, drive_type) if inner[1:2] == ":" else None
    if unc.startswith("\\\\"):
        return NetworkPlace(SHARE, unc)
    if drive_type == DRIVE_REMOTE and drive:
        return NetworkPlace(DRIVE, drive.upper())
    return None


def network_place(folder: Path) -> NetworkPlace | None:
    """Where ``folder`` is on the network, as the system says; None when local or unknown."""
    try:
        path = os.path.realpath(folder)
        if sys.platform == "win32":
            return windows_share(path, _drive_type(path))
        if sys.platform == "darwin":
            return on_network(mac_mount(path, _mac_table()))
        return on_network(linux_mount(path, _linux_table()))
    except (OSError, ValueError, UnicodeError, subprocess.SubprocessError):
        return None  # a system that cannot say never stops a run


def _linux_mounts(table: str) -> list[Mount]:
    mounts = []
    for line in table.splitlines():
        fields = line.split()
        if " - " in line:  # mountinfo: ID PARENT MAJ:MIN ROOT POINT OPTIONS [TAGS...] - TYPE ...
            before, after = line.split(" - ", 1)
            head, tail = before.split(), after.split()
            if len(head) >= 5 and tail:
                mounts.append(Mount(_unescape(head[4]), tail[0]))
        elif len(fields) >= 3:  # mounts: SOURCE POINT TYPE ...
            mounts.append(Mount(_unescape(fields[1]), fields[2]))
    return mounts


def _holding(path: str, mounts: Iterable[Mount]) -> Mount | None:
    """The mount with the longest point holding ``path``; the later one of two at one point
    (it covers the earlier)."""
    best: Mount | None = None
    best_length = -1
    for mount in mounts:
        point = mount.point.rstrip("/")  # "" for the root
        if (path == point or path.startswith(point + "/")) and len(point) >= best_length:
            best, best_length = mount, len(point)
    return best


def _unescape(text: str) -> str:
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), text)


def _linux_table() -> str:
    for name in ("/proc/self/mountinfo", "/proc/mounts"):
        try:
            with open(name, encoding="utf-8", errors="surrogateescape") as table:
                return table.read()
        except OSError:
            continue
    return ""


def _mac_table() -> str:
    done = subprocess.run(
        ["/sbin/mount"], capture_output=True, text=True, timeout=3, check=False, errors="replace"
    )
    return done.stdout


def _drive_type(path: str) -> int | None:
    if sys.platform != "win32":
        return None
    import ctypes

    drive = ntpath.splitdrive(path)[0]
    if not drive or drive.startswith(("\\\\", "//")):
        return None
    return int(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\"))

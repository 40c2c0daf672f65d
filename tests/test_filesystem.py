"""Telling a network file system from a local disk: mount tables and Windows paths given as
text, and the edge that asks the system and never fails."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from nsm_excel.store import filesystem
from nsm_excel.store.filesystem import (
    DRIVE,
    DRIVE_REMOTE,
    SHARE,
    NetworkPlace,
    linux_mount,
    on_network,
)

MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 27 0:44 / /srv rw,relatime shared:20 - nfs4 files.gov.al:/export rw,vers=4.2
41 40 8:17 / /srv/local rw,relatime - ext4 /dev/sdb1 rw
42 27 0:45 / /mnt/share rw,relatime - cifs //server/nsm rw,vers=3.1.1
43 27 0:46 / /mnt/share2 rw,relatime - ext4 /dev/sdc1 rw
44 27 0:47 / /mnt/my\\040share rw - fuse.sshfs clerk@host:/data rw
45 27 0:48 / /net/home rw - autofs /etc/auto.home rw
46 45 0:49 / /net/home rw - nfs home.gov.al:/home rw
47 27 0:50 / /mnt/c rw,noatime - 9p C:\\134 rw
"""


def place(path: str, table: str = MOUNTINFO) -> NetworkPlace | None:
    return on_network(linux_mount(path, table))


def test_the_longest_mount_point_holding_the_workspace_decides() -> None:
    assert place("/srv/nsm/ws") == NetworkPlace("nfs4", "/srv")
    assert place("/srv") == NetworkPlace("nfs4", "/srv")
    assert place("/srv/local/ws") is None  # a local disk mounted inside the share
    assert place("/home/clerk/ws") is None  # the root: ext4


def test_a_mount_point_is_a_whole_folder_name_not_a_prefix() -> None:
    assert place("/mnt/share/ws") == NetworkPlace("cifs", "/mnt/share")
    assert place("/mnt/share2/ws") is None


def test_escaped_spaces_fuse_types_and_a_mount_over_another() -> None:
    assert place("/mnt/my share/ws") == NetworkPlace("fuse.sshfs", "/mnt/my share")
    assert place("/net/home/clerk/ws") == NetworkPlace("nfs", "/net/home")
    assert place("/mnt/c/Users/clerk/ws") == NetworkPlace("9p", "/mnt/c")


def test_proc_mounts_reads_the_same() -> None:
    mounts = """\
/dev/sda1 / ext4 rw,relatime 0 0
//server/nsm /mnt/share smb3 rw,vers=3.1.1 0 0
ceph-mon:6789:/ /mnt/ceph ceph rw,name=nsm 0 0
"""
    assert place("/mnt/share/ws", mounts) == NetworkPlace("smb3", "/mnt/share")
    assert place("/mnt/ceph/ws", mounts) == NetworkPlace("ceph", "/mnt/ceph")
    assert place("/home/ws", mounts) is None


def test_a_table_that_says_nothing_leaves_the_folder_local() -> None:
    assert place("/srv/ws", "") is None
    assert place("/srv/ws", "garbage\n1 2\n") is None


def test_the_table_macos_mount_prints() -> None:
    table = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)
//clerk@files.gov.al/NSM on /Volumes/NSM (smbfs, nodev, nosuid, mounted by clerk)
files.gov.al:/export on /Volumes/nfs share (nfs, nodev, nosuid, mounted by clerk)
"""

    def mac(path: str) -> NetworkPlace | None:
        return on_network(filesystem.mac_mount(path, table))

    assert mac("/Volumes/NSM/ws") == NetworkPlace("smbfs", "/Volumes/NSM")
    assert mac("/Volumes/nfs share/ws") == NetworkPlace("nfs", "/Volumes/nfs share")
    assert mac("/System/Volumes/Data/Users/clerk/ws") is None
    assert mac("/Users/clerk/ws") is None


@pytest.mark.parametrize(
    ("path", "drive_type", "expected"),
    [
        (r"\\server\NSM\ws", None, NetworkPlace(SHARE, r"\\server\NSM")),
        ("//server/NSM/ws", None, NetworkPlace(SHARE, r"\\server\NSM")),
        (r"\\?\UNC\server\NSM\ws", None, NetworkPlace(SHARE, r"\\server\NSM")),
        (r"Z:\ws", DRIVE_REMOTE, NetworkPlace(DRIVE, "Z:")),
        (r"z:\ws", DRIVE_REMOTE, NetworkPlace(DRIVE, "Z:")),
        (r"\\?\Z:\ws", DRIVE_REMOTE, NetworkPlace(DRIVE, "Z:")),
        (r"C:\Users\clerk\ws", 3, None),  # DRIVE_FIXED
        (r"\\?\C:\ws", 3, None),
        (r"E:\ws", 2, None),  # DRIVE_REMOVABLE: a USB stick is local
        (r"C:\ws", None, None),  # the drive type unknown
        (r"\\.\pipe\nsm", None, None),
    ],
)
def test_windows_paths(path: str, drive_type: int | None, expected: NetworkPlace | None) -> None:
    assert filesystem.windows_share(path, drive_type) == expected


def _on_linux(monkeypatch: pytest.MonkeyPatch, table: object) -> None:
    monkeypatch.setattr(filesystem.sys, "platform", "linux")

    def read() -> str:
        if isinstance(table, BaseException):
            raise table
        return str(table)

    monkeypatch.setattr(filesystem, "_linux_table", read)


def test_the_edge_resolves_the_folder_and_reads_the_table(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = tmp_path / "share"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    point = str(real.resolve())
    _on_linux(
        monkeypatch,
        f"27 1 254:0 / / rw - ext4 /dev/sda1 rw\n40 27 0:44 / {point} rw - nfs4 s:/e rw\n",
    )
    assert filesystem.network_place(tmp_path / "link") == NetworkPlace("nfs4", point)
    assert filesystem.network_place(tmp_path) is None


@pytest.mark.parametrize("failure", [OSError("no /proc"), ValueError("odd"), UnicodeError("x")])
def test_the_edge_never_stops_a_run_when_the_system_cannot_say(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, failure: Exception
) -> None:
    _on_linux(monkeypatch, failure)
    assert filesystem.network_place(tmp_path) is None


def test_on_macos_a_mount_command_that_fails_leaves_the_folder_local(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(filesystem.sys, "platform", "darwin")

    def hangs() -> str:
        raise subprocess.TimeoutExpired("mount", 3)

    monkeypatch.setattr(filesystem, "_mac_table", hangs)
    assert filesystem.network_place(tmp_path) is None


def test_the_windows_kinds_are_words_in_the_message() -> None:
    drive = NetworkPlace(DRIVE, "Z:").issue()
    assert "(network drive: Z:)" in drive.message("en")
    assert "(disk në rrjet: Z:)" in drive.message("sq")
    share = NetworkPlace(SHARE, r"\\server\NSM").issue()
    assert r"(network share: \\server\NSM)" in share.message("en")
    assert "(cifs: /mnt/nsm)" in NetworkPlace("cifs", "/mnt/nsm").issue().message("en")

"""The small hierarchy of exceptions: for what cannot continue, never for problems in user input.

Problems in a plan or a return are :class:`nsm_excel.issues.Issue` records. An exception here
means the command itself cannot run (no workspace, an unreadable configuration, a held lock, a
full disk).
The CLI turns every :class:`NsmError` into a one-line message and exit code 2.
"""


class NsmError(Exception):
    """Base of every error the CLI reports as a clean message."""


class WorkspaceError(NsmError):
    """The folder is not a workspace, or its layout or configuration is broken."""


class ConfigError(WorkspaceError):
    """The workspace configuration file cannot be read or holds a wrong value."""


class RecordsDamaged(WorkspaceError):
    """The records database (``nsm.sqlite``) cannot be read as nsm-excel's records."""


class PlanUnusableError(NsmError):
    """The Action Plan has errors, so nothing can be generated from it."""


class DiskFull(NsmError):
    """A file could not be written because its disk (or the user's quota) is full."""

    def __init__(self, folder: str, name: str, note: str = "") -> None:
        self.folder, self.name = folder, name
        super().__init__(
            f"the disk is full: {name} could not be written in {folder}. Nothing was lost: the "
            f"half-written file was removed.{' ' + note if note else ''} Free some space on that "
            "disk and run the command again."
        )


class InboxChanged(NsmError):
    """A file changed in the inbox between its checks and its archive copy."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"{name} changed in the inbox while it was being archived; nothing was recorded and "
            "every file stays in the inbox. Wait until it is completely copied and run the "
            "command again."
        )

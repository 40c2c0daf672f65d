"""The small hierarchy of exceptions: for what cannot continue, never for problems in user input.

Problems in a plan or a return are :class:`nsm_excel.issues.Issue` records. An exception here
means the command itself cannot run (no workspace, an unreadable configuration, a held lock).
The CLI turns every :class:`NsmError` into a one-line message and exit code 2.
"""


class NsmError(Exception):
    """Base of every error the CLI reports as a clean message."""


class WorkspaceError(NsmError):
    """The folder is not a workspace, or its layout or configuration is broken."""


class ConfigError(WorkspaceError):
    """The workspace configuration file cannot be read or holds a wrong value."""


class PlanUnusableError(NsmError):
    """The Action Plan has errors, so nothing can be generated from it."""

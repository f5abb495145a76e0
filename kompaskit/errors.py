"""The kit's error family: every error meant for a researcher derives from `KompasError` and
says, in one line, what went wrong and what to do."""
from __future__ import annotations


class KompasError(Exception):
    """Base of the kit's own errors (one-line messages, no traceback needed)."""


class TablesNotBuiltError(KompasError, FileNotFoundError):
    """`load()` found no built tables in the folder it looked in."""


class TablesIncompatibleError(KompasError):
    """`load()` found tables written by an incompatible version of the kit."""

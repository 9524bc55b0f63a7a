"""Named exit codes: 0 done, 1 done with findings, 2 bad usage or unreadable input."""

from enum import IntEnum


class ExitStatus(IntEnum):
    """What `refs` exits with (design.md)."""

    OK = 0
    FINDINGS = 1
    FAILURE = 2

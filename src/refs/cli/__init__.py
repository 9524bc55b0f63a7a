"""The `refs` command line: the group, its common options and the one error boundary."""

from __future__ import annotations

import sys

from refs.cli.group import main as main_group
from refs.cli.status import ExitStatus


def main() -> None:
    """Entry point of the `refs` console script."""
    sys.exit(main_group.main(prog_name="refs", standalone_mode=True) or ExitStatus.OK)


__all__ = ["main", "main_group"]

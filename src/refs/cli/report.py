"""Findings on stderr, where they never mix with a command's output."""

from __future__ import annotations

from collections.abc import Sequence

import click

from refs.errors import Problem

#: How many findings to print before summarising the rest.
SHOWN = 10


def report_problems(problems: Sequence[Problem], shown: int = SHOWN) -> None:
    """Print the first findings as ``file:line: severity code: message`` and count the rest."""
    for problem in problems[:shown]:
        click.echo(str(problem), err=True)
    if len(problems) > shown:
        click.echo(f"... and {len(problems) - shown} more findings", err=True)

"""`refs rename`: change an entry's key; the old key stays in `ids`, the catalog follows."""

from __future__ import annotations

import click

from refs import workflows
from refs.cli.options import catalog_option, pass_settings, store_option
from refs.settings import Settings


@click.command("rename")
@click.argument("old")
@click.argument("new")
@store_option
@catalog_option
@pass_settings
def rename_command(settings: Settings, old: str, new: str) -> None:
    """Rename the entry OLD to NEW. OLD is kept in the entry's `ids` (so `\\cite{OLD}` and
    `--keys OLD` still find it) and the catalog's rows cite NEW. One `refs undo` step for both.
    Exit 2 when OLD is unknown, or NEW is taken (as a key or a retired key) or not a valid key.

    Example: refs rename zhou2023lima zhou2023limaalignment
    """
    entry, rows = workflows.rename(settings.store, old, new, settings.catalog, settings.cache_dir)
    click.echo(f"renamed {old} -> {entry.key}; {rows} catalog rows follow", err=True)

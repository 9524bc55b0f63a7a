"""`refs rm`: remove an entry, unless the catalog cites it."""

from __future__ import annotations

import click

from refs import workflows
from refs.cli.options import catalog_option, pass_settings, store_option
from refs.cli.status import ExitStatus
from refs.settings import Settings


@click.command("rm")
@click.argument("key")
@click.option("--force", is_flag=True, help="Remove it even while catalog rows cite it.")
@store_option
@catalog_option
@pass_settings
def rm_command(settings: Settings, key: str, force: bool) -> None:
    """Remove the entry KEY from the store. While catalog rows cite it, nothing is removed:
    the rows are listed (`file:line: name`) and the exit status is 1; --force removes it anyway
    (`refs check` then reports those rows). One `refs undo` step. Exit 2 for an unknown key.

    Example: refs rm --force zhou2023lima
    """
    result = workflows.remove(
        settings.store, key, settings.catalog, settings.cache_dir, force=force
    )
    for row in result.rows:
        click.echo(f"{row}: cites {result.entry.key}", err=True)
    if not result.removed:
        click.echo(
            f"not removed: {len(result.rows)} catalog rows cite {result.entry.key} "
            "(--force removes it anyway)",
            err=True,
        )
        click.get_current_context().exit(ExitStatus.FINDINGS)
    click.echo(f"removed: {result.entry.key}", err=True)

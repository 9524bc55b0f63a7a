"""`refs undo`: put back what the last writing command on this store changed."""

from __future__ import annotations

import time

import click

from refs.cli.options import pass_settings, store_option
from refs.settings import Settings
from refs.store import steps, undo_latest


@click.command("undo")
@click.option("--force", is_flag=True, help="Undo even if a file changed after that command.")
@click.option(
    "--list", "show", is_flag=True, help="List this store's steps that can be undone, newest first."
)
@store_option
@pass_settings
def undo_command(settings: Settings, force: bool, show: bool) -> None:
    """Restore the files the last writing command on this store changed (store, catalog,
    README), all together.

    Each store has its own history: the last 20 steps, kept under the cache directory;
    each `refs undo` takes back one.

    Example: refs undo --list
    """
    if show:
        for step in reversed(steps(settings.store, settings.cache_dir)):
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(step.time))
            files = ", ".join(v.path for v in step.versions)
            click.echo(f"{when}  {step.command}  ({files})")
        return
    step = undo_latest(settings.store, settings.cache_dir, force=force)
    for version in step.versions:
        what = "restored" if version.existed else "removed (it did not exist before)"
        click.echo(f"{what}: {version.path}", err=True)
    click.echo(f"undid: {step.command}", err=True)

"""`refs undo`: put back what the last writing command changed."""

from __future__ import annotations

import time

import click

from refs.errors import RefsError
from refs.settings import Settings
from refs.store import steps, undo_latest


@click.command("undo")
@click.option("--force", is_flag=True, help="Undo even if a file changed after that command.")
@click.option(
    "--list", "show", is_flag=True, help="List the steps that can be undone, newest first."
)
@click.pass_obj
def undo_command(settings: Settings, force: bool, show: bool) -> None:
    """Restore the files the last writing command changed (store, catalog, README).

    The last 20 steps are kept under the cache directory; each `refs undo` takes back one.

    Example: refs undo --list
    """
    if settings.cache_dir is None:
        msg = "no cache directory, so no history to undo"
        raise RefsError(msg)
    if show:
        for step in reversed(steps(settings.cache_dir)):
            when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(step.time))
            files = ", ".join(v.path for v in step.versions)
            click.echo(f"{when}  {step.command}  ({files})")
        return
    step = undo_latest(settings.cache_dir, force=force)
    for version in step.versions:
        what = "restored" if version.existed else "removed (it did not exist before)"
        click.echo(f"{what}: {version.path}", err=True)
    click.echo(f"undid: {step.command}", err=True)

"""`refs sync DOC`: put the References section and the catalog's numbers back into a README."""

from __future__ import annotations

import sys

import click

from refs import workflows
from refs.cli.options import catalog_option, pass_settings, store_option
from refs.cli.status import ExitStatus
from refs.render import DEFAULT_LOCALE
from refs.settings import Settings
from refs.workflows.sync import README_STYLE


@click.command("sync")
@click.argument("doc", metavar="DOC")
@click.option(
    "--write", is_flag=True, help="Change DOC in place (atomically; refs undo restores it)."
)
@click.option(
    "--style",
    "style_name",
    default=README_STYLE,
    show_default=True,
    metavar="NAME",
    help="The CSL style of the regenerated References section (as for refs render).",
)
@click.option("--locale", default=DEFAULT_LOCALE, show_default=True, help="CSL locale.")
@click.option(
    "--force",
    is_flag=True,
    help="Sync even if DOC changed since its import or refs check reports errors for it.",
)
@store_option
@catalog_option
@pass_settings
def sync_command(
    settings: Settings, *, doc: str, write: bool, style_name: str, locale: str, force: bool
) -> None:
    """Renumber DOC's references in the order its catalog rows first cite them, rewrite the
    numbers in its catalog cells, and regenerate its References section from the store.

    Without --write, prints the change as a unified diff and exits 1 if DOC is out of sync
    (0 if it is in sync), like `git diff --exit-code`. With --write, changes DOC and re-imports
    it. Refuses (exit 2) when DOC changed since its import or has refs check errors, unless
    --force. Nothing outside the References entries and the cells' numbers changes.

    Example: refs sync sources/002-survey-catalog.md --force
    """
    result = workflows.sync(
        doc,
        settings.store,
        settings.catalog,
        style_name=style_name,
        locale=locale,
        write=write,
        force=force,
        cache_dir=settings.cache_dir,
        key_pattern=settings.key_pattern,
        project=settings.project,
    )
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if result.written:
        click.echo(f"synced {doc} (refs undo restores it)", err=True)
        return
    if write:
        click.echo(f"{doc} is already in sync", err=True)
        return
    sys.stdout.buffer.write(result.diff.encode("utf-8", "surrogateescape"))
    sys.stdout.buffer.flush()
    if result.changed:
        click.get_current_context().exit(ExitStatus.FINDINGS)

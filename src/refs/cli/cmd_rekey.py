"""`refs rekey`: make again the keys refs generated; old keys go to `ids`, the catalog follows."""

from __future__ import annotations

import click

from refs import workflows
from refs.cli.options import catalog_option, pass_settings, store_option
from refs.cli.status import ExitStatus
from refs.settings import Settings


@click.command("rekey")
@click.argument("keys", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Every entry whose key refs generated.")
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@store_option
@catalog_option
@pass_settings
def rekey_command(settings: Settings, keys: tuple[str, ...], every: bool, dry_run: bool) -> None:
    """Make the keys of the entries KEY... (or --all) again from their metadata now, with the
    key pattern (refs.toml's key-pattern; by default {auth}{year}{title}: family name, year,
    first significant title word, zhou2023lima). Only keys refs
    generated change; a key you gave (from a .bib file, `refs add`, `refs rename`) is kept, and
    naming one is reported with exit 1. Old keys go to the entry's `ids` (so `\\cite{OLD}` still
    finds it), the catalog cites the new keys, and the batch is one `refs undo` step.
    Prints `OLD<TAB>NEW` per change on stdout. Exit 2 for an unknown key.

    Example: refs rekey --all --dry-run
    """
    if every == bool(keys):
        msg = "give KEY... or --all (not both)"
        raise click.UsageError(msg)
    result = workflows.rekey(
        settings.store,
        None if every else keys,
        settings.catalog,
        settings.cache_dir,
        dry_run=dry_run,
        key_pattern=settings.key_pattern,
    )
    for old, new in result.renames.items():
        click.echo(f"{old}\t{new}")
    for key in result.given:
        click.echo(f"kept {key}: a key you gave is never changed", err=True)
    done = "would rekey" if dry_run else "rekeyed"
    click.echo(f"{done} {len(result.renames)} entries; {result.rows} catalog rows follow", err=True)
    if result.given:
        click.get_current_context().exit(ExitStatus.FINDINGS)

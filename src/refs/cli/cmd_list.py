"""`refs list`: the store's entries, or those matching a query, in store order."""

from __future__ import annotations

import json

import click

from refs import workflows
from refs.cli.options import pass_settings, store_option
from refs.settings import Settings


@click.command("list")
@click.argument("words", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of entries.")
@store_option
@pass_settings
def list_command(settings: Settings, words: tuple[str, ...], as_json: bool) -> None:
    """List the store's entries (key, year, first author, title), in store order; with QUERY
    only those matching it, as `refs search` matches, but not ranked.

    --json prints [{key, title, authors, year, venue, identifiers, ids}]. Exit 0.

    Example: refs list author:zhou
    """
    query = " ".join(words) or None
    records = workflows.list_entries(settings.store, query, settings.cache_dir)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in records], indent=2, ensure_ascii=False))
    else:
        for record in records:
            click.echo(record.line())
    click.echo(f"{len(records)} entries", err=True)

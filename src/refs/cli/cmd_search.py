"""`refs search`: entries matching a query, best first."""

from __future__ import annotations

import json

import click

from refs import workflows
from refs.cli.options import pass_settings, store_option
from refs.cli.status import ExitStatus
from refs.settings import Settings


@click.command("search")
@click.argument("words", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of results.")
@click.option(
    "-n", "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most N."
)
@store_option
@pass_settings
def search_command(settings: Settings, words: tuple[str, ...], as_json: bool, limit: int) -> None:
    """Find entries by title, author, year, venue, key (retired keys too) or identifier.

    Every word must match the start of a word, accents and case aside (`kopf` finds Köpf);
    `field:word` looks in one field: key, title, author, year, venue, id. Ranked: an exact
    key first, then by relevance (key and identifier matches weigh most, then title, author).
    Uses a search index under the cache directory, built once per store content.
    --json prints [{key, title, authors, year, venue, identifiers, ids, score}].
    Exit 1 when nothing matches.

    Example: refs search "less is more" year:2023
    """
    hits = workflows.search(settings.store, " ".join(words), settings.cache_dir, limit)
    if as_json:
        click.echo(json.dumps([h.as_dict() for h in hits], indent=2, ensure_ascii=False))
    else:
        for hit in hits:
            click.echo(hit.record.line())
    click.echo(f"{len(hits)} matches", err=True)
    if not hits:
        click.get_current_context().exit(ExitStatus.FINDINGS)

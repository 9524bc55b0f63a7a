"""`refs show`: one entry, where it came from, and what cites it."""

from __future__ import annotations

import json

import click

from refs import workflows
from refs.cli.options import catalog_option, pass_settings, store_option
from refs.settings import Settings


@click.command("show")
@click.argument("key")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@store_option
@catalog_option
@pass_settings
def show_command(settings: Settings, key: str, as_json: bool) -> None:
    """Show an entry: its BibTeX, its sources, its retired keys (aliases) and the catalog
    rows that cite it (`file:line: name`). A retired key finds the entry that retired it.

    --json prints {key, asked, type, fields, sources, ids, cited_by}. Exit 2 for an unknown key.

    Example: refs show zhou2023lima
    """
    result = workflows.show(settings.store, key, settings.catalog, settings.cache_dir)
    if result.entry.key.casefold() != key.casefold():
        click.echo(f"{key} is a retired key of {result.entry.key}", err=True)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(result.bibtex)
    entry = result.entry
    sections = (
        ("aliases", list(entry.ids)),
        ("sources", [str(source) for source in entry.sources]),
        ("cited by", [str(row) for row in result.rows]),
    )
    for title, lines in sections:
        click.echo(f"\n{title}:" + ("" if lines else " none"))
        for line in lines:
            click.echo(f"  {line}")

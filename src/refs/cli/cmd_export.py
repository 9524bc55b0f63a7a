"""`refs export`: write the store as BibTeX or CSL-JSON."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from refs import workflows
from refs.cli.options import Settings, store_option
from refs.cli.report import report_problems
from refs.export import EXPORTERS


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXPORTERS)),
    default=None,
    help="Output format (default: from the -o suffix, else bibtex).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write here (atomically) instead of stdout.",
)
@store_option
@click.pass_obj
def export_command(settings: Settings, fmt: str | None, output: Path | None) -> None:
    """Write the whole store for paper writing or other tools.

    Example: refs export --format csl-json -o refs.json
    """
    stdout = sys.stdout.buffer
    result = workflows.export(settings.store, fmt, output, stdout, settings.cache_dir)
    report_problems(result.problems)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    where = f" to {output}" if output else ""
    click.echo(f"exported {result.count} entries as {result.format}{where}", err=True)

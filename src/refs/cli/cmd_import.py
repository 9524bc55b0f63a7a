"""`refs import`: survey documents and .bib files into the store."""

from __future__ import annotations

import sys

import click

from refs import workflows
from refs.cli.options import Settings, catalog_option, store_option
from refs.cli.report import report_problems
from refs.cli.status import ExitStatus

#: Inputs larger than this get a progress bar (on a terminal).
_PROGRESS_BYTES = 1_000_000


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@store_option
@catalog_option
@click.pass_obj
def import_command(settings: Settings, paths: tuple[str, ...]) -> None:
    """Read survey documents (Markdown, HTML, text) and .bib files into the store.

    Each reference occurrence is stored with its provenance (file, line, label); importing
    the same document again changes nothing. The documents' catalog tables go to the catalog
    (--catalog, default ./catalog.yaml), one item per row, their numbers resolved to store
    keys. Exit 1 when something was flagged. `-` reads standard input.

    Example: refs import sources/002_d30d14b6dd8705d8.txt
    """
    documents = workflows.read_documents(paths, sys.stdin.buffer)
    total = sum(len(data) for _, data in documents)
    with click.progressbar(
        length=total, label="importing", file=sys.stderr, hidden=total < _PROGRESS_BYTES
    ) as bar:
        result = workflows.import_documents(
            settings.store,
            documents,
            settings.cache_dir,
            progress=bar.update,
            catalog_path=settings.catalog,
        )
    report_problems(result.problems)
    for report in result.reports:
        click.echo(
            f"{report.file}: found {report.found}, new {report.new}, updated {report.updated}, "
            f"flagged {report.flagged}" + (f", removed {report.removed}" if report.removed else ""),
            err=True,
        )
    if len(result.reports) > 1:
        click.echo(
            f"total: found {sum(r.found for r in result.reports)}, "
            f"new {sum(r.new for r in result.reports)}, "
            f"updated {sum(r.updated for r in result.reports)}, flagged {result.flagged}",
            err=True,
        )
    click.echo(f"{settings.catalog}: {result.catalog_items} catalog rows", err=True)
    if result.flagged or result.problems:
        sys.exit(ExitStatus.FINDINGS)

"""`refs import`: survey documents and .bib files into the store."""

from __future__ import annotations

import json
import sys

import click

from refs import workflows
from refs.cli.options import catalog_option, pass_settings, store_option
from refs.cli.report import report_problems
from refs.cli.status import ExitStatus
from refs.errors import Severity
from refs.settings import Settings

#: Inputs larger than this get a progress bar (on a terminal).
_PROGRESS_BYTES = 1_000_000


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--dry-run", is_flag=True, help="Report what would be added, updated, flagged; write nothing."
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@store_option
@catalog_option
@pass_settings
def import_command(
    settings: Settings, paths: tuple[str, ...], dry_run: bool, as_json: bool
) -> None:
    """Read survey documents (Markdown, HTML, text) and .bib files into the store.

    Each reference occurrence is stored with its provenance (file, line, label); importing
    the same document again changes nothing. The documents' catalog tables go to the catalog
    (--catalog, default ./catalog.yaml), one item per row, their numbers resolved to store
    keys. Exit 1 when a warning or an error was found (an info finding, such as a reference that
    prints no year, is reported but exits 0), as `refs check` decides. `-` reads standard input.

    --dry-run does the same import in memory and writes nothing (no undo step). --json prints
    {dry_run, documents: [{file, found, new, updated, flagged, removed}], total: {found, new,
    updated, flagged, removed}, problems, catalog_rows} on stdout.

    Example: refs import sources/002-survey-catalog.md
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
            dry_run=dry_run,
            key_pattern=settings.key_pattern,
        )
    report_problems(result.problems)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    if dry_run:
        click.echo("dry run: nothing written; this is what the import would do", err=True)
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
    verb = " would have" if dry_run else ":"
    click.echo(f"{settings.catalog}{verb} {result.catalog_items} catalog rows", err=True)
    if any(problem.severity is not Severity.INFO for problem in result.problems):
        sys.exit(ExitStatus.FINDINGS)  # an info finding (no year printed) is no failure

"""`refs check`: lint the store and the catalog; exit 1 when there are errors."""

from __future__ import annotations

import json
import sys

import click

from refs import workflows
from refs.cli.options import catalog_option, pass_settings, store_option
from refs.cli.status import ExitStatus
from refs.settings import Settings


@click.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print only a JSON array of findings.")
@click.option(
    "--ignore",
    "ignored",
    multiple=True,
    metavar="CODE",
    help="Leave out findings with this code (repeatable); adds to the configuration's ignore.",
)
@store_option
@catalog_option
@pass_settings
def check_command(settings: Settings, as_json: bool, ignored: tuple[str, ...]) -> None:
    """Lint the store and the catalog: dangling or ambiguous citation numbers, rows whose
    paper link or cited cells disagree with the entries they cite, entries missing
    essentials, duplicate keys, colliding aliases, broken #refN anchors.

    Findings read `file:line: severity code: message`, each with a suggested fix; a finding
    about a catalog row names the row's document and line. --json prints only a JSON array
    of {file, line, severity, code, message}. Exit 1 when any finding is an error.
    --ignore CODE (and `ignore = [...]` in the configuration) leaves those findings out.

    Example: refs check --json
    """
    ignore = {*settings.ignore, *ignored}
    result = workflows.check(
        settings.store,
        settings.catalog,
        settings.cache_dir,
        ignore=ignore,
        project=settings.project,
    )
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in result.findings], indent=2, ensure_ascii=False))
    else:
        for finding in result.findings:
            click.echo(str(finding))
            if finding.fix:
                click.echo(f"    fix: {finding.fix}")
    errors = sum(f.severity == "error" for f in result.findings)
    click.echo(f"{len(result.findings)} findings, {errors} errors", err=True)
    if result.has_errors:
        sys.exit(ExitStatus.FINDINGS)

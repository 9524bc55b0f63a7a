"""`refs dedupe`: report duplicate clusters and conflicts; `--apply` merges the confident ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from refs import workflows
from refs.cli.options import catalog_option, pass_settings, store_option
from refs.cli.report import report_problems
from refs.cli.status import ExitStatus
from refs.dedupe import (
    CONFLICT_REASONS,
    DEFAULT_LIMIT,
    DEFAULT_THRESHOLD,
    as_dict,
    describe,
    summary,
)
from refs.settings import Settings


@click.command("dedupe")
@click.option("--apply", is_flag=True, help="Merge the confident clusters (default: dry run).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON document.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Confidence a link needs to merge; weaker links (>= 0.8) are reported as conflicts.",
)
@click.option(
    "--map",
    "map_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the key rename map (old -> new): JSON for .json, else TSV.",
)
@click.option(
    "--not-duplicate",
    "not_duplicate",
    nargs=2,
    multiple=True,
    metavar="KEY KEY",
    help="Record that two entries are different works (kept in <store>.not-duplicates).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Conflicts to print (0: all); --json prints all.",
)
@click.option(
    "--kind",
    type=click.Choice(sorted(CONFLICT_REASONS)),
    help="Print only the conflicts with this finding code (and no clusters).",
)
@store_option
@catalog_option
@pass_settings
def dedupe_command(  # noqa: PLR0917 - click passes one argument per option
    settings: Settings,
    apply: bool,
    as_json: bool,
    threshold: float,
    map_path: Path | None,
    not_duplicate: tuple[tuple[str, str], ...],
    limit: int,
    kind: str | None,
) -> None:
    """Find entries that are one work, with the evidence, and conflicts that need a person.

    A dry run by default; --apply merges each confident cluster into one entry (the published
    version wins, every identifier and source is kept, retired keys go to `ids`). Exit 1 when
    conflicts need a person; they are never merged. After --apply the catalog (--catalog)
    cites the new keys. The summary (stderr) comes first, then each cluster and up to --limit
    conflicts (--kind CODE: only those, to page through one kind).

    Example: refs dedupe --not-duplicate honovich2022unnatural mishra2022unnatural
    """
    result = workflows.dedupe(
        settings.store,
        apply=apply,
        threshold=threshold,
        not_duplicate=not_duplicate,
        map_path=map_path,
        cache_dir=settings.cache_dir,
        key_pattern=settings.key_pattern,
        catalog_path=settings.catalog,
    )
    report_problems(result.problems)
    click.echo(summary(result.report, applied=apply), err=True)
    if as_json:
        click.echo(json.dumps(as_dict(result.report, result.renames), indent=2, ensure_ascii=False))
    else:
        lines = describe(result.report, result.renames, applied=apply, limit=limit, kind=kind)
        for line in lines:
            click.echo(line)
    if result.needs_a_person:
        sys.exit(ExitStatus.FINDINGS)

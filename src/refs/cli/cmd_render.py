"""`refs render`: the store's reference section in any CSL style."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from refs import workflows
from refs.cli.options import (
    catalog_option,
    format_option,
    output_option,
    pass_settings,
    store_option,
)
from refs.cli.report import report_problems
from refs.cli.status import ExitStatus
from refs.render import DEFAULT_LOCALE, Format, list_styles
from refs.settings import Settings
from refs.workflows.sync import README_STYLE


@click.command("render")
@click.option(
    "--style",
    "style_name",
    metavar="NAME",
    help="A CSL style id (apa, association-for-computational-linguistics), an alias "
    "(acl, ieee, mla, chicago, nature, harvard, vancouver, springer, elsevier, acm), "
    "a style of the project's styles/ folder (for an id refs does not know), or a path to a "
    ".csl file (default: the configuration's style).",
)
@click.option(
    "--locale", help=f"CSL locale (default: the configuration's locale, else {DEFAULT_LOCALE})."
)
@format_option
@output_option
@click.option("--keys", metavar="K,…", help="Only these store keys, comma-separated.")
@click.option(
    "--section",
    metavar="S",
    help="Only what this catalog section cites (a heading or table of the README).",
)
@click.option(
    "--readme",
    is_flag=True,
    help="The survey-README layout: numbered in the order the catalog first cites the "
    'entries, each with its <a id="refN">[N]</a> anchor, grouped under the catalog\'s '
    "headings, in Markdown (default style: survey-readme).",
)
@click.option(
    "--list-styles",
    "list_query",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[QUERY]",
    help="List the styles (and aliases) whose id or title contains QUERY, then exit.",
)
@store_option
@catalog_option
@pass_settings
def render_command(
    settings: Settings,
    *,
    style_name: str | None,
    locale: str | None,
    fmt: Format,
    output: Path | None,
    keys: str | None,
    section: str | None,
    list_query: str | None,
    readme: bool,
) -> None:
    """Print the store's reference section in a CSL style, every entry in export order.

    Example: refs render --style acl
    """
    if list_query is not None:
        for name, description in list_styles(list_query or None, settings.project):
            click.echo(f"{name}\t{description}" if description else name)
        return
    # an option left unset falls back to the configuration (refs.toml, the user's config.toml)
    style_name = style_name or settings.style
    if readme and not style_name:
        style_name = README_STYLE
    if not style_name:
        msg = "give --style NAME (or --list-styles [QUERY] to find one)"
        raise click.UsageError(msg)
    wanted = [key.strip() for key in (keys or "").split(",") if key.strip()]
    result = workflows.render(
        settings.store,
        style_name,
        sys.stdout.buffer,
        locale=locale or settings.locale or DEFAULT_LOCALE,
        fmt=fmt,
        keys=wanted,
        section=section,
        catalog_path=settings.catalog,
        output=output,
        cache_dir=settings.cache_dir,
        readme=readme,
        project=settings.project,
    )
    report_problems(result.problems)
    report_problems(result.unrendered)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if output is not None:
        click.echo(f"rendered {result.count} entries in {result.style} to {output}", err=True)
    if result.missing_keys:
        click.echo(f"Error: no entry with key: {', '.join(result.missing_keys)}", err=True)
        click.get_current_context().exit(ExitStatus.FINDINGS)
    if result.unrendered:  # the others were written; these entries are findings
        click.get_current_context().exit(ExitStatus.FINDINGS)

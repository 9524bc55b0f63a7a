"""`refs cite`: the in-text citation of some keys, in a CSL style."""

from __future__ import annotations

import click

from refs import workflows
from refs.cli.options import format_option, pass_settings, store_option
from refs.render import DEFAULT_LOCALE, Format
from refs.settings import Settings

#: The style when neither --style, $REFS_STYLE nor the configuration names one.
DEFAULT_STYLE = "apa"


@click.command("cite")
@click.argument("keys", nargs=-1, required=True)
@click.option("--style", "style_name", metavar="NAME", envvar="REFS_STYLE", help="CSL style.")
@click.option("--locale", envvar="REFS_LOCALE", help=f"CSL locale (default {DEFAULT_LOCALE}).")
@format_option
@store_option
@pass_settings
def cite_command(
    settings: Settings,
    keys: tuple[str, ...],
    style_name: str | None,
    locale: str | None,
    fmt: Format,
) -> None:
    """Print the in-text citation of KEYs, cited together as one cluster, in a CSL style
    (default: the configuration's style, else apa), with the disambiguation the style gives
    them in the bibliography (`Zhou et al., 2023a`). Retired keys resolve to their entry.
    Exit 2 for an unknown key or style.

    Example: refs cite zhou2023lima touvron2023llama --style apa
    """
    result = workflows.cite(
        settings.store,
        keys,
        style_name or settings.style or DEFAULT_STYLE,
        locale=locale or settings.locale or DEFAULT_LOCALE,
        fmt=fmt,
        cache_dir=settings.cache_dir,
        project=settings.project,
    )
    for old, new in result.resolved.items():
        click.echo(f"resolved: {old} -> {new}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(result.text)

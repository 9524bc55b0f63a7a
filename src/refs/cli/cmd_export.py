"""`refs export`: write the store, or what a paper cites, as BibTeX, BibLaTeX or CSL-JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from refs import workflows
from refs.cli.options import catalog_option, output_option, pass_settings, store_option
from refs.cli.report import report_problems
from refs.cli.status import ExitStatus
from refs.export import EXPORTERS, ArxivForm, ExportOptions
from refs.settings import Settings


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXPORTERS)),
    default=None,
    help="Output format (default: from the -o suffix, .bib or .json, else bibtex).",
)
@output_option
@click.option("--keys", metavar="K,…", help="Only these keys (comma-separated; retired keys too).")
@click.option(
    "--cited-in",
    "cited_in",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Only the keys this .aux, .tex or Markdown file cites (repeatable).",
)
@click.option(
    "--keep-meta",
    is_flag=True,
    help="BibTeX/BibLaTeX: keep sources, ids and refs-* fields (left out by default).",
)
@click.option(
    "--unicode",
    "keep_unicode",
    is_flag=True,
    help="BibTeX/BibLaTeX: keep non-ASCII as UTF-8 (for biber) instead of LaTeX accents.",
)
@click.option(
    "--arxiv",
    type=click.Choice([form.value for form in ArxivForm]),
    default=ArxivForm.JOURNAL.value,
    show_default=True,
    help="BibTeX: arXiv-only preprints as journal = {arXiv preprint arXiv:ID} or as eprint.",
)
@click.option(
    "--section",
    metavar="S",
    help="Only what this catalog section cites (a heading or table of the README).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="With -o: print a JSON summary on stdout (the export itself goes to the file).",
)
@store_option
@catalog_option
@pass_settings
def export_command(  # noqa: PLR0917 - click passes one argument per option
    settings: Settings,
    fmt: str | None,
    output: Path | None,
    keys: str | None,
    cited_in: tuple[Path, ...],
    keep_meta: bool,
    keep_unicode: bool,
    arxiv: str,
    section: str | None,
    as_json: bool,
) -> None:
    """Write the store, or what a paper cites, for LaTeX or other tools.

    A subset (--keys, --cited-in, --section) in BibTeX, which has no aliases, is written
    under the keys the paper cites: `\\cite{old}` of a renamed entry finds it. A paper citing
    two keys of one entry gets it once, under the first; the other is reported, exit 1.
    BibLaTeX keeps the store key and `ids`, which biber resolves.

    --json (only with -o, since stdout otherwise carries the export) prints {format, count,
    output, resolved: {asked: key}, missing: [key], written_as: {key: cited}, also_cited:
    {other: cited}} on stdout.

    Example: refs export --keys zhou2023lima,touvron2023llama -o paper.bib
    """
    if as_json and output is None:
        msg = "--json needs -o FILE: without it, stdout carries the export itself"
        raise click.UsageError(msg)
    wanted = [key.strip() for key in (keys or "").split(",") if key.strip()]
    options = ExportOptions(keep_meta=keep_meta, unicode=keep_unicode, arxiv=ArxivForm(arxiv))
    result = workflows.export(
        settings.store,
        fmt,
        output,
        sys.stdout.buffer,
        settings.cache_dir,
        options=options,
        keys=wanted,
        cited_in=cited_in,
        section=section,
        catalog_path=settings.catalog,
    )
    report_problems(result.problems)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for old, new in result.resolved.items():
        click.echo(f"resolved: {old} -> {new}", err=True)
    for key, cited in result.written_as.items():
        click.echo(f"written as {cited}: the entry {key}, under the key the paper cites", err=True)
    for other, cited in result.also_cited.items():
        click.echo(
            f"Error: {other} and {cited} are one entry, written once as {cited}: "
            f"BibTeX finds no entry for {other} (cite one key, or use biblatex)",
            err=True,
        )
    if as_json:
        summary = {
            "format": result.format,
            "count": result.count,
            "output": str(output),
            "resolved": result.resolved,
            "missing": list(result.missing),
            "written_as": result.written_as,
            "also_cited": result.also_cited,
        }
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    where = f" to {output}" if output else ""
    click.echo(f"exported {result.count} entries as {result.format}{where}", err=True)
    if result.missing:
        click.echo(f"Error: no entry with key: {', '.join(result.missing)}", err=True)
    if result.missing or result.also_cited:
        click.get_current_context().exit(ExitStatus.FINDINGS)

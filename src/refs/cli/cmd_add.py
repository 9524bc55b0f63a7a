"""`refs add`: a BibTeX entry, a reference string, or an identifier into the store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from refs import workflows
from refs.cli.options import pass_settings, store_option
from refs.cli.report import report_problems
from refs.cli.status import ExitStatus
from refs.encoding import decode_text
from refs.errors import Problem, UnreadableInput
from refs.project import read_given
from refs.settings import Settings


def _read(text: str | None, source: Path | None) -> tuple[str, list[Problem]]:
    """What to add, as text: a file and standard input go through the one decoder (binary
    data is refused before the store is opened)."""
    if source is not None and str(source) != "-":
        try:
            data = read_given(source)
        except OSError as error:
            msg = f"{source}: cannot read: {error.strerror or error}"
            raise UnreadableInput(msg) from None
        return decode_text(data, str(source))
    if source is not None or text is None or text == "-":
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    return text, []


@click.command("add")
@click.argument("text", required=False)
@click.option(
    "-f",
    "--from",
    "source",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read what to add from this file (- for standard input).",
)
@store_option
@pass_settings
def add_command(settings: Settings, text: str | None, source: Path | None) -> None:
    """Add a BibTeX entry, a free-text reference, or a paper's URL / arXiv id / DOI / ACL
    Anthology id / OpenReview link to the store (TEXT, --from FILE, or standard input).

    An identifier is turned (offline) into a minimal entry flagged `needs-metadata`. A BibTeX
    entry keeps its key unless it is taken; others get a `zhou2023lima`-style key. The new keys
    are printed on stdout. An entry the store already has (same identifier, or same title, year
    and first author) is not added: exit 1, naming it. Exit 2 for input that reads as nothing.
    `refs undo` takes the addition back.

    Example: refs add https://arxiv.org/abs/1706.03762
    """
    what, problems = _read(text, source)
    report_problems(problems)
    result = workflows.add(
        settings.store, what, settings.cache_dir, key_pattern=settings.key_pattern
    )
    report_problems(result.problems)
    for entry in result.added:
        click.echo(entry.key)
        click.echo(f"added: {entry.key}", err=True)
    for entry, key in result.existing:
        what = entry.get("title") or ", ".join(v for _, v in entry.identifiers.items())
        click.echo(f"already in the store as {key}: {what}", err=True)
    if result.existing:
        click.get_current_context().exit(ExitStatus.FINDINGS)

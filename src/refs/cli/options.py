"""Options shared by every command (``--store`` and ``--catalog`` work before or after the
command name); what they decide is a `refs.settings.Settings`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, get_args

import click

from refs.render import Format
from refs.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def _path_option(name: str, help_text: str) -> Callable[[F], F]:
    """``--NAME FILE`` on a command: given after the command name it wins over the group's
    option of the same name (it is parsed later and sets the same `Settings` field)."""

    def remember(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
        if value is not None:
            setattr(ctx.ensure_object(Settings), name, value)

    return click.option(
        f"--{name}",
        type=click.Path(dir_okay=False, path_type=Path),
        callback=remember,
        expose_value=False,
        is_eager=True,
        help=help_text,
    )


#: ``--store FILE`` after the command name.
store_option = _path_option("store", "The BibTeX store (default ./references.bib, or $REFS_STORE).")
#: ``--catalog FILE`` after the command name.
catalog_option = _path_option("catalog", "The catalog (default ./catalog.yaml, or $REFS_CATALOG).")


#: ``--format text|markdown|html`` of the commands that print formatted references.
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(get_args(Format)),
    default="text",
    show_default=True,
    help="text (plain), markdown (italics, bold and links kept) or html.",
)


#: ``-o FILE``: write the command's output there, atomically, instead of to stdout.
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write here (atomically) instead of stdout.",
)

"""Options shared by every command, and the one place that turns them into `Settings`.

``--store`` and ``--catalog`` work before the command name (the group's options, which also
read ``$REFS_STORE`` / ``$REFS_CATALOG``) and after it (the command's, which win). The group
only keeps what it was given (`Given`); `pass_settings` resolves the settings when the command
runs, after click has parsed every option, once per invocation."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, get_args

import click

from refs.render import Format
from refs.settings import Settings, load_settings
from refs.store import recover_store

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Given:
    """The group's ``--store`` and ``--catalog`` (given before the command name, or from the
    environment); None where the user gave nothing."""

    store: Path | None = None
    catalog: Path | None = None


def resolve_settings(store: Path | None, catalog: Path | None) -> Settings:
    """The settings of a command whose user gave ``store`` and ``catalog`` (None: not given),
    after what crashed commands left for that store is repaired."""
    settings = load_settings(store, catalog)
    # a command of this store that died (kill -9, power cut) is completed or rolled back first
    for message in recover_store(settings.store, settings.cache_dir):
        click.echo(f"refs: {message}", err=True)
    return settings


def pass_settings(command: Callable[Concatenate[Settings, P], R]) -> Callable[..., R]:
    """Call ``command`` with the invocation's `Settings` first, resolved from the final value
    of every option: the command's own ``--store`` / ``--catalog`` (`store_option`,
    `catalog_option`) over the group's (`Given`), then the configuration beside that store.
    Put it below the command's options, where `click.pass_obj` would go."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> R:
        given = click.get_current_context().find_object(Given) or Given()
        store = _last(kwargs.pop("store", None), given.store)
        catalog = _last(kwargs.pop("catalog", None), given.catalog)
        return command(resolve_settings(store, catalog), *args, **kwargs)

    return run


def _last(after: Path | None, before: Path | None) -> Path | None:
    """The option given after the command name if any, else the one before it."""
    return after if after is not None else before


def _path_option(name: str, help_text: str) -> Callable[[F], F]:
    """``--NAME FILE`` after the command name: `pass_settings` takes its value, which wins over
    the group's option of the same name."""
    return click.option(
        f"--{name}", name, type=click.Path(dir_okay=False, path_type=Path), help=help_text
    )


#: ``--store FILE`` after the command name.
store_option = _path_option(
    "store",
    "The BibTeX store (default ./references.bib, or $REFS_STORE); wins over a --store given "
    "before the command name.",
)
#: ``--catalog FILE`` after the command name.
catalog_option = _path_option(
    "catalog",
    "The catalog (default ./catalog.yaml, or $REFS_CATALOG); wins over a --catalog given "
    "before the command name.",
)


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

"""Options shared by every command: ``--store`` and ``--catalog`` work before or after the
command name."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STORE = Path("references.bib")
DEFAULT_CATALOG = Path("catalog.yaml")


@dataclass
class Settings:
    """What the group's options and the environment decided, passed to every command."""

    store: Path = DEFAULT_STORE
    cache_dir: Path | None = None
    catalog: Path = DEFAULT_CATALOG


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/refs``, by default ``~/.cache/refs`` (never beside the store)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "refs"


def _set_store(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(Settings).store = value


def store_option(func: F) -> F:
    """``--store FILE``: given after the command name it wins over the group's."""
    return click.option(
        "--store",
        type=click.Path(dir_okay=False, path_type=Path),
        callback=_set_store,
        expose_value=False,
        is_eager=True,
        help="The BibTeX store (default ./references.bib, or $REFS_STORE).",
    )(func)


def _set_catalog(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(Settings).catalog = value


def catalog_option(func: F) -> F:
    """``--catalog FILE``: given after the command name it wins over the group's."""
    return click.option(
        "--catalog",
        type=click.Path(dir_okay=False, path_type=Path),
        callback=_set_catalog,
        expose_value=False,
        is_eager=True,
        help="The catalog (default ./catalog.yaml, or $REFS_CATALOG).",
    )(func)

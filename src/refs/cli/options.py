"""Options shared by every command (``--store`` and ``--catalog`` work before or after the
command name) and the configuration file that gives them project defaults."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args

import click

from refs.encoding import decode_text
from refs.errors import UnreadableInput
from refs.render import Format

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STORE = Path("references.bib")
DEFAULT_CATALOG = Path("catalog.yaml")


@dataclass
class Settings:
    """What the group's options and the environment decided, passed to every command."""

    store: Path = DEFAULT_STORE
    cache_dir: Path | None = None
    catalog: Path = DEFAULT_CATALOG
    #: The default ``--style`` and ``--locale`` of `refs cite` and `refs render`.
    style: str | None = None
    locale: str | None = None
    #: Finding codes `refs check` leaves out (the config's ``ignore``).
    ignore: tuple[str, ...] = ()
    #: The configuration file that was read, if any.
    config: Path | None = None


#: A project's configuration: ``refs.toml`` beside the store, else ``[tool.refs]`` in
#: ./pyproject.toml. Paths in it are relative to the file.
CONFIG_FILE = "refs.toml"
PYPROJECT = Path("pyproject.toml")
_CONFIG_TYPES: Mapping[str, type] = {
    "store": str,
    "catalog": str,
    "style": str,
    "locale": str,
    "ignore": list,
}


@dataclass(frozen=True)
class Config:
    """What a configuration file says; None (or empty) where it says nothing."""

    path: Path | None = None
    store: Path | None = None
    catalog: Path | None = None
    style: str | None = None
    locale: str | None = None
    ignore: tuple[str, ...] = field(default=())


def _read_toml(path: Path) -> dict[str, Any] | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        msg = f"{path}: cannot read: {error.strerror}"
        raise UnreadableInput(msg) from None
    text, problems = decode_text(data, str(path))  # binary data is refused with its line
    if problems:  # TOML is UTF-8 by definition: a guessed encoding would be wrong
        msg = f"{problems[0].file}:{problems[0].line}: not UTF-8, as a TOML file must be"
        raise UnreadableInput(msg)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"{path}: not valid TOML: {error}"
        raise UnreadableInput(msg) from None


def _config_table(store: Path) -> tuple[Path, dict[str, Any]] | None:
    """The first configuration found: ``refs.toml`` beside the store, else ./pyproject.toml's
    ``[tool.refs]`` table."""
    beside = store.parent / CONFIG_FILE
    data = _read_toml(beside)
    if data is not None:
        return beside, data
    data = _read_toml(PYPROJECT)
    table = (data or {}).get("tool", {}).get("refs")
    if isinstance(table, dict):
        return PYPROJECT, table
    return None


def load_config(store: Path) -> Config:
    """Read the configuration for the store at ``store`` (read once, by the group).

    >>> load_config(Path("/nonexistent/references.bib")).path is None  # doctest: +SKIP
    True
    """
    found = _config_table(store)
    if found is None:
        return Config()
    path, table = found
    for name, value in table.items():
        expected = _CONFIG_TYPES.get(name)
        if expected is None:
            msg = f"{path}: unknown setting {name!r} (known: {', '.join(_CONFIG_TYPES)})"
            raise UnreadableInput(msg)
        if not isinstance(value, expected) or (
            isinstance(value, list) and not all(isinstance(v, str) for v in value)
        ):
            kind = "list of strings" if expected is list else "string"
            msg = f"{path}: {name!r} must be a {kind}"
            raise UnreadableInput(msg)

    def relative(name: str) -> Path | None:
        value = table.get(name)
        return None if value is None else path.parent / value

    return Config(
        path=path,
        store=relative("store"),
        catalog=relative("catalog"),
        style=table.get("style"),
        locale=table.get("locale"),
        ignore=tuple(table.get("ignore", ())),
    )


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/refs``, by default ``~/.cache/refs`` (never beside the store)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "refs"


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

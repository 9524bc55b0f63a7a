"""`refs render`: the store's reference section in a CSL style."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from refs.bibtex.blocks import Block
from refs.catalog import Catalog, load_catalog
from refs.document import Document, parse
from refs.errors import Problem
from refs.export.csl_json import csl_items
from refs.model import Entry
from refs.render import (
    DEFAULT_LOCALE,
    Format,
    Style,
    Unrendered,
    render_bibliography,
    resolve_style,
)
from refs.render.readme import readme_section
from refs.store import atomic_output, load_store
from refs.sync import Listed, listed_headings, readme_groups
from refs.workflows.check import read_documents
from refs.workflows.common import require_store, section_keys


@dataclass(frozen=True, slots=True)
class RenderResult:
    """What `render` wrote: how many entries, in which style, and what to tell the user."""

    count: int
    style: str
    missing_keys: tuple[str, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[str, ...]
    #: the entries left out because citeproc-py failed on them: findings (exit 1)
    unrendered: tuple[Problem, ...] = ()


def render(
    store_path: Path,
    style_name: str,
    stdout: IO[bytes],
    *,
    locale: str = DEFAULT_LOCALE,
    fmt: Format = "text",
    keys: Sequence[str] = (),
    section: str | None = None,
    catalog_path: Path | None = None,
    output: Path | None = None,
    cache_dir: Path | None = None,
    readme: bool = False,
    project: Path | None = None,
) -> RenderResult:
    """Render the store (or the entries ``keys`` names, or those the catalog ``section``
    cites) in a CSL style to ``output`` or stdout.

    Entries are the CSL-JSON items `refs export --format csl-json` writes, in its order, each
    registered and cited once; the style then sorts its bibliography. Style and locale are
    checked before the store is read.

    With ``readme``, the survey-README layout instead (`refs.render.readme`): numbered in the
    order the catalog first cites the entries, anchored, grouped under the catalog's headings.
    ``project``'s ``styles/`` may add styles (`resolve_style`).
    """
    style = resolve_style(style_name, project)
    if section is not None:
        keys = [*keys, *section_keys(catalog_path, section)]
    require_store(store_path)
    store = load_store(store_path, cache_dir)
    export_warnings: list[str] = []
    items = list(csl_items(store.entries(), store.macros, export_warnings))
    missing: tuple[str, ...] = ()
    if keys or section is not None:
        items, missing = _select_items(items, keys)
    if readme:
        documents = _documents(store.entries(), Path() if project is None else project)
        listed = listed_headings(store.entries(), documents)
        count, text, warnings = _readme(items, catalog_path, style, locale, section, listed=listed)
    unrendered: tuple[Problem, ...] = ()
    if not readme:
        bibliography = render_bibliography(items, style, locale, fmt)
        count, text, warnings = len(bibliography.entries), bibliography.text, bibliography.warnings
        unrendered = _unrendered(bibliography.unrendered, store_path, store.blocks, style.id)
    data = text.encode("utf-8", "surrogateescape")
    if output is None:
        stdout.write(data)
        stdout.flush()
    else:
        with atomic_output(output) as handle:
            handle.write(data)
    return RenderResult(
        count,
        style.id,
        missing,
        store.problems,
        (*export_warnings, *(f"citeproc: {w}" for w in warnings)),
        unrendered,
    )


def _unrendered(
    unrendered: Sequence[Unrendered], store_path: Path, blocks: Sequence[Block], style: str
) -> tuple[Problem, ...]:
    """Each entry citeproc-py failed on, as a finding at the entry's line of the store."""
    lines = {b.entry.key.casefold(): b.line for b in blocks if b.entry is not None}
    return tuple(
        Problem(
            str(store_path),
            lines.get(entry.id.casefold(), 0),
            "unrendered-entry",
            f"{entry.id} left out of the {style} bibliography: {entry.message}",
        )
        for entry in unrendered
    )


def _select_items(
    items: list[dict[str, object]], keys: Sequence[str]
) -> tuple[list[dict[str, object]], tuple[str, ...]]:
    """The items whose id is one of ``keys`` (any case), in store order, and the keys not found."""
    wanted = {key.casefold() for key in keys}
    chosen = [item for item in items if str(item["id"]).casefold() in wanted]
    found = {str(item["id"]).casefold() for item in chosen}
    return chosen, tuple(key for key in keys if key.casefold() not in found)


def _documents(entries: Sequence[Entry], project: Path) -> dict[str, Document]:
    """The Markdown documents the entries were read from, parsed; each read only inside
    ``project`` and within `refs check`'s budget (one that cannot be read gives no headings)."""
    names = {s.file for entry in entries for s in entry.sources}
    names = {name for name in names if not name.lower().endswith(".bib")}
    read = read_documents(names, project)
    return {name: parse(text) for name, text in read.texts.items() if text is not None}


def _readme(
    items: list[dict[str, object]],
    catalog_path: Path | None,
    style: Style,
    locale: str,
    section: str | None,
    *,
    listed: Mapping[str, Listed],
) -> tuple[int, str, tuple[str, ...]]:
    """The README layout of ``items``: (entries written, Markdown, citeproc's warnings); the
    entries no catalog row cites are grouped under the headings their document lists them
    under (``listed``)."""
    has_catalog = catalog_path is not None and catalog_path.exists()
    catalog = load_catalog(catalog_path) if catalog_path is not None and has_catalog else Catalog()
    groups = readme_groups(catalog.items, [str(item["id"]) for item in items], section, listed)
    rendered = readme_section(items, groups, style, locale)
    return len(rendered.numbers), rendered.text, rendered.warnings

"""`refs cite`: the in-text citation of some store keys, in a CSL style."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from refs.bibtex.keypattern import fold
from refs.export.csl_json import csl_items
from refs.library import UnknownKey, resolve_key
from refs.model import Entry
from refs.render import DEFAULT_LOCALE, Format, resolve_style
from refs.render.cite import cite_cluster
from refs.store import load_store
from refs.workflows.common import require_store


@dataclass(frozen=True, slots=True)
class CiteResult:
    """The citation, the style it is in, the retired keys resolved, and citeproc's warnings."""

    text: str
    style: str
    resolved: dict[str, str]
    warnings: tuple[str, ...]


def _author_year(entry: Entry) -> tuple[str, str]:
    persons = entry.names("author") or entry.names("editor")
    return (fold(persons[0].last) if persons else "", entry.get("year").strip())


def cite(
    store_path: Path,
    keys: Sequence[str],
    style_name: str,
    *,
    locale: str = DEFAULT_LOCALE,
    fmt: Format = "text",
    cache_dir: Path | None = None,
    project: Path | None = None,
) -> CiteResult:
    """Cite ``keys`` together. Entries with the same first author and year are registered too,
    so the citation carries the disambiguation the style gives them in the bibliography.
    ``project``'s ``styles/`` may add styles (`resolve_style`)."""
    style = resolve_style(style_name, project)
    require_store(store_path)
    store = load_store(store_path, cache_dir)
    entries = store.entries()
    cited: list[Entry] = []
    resolved: dict[str, str] = {}
    for key in keys:
        entry = resolve_key(entries, key)
        if entry is None:
            raise UnknownKey(key, str(store_path))
        if entry.key.casefold() != key.casefold():
            resolved[key] = entry.key
        cited.append(entry)
    near = {_author_year(entry) for entry in cited}
    chosen = {entry.key for entry in cited}
    chosen |= {e.key for e in entries if _author_year(e) in near}
    warnings: list[str] = []
    items = list(csl_items([e for e in entries if e.key in chosen], store.macros, warnings))
    citation = cite_cluster(items, [e.key for e in cited], style, locale, fmt)
    return CiteResult(
        citation.text,
        style.id,
        resolved,
        (*warnings, *(f"citeproc: {w}" for w in citation.warnings)),
    )

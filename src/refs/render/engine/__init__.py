"""The render engine: CSL-JSON items + a style -> citations and bibliography entries (HTML).

citeproc-py 0.11.1 (imported through `refs.render.citeproc`, the only module that imports it)
with its element classes replaced where it differs from citeproc-js, the CSL reference
processor: text case (`text`), names and their given-name levels (`names`, `namereg`,
`initials`), substitutes and subsequent-author-substitute (`substitute`), second-field-align
and sorting (`layout`), display blocks (`display`), citation collapsing (`citation`,
`collapse`), labels (`label`), numbers and page ranges (`number`, `numbers`, `pages`), year
suffixes (`suffixes`). Each replacement names the gap it closes; `tests/render/` has a test
for each.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refs.errors import RefsError
from refs.render.citeproc import (
    NAMES,
    VARIABLES,
    Citation,
    CiteProcJSON,
    Locator,
)
from refs.render.engine.ambiguity import disambiguate
from refs.render.engine.configs import Run, current, running
from refs.render.engine.errors import NoBibliography, RenderError
from refs.render.engine.layout import Layout
from refs.render.engine.richtext import rich_item, rich_text
from refs.render.engine.style import (
    Cite,
    Registry,
    available_locales,
    known_locale,
    load_style,
    punctuation_in_quote,
    quote_terms,
)
from refs.render.engine.suffixes import add_year_suffixes
from refs.render.engine.truncation import mark_truncated
from refs.render.punctuation import finish
from refs.render.quotes import Quotes, mark_quotes

#: CSL-JSON keys citeproc-py accepts on an item (others would make it warn, and are unused).
_ITEM_KEYS = frozenset(VARIABLES) | {"id", "type", "shortTitle", "title_short", "language"}
#: Keys of one CSL-JSON name citeproc-py accepts.
_NAME_KEYS = frozenset({"family", "given", "dropping-particle", "non-dropping-particle", "suffix"})


@dataclass(frozen=True, slots=True)
class RenderedEntry:
    """One bibliography entry as HTML; ``margin`` is the number a second-field-align style
    sets apart (``[1]``), else None."""

    id: str
    html: str
    margin: str | None = None


@dataclass(frozen=True, slots=True)
class Unrendered:
    """An entry citeproc-py failed on: left out of the bibliography, every other one kept."""

    id: str
    message: str


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered bibliography, what citeproc-py warned about meanwhile, and the entries it
    could not render."""

    entries: tuple[RenderedEntry, ...]
    warnings: tuple[str, ...]
    unrendered: tuple[Unrendered, ...] = ()


@dataclass(frozen=True, slots=True)
class Processed:
    """Rendered citation clusters (HTML) and bibliography entries."""

    citations: tuple[str, ...]
    entries: tuple[RenderedEntry, ...]
    warnings: tuple[str, ...]
    unrendered: tuple[Unrendered, ...] = ()


def render_entries(items: Sequence[Mapping[str, Any]], style_path: Path, locale: str) -> Rendered:
    """Register every item in order, cite each once, and render the style's bibliography.

    Entries come in the style's bibliography order; an entry the style renders empty is left
    out (as citeproc-js does), and so is one citeproc-py fails on (`Rendered.unrendered`
    says which, and why). Raises `NoBibliography` for a citation-only style.
    """
    processed = process(items, style_path, locale)
    return Rendered(processed.entries, processed.warnings, processed.unrendered)


def process(
    items: Sequence[Mapping[str, Any]],
    style: Path | bytes,
    locale: str | None,
    clusters: Sequence[Sequence[Mapping[str, Any]]] | None = None,
    *,
    bibliography: bool = True,
    citations: bool | None = None,
) -> Processed:
    """Cite ``clusters`` (default: each item once, in order) and render citations and entries.

    ``style`` is a .csl path or the style's XML; ``locale`` None means the style's default.
    Each cluster is a list of cite dicts (``{"id": …, "locator": …, "label": …}``).
    ``bibliography`` False renders the citations only; ``citations`` (default: when there is
    no bibliography) renders the citation clusters too.
    """
    with warnings.catch_warnings(record=True) as caught:
        # citeproc-py reports problems of styles and data as warnings: collect them for the
        # caller (stderr), never let them escape as errors or noise.
        warnings.simplefilter("always")
        cite = not bibliography if citations is None else citations
        try:
            result = _process(
                items, style, locale, clusters, bibliography=bibliography, with_citations=cite
            )
        except RefsError:
            raise
        except Exception as error:  # citeproc-py's own bugs outside one entry (sorting, trial
            # renders of disambiguation): say so, never a traceback
            msg = f"citeproc-py failed: {type(error).__name__}: {error}"
            raise RenderError(msg) from error
    said = dict.fromkeys(str(w.message).splitlines()[0] for w in caught)
    citations_, entries, unrendered = result
    return Processed(citations_, entries, tuple(said), unrendered)


def _process(
    items: Sequence[Mapping[str, Any]],
    style: Path | bytes,
    locale: str | None,
    clusters: Sequence[Sequence[Mapping[str, Any]]] | None,
    *,
    bibliography: bool,
    with_citations: bool,
) -> tuple[tuple[str, ...], tuple[RenderedEntry, ...], tuple[Unrendered, ...]]:
    root = load_style(style, locale)
    if bibliography and root.bibliography is None:
        name = style.stem if isinstance(style, Path) else "the style"
        msg = f"{name}: the style has no bibliography (it formats citations only)"
        raise NoBibliography(msg)
    # Strings become the engine's HTML here, once: text never reaches the output as markup.
    cleaned = [rich_item(_cleaned(item)) for item in items]
    source = CiteProcJSON(cleaned)
    # citeproc-py never sees ``custom``: an ``and others`` list keeps its mark on the names
    mark_truncated(source, items)
    registry = Registry(source)
    ids = {str(item["id"]).lower(): str(item["id"]) for item in cleaned}
    if clusters is None:
        clusters = [[{"id": item["id"]}] for item in cleaned]
    citations = []
    registered: dict[str, Any] = {}
    for cluster in clusters:
        cites = [_cite_item(cite) for cite in cluster]
        citation = Citation(cites)
        citation.bibliography = registry
        citations.append(citation)
        for cite in cites:
            if cite.key in ids:
                registered.setdefault(cite.key, cite)
    ordered = list(registered.values())
    registry.set_order(ordered)
    configs = disambiguate(root, [cite.key for cite in ordered], registry)
    with running(Run(looking=False, configs=configs)):
        return _rendered(
            root,
            citations,
            ordered,
            ids,
            registry=registry,
            bibliography=bibliography,
            with_citations=with_citations,
        )


def _rendered(
    root: Any,
    citations: Sequence[Any],
    ordered: list[Any],
    ids: Mapping[str, str],
    *,
    registry: Registry,
    bibliography: bool,
    with_citations: bool,
) -> tuple[tuple[str, ...], tuple[RenderedEntry, ...], tuple[Unrendered, ...]]:
    if root.bibliography is not None:
        ordered = root.bibliography.sort(ordered)
        registry.set_order(ordered)
    add_year_suffixes(root, ordered, registry)
    finishing = Finishing(punctuation_in_quote(root), quote_terms(root))
    rendered_citations = tuple(_citations(root, citations, finishing)) if with_citations else ()
    if not bibliography or root.bibliography is None:
        return rendered_citations, (), ()
    run = current()
    if run is not None:
        run.enter_bibliography()
    unrendered: list[Unrendered] = []
    entries = tuple(_entries(root.bibliography.layout, ordered, ids, finishing, unrendered))
    return rendered_citations, entries, tuple(unrendered)


@dataclass(frozen=True, slots=True)
class Finishing:
    """What finishing a rendered entry needs of the locale (`refs.render.punctuation`)."""

    punctuation_in_quote: bool
    quotes: Quotes

    def __call__(self, text: str) -> str:
        return finish(text, punctuation_in_quote=self.punctuation_in_quote, quotes=self.quotes)


def _entries(
    layout: Any,
    ordered: Iterable[Any],
    ids: Mapping[str, str],
    finished: Finishing,
    unrendered: list[Unrendered],
) -> Iterable[RenderedEntry]:
    """The rendered entries; one citeproc-py fails on goes to ``unrendered`` instead."""
    for cite in ordered:
        rendered = _entry(layout, cite)
        if isinstance(rendered, str):
            unrendered.append(Unrendered(ids[cite.key], rendered))
            continue
        margin, body = rendered
        if body is None and margin is None:
            continue
        html = finished(str(body or ""))
        yield RenderedEntry(
            ids[cite.key],
            # citeproc-js trims the right-inline block of second-field-align ("Title.” ")
            html if margin is None else html.rstrip(),
            None if margin is None else finished(str(margin)),
        )


def _cite_item(cite: Mapping[str, Any]) -> Any:
    options: dict[str, Any] = {}
    if "locator" in cite:
        options["locator"] = Locator(cite.get("label", "page"), rich_text(str(cite["locator"])))
    for key in ("prefix", "suffix"):
        if key in cite:
            options[key] = mark_quotes(rich_text(str(cite[key])))
    return Cite(str(cite["id"]), **options)


def _citations(root: Any, citations: Sequence[Any], finished: Finishing) -> Iterable[str]:
    previous: list[Any] = []
    for citation in citations:
        try:
            text = root.citation.render(citation, previous, lambda _item: None)
        except RefsError:
            raise
        except Exception as error:  # citeproc-py's own bugs: say so, never a traceback
            msg = f"citeproc-py failed on a citation: {type(error).__name__}: {error}"
            raise RenderError(msg) from error
        yield finished(str(text))


def _entry(layout: Any, cite: Any) -> tuple[Any, Any] | str:
    """(margin, body) of one entry, or what citeproc-py failed with on it."""
    try:
        if isinstance(layout, Layout):
            margin, body = layout.render_entry(cite)
            return margin, body
        return None, layout.render_bibliography([cite])[0]
    except RefsError:
        raise
    except Exception as error:  # citeproc-py's own bugs: say which entry, never a traceback
        return f"citeproc-py failed on it: {type(error).__name__}: {error}"


def _cleaned(item: Mapping[str, Any]) -> dict[str, Any]:
    """The item without what citeproc-py does not know (``custom``, unknown name parts)."""
    cleaned: dict[str, Any] = {}
    for key, value in item.items():
        if key.replace("-", "_") not in _ITEM_KEYS:
            continue
        if key.replace("-", "_") in NAMES and isinstance(value, list):
            names = [_cleaned_name(name) for name in value if isinstance(name, Mapping)]
            if any(names):
                cleaned[key] = [name for name in names if name]
            continue
        cleaned[key] = value
    return cleaned


def _cleaned_name(name: Mapping[str, Any]) -> dict[str, str]:
    if "literal" in name:
        return {"literal": str(name["literal"])}
    return {k: str(v) for k, v in name.items() if k in _NAME_KEYS and v}


__all__ = [
    "NoBibliography",
    "Processed",
    "RenderError",
    "Rendered",
    "RenderedEntry",
    "Unrendered",
    "available_locales",
    "known_locale",
    "process",
    "render_entries",
]

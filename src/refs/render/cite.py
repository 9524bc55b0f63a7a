"""In-text citations: one cluster of CSL-JSON items cited together, in a CSL style.

Items cited only to be registered (``others``) take part in disambiguation (year suffixes,
added names) without being printed, so ``Smith 2020a`` matches the bibliography.

>>> from refs.render import resolve_style
>>> items = [{"id": "a", "type": "book", "title": "Deep Learning",
...           "issued": {"date-parts": [[2016]]},
...           "author": [{"family": "Goodfellow", "given": "Ian"}]}]
>>> cite_cluster(items, ["a"], resolve_style("apa")).text
'(Goodfellow, 2016)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from refs.render.engine import process
from refs.render.formats import Format, to_html, to_markdown, to_text
from refs.render.styles import Style


@dataclass(frozen=True, slots=True)
class CitationText:
    """A rendered citation cluster and what citeproc warned about meanwhile."""

    text: str
    warnings: tuple[str, ...]


def cite_cluster(
    items: Sequence[Mapping[str, Any]],
    keys: Sequence[str],
    style: Style,
    locale: str | None = None,
    fmt: Format = "text",
) -> CitationText:
    """The citation of ``keys`` (ids of ``items``), in that order, as one cluster; every other
    item is registered after them, so a numeric style numbers the cluster 1, 2, …"""
    wanted = {key.casefold() for key in keys}
    others = [[{"id": item["id"]}] for item in items if str(item["id"]).casefold() not in wanted]
    clusters = [[{"id": key} for key in keys], *others]
    processed = process(items, style.path, locale, clusters, bibliography=False, citations=True)
    html = processed.citations[0] if processed.citations else ""
    text = {"text": to_text, "markdown": to_markdown}.get(fmt, to_html)(html)
    return CitationText(text, processed.warnings)

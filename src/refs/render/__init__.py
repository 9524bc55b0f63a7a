"""Reference sections in any CSL style: CSL-JSON items -> citeproc-py -> text, Markdown, HTML.

>>> from refs.render import render_bibliography, resolve_style
>>> items = [{"id": "a", "type": "book", "title": "Deep Learning",
...           "issued": {"date-parts": [[2016]]},
...           "author": [{"family": "Goodfellow", "given": "Ian"}]}]
>>> print(render_bibliography(items, resolve_style("apa")).text, end="")
Goodfellow, I. (2016). Deep Learning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from refs.render.engine import (
    NoBibliography,
    RenderedEntry,
    RenderError,
    Unrendered,
    available_locales,
    known_locale,
    render_entries,
)
from refs.render.formats import Format, formatted
from refs.render.styles import Style, StyleNotFound, list_styles, resolve_style

#: The default ``--locale``.
DEFAULT_LOCALE = "en-US"


@dataclass(frozen=True, slots=True)
class Bibliography:
    """A rendered reference section: its entries, the text to print, citeproc's warnings, and
    the entries left out because citeproc-py failed on them."""

    entries: tuple[RenderedEntry, ...]
    text: str
    warnings: tuple[str, ...]
    unrendered: tuple[Unrendered, ...] = ()


def render_bibliography(
    items: Sequence[Mapping[str, Any]],
    style: Style,
    locale: str = DEFAULT_LOCALE,
    fmt: Format = "text",
) -> Bibliography:
    """Every CSL-JSON item registered and cited once, in order, rendered in ``style``."""
    rendered = render_entries(items, style.path, locale)
    text = formatted(rendered.entries, fmt)
    return Bibliography(rendered.entries, text, rendered.warnings, rendered.unrendered)


__all__ = [
    "DEFAULT_LOCALE",
    "Bibliography",
    "Format",
    "NoBibliography",
    "RenderError",
    "RenderedEntry",
    "Style",
    "StyleNotFound",
    "Unrendered",
    "available_locales",
    "known_locale",
    "list_styles",
    "render_bibliography",
    "resolve_style",
]

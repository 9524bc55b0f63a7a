"""The store keys a catalog section cites: what `--section S` exports or renders."""

from __future__ import annotations

import difflib

from refs.catalog.model import Catalog, Item
from refs.errors import RefsError


class UnknownSection(RefsError):
    """No catalog section matches; the message lists the closest ones."""


def section_names(catalog: Catalog) -> list[str]:
    """Every section path of the catalog, ``Heading / Sub-heading / Table``, in order."""
    return list(dict.fromkeys(" / ".join(item.section) for item in catalog.items))


def in_section(item: Item, section: str) -> bool:
    """True when ``section`` names the row's section: any part of its path (``Datasets``) or a
    leading part of the whole path (``Instruction Tuning / Datasets``), ignoring case and
    runs of white space."""
    wanted = " ".join(section.split()).casefold()
    path = " / ".join(item.section).casefold()
    return bool(wanted) and (
        any(part.casefold() == wanted for part in item.section) or path.startswith(wanted)
    )


def keys_in_section(catalog: Catalog, section: str) -> list[str]:
    """The keys the rows of ``section`` cite, their own and in other cells (a base-model
    column), in the order they are first cited. Raises `UnknownSection`.

    >>> from refs.catalog.model import CitedCell
    >>> row = Item("Alpaca", ("Models", "Name"), "README.md", 9, cites=("taori2023alpaca",),
    ...            related=(CitedCell("Base", "LLaMA", 9, ("39",), ("touvron2023llama",)),))
    >>> keys_in_section(Catalog(items=(row,)), "models")
    ['taori2023alpaca', 'touvron2023llama']
    """
    items = [item for item in catalog.items if in_section(item, section)]
    if not items:
        names = section_names(catalog)
        parts = list(dict.fromkeys(part for item in catalog.items for part in item.section))
        near = difflib.get_close_matches(section, [*parts, *names], n=5, cutoff=0.6) or names[:5]
        hint = f"; closest: {', '.join(near)}" if near else " (the catalog is empty)"
        msg = f"no catalog section {section!r}{hint}"
        raise UnknownSection(msg)
    cited = (key for item in items for key in (*item.cites, *_related(item)))
    return list(dict.fromkeys(cited))


def _related(item: Item) -> list[str]:
    return [key for cell in item.related for key in cell.cites]

"""Word lists the readers consult, kept as data files with a note of where each comes from.

Each file in ``refs/data/`` opens with ``#`` comment lines saying where its list comes from;
then one entry a line. A ``.txt`` file holds words (or phrases); a ``.tsv`` file holds rows of
tab-separated columns. Files are read once, on first use.

>>> "pdf" in words("link_texts")
True
>>> rows("venues")[0][:1]
('AAAI',)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

__all__ = ["VOCABULARIES", "alternation", "rows", "words"]

#: Every vocabulary shipped with refs, by the name of its file (without suffix).
VOCABULARIES: tuple[str, ...] = (
    "link_texts",
    "paper_hosts",
    "doi_hosts",
    "venues",
    "venue_words",
    "organisation_words",
    "name_particles",
    "publisher_words",
    "how_published",
    "generic_title_words",
    "collation_letters",
)


def _lines(name: str, suffix: str) -> tuple[str, ...]:
    text = files("refs").joinpath("data", f"{name}.{suffix}").read_text(encoding="utf-8")
    return tuple(
        stripped
        for line in text.splitlines()
        if (stripped := line.strip()) and not stripped.startswith("#")
    )


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt``, as written (case kept)."""
    return frozenset(_lines(name, "txt"))


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``data/<name>.tsv`` in file order, each a tuple of its cells."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name, "tsv"))


def alternation(entries: Iterable[str]) -> str:
    r"""``entries`` as one regex alternation, longest first, each escaped.

    An entry ending in ``.`` matches only before a period: ``Proc.`` reads ``Proc. of``, not
    ``Process``.

    >>> alternation(["Proc.", "Lab", "Labs"])
    'Proc(?=\\.)|Labs|Lab'
    """
    return "|".join(
        re.escape(e[:-1]) + r"(?=\.)" if e.endswith(".") else re.escape(e)
        for e in sorted(set(entries), key=lambda e: (-len(e), e))
    )

"""The printed label that opens a reference-list entry: ``[3]``, ``**[3]**``, ``<a id="ref3">``.

A plain-text citation style prints its entries as paragraphs opened by their number; an HTML
reference list names its entries with an anchor or an ``<li id>``. Such an entry's label is a
label of the document (citable, so unique), unlike the number of a Markdown ``3.`` list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: ``<a id="ref3">[3]</a>``, ``<a name="r3"></a>[3]``, ``[3]``, ``**[3]**``; not ``[3](url)``
#: nor ``[3]: url``.
LABEL = re.compile(
    r"^(?P<indent>\s*)(?:<a\s[^>]*>\s*(?:</a>\s*)?)?(?:\*\*|__)?\[(?P<label>\d{1,4})\]"
    r"(?:\*\*|__)?(?:\s*</a>)?(?![(:\[])"
)
#: An ``<a id="ref3">`` anchor opening an entry without a printed ``[N]``.
ANCHOR = re.compile(r"^(?P<indent>\s*)<a\s+(?:id|name)=[\"']?[A-Za-z_-]*(?P<label>\d+)[\"']?\s*>")
#: An HTML list item whose ``id`` ends in a number: ``<li id="ref-3">``.
HTML_ITEM = re.compile(
    r"^(?P<indent>\s*)<li(?:\s[^>]*?(?:id|name)=[\"']?[A-Za-z_-]*(?P<label>\d{1,4})[\"']?)?"
    r"(?:\s[^>]*)?>\s*",
    re.IGNORECASE,
)
#: A number printed after a bullet: ``- 3) ``.
BULLET_NUMBER = re.compile(r"^\s*(?P<label>\d{1,3})[.)](?:\s+|$)")


@dataclass(frozen=True, slots=True)
class Opening:
    """A label found at the start of an entry: the number, and where the entry's text starts."""

    label: str
    end: int


def entry_label(text: str) -> Opening | None:
    """The ``[N]`` or anchor label opening ``text``, or None.

    >>> entry_label("**[12]** A. Lee. Title. 2020."), entry_label("[12](https://x.org) y")
    (Opening(label='12', end=8), None)
    """
    for pattern in (LABEL, ANCHOR):
        match = pattern.match(text)
        if match:
            return Opening(match.group("label"), match.end())
    return None

"""``display`` on the bibliography layout's top elements: blocks, margins, indents.

citeproc-py ignores the attribute. citeproc-js wraps what such an element prints in
``<div class="csl-block">`` (``left-margin``, ``right-inline``, ``indent``), when the element
sits at the top of the bibliography's layout (only ``cs:choose`` between them), and puts the
layout's suffix inside the last of them. Here each such element is moved, when the style is
loaded, into a `Display` element of our own that wraps its output.
"""

from __future__ import annotations

import re
from typing import Any

from refs.render.citeproc import String, model

#: The values of ``display`` citeproc-js knows.
CLASSES = frozenset({"block", "left-margin", "right-inline", "indent"})
#: Our element's tag, in the CSL namespace.
TAG = "refs-display"
#: Set on a bibliography layout that has them.
DISPLAYED = "refs-displayed"

_BRANCHES = frozenset({"choose", "if", "else-if", "else"})
_CLOSE = "</div>"
#: A display block whose text starts with punctuation, after another block.
_LEADING_PUNCTUATION = re.compile(r'</div>(<div class="csl-[a-z-]+">)([.,;:!?]+)')


class Display(model.CitationStylesElement):  # type: ignore[misc]
    """Prints its one child inside a ``div`` of the display's class."""

    def calls_variable(self) -> bool:
        return any(child.calls_variable() for child in self.iterchildren())

    def render(self, item: Any, **kwargs: Any) -> Any:
        for child in self.iterchildren():
            text = child.render(item, **kwargs)
            if text is None or not str(text):
                return None
            return String(f'<div class="csl-{self.get("class")}">') + text + String(_CLOSE)
        return None


def wrap_display(root: Any, namespace: str) -> None:
    """Move each top element of the bibliography layout that has a known ``display`` into a
    `Display`, and mark the layout `DISPLAYED` (its suffix then goes inside the last)."""
    layout = root.find(f"{{{namespace}}}bibliography/{{{namespace}}}layout")
    if layout is None:
        return
    for element in list(_top_elements(layout, namespace)):
        display = element.get("display")
        if display not in CLASSES:
            continue
        wrapper = element.makeelement(f"{{{namespace}}}{TAG}", {"class": display})
        element.addprevious(wrapper)
        wrapper.append(element)
        del element.attrib["display"]
        layout.set(DISPLAYED, "true")


def _top_elements(parent: Any, namespace: str) -> Any:
    for child in parent.iterchildren():
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{namespace}}}"):
            continue
        if child.tag.rpartition("}")[2] in _BRANCHES:
            yield from _top_elements(child, namespace)
        else:
            yield child


def suffix_inside(text: str, suffix: str) -> str:
    """The layout's suffix put inside the entry's last display ``div`` (as citeproc-js does).

    >>> suffix_inside('<div class="csl-block">Zhou</div><div class="csl-right-inline">A</div>', ".")
    '<div class="csl-block">Zhou</div><div class="csl-right-inline">A.</div>'
    >>> suffix_inside('<div class="csl-block">Zhou.</div>', ".")
    '<div class="csl-block">Zhou.</div>'
    >>> suffix_inside("<div>A. </div>", "")
    '<div>A.</div>'
    """
    if not text.endswith(_CLOSE):
        return text + suffix
    inner = text[: -len(_CLOSE)].rstrip()  # citeproc-js trims the end of an entry
    if inner[-1:] and suffix[:1] == inner[-1:] and suffix[:1] in ".,;:!?":
        suffix = suffix[1:]
    return inner + suffix + _CLOSE


def migrate_punctuation(text: str) -> str:
    """Punctuation that starts a display block ends the block before it, as citeproc-js
    moves it (an author-less entry's margin reads "2023." and its text "arXiv.", not "2023"
    and ". arXiv.").

    >>> migrate_punctuation('<div class="csl-a"> 2023</div><div class="csl-b">. arXiv.</div>')
    '<div class="csl-a"> 2023.</div><div class="csl-b"> arXiv.</div>'
    """
    return _LEADING_PUNCTUATION.sub(_moved, text)


def _moved(match: re.Match[str]) -> str:
    return f"{match.group(2)}{_CLOSE}{match.group(1)}"

"""Inline spans built from open/close events, whichever syntax sends them.

Markdown tokens (``strong_open``, ``html_inline`` ``<u>``) and HTML elements (``<b>``) both open
and close spans; a stack of open frames turns those events into nested `Span` values without
recursion. A closing tag with no open element of its name is ignored, as browsers do; frames
left open at the end are closed there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from refs.document.model import Span, SpanKind

#: HTML elements that mean what a Markdown inline syntax means.
TAG_KINDS = MappingProxyType(
    {
        "b": SpanKind.STRONG,
        "strong": SpanKind.STRONG,
        "i": SpanKind.EM,
        "em": SpanKind.EM,
        "cite": SpanKind.EM,
        "u": SpanKind.U,
        "ins": SpanKind.U,
        "s": SpanKind.STRIKE,
        "del": SpanKind.STRIKE,
        "strike": SpanKind.STRIKE,
        "code": SpanKind.CODE,
        "tt": SpanKind.CODE,
        "kbd": SpanKind.CODE,
        "samp": SpanKind.CODE,
    }
)
#: HTML elements that never have content (HTML's void elements).
VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
#: The deepest inline nesting kept; deeper elements' text joins the frame at this depth.
MAX_DEPTH = 64


@dataclass(slots=True)
class _Frame:
    kind: SpanKind
    href: str = ""
    tag: str = ""
    attributes: tuple[tuple[str, str], ...] = ()
    children: list[Span] = field(default_factory=list)
    flattened: int = 0  # opens past MAX_DEPTH folded into this frame, still to be closed


def tag_span(
    tag: str, attributes: tuple[tuple[str, str], ...], text: str = ""
) -> tuple[SpanKind, str, str]:
    """(kind, href, src) of an HTML element: ``<a href>`` is a link, ``<img src>`` an image,
    ``<br>`` a break, ``<b>`` strong…; any other element is an HTML span."""
    values = dict(attributes)
    if tag == "a" and "href" in values:
        return SpanKind.LINK, values["href"], ""
    if tag == "img":
        return SpanKind.IMAGE, "", values.get("src", "")
    if tag == "br":
        return SpanKind.BREAK, "", ""
    return TAG_KINDS.get(tag, SpanKind.HTML), "", ""


class SpanBuilder:
    """Collects inline events into spans: `text`, `leaf`, `open`, `close`, then `finish`."""

    def __init__(self) -> None:
        self._stack = [_Frame(SpanKind.TEXT)]

    @property
    def empty(self) -> bool:
        """True when nothing but white space was added."""
        root = self._stack[0].children
        return len(self._stack) == 1 and all(
            s.kind is SpanKind.TEXT and not s.text.strip() for s in root
        )

    def text(self, text: str) -> None:
        """Add plain text (merged into the text just before it)."""
        if not text:
            return
        children = self._stack[-1].children
        if children and children[-1].kind is SpanKind.TEXT and not children[-1].tag:
            children[-1] = Span(SpanKind.TEXT, children[-1].text + text)
        else:
            children.append(Span(SpanKind.TEXT, text))

    def leaf(self, span: Span) -> None:
        """Add a span that has no open/close events (an image, a break, code)."""
        self._stack[-1].children.append(span)

    def open(
        self,
        kind: SpanKind,
        href: str = "",
        tag: str = "",
        attributes: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """Open a span; what follows until its `close` is its content."""
        if len(self._stack) > MAX_DEPTH:
            self._stack[-1].flattened += 1
            return
        self._stack.append(_Frame(kind, href, tag, attributes))

    def close(self) -> None:
        """Close the innermost open span (nothing when none is open)."""
        top = self._stack[-1]
        if top.flattened:
            top.flattened -= 1
        elif len(self._stack) > 1:
            self._stack.pop()
            self._stack[-1].children.append(_span(top))

    def close_tag(self, tag: str) -> None:
        """Close the innermost span opened by element ``tag`` and every span inside it; a tag
        with no open element of its name closes nothing."""
        depth = next(
            (i for i in range(len(self._stack) - 1, 0, -1) if self._stack[i].tag == tag), 0
        )
        while depth and len(self._stack) > depth:
            self._stack[-1].flattened = 0
            self.close()

    def finish(self) -> tuple[Span, ...]:
        """The spans added, every open span closed."""
        while len(self._stack) > 1:
            self._stack[-1].flattened = 0
            self.close()
        spans = tuple(self._stack[0].children)
        self._stack = [_Frame(SpanKind.TEXT)]
        return spans


def _span(frame: _Frame) -> Span:
    children = tuple(frame.children)
    text = "".join(child.text for child in children)
    return Span(frame.kind, text, frame.href, "", frame.tag, frame.attributes, children)

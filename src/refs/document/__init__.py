"""One model of a Markdown/HTML document: parse once, read sections, blocks and spans.

``parse(text)`` -> `Document`; see `refs.document.model` for what it holds.
"""

from refs.document.markdown import parse
from refs.document.model import (
    Block,
    Cell,
    Document,
    Fence,
    Heading,
    Html,
    ListItem,
    Located,
    Paragraph,
    Quote,
    Section,
    Span,
    SpanKind,
    Table,
    inner_blocks,
    plain_text,
    text_of,
)

__all__ = [
    "Block",
    "Cell",
    "Document",
    "Fence",
    "Heading",
    "Html",
    "ListItem",
    "Located",
    "Paragraph",
    "Quote",
    "Section",
    "Span",
    "SpanKind",
    "Table",
    "inner_blocks",
    "parse",
    "plain_text",
    "text_of",
]

"""Output formats of a rendered bibliography: text, Markdown, HTML.

citeproc renders HTML fragments; text and Markdown are derived from them here, so every format
shows the same entries.

>>> to_text("<i>Nature</i> 5:220&#8211;235 &amp; more")
'Nature 5:220–235 & more'
>>> to_markdown("<i>Nature</i>, <b>5</b>. https://doi.org/10.1/x.")
'*Nature*, **5**. <https://doi.org/10.1/x>.'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Literal

from refs.render.engine import RenderedEntry

#: The ``--format`` choices.
Format = Literal["text", "markdown", "html"]

_TAG = re.compile(r"<[^>]+>")
_MARKDOWN_TAGS: Mapping[str, str] = MappingProxyType(
    {"i": "*", "em": "*", "b": "**", "strong": "**", "sup": "^", "sub": "~"}
)
_MARKDOWN_TAG = re.compile(r"</?([a-z]+)(?:\s[^>]*)?>")
#: A URL, without the punctuation that ends the sentence around it.
_URL = re.compile(r"(?<![<(])\bhttps?://[^\s<>\"]*[^\s<>\".,;:!?)\]]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_])")


def to_text(fragment: str) -> str:
    """An entry as plain text on one line: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def to_markdown(fragment: str) -> str:
    """An entry as Markdown: italics, bold and links kept, on one line."""
    pieces: list[str] = []
    position = 0
    for match in _MARKDOWN_TAG.finditer(fragment):
        pieces.append(_markdown_text(fragment[position : match.start()]))
        pieces.append(_MARKDOWN_TAGS.get(match.group(1), ""))
        position = match.end()
    pieces.append(_markdown_text(fragment[position:]))
    return " ".join("".join(pieces).split())


def _markdown_text(fragment: str) -> str:
    text = html.unescape(fragment)
    parts = []
    position = 0
    for match in _URL.finditer(text):
        parts.append(_markdown_escape(text[position : match.start()]))
        parts.append(f"<{match.group(0)}>")
        position = match.end()
    parts.append(_markdown_escape(text[position:]))
    return "".join(parts)


def _markdown_escape(text: str) -> str:
    # Only what would turn into emphasis or code; brackets stay, so a style can write links.
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text) if "*" in text or "`" in text else text


def to_html_entry(entry: RenderedEntry) -> str:
    """An entry as citeproc-js writes it: ``<div class="csl-entry">``, the margin apart."""
    if entry.margin is None:
        return f'  <div class="csl-entry">{entry.html}</div>'
    return (
        f'  <div class="csl-entry"><div class="csl-left-margin">{entry.margin}</div>'
        f'<div class="csl-right-inline">{entry.html}</div></div>'
    )


def _line(entry: RenderedEntry, convert: Callable[[str], str]) -> str:
    if entry.margin is None:
        return convert(entry.html)
    return f"{convert(entry.margin)} {convert(entry.html)}".strip()


def text_entry(entry: RenderedEntry) -> str:
    """One entry as a line of text (a second-field-align number then a space)."""
    return _line(entry, to_text)


def markdown_entry(entry: RenderedEntry) -> str:
    """One entry as a Markdown paragraph."""
    return _line(entry, to_markdown)


def formatted(entries: Sequence[RenderedEntry], fmt: Format) -> str:
    """The whole bibliography as the text to print: text is one entry per line, Markdown one
    paragraph per entry, HTML a ``csl-bib-body`` block."""
    if fmt == "text":
        return "".join(f"{text_entry(entry)}\n" for entry in entries)
    if fmt == "markdown":
        return "\n".join(f"{markdown_entry(entry)}\n" for entry in entries)
    body = "".join(f"{to_html_entry(entry)}\n" for entry in entries)
    return f'<div class="csl-bib-body">\n{body}</div>\n'

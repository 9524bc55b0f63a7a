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
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Literal

from refs.escaping import (
    is_safe_link,
    markdown_destination,
    markdown_line,
    markdown_text,
    url_text,
)
from refs.render.engine import RenderedEntry
from refs.render.engine.richtext import DATA_PARENTHESES

#: The ``--format`` choices.
Format = Literal["text", "markdown", "html"]

_TAG = re.compile(r"<[^>]+>")
_MARKDOWN_TAGS: Mapping[str, str] = MappingProxyType(
    {"i": "*", "em": "*", "b": "**", "strong": "**", "sup": "^", "sub": "~"}
)
_MARKDOWN_TAG = re.compile(r"</?([a-z]+)(?:\s[^>]*)?>")
#: A URL, without the punctuation that ends the sentence around it.
_URL = re.compile(r"(?<![<(])\bhttps?://[^\s<>\"]*[^\s<>\".,;:!?)\]]")
_LINK_SYNTAX = re.compile(r"&#(91|93);")
_PARENTHESES = str.maketrans(DATA_PARENTHESES)
_REFERENCE_OR_TEXT = re.compile(r"(?P<reference>&(?:#\d+|#[xX][0-9a-fA-F]+|\w+);)|[^&]+|&")
_DISPLAY_BREAK = re.compile(r'(?=<div class="csl-(?:block|indent)">)')
#: The superscript characters citeproc-js writes as ``<sup>`` in HTML; each is its base
#: character's compatibility form, except these four.
_SUPERSCRIPT = re.compile(
    "[\u00aa\u00b2\u00b3\u00b9\u00ba\u02b0-\u02b8\u02c0\u02c1\u02e0-\u02e4"
    "\u1d2c-\u1d2e\u1d30-\u1d3a\u1d3c-\u1d4d\u1d4f-\u1d61\u2070\u2071\u2074-\u207f"
    "\u2120\u2122\u3192-\u319f\u06e5\u06e6]"
)
_SUPERSCRIPT_BASE: Mapping[str, str] = MappingProxyType(
    {"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"}
)
_DISPLAY_DIV = re.compile(
    r'<div class="csl-(block|left-margin|right-inline|indent)">.*?</div>', re.DOTALL
)
#: What citeproc-js writes before and after each display block in HTML.
_DISPLAY_LAYOUT: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "block": ("\n\n    ", "\n"),
        "left-margin": ("\n    ", ""),
        "right-inline": ("", "\n  "),
        "indent": ("", "\n  "),
    }
)
_MARGIN = re.compile(r'(<div class="csl-left-margin">.*?</div>)', re.DOTALL)


def to_text(fragment: str) -> str:
    """An entry as plain text on one line: tags dropped, entities decoded, spaces collapsed.

    A display block starts on a new line and a left margin ends with a space in citeproc-js's
    text, which on one line are spaces:

    >>> to_text('<div class="csl-left-margin">[1]</div><div class="csl-right-inline">Zhou</div>')
    '[1] Zhou'
    >>> to_text('Zhou, C.<div class="csl-block">Alpha</div>')
    'Zhou, C. Alpha'
    """
    text = html.unescape(_TAG.sub("", _display_spaces(fragment)))
    return " ".join(text.translate(_PARENTHESES).split())


def to_markdown(fragment: str) -> str:
    """An entry as Markdown: italics, bold and links kept, on one line."""
    pieces: list[str] = []
    position = 0
    fragment = _display_spaces(fragment)
    for match in _MARKDOWN_TAG.finditer(fragment):
        pieces.append(_markdown_text(fragment[position : match.start()]))
        pieces.append(_MARKDOWN_TAGS.get(match.group(1), ""))
        position = match.end()
    pieces.append(_markdown_text(fragment[position:]))
    return " ".join("".join(pieces).split())


def _display_spaces(fragment: str) -> str:
    """Spaces where citeproc-js's text breaks a line or ends a margin
    (`refs.render.engine.display`)."""
    if "<div" not in fragment:
        return fragment
    return _DISPLAY_BREAK.sub(" ", _MARGIN.sub(r"\1 ", fragment))


def _markdown_text(fragment: str) -> str:
    """A run of HTML text as Markdown: what the data said as escaped text, the style's own
    ``[label](target)`` as a link when its target is a safe link, bare URLs as autolinks.

    The engine writes every bracket of the data as a character reference
    (`refs.render.engine.richtext`), so only the style's brackets can make a link here.
    """
    text, is_data = _decoded(fragment)
    pieces: list[str] = []
    position = 0
    for start, middle, end in _style_links(text, is_data):
        pieces.append(_markdown_run(text, is_data, position, start))
        label, target = text[start + 1 : middle], text[middle + 2 : end]
        if is_safe_link(target):
            pieces.append(f"[{markdown_text(label)}]({markdown_destination(target)})")
        else:
            pieces.append(markdown_text(text[start : end + 1]))
        position = end + 1
    pieces.append(_markdown_run(text, is_data, position, len(text)))
    return "".join(pieces)


def _decoded(fragment: str) -> tuple[str, list[bool]]:
    """The text of an HTML run, and for each character whether the data wrote it (a
    character reference, or one of the engine's data parentheses) rather than the style."""
    if "&" not in fragment:
        is_data = [char in DATA_PARENTHESES for char in fragment]
        return fragment.translate(_PARENTHESES), is_data
    chars: list[str] = []
    is_data = []
    for match in _REFERENCE_OR_TEXT.finditer(fragment):
        piece = match.group(0)
        reference = bool(match.group("reference"))
        decoded = html.unescape(piece) if reference else piece
        chars.append(decoded)
        is_data += [reference or char in DATA_PARENTHESES for char in decoded]
    return "".join(chars).translate(_PARENTHESES), is_data


def _style_links(text: str, is_data: list[bool]) -> list[tuple[int, int, int]]:
    """(``[``, ``](``, ``)``) positions of each link the style wrote: literal brackets, no
    literal bracket in the label (``[1] [Paper](…)`` links only ``Paper``), and the target
    up to the parenthesis that closes it (``…/wiki/Go_(game)`` keeps its own pair)."""
    links = []
    position = 0
    while (middle := text.find("](", position)) >= 0:
        start = middle - 1
        while start >= position and (text[start] not in "[]" or is_data[start]):
            start -= 1
        end = _closing(text, is_data, middle + 2)
        literal = not (is_data[middle] or is_data[middle + 1])
        if literal and start >= position and text[start] == "[" and end < len(text):
            links.append((start, middle, end))
            position = end + 1
        else:
            position = middle + 2
    return links


def _closing(text: str, is_data: list[bool], start: int) -> int:
    """The index of the ``)`` that closes a link target opening at ``start`` (or the end):
    the data's own parentheses and spaces are part of the target, never its end."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if is_data[index]:
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
        elif char.isspace():
            break
    return len(text)


def _markdown_run(text: str, is_data: list[bool], start: int, end: int) -> str:
    """Text outside links: bare http(s) URLs as autolinks, the rest escaped (the style's
    brackets, as in a ``[1]`` label, kept)."""
    pieces = []
    position = start
    for match in _URL.finditer(text, start, end):
        if match.start() < position:
            continue
        url_end = match.end()
        # a ")" ends a sentence around a URL, unless the URL opened it: ``alert(1)``
        while text.startswith(")", url_end) and url_end < end:
            url = text[match.start() : url_end]
            if url.count("(") <= url.count(")"):
                break
            url_end += 1
        pieces.append(_escaped_runs(text, is_data, position, match.start()))
        # an autolink takes no backslash escape: only what no URI holds is encoded
        pieces.append(f"<{url_text(text[match.start() : url_end])}>")
        position = url_end
    pieces.append(_escaped_runs(text, is_data, position, end))
    return "".join(pieces)


def _escaped_runs(text: str, is_data: list[bool], start: int, end: int) -> str:
    kept = {i - start for i in range(start, end) if not is_data[i] and text[i] in "[]"}
    return markdown_text(text[start:end], brackets_kept=kept)


def to_html(fragment: str) -> str:
    """A rendered fragment as citeproc-js's HTML: superscript letters and digits as ``<sup>``.

    >>> to_html("2ª edición, 3ʳᵈ ed.")
    '2<sup>a</sup> edición, 3<sup>r</sup><sup>d</sup> ed.'
    """
    if "&#" in fragment:
        # The engine's references for link syntax (`refs.render.engine.richtext`) are plain
        # characters in HTML; citeproc-js writes only & < > as references.
        fragment = _LINK_SYNTAX.sub(lambda m: chr(int(m.group(1))), fragment)
    return _SUPERSCRIPT.sub(_as_sup, fragment.translate(_PARENTHESES))


def _as_sup(match: re.Match[str]) -> str:
    char = match.group(0)
    return f"<sup>{_SUPERSCRIPT_BASE.get(char) or unicodedata.normalize('NFKD', char)}</sup>"


def to_html_entry(entry: RenderedEntry) -> str:
    """An entry as citeproc-js writes it: ``<div class="csl-entry">``, the margin apart, and
    display blocks on lines of their own, with citeproc-js's line breaks and indents."""
    body = to_html(entry.html)
    if entry.margin is not None:
        margin = f'<div class="csl-left-margin">{to_html(entry.margin)}</div>'
        body = f'{margin}<div class="csl-right-inline">{body}</div>' if body else margin
    if "<div" in body:
        body = _DISPLAY_DIV.sub(_laid_out, body)
    return f'  <div class="csl-entry">{body}</div>'


def _laid_out(match: re.Match[str]) -> str:
    before, after = _DISPLAY_LAYOUT[match.group(1)]
    return f"{before}{match.group(0)}{after}"


def _line(entry: RenderedEntry, convert: Callable[[str], str]) -> str:
    if entry.margin is None:
        return convert(entry.html)
    return f"{convert(entry.margin)} {convert(entry.html)}".strip()


def text_entry(entry: RenderedEntry) -> str:
    """One entry as a line of text (a second-field-align number then a space)."""
    return _line(entry, to_text)


def markdown_entry(entry: RenderedEntry) -> str:
    """One entry as a Markdown paragraph (which no heading or list marker can open)."""
    return markdown_line(_line(entry, to_markdown))


def formatted(entries: Sequence[RenderedEntry], fmt: Format) -> str:
    """The whole bibliography as the text to print: text is one entry per line, Markdown one
    paragraph per entry, HTML a ``csl-bib-body`` block."""
    if fmt == "text":
        return "".join(f"{text_entry(entry)}\n" for entry in entries)
    if fmt == "markdown":
        return "\n".join(f"{markdown_entry(entry)}\n" for entry in entries)
    body = "".join(f"{to_html_entry(entry)}\n" for entry in entries)
    return f'<div class="csl-bib-body">\n{body}</div>\n'

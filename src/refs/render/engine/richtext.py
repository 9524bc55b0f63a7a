"""CSL-JSON strings as the HTML the engine works in: inline markup kept, the rest as text.

A CSL-JSON string is text with a little inline markup (citeproc-js, "CSL-JSON markup"):
``<i> <b> <sc> <sup> <sub>``, ``<span class="nocase">``, ``<span class="nodecor">`` and
``<span style="font-variant:small-caps;">``. citeproc-py copies strings into its HTML as they
are, so a title ``<script>`` or ``R&D`` came out as markup; here every character that HTML
reads as syntax (``& < >``) is written as a character reference before citeproc-py sees it,
and so are ``[`` and ``]``, which only the style may use as Markdown link syntax
(`refs.render.formats.to_markdown` reads a character reference as text, never as syntax).
Parentheses are private-use characters (`DATA_PARENTHESES`), not references: a reference
ends with ``;``, which citeproc-py would take for the first half of a doubled ``;`` at a seam
and drop the delimiter after "(part 1)".
Markup tags that do not pair up are text too.

>>> rich_text('<i>Homo</i> & <script>x</script> [a](b)')
'<i>Homo</i> &#38; &#60;script&#62;x&#60;/script&#62; &#91;a&#93;\\ue028b\\ue029'
>>> rich_text('<span class="nocase">LLM</span> R&D')
'<span class="nocase">LLM</span> R&#38;D'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from refs.escaping import html_text
from refs.render.quotes import mark_quotes

#: The inline markup of CSL-JSON strings (citeproc-js's FlipFlopper), opening and closing.
_TAG = re.compile(
    r"<(?P<open>i|b|sc|sup|sub|span class=\"no(?:case|decor)\""
    r"|span style=\"font-variant: ?small-caps;\")>|</(?P<close>i|b|sc|sup|sub|span)>"
)
#: The brackets of Markdown links, written as references besides what HTML reads as syntax;
#: the data's parentheses as `DATA_PARENTHESES`, so that a ``)`` of a URL (``a)b``) or a DOI
#: (``(20)``) never closes the style's ``[Paper](…)``.
_BRACKETS = str.maketrans({"[": "&#91;", "]": "&#93;", "(": "\ue028", ")": "\ue029"})
#: The engine's spelling of the data's ``(`` and ``)``: two private-use characters (no text
#: means them), not references, whose ``;`` citeproc-py would take for the first half of a
#: doubled ``;`` at a seam. Every output format writes them back as parentheses.
DATA_PARENTHESES = {"\ue028": "(", "\ue029": ")"}
_NEEDS_WORK = re.compile(r"[&<>\[\]()]")


def plain_text(text: str) -> str:
    """Text (no markup at all) as the engine's HTML.

    >>> plain_text("1 & 2 <3>")
    '1 &#38; 2 &#60;3&#62;'
    """
    return html_text(text, quote=False).translate(_BRACKETS)


def rich_text(value: str) -> str:
    """A CSL-JSON string as the engine's HTML: paired inline markup kept, all else text."""
    if _NEEDS_WORK.search(value) is None:
        return value
    if "<" not in value:
        return plain_text(value)
    kept = _paired_tags(value)
    pieces: list[str] = []
    position = 0
    for start, end in kept:
        pieces += [plain_text(value[position:start]), value[start:end]]
        position = end
    pieces.append(plain_text(value[position:]))
    return "".join(pieces)


def _paired_tags(value: str) -> list[tuple[int, int]]:
    """The spans of the markup tags that open and close in order; the others are text."""
    stack: list[tuple[str, re.Match[str]]] = []
    kept: list[tuple[int, int]] = []
    for match in _TAG.finditer(value):
        if match["open"] is not None:
            name = match["open"].split(" ", 1)[0]
            stack.append((name, match))
        elif stack and stack[-1][0] == match["close"]:
            opening = stack.pop()[1]
            kept += [opening.span(), match.span()]
    return sorted(kept)


#: Variables kept as they are: the item's identity and codes.
_VERBATIM = frozenset({"id", "type", "language"})
#: Variables whose quotes are characters of an identifier, not quotations or apostrophes.
_IDENTIFIERS = frozenset({"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "call-number"})


def rich_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """Every string of a CSL-JSON item as the engine's HTML (``id`` and ``type`` as they
    are), its quotations and apostrophes read as citeproc-js reads them
    (`refs.render.quotes.mark_quotes`), except in identifiers (URL, DOI, …).

    >>> rich_item({"id": "a&b", "title": "A & B", "issued": {"literal": "<1990>"}})
    {'id': 'a&b', 'title': 'A &#38; B', 'issued': {'literal': '&#60;1990&#62;'}}
    >>> rich_item({"title": "Alzheimer's", "URL": "https://x.org/it's"})
    {'title': 'Alzheimer’s', 'URL': "https://x.org/it's"}
    """
    return {
        key: value if key in _VERBATIM else _rich(value, quoted=key not in _IDENTIFIERS)
        for key, value in item.items()
    }


def _rich(value: Any, *, quoted: bool) -> Any:
    if isinstance(value, str):
        text = rich_text(value)
        return mark_quotes(text) if quoted else text
    if isinstance(value, Mapping):
        return {key: _rich(inner, quoted=quoted) for key, inner in value.items()}
    if isinstance(value, list):
        return [_rich(inner, quoted=quoted) for inner in value]
    return value

"""What a catalog cell says: the name it gives, the reference numbers it cites, its links.

``Natural Instructions [<a href="#ref3">3</a>]`` names *Natural Instructions* and cites 3;
``FLAN-T5 [7]`` names *FLAN-T5* and cites 7; ``[2, 5-6]`` cites 2, 5 and 6.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refs.parsing.markup import (
    Link,
    extract_links,
    repair_text,
    squash,
    strip_emphasis,
    strip_html,
)

#: An in-document link around the number: ``<a href="#ref3">3</a>`` reads as ``3``.
#: (Attributes stop at the next ``<``, the text at the next ``<a``: linear on unclosed tags.)
_ANCHOR_LINK = re.compile(
    r"<a\s[^<>]*?href=[\"']#[^\"']*[\"'][^<>]*>((?:(?!<a\s).)*?)</a>", re.I | re.S
)
_MD_ANCHOR_LINK = re.compile(r"\[(\[?\s*\d[\d\s,\u2013-]*\]?)\]\(#[^)\s]*\)")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
#: ``[3]``, ``[3, 5]``, ``[5-7]``; not a Markdown link ``[3](url)``.
_NUMBERS = re.compile(r"\[\s*(\d{1,4}(?:\s*[,\u2013-]\s*\d{1,4})*)\s*\](?!\()")
#: LaTeX that tables borrow from papers: ``\tnotex{id:2}``, ``~\citep{key}``.
_LATEX = re.compile(r"~?\\[A-Za-z]+\*?(?:\{[^{}]*\})*")
#: A range wider than this is not a citation range (``[2019-2023]``).
_MAX_RANGE = 20


@dataclass(frozen=True, slots=True)
class CellText:
    """A cell read: ``name`` (plain text without its citations), ``labels``, ``links``, and
    ``plain``, the whole cell as plain text (citations kept as ``[N]``)."""

    name: str
    labels: tuple[str, ...]
    links: tuple[Link, ...]
    plain: str


def _expand(group: str) -> list[str]:
    labels: list[str] = []
    for part in (part.strip() for part in group.strip().split(",")):
        bounds = [bound.strip() for bound in re.split("[\u2013-]", part)]
        if len(bounds) == 2 and 0 < int(bounds[1]) - int(bounds[0]) <= _MAX_RANGE:
            labels.extend(str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1))
        else:
            labels.extend(str(int(b)) for b in bounds if b)
    return labels


def read_cell(markup: str) -> CellText:
    """Read one cell's markup.

    >>> read_cell('UnifiedQA [<a href="#ref1">1</a>]')
    CellText(name='UnifiedQA', labels=('1',), links=(), plain='UnifiedQA [1]')
    """
    text = _ANCHOR_LINK.sub(lambda m: m.group(1), markup)
    text = _MD_ANCHOR_LINK.sub(lambda m: "[" + m.group(1).strip("[]") + "]", text)
    said, links = extract_links(text)
    said = _TAG.sub(lambda m: " " if m.group(0).lower().startswith("<br") else "", said)
    labels = tuple(dict.fromkeys(n for m in _NUMBERS.finditer(said) for n in _expand(m.group(1))))
    plain = squash(strip_emphasis(strip_html(_LATEX.sub(" ", repair_text(said)))))
    name = squash(_NUMBERS.sub(" ", plain))
    return CellText(name, labels, links, plain)

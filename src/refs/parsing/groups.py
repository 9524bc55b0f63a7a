"""Occurrences printed over several blocks: one reference, starting at its first block's line.

Two shapes, each seen in many survey READMEs:

- a heading that names one paper (``### 3. [CVPR '24] Title``), then its authors paragraph
  (``**Authors**: A. One, B. Two``), details and a row of links (``[Paper](…) | [Code](…)``);
- a bold title paragraph (``**Title**``, perhaps with its links), then an authors paragraph,
  a row of links or bullets that are only links (``- Paper: https://arxiv.org/abs/…``).

Each becomes one body in the thunlp citation shape, ``**Title.** *Authors.* Tag. [links]``,
which the field steps read as they read a list item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from refs.document import Block, Heading, Html, ListItem, Paragraph, Span, SpanKind, inner_blocks
from refs.parsing.identifiers import is_paper_url
from refs.parsing.inline import escape_text, markdown_of
from refs.parsing.markup import (
    extract_links,
    is_generic_link_text,
    squash,
    strip_emphasis,
    strip_html,
)
from refs.parsing.names import looks_like_authors
from refs.parsing.source import Where, paragraph_text, source_between
from refs.parsing.venue import venue_year


class _Entry(Protocol):
    @property
    def block(self) -> Block: ...

    @property
    def where(self) -> Where: ...


@dataclass(frozen=True, slots=True)
class Group:
    """One occurrence over several blocks: its first line, its text, the Markdown body to
    read, and the indices (in the reader's block sequence) of the blocks it took."""

    line: int
    raw: str
    body: str
    members: frozenset[int]


#: ``Authors:``, ``**Authors**:``, ``By``: the label of an authors paragraph.
_AUTHORS_LABEL = re.compile(r"^\s*(?:authors?|by)\s*[:：]?\s*", re.IGNORECASE)
#: Footnote marks after names, and the parenthesised key that explains them.
_FOOTNOTES = re.compile(r"[*†‡§¶]+")
_FOOTNOTE_KEY = re.compile(r"\(\s*[*†‡§¶][^()]{0,60}\)")
#: A heading's own numbering: ``3.`` or ``3)``.
_NUMBER = re.compile(r"^\d{1,4}[.)]\s+")
#: A tag before a heading's title: ``[CVPR '24]``.
_TAG = re.compile(r"^\[(?P<tag>[^\[\]]{1,40})\]\s*")
#: ``Paper: https://…``, ``Code https://…``: a bullet that is a word and a link.
_WORD_AND_URL = re.compile(r"^(?P<word>[^:：\s][^:：]{0,30}?)?\s*[:：]?\s*(?P<url>https?://\S+)$")
#: Separators between the links of a row: ``|``, ``·``, brackets, dashes.
_SEPARATORS = re.compile(r"[\s|·•,;/\[\]()\-–—]+")
#: A remark in parentheses after a link word: ``(soon)``, ``(not yet)``.
_REMARK = re.compile(r"\([^()]{0,30}\)")
#: A link row or a logo block has at most this many words that are not link texts.
_ROW_WORDS = 3


def _links(spans: Sequence[Span]) -> list[Span]:
    out = []
    stack: list[Iterator[Span]] = [iter(spans)]
    while stack:
        span = next(stack[-1], None)
        if span is None:
            stack.pop()
            continue
        if span.kind is SpanKind.LINK:
            out.append(span)
        elif span.children:
            stack.append(iter(span.children))
    return out


def _link_markdown(links: Sequence[Span]) -> str:
    return " ".join(f"[{escape_text(squash(s.text)) or 'link'}]({s.href})" for s in links if s.href)


def _is_link_row(paragraph: Paragraph) -> bool:
    """A paragraph of links only (``[📄 Paper](…) | [💻 Code](…) | [🎥 Short Talk](…)``), one
    of them at least a link word, not one titled link."""
    links = _links(paragraph.spans)
    if not links or not any(_is_generic(s.text) for s in links):
        return False
    if len(links) == 1 and not _is_generic(links[0].text):
        return False
    rest = paragraph.text
    for link in links:
        rest = rest.replace(link.text, " ", 1)
    return len(_SEPARATORS.sub(" ", strip_html(rest)).split()) <= _ROW_WORDS


def _is_generic(text: str) -> bool:
    """``📄 Paper``, ``💻 Code (not yet)``: a link word, with a remark in parentheses."""
    return is_generic_link_text(squash(_REMARK.sub(" ", text)))


def _authors(paragraph: Paragraph) -> tuple[str, bool] | None:
    """The names of an authors paragraph (``**Authors**: A. One, B. Two``) and whether they
    were labelled so, or None."""
    # footnote marks and their key: ``Liu*``, ``Kim†``, ``(* Equal contribution)``
    text = squash(_FOOTNOTES.sub(" ", _FOOTNOTE_KEY.sub(" ", paragraph.text))).replace(" ,", ",")
    labelled = _AUTHORS_LABEL.match(text)
    names = text[labelled.end() :] if labelled else text
    names = names.strip(" .,;")
    if labelled and names:
        return names, True
    return (names, False) if looks_like_authors(names) else None


def is_link_bullet(item: ListItem) -> bool:
    """A bullet that is only a link word and its link: ``- Paper: https://…``, ``- [Code](…)``
    (``- Heron https://arxiv.org/…`` names a paper: it is a reference of its own)."""
    if any(isinstance(block, ListItem) for block in item.blocks):
        return False
    paragraphs = [block for block in item.blocks if isinstance(block, Paragraph)]
    if len(paragraphs) != 1:
        return False
    text = squash(paragraphs[0].text)
    if found := _WORD_AND_URL.match(text):
        # ``- Homeoage: https://…``: a word or two and a colon name a link, even misspelt
        word = found.group("word") or ""
        return _is_generic(word) or (":" in text[: len(word) + 2] and len(word.split()) <= 2)
    return _is_link_row(paragraphs[0])


def note_bullet(item: ListItem) -> str | None:
    """The text of a bullet that is a key, a colon and a note about the work above it
    (``- intro: ICCV 2015``, ``- keywords：RPN``, ``- authors: A, B``), or None."""
    if any(isinstance(block, ListItem) for block in item.blocks):
        return None
    paragraphs = [block for block in item.blocks if isinstance(block, Paragraph)]
    if len(paragraphs) != 1:
        return None
    keyed = _NOTE.match(squash(paragraphs[0].text))
    if keyed is None:
        return None
    return (
        f"{keyed.group('key')}: {keyed.group('note')}"
        if _AUTHORS_LABEL.match(keyed.group("key"))
        else keyed.group("note")
    )


def _opens_bold(paragraph: Paragraph) -> bool:
    first = next((s for s in paragraph.spans if s.text.strip()), None)
    return first is not None and first.kind is SpanKind.STRONG


def _labelled(paragraph: Paragraph) -> bool:
    """``**Authors**: A. One, B. Two``: names under their label."""
    return bool(_AUTHORS_LABEL.match(strip_emphasis(paragraph.text)))


def _is_image_only(paragraph: Paragraph) -> bool:
    return bool(paragraph.spans) and all(
        s.kind is SpanKind.IMAGE or not s.text.strip() for s in paragraph.spans
    )


def _venue_stated(note: str) -> str | None:
    """The venue and year a note states first (``intro: ICCV 2017. Fudan University`` ->
    ``ICCV 2017``); the rest of a note (affiliations, remarks) is no part of the citation."""
    for piece in _NOTE_PIECES.split(note):
        if (said := venue_year(piece)) and said[1]:
            return f"{said[0]} {said[1]}"
    return None


#: Where a note's pieces end: ``ECCV 2014 / TPAMI 2015``, ``ICCV 2017. Fudan University``.
_NOTE_PIECES = re.compile(r"[.,;/&()]|\s[-–—]\s")
#: ``intro: text``, ``keywords：text``: a key of one or two words, a colon, a note.
_NOTE = re.compile(r"^(?P<key>[^\W\d_][\w-]*(?: [\w-]+)?)\s*[:：]\s*(?P<note>\S.*)$")


def author_bullet(item: ListItem) -> tuple[str, str] | None:
    """A sub-bullet that names the authors of the work above it, perhaps with its venue, as
    (names, the rest): ``- Tongzhou Wang, Phillip Isola. *ICML 2020*``, ``- Doersch, Carl and
    Gupta, Abhinav. *ICCV 2015*``, ``- Feng Wang and Huaping Liu.``; None for any other bullet
    (a link, a list of its own, more than one paragraph, no names first). The names end where
    the emphasised venue starts, else at the end of their sentence."""
    if any(isinstance(block, ListItem) for block in item.blocks):
        return None
    paragraphs = [block for block in item.blocks if isinstance(block, Paragraph)]
    if len(paragraphs) != 1 or any(s.kind is SpanKind.LINK for s in _walk(paragraphs[0].spans)):
        return None
    spans = paragraphs[0].spans
    first = next((n for n, s in enumerate(spans) if s.kind in _EMPHASIS), None)
    if first:
        names = squash("".join(s.text for s in spans[:first]))
        rest = squash("".join(s.text for s in spans[first:]))
    else:
        parts = _SENTENCE_END.split(squash(paragraphs[0].text), maxsplit=1)
        names, rest = parts[0], parts[1] if len(parts) > 1 else ""
    names = names.strip(" .,;")
    return (names, rest) if names and looks_like_authors(names) else None


_EMPHASIS = (SpanKind.EM, SpanKind.STRONG)
#: Where the names of an author bullet end: a period after a word of two letters at least
#: (not an initial), then the venue.
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})\.\s+")


def bullet_link(item: ListItem) -> str:
    """A link bullet as Markdown links: ``- Paper: https://…`` -> ``[Paper](https://…)``."""
    paragraphs = [block for block in item.blocks if isinstance(block, Paragraph)]
    text = squash(paragraphs[0].text) if paragraphs else ""
    match = _WORD_AND_URL.match(text)
    if match:
        return f"[{escape_text(match.group('word') or 'link')}]({match.group('url')})"
    return " ".join(_link_markdown(_links(p.spans)) for p in paragraphs)


def link_row_links(block: Html) -> str:
    """The links of an HTML block that is a logo image and links, as Markdown; else ``""``."""
    paragraphs = [b for b in _all_blocks(block) if isinstance(b, Paragraph)]
    if len(paragraphs) != len([b for b in _all_blocks(block) if not isinstance(b, Html)]):
        return ""  # lists, tables, headings: not a row of links
    spans = [span for p in paragraphs for span in p.spans]
    has_image = any(s.kind is SpanKind.IMAGE for s in _walk(spans))
    links = _links(spans)
    if not has_image or not links:
        return ""
    rest = " ".join(p.text for p in paragraphs)
    for link in links:
        rest = rest.replace(link.text, " ", 1)
    if len(_SEPARATORS.sub(" ", rest).split()) > _ROW_WORDS:
        return ""
    return _link_markdown(links)


def _all_blocks(block: Block) -> Iterator[Block]:
    stack: list[Iterator[Block]] = [iter(inner_blocks(block))]
    while stack:
        current = next(stack[-1], None)
        if current is None:
            stack.pop()
            continue
        yield current
        if inner := inner_blocks(current):
            stack.append(iter(inner))


def _walk(spans: Sequence[Span]) -> Iterator[Span]:
    stack: list[Iterator[Span]] = [iter(spans)]
    while stack:
        span = next(stack[-1], None)
        if span is None:
            stack.pop()
            continue
        yield span
        if span.children:
            stack.append(iter(span.children))


def _has_paper(markdown: str) -> bool:
    return any(is_paper_url(link.url) for link in extract_links(markdown)[1])


def _citation(title: str, authors: str | None, tag: str, links: list[str]) -> str:
    title = escape_text(title)
    title = title if title.endswith((".", "?", "!")) else f"{title}."
    parts = [f"**{title}**"]
    if authors:
        parts.append(f"*{escape_text(authors)}.*")
    if tag:
        parts.append(f"{escape_text(tag)}.")
    parts.extend(link for link in links if link)
    return " ".join(parts)


def heading_group(
    heading: Heading,
    entries: Sequence[_Entry],
    index: int,
    is_occurrence: Callable[[int], bool],
    lines: tuple[str, ...],
) -> Group | None:
    """The heading and the blocks under it, when the heading names one paper: its title is a
    title, the blocks under it print its authors or link a paper, and none of them is an
    occurrence of its own."""
    title = _NUMBER.sub("", heading.title)
    tag = ""
    if found := _TAG.match(title):
        tag, title = found.group("tag"), title[found.end() :]
    title = title.strip()
    if len(title.split()) < 2 or not re.search(r"[^\W\d_]{2}", title):
        return None
    authors: str | None = None
    labelled = False
    links = [_link_markdown(_links(heading.spans))]
    members: set[int] = set()
    end = heading.end_line
    for n in range(index + 1, len(entries)):
        block, where = entries[n].block, entries[n].where
        if isinstance(block, Heading):
            break
        if isinstance(block, Paragraph) and where.html:
            pass  # inside a <details>: the abstract, a summary
        elif isinstance(block, Paragraph):
            if not _is_link_row(block) and is_occurrence(n):
                return None
            if authors is None and not _is_link_row(block) and (names := _authors(block)):
                authors, labelled = names
            else:  # a row of links, a comment: the entry's links are wherever they are printed
                links.append(_link_markdown(_links(block.spans)))
        elif isinstance(block, ListItem):
            if not is_link_bullet(block):
                return None
            links.append(bullet_link(block))
        elif not isinstance(block, Html):
            return None  # a table, code: the heading is a section's, not a paper's
        members.add(n)
        end = max(end, block.end_line)
    # names alone may be a maintainer's ("Maintained by A and B"): labelled, or with a paper
    if not labelled and not _has_paper(" ".join(links)):
        return None
    raw = source_between(lines, heading.line, end)
    return Group(heading.line, raw, _citation(title, authors, tag, links), frozenset(members))


def title_group(
    paragraph: Paragraph,
    where: Where,
    entries: Sequence[_Entry],
    index: int,
    lines: tuple[str, ...],
) -> Group | None:
    """A paragraph opened by a bold title, with the authors paragraph, link rows and link
    bullets after it, when the paragraph or they link a paper."""
    first = next(
        (s for s in paragraph.spans if s.text.strip() and s.kind is not SpanKind.IMAGE), None
    )
    if first is None or first.kind is not SpanKind.STRONG:
        return None
    if len(first.text.split()) < 2 or not re.search(r"[^\W\d_]{2}", first.text):
        return None
    body = paragraph_text(paragraph, where) if not where.html else markdown_of(paragraph.spans)
    authors: str | None = None
    links: list[str] = []
    notes: list[str] = []
    members: set[int] = set()
    end = paragraph.end_line
    for n in range(index + 1, len(entries)):
        block = entries[n].block
        if isinstance(block, Paragraph) and _is_image_only(block):
            pass  # a figure between the title and its links
        elif isinstance(block, Paragraph) and _is_link_row(block):
            links.append(_link_markdown(_links(block.spans)))
        elif isinstance(block, Paragraph) and _opens_bold(block) and not _labelled(block):
            break  # "**Grid R-CNN**": the next work's title, not this one's authors
        elif isinstance(block, Paragraph) and authors is None and (names := _authors(block)):
            authors = names[0]
        elif isinstance(block, ListItem) and is_link_bullet(block):
            links.append(bullet_link(block))
        elif isinstance(block, ListItem) and (note := note_bullet(block)) is not None:
            if authors is None and (named := _AUTHORS_LABEL.match(note)):
                authors = note[named.end() :].strip(" .,;")
            elif stated := _venue_stated(note):
                notes.append(stated)
        else:
            break
        members.add(n)
        end = max(end, block.end_line)
    if not _has_paper(" ".join((body, *links))):
        return None
    said = " ".join(f"{escape_text(note.rstrip('.'))}." for note in notes)
    text = " ".join(
        (body.replace("\n", " "), said, f"*{escape_text(authors)}.*" if authors else "", *links)
    )
    raw = source_between(lines, paragraph.line, end)
    return Group(paragraph.line, raw, squash(text), frozenset(members))

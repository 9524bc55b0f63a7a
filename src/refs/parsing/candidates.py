"""Blocks -> candidate occurrences: which list items, lines, rows and links are references.

This is where "is it a reference?" is decided, by shape, never by reading the fields:
a ``[N]`` entry always is; a bullet or ``N.`` item is when it opens with a titled link, holds a
paper URL or identifier, or reads as a citation (authors or a bold title, and a year);
a table row is when its table is a paper table; a link in prose is when its text is a title
and its target a paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from refs.parsing.blocks import Block, BlockKind
from refs.parsing.citation import is_title_like
from refs.parsing.identifiers import find_identifiers, is_paper_url
from refs.parsing.markup import (
    extract_links,
    html_to_markdown,
    is_generic_link_text,
    squash,
    strip_emphasis,
    strip_html,
    strip_symbols,
)
from refs.parsing.names import looks_like_authors
from refs.parsing.record import EmbeddedBibtex, Shape
from refs.parsing.tables import paper_rows, read_table
from refs.parsing.venue import find_year


@dataclass(frozen=True, slots=True)
class Candidate:
    """A reference occurrence before it is read: shape, start line, label, text.

    ``body`` is the Markdown to read (list marker removed, HTML emphasis and ``<br>`` read as
    Markdown); for table rows the title cell, with the venue, date, author and other cells in
    ``venue``, ``date``, ``authors`` and ``others``. ``is_listed``
    is True for entries of a ``[N]`` / ``<a id>`` reference list, whose labels must be unique.
    """

    shape: Shape
    line: int
    label: str | None
    raw: str
    body: str
    venue: str = ""
    date: str = ""
    others: tuple[str, ...] = ()
    is_listed: bool = False
    authors: str = ""


#: Status marks, dates and bold dates that may come before an entry's link: ``[2023-07]``.
_LEADING_NOISE = re.compile(
    r"^(?:\s|:[a-z0-9_+-]+:|[^\w\s\[*<`]|\*\*\[[^\]]*\]\*\*|\[(?:19|20)\d{2}[-./\d]*\]|"
    r"<[^a][^>]*>|<a\s+(?:id|name)=[^>]*>\s*</a>)+"
)
_LINK_START = re.compile(r"^\[(?:\*\*|__)?(?!!\[)")
_BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")


def find_candidates(file: str, blocks: list[Block]) -> tuple[list[Candidate], list[EmbeddedBibtex]]:
    """Every candidate occurrence in ``blocks``, in document order, and embedded BibTeX."""
    found: list[Candidate] = []
    bibtex: list[EmbeddedBibtex] = []
    numbered: list[tuple[Block, list[Candidate]]] = []  # the ``N.`` items of the current list

    def end_of_list() -> None:
        found.extend(
            candidate for _, items in _complete_numbered_list(numbered) for candidate in items
        )
        numbered.clear()

    for block in blocks:
        if block.kind is BlockKind.FENCE:
            end_of_list()
            bibtex.extend(_bibtex_entries(file, block))
        elif block.kind in (BlockKind.PIPE_TABLE, BlockKind.HTML_TABLE):
            end_of_list()
            found.extend(_table_candidates(block))
        elif block.kind is BlockKind.ITEM and _NUMBERED.match(block.marker):
            if numbered and numbered[-1][0].indent != block.indent:
                end_of_list()
            numbered.append((block, list(_text_candidates(block))))
        else:
            end_of_list()
            found.extend(_text_candidates(block))
    end_of_list()
    return found, bibtex


#: An ordered-list marker: ``3.`` or ``3)``.
_NUMBERED = re.compile(r"^\d{1,4}[.)]$")
_REFERENCE_SHAPES = (Shape.CITATION, Shape.LINK, Shape.BARE_URL)


def _complete_numbered_list(
    items: list[tuple[Block, list[Candidate]]],
) -> list[tuple[Block, list[Candidate]]]:
    """In a numbered list that is mostly references (two thirds of at least three items), an
    item the shape rules missed but that has a year and a sentence's worth of words is a
    reference too: losing it silently would be worse than flagging it if it reads badly."""
    is_reference = [any(c.shape in _REFERENCE_SHAPES for c in found) for _, found in items]
    if len(items) < 3 or sum(is_reference) * 3 < len(items) * 2:
        return items
    completed = []
    for (block, found), known in zip(items, is_reference, strict=True):
        body = html_to_markdown(_body(block))
        plain = squash(strip_html(body))
        if not known and find_year(plain) is not None and len(plain.split()) >= 6:
            completed.append(
                (block, [Candidate(Shape.CITATION, block.line, block.label, block.text, body)])
            )
        else:
            completed.append((block, found))
    return completed


def _bibtex_entries(file: str, block: Block) -> Iterator[EmbeddedBibtex]:
    if block.info.lower() not in ("", "bibtex", "bib", "latex", "tex", "biblatex", "text"):
        return
    starts = [i for i, line in enumerate(block.lines) if _BIBTEX_ENTRY.match(line)]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(block.lines)
        text = "\n".join(block.lines[start:end]).strip()
        yield EmbeddedBibtex(file, block.line + start, text)


def _table_candidates(block: Block) -> Iterator[Candidate]:
    for row in paper_rows(read_table(block)):
        yield Candidate(
            Shape.TABLE_ROW,
            row.line,
            None,
            row.raw,
            row.title,
            row.venue,
            row.date,
            row.others,
            authors=row.authors,
        )


def _body(block: Block) -> str:
    """The block's text with its list marker or label removed."""
    if block.kind is BlockKind.PARAGRAPH:
        return block.text
    first = block.lines[0]
    at = first.find(block.marker) + len(block.marker) if block.marker else 0
    return "\n".join((first[at:], *block.lines[1:]))


def _text_candidates(block: Block) -> Iterator[Candidate]:
    body = html_to_markdown(_body(block))
    is_labelled = block.kind is BlockKind.ITEM and (
        block.marker.endswith(("]", "</a>"))
        or block.marker.startswith("<a")
        or (block.marker.lower().startswith("<li") and block.label is not None)
    )
    shape = _shape_of(block, body, is_labelled)
    if shape is not None:
        yield Candidate(shape, block.line, block.label, block.text, body, is_listed=is_labelled)
    else:
        yield from _prose_links(block)


def _shape_of(block: Block, body: str, is_labelled: bool) -> Shape | None:
    opening = _LEADING_NOISE.sub("", body.split("\n", 1)[0])
    if _LINK_START.match(opening):
        text, links = extract_links(opening)
        first = links[0] if links else None
        if (
            first
            and first.url.startswith("http")
            and not is_generic_link_text(first.text)
            and _opens_with(opening, first.text)
        ):
            is_item = block.kind is BlockKind.ITEM
            if is_item or len(squash(strip_symbols(text)).split()) <= 8 + len(first.text.split()):
                return Shape.LINK
    if is_labelled:
        return Shape.CITATION
    if block.kind is not BlockKind.ITEM:
        return None
    text, links = extract_links(body)
    plain = squash(strip_symbols(strip_html(text)))
    paper_links = [link for link in links if is_paper_url(link.url)]
    if paper_links and all(not link.text for link in links) and len(plain.split()) <= 12:
        return Shape.BARE_URL
    if paper_links or find_identifiers(plain, ()).arxiv or find_identifiers(plain, ()).doi:
        return Shape.CITATION if _has_words(plain) else Shape.BARE_URL
    if _reads_as_citation(text) or _is_title_only(block, plain, links != ()):
        return Shape.CITATION
    return None


def _opens_with(opening: str, link_text: str) -> bool:
    return strip_emphasis(opening[1 : 1 + len(link_text) + 4]).startswith(
        strip_emphasis(link_text)[:10]
    )


def _has_words(text: str) -> bool:
    return len(re.findall(r"[A-Za-z]{2,}", text)) >= 2


def _reads_as_citation(text: str) -> bool:
    """Authors then a year, or a bold/italic title and a year: ``A, B. 2020. **T**``."""
    plain = squash(strip_html(text))
    if find_year(plain) is None:
        return False
    bold = re.search(r"\*\*(.+?)\*\*|__(.+?)__", plain)
    if bold and is_title_like(bold.group(1) or bold.group(2)):
        return True
    first = re.split(r"(?<=[a-z]{2})\.\s|\(", strip_emphasis(plain), maxsplit=1)[0]
    return looks_like_authors(first) and ("," in first or " and " in first or "et al" in first)


def _is_title_only(block: Block, plain: str, has_links: bool) -> bool:
    """A top-level bullet that is just a paper title: ``Name : Title Cased Words Of A Paper``."""
    if block.indent or has_links or len(block.lines) > 1 or ":" not in plain:
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", plain) if len(w) > 3]
    if len(plain.split()) < 6 or plain.rstrip().endswith((".", ",")):
        return False
    return bool(sum(w[0].isupper() for w in words) >= 0.75 * len(words))


#: A link in running text, Markdown ``[text](url)`` or HTML ``<a href="url">text</a>``.
_PROSE_LINK = re.compile(
    r"\[(?P<md>[^\[\]]+)\]\((?P<md_url>https?://[^)\s]+)\)"
    r"|<a\s[^<>]*?href=[\"'](?P<html_url>https?://[^\"'\s]+)[\"'][^<>]*>"
    r"(?P<html>(?:(?!<a\s).)*?)</a>",
    re.IGNORECASE,
)


def _prose_links(block: Block) -> Iterator[Candidate]:
    """Links in running text whose text is a title and whose target is a paper."""
    for offset, line in enumerate(block.lines):
        for match in _PROSE_LINK.finditer(line):
            label = match.group("md") if match.group("md") is not None else match.group("html")
            text = squash(strip_emphasis(strip_html(label)))
            url = match.group("md_url") or match.group("html_url")
            if len(text.split()) >= 3 and is_paper_url(url) and not is_generic_link_text(text):
                yield Candidate(
                    Shape.PROSE_LINK, block.line + offset, None, match.group(0), match.group(0)
                )

"""The document model -> candidate occurrences: which items, paragraphs, rows and links are
references, and what in a reference section was read as none.

This is where "is it a reference?" is decided, by shape, never by reading the fields:
a ``[N]`` entry always is; a list item (with all its paragraphs) is when it opens with a titled
link, holds a paper URL or identifier, or reads as a citation (authors or a bold title, and a
year); a paragraph is when it opens with a label, a titled link or a bold title with a paper
link; a heading that names one paper, and a bold title followed by bullets of links, are one
occurrence with the blocks after them (`refs.parsing.groups`); a table row is when its table
is a paper table; a link in prose is when its text is a title and its target a paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from refs.document import (
    Block,
    Document,
    Fence,
    Heading,
    Html,
    ListItem,
    Paragraph,
    Quote,
    SpanKind,
    Table,
)
from refs.errors import Problem, Severity
from refs.parsing.citation import is_short_name, is_title_like, reads_as_full_citation
from refs.parsing.groups import (
    Group,
    author_bullet,
    bullet_link,
    heading_group,
    is_link_bullet,
    link_row_links,
    title_group,
)
from refs.parsing.identifiers import find_identifiers, is_paper_url
from refs.parsing.labels import BULLET_NUMBER, HTML_ITEM, entry_label
from refs.parsing.markup import (
    extract_links,
    html_to_markdown,
    is_generic_link_text,
    is_titled_link,
    iter_links,
    squash,
    strip_emphasis,
    strip_html,
    strip_symbols,
)
from refs.parsing.names import looks_like_authors
from refs.parsing.record import EmbeddedBibtex, Shape
from refs.parsing.source import Where, item_end, item_text, paragraph_text, source_between
from refs.parsing.table_rows import paper_rows
from refs.parsing.venue import (
    VENUE_LINK,
    find_year,
    is_venue_name,
    named_work,
    venue_tag,
    venue_year,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A reference occurrence before it is read: shape, start line, label, text.

    ``body`` is the Markdown to read (list marker removed, HTML emphasis and ``<br>`` read as
    Markdown); for table rows the title cell, with the venue, date, author and other cells in
    ``venue``, ``date``, ``authors`` and ``others``, and a name cell of a row without a title
    in ``short_name``. ``is_listed`` is True for entries of a ``[N]`` / ``<a id>`` reference
    list, whose labels must be unique.
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
    short_name: str = ""
    #: The year of the nearest enclosing heading that is a year (``### 2016``): a list
    #: grouped by year says when its unyeared entries appeared.
    heading_year: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """What `find_candidates` found: occurrences, embedded BibTeX, and what it could not read."""

    candidates: tuple[Candidate, ...]
    bibtex: tuple[EmbeddedBibtex, ...]
    unread: tuple[Problem, ...]


#: Status marks, dates and bold dates that may come before an entry's link: ``[2023-07]``.
_LEADING_NOISE = re.compile(
    r"^(?:\s|:[a-z0-9_+-]+:|[^\w\s\[*<`]|\*\*\[[^\]]*\]\*\*|\[(?:19|20)\d{2}[-./\d]*\]|"
    r"<[^a][^>]*>|<a\s+(?:id|name)=[^>]*>\s*</a>)+"
)
_LINK_START = re.compile(r"^\[(?:\*\*|__)?(?!!\[)")
#: What any link leaves in a text: Markdown ``](``, an HTML ``<a``, a bare URL.
_LINK_MARKUP = re.compile(r"\]\(|<a\s|https?://|www\.", re.IGNORECASE)
_BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]")
_BIBTEX_INFOS = ("", "bibtex", "bib", "latex", "tex", "biblatex", "text")
_REFERENCE_SHAPES = (Shape.CITATION, Shape.LINK, Shape.BARE_URL)
#: A reference section: at least this many occurrences, and more than the blocks read as none.
_MOSTLY = 2


@dataclass(slots=True)
class _Unit:
    """A block that could be a reference: its section, line and text, and whether it is one."""

    section: int
    line: int
    raw: str
    is_occurrence: bool


@dataclass(frozen=True, slots=True)
class _Entry:
    block: Block
    where: Where


def _flatten(blocks: tuple[Block, ...], where: Where) -> Iterator[_Entry]:
    """Blocks in document order, HTML and quote containers opened (list items and tables are
    read whole). Iterative: deep nesting costs no recursion."""
    stack: list[tuple[Iterator[Block], Where]] = [(iter(blocks), where)]
    while stack:
        block = next(stack[-1][0], None)
        if block is None:
            stack.pop()
            continue
        inside = stack[-1][1]
        if isinstance(block, Html) and not link_row_links(block):
            stack.append((iter(block.blocks), Where(html=True, quoted=inside.quoted)))
        elif isinstance(block, Quote):
            stack.append((iter(block.blocks), Where(html=inside.html, quoted=True)))
        else:
            yield _Entry(block, inside)


class _Reader:
    """One pass over one document's blocks."""

    def __init__(self, file: str, document: Document) -> None:
        self.file = file
        self.document = document
        self.found: list[Candidate] = []
        self.bibtex: list[EmbeddedBibtex] = []
        self.units: list[_Unit] = []
        self.numbered: list[tuple[ListItem, list[Candidate], int]] = []
        self.entries: list[_Entry] = []
        self.opens: dict[int, bool] = {}  # `opens_entry`, once per paragraph

    def add(self, candidate: Candidate, section: int) -> None:
        self.found.append(candidate)
        self.units.append(_Unit(section, candidate.line, candidate.raw, True))

    def miss(self, section: int, line: int, raw: str) -> None:
        self.units.append(_Unit(section, line, raw, False))

    def end_of_list(self) -> None:
        for item, found, section in _complete_numbered_list(self.numbered, self.document):
            if found:
                for candidate in found:
                    self.add(candidate, section)
            else:
                self.miss(
                    section,
                    item.line,
                    source_between(self.document.lines, item.line, item_end(item)),
                )
        self.numbered.clear()

    def opens_entry(self, index: int) -> bool:
        """Whether the paragraph ``entries[index]`` is an occurrence, alone or with the blocks
        after it (a heading above it then names no paper)."""
        if index not in self.opens:
            self.opens[index] = self._opens_entry(index)
        return self.opens[index]

    def _opens_entry(self, index: int) -> bool:
        entry = self.entries[index]
        block = entry.block
        assert isinstance(block, Paragraph)
        if title_group(block, entry.where, self.entries, index, self.document.lines):
            return True
        if _is_candidate_paragraph(block, entry.where):
            return True
        where = entry.where
        source = "\n".join(block.lines) if where.html else paragraph_text(block, where)
        return next(_prose_links(block.line, source), None) is not None

    def read(self, blocks: tuple[Block, ...], where: Where) -> None:
        entries = self.entries = list(_flatten(blocks, where))
        self.opens = {}
        used: set[int] = set()  # indices of blocks read as part of a group
        for index, entry in enumerate(entries):
            if index in used:
                continue
            block = entry.block
            if isinstance(block, ListItem) and block.number is not None:
                self.numbered.append((block, list(self.item(block, entry.where)), block.section))
                continue
            self.end_of_list()
            if isinstance(block, Fence):
                self.fence(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Html):
                self.link_row(block)
            elif isinstance(block, Heading):
                group = heading_group(block, entries, index, self.opens_entry, self.document.lines)
                if group is not None:
                    used.update(group.members)
                    self.group(group, block.section)
            elif isinstance(block, Paragraph):
                self.paragraph(block, entry.where, entries, index, used)
            elif isinstance(block, ListItem):
                found = list(self.item(block, entry.where))
                for candidate in found:
                    self.add(candidate, block.section)
                if not found:
                    self.miss(block.section, block.line, _item_raw(self.document, block))
        self.end_of_list()

    # ---------------------------------------------------------------- each kind of block

    def fence(self, block: Fence) -> None:
        if not block.fenced or block.tag or block.info.lower() not in _BIBTEX_INFOS:
            return
        content = block.content.split("\n")
        starts = [i for i, line in enumerate(content) if _BIBTEX_ENTRY.match(line)]
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(content)
            text = "\n".join(content[start:end]).strip()
            # the content starts on the line after the fence's opening line
            self.bibtex.append(EmbeddedBibtex(self.file, block.line + 1 + start, text))

    def table(self, block: Table) -> None:
        rows = paper_rows(block, self.document.lines)
        if not rows:
            self.cell_lists(block)
        for row in rows:
            candidate = Candidate(
                Shape.TABLE_ROW,
                row.line,
                None,
                row.raw,
                row.title,
                row.venue,
                row.date,
                row.others,
                authors=row.authors,
                short_name=row.short_name,
            )
            self.add(candidate, block.section)

    def cell_lists(self, block: Table) -> None:
        """Lists inside the cells of a table that is no paper table: a model zoo's
        ``<td><ul><li>PointNet++ (NeurIPS'2017)</li>…``; each item is read as a list item."""
        for row in block.rows:
            for cell in row:
                for item in _cell_items(cell.blocks):
                    for candidate in self.item(item, Where(html=True)):
                        self.add(candidate, block.section)

    def link_row(self, block: Html) -> None:
        """Links in an HTML block after a logo image: the entry above them owns them."""
        links = link_row_links(block)
        if not links or not self.found:
            return
        last = self.found[-1]
        if self.document.section_of(last.line) is not self.document.sections[block.section]:
            return
        raw = f"{last.raw}\n{source_between(self.document.lines, block.line, block.end_line)}"
        self.found[-1] = replace(last, body=f"{last.body} {links}", raw=raw)

    def group(self, group: Group, section: int) -> None:
        self.add(
            Candidate(Shape.CITATION, group.line, None, group.raw, html_to_markdown(group.body)),
            section,
        )

    def paragraph(
        self, block: Paragraph, where: Where, entries: list[_Entry], index: int, used: set[int]
    ) -> None:
        text = paragraph_text(block, where)
        raw = source_between(self.document.lines, block.line, block.end_line)
        opening = entry_label(text)
        if opening is not None:
            body = html_to_markdown(text[opening.end :].lstrip())
            self.add(
                Candidate(Shape.CITATION, block.line, opening.label, raw, body, is_listed=True),
                block.section,
            )
            return
        group = title_group(block, where, entries, index, self.document.lines)
        if group is not None:
            used.update(group.members)
            self.group(group, block.section)
            return
        body = html_to_markdown(text)
        shape = _paragraph_shape(block, body)
        if shape is not None:
            self.add(Candidate(shape, block.line, None, raw, body), block.section)
            return
        # an HTML paragraph's links are found in its source, which keeps their lines
        links = list(_prose_links(block.line, "\n".join(block.lines) if where.html else text))
        for candidate in links:
            self.add(candidate, block.section)
        if not links and len(squash(block.text).split()) >= 3:
            self.miss(block.section, block.line, raw)

    def item(self, item: ListItem, where: Where) -> Iterator[Candidate]:
        """The item as one occurrence (its link-only sub-bullets with it), then any nested
        item that is a reference of another work; a description bullet is none."""
        text = item_text(item, where)
        links_of_its_own = bool(_LINK_MARKUP.search(text))
        nested = [b for b in item.blocks if isinstance(b, ListItem)]
        bullets = [b for b in nested if is_link_bullet(b)]
        if bullets:
            text = " ".join((text, *(bullet_link(b) for b in bullets)))
        # "- Title." / "  [[pdf]](…)" / "  - A. Author, B. Author. *ICML 2020*": the names
        # and venue on a sub-bullet are the item's
        names = short = ""
        over = _over_citation(text, [b for b in nested if b not in bullets], where)
        if over is not None:
            # "* GFRNN [[Paper](…)]" / "  * A. One, B. Two, *Title*, ICML 2015": the work's name
            # and links, its citation on the sub-bullet; "* A. One (2008)" / "  * [Title](…)"
            short, text, child = over
            bullets = [*bullets, child]
        for child in nested:
            if over is not None:
                break
            if child not in bullets and (said := author_bullet(child)):
                names, venue = said
                # a sentence ends before the venue, even where the title printed no period
                text = f"{text.rstrip()}. {venue}" if venue else text
                bullets = [*bullets, child]
                break
        label, is_labelled = _item_label(item, text)
        if is_labelled and (opening := entry_label(text)):
            text = text[opening.end :].lstrip()
        elif label is not None and item.number is None and (numbered := BULLET_NUMBER.match(text)):
            text = text[numbered.end() :]
        body = html_to_markdown(text)
        end = max([item_end(item), *(b.end_line for b in bullets)])
        raw = source_between(self.document.lines, item.line, end)
        shape = _item_shape(item, body, is_labelled, links_of_its_own)
        if shape is None:
            parent: Candidate | None = None
            yield from _prose_links(item.line, text)
        else:
            parent = Candidate(
                shape,
                item.line,
                label,
                raw,
                body,
                is_listed=is_labelled,
                authors=names,
                short_name=short,
            )
            yield parent
            if shape is Shape.LINK:
                yield from _other_works(item.line, text)
        unread: list[ListItem] = []
        some = False
        for child in nested:
            if child in bullets:
                continue
            found = list(self.item(child, where))
            if parent is not None and found and _same_work(parent, found[0]):
                found = found[1:]  # the same paper printed again under it: it adds nothing new
            elif parent is None and not found:
                unread.append(child)
            some = some or bool(found)
            yield from found
        if some:
            # under a bullet that is no reference (a category), the items read as none; when
            # none is read, the bullet itself is (its caller says so)
            for child in unread:
                self.miss(child.section, child.line, _item_raw(self.document, child))

    def report(self) -> tuple[Problem, ...]:
        """Unread blocks of the sections whose blocks are mostly references."""
        by_section: dict[int, list[_Unit]] = {}
        for unit in self.units:
            by_section.setdefault(unit.section, []).append(unit)
        problems = []
        for units in by_section.values():
            read = sum(unit.is_occurrence for unit in units)
            unread = [unit for unit in units if not unit.is_occurrence]
            if read < _MOSTLY or read <= len(unread):
                continue
            for unit in unread:
                shown = squash(unit.raw)
                shown = shown if len(shown) <= 160 else shown[:157] + "..."
                message = f"no reference could be read here; its text: {shown}"
                problems.append(
                    Problem(self.file, unit.line, "unread-reference", message, Severity.WARNING)
                )
        return tuple(sorted(problems, key=lambda p: p.line))


def find_candidates(file: str, document: Document) -> Found:
    """Every candidate occurrence of ``document``, in document order, embedded BibTeX, and the
    blocks of reference sections that were read as none."""
    reader = _Reader(file, document)
    reader.read(document.blocks, Where())
    found = tuple(
        replace(c, heading_year=_heading_year(document.section_of(c.line).path))
        for c in sorted(reader.found, key=lambda c: c.line)
    )
    return Found(found, tuple(reader.bibtex), reader.report())


#: A heading that is a year and nothing else: ``2016``, ``2024:``, ``📅 2023``, ``[2022]``.
_YEAR_HEADING = re.compile(r"[^\w]*((?:19|20)\d{2})[^\w]*")


def _heading_year(path: tuple[str, ...]) -> str | None:
    """The year of the innermost heading of ``path`` that is a year alone, else None."""
    for title in reversed(path):
        if match := _YEAR_HEADING.fullmatch(title.strip()):
            return match.group(1)
    return None


def _cell_items(blocks: tuple[Block, ...]) -> Iterator[ListItem]:
    """The outermost list items among a cell's blocks (an item reads its own nested ones)."""
    for block in blocks:
        if isinstance(block, ListItem):
            yield block
        elif isinstance(block, (Html, Quote)):
            yield from _cell_items(block.blocks)


def _has_items(item: ListItem) -> bool:
    return any(isinstance(block, ListItem) for block in item.blocks)


def _item_raw(document: Document, item: ListItem) -> str:
    return source_between(document.lines, item.line, item_end(item))


def _item_label(item: ListItem, text: str) -> tuple[str | None, bool]:
    """The item's label, and whether it labels an entry of a reference list (``[N]``, an
    anchor, ``<li id="ref3">``) rather than numbering a Markdown list."""
    if opening := entry_label(text):
        return opening.label, True
    if item.tag and (html := HTML_ITEM.match(item.lines[0] if item.lines else "")):
        label = html.group("label")
        if label is not None:
            return label, True
    if item.number is not None:
        return str(item.number), False
    numbered = BULLET_NUMBER.match(text)
    return (numbered.group("label"), False) if numbered else (None, False)


def _same_work(parent: Candidate, child: Candidate) -> bool:
    parent_ids = _ids(parent.body)
    return bool(parent_ids & _ids(child.body))


def _ids(body: str) -> set[str]:
    text, links = extract_links(body)
    ids = find_identifiers(text, links)
    out = {f"arxiv:{ids.arxiv}"} if ids.arxiv else set()
    if ids.doi:
        out.add(f"doi:{ids.doi.lower()}")
    out.update(f"url:{link.url.rstrip('/')}" for link in links if is_paper_url(link.url))
    return out


def _complete_numbered_list(
    items: list[tuple[ListItem, list[Candidate], int]], document: Document
) -> list[tuple[ListItem, list[Candidate], int]]:
    """In a numbered list that is mostly references (two thirds of at least three items), an
    item the shape rules missed but that has a year and a sentence's worth of words is a
    reference too: losing it silently would be worse than flagging it if it reads badly."""
    is_reference = [any(c.shape in _REFERENCE_SHAPES for c in found) for _, found, _ in items]
    if len(items) < 3 or sum(is_reference) * 3 < len(items) * 2:
        return items
    completed = []
    for (item, found, section), known in zip(items, is_reference, strict=True):
        body = html_to_markdown(item_text(item, Where(html=bool(item.tag))))
        plain = squash(strip_html(body))
        if not known and find_year(plain) is not None and len(plain.split()) >= 6:
            label = str(item.number) if item.number is not None else None
            raw = _item_raw(document, item)
            completed.append(
                (item, [Candidate(Shape.CITATION, item.line, label, raw, body)], section)
            )
        else:
            completed.append((item, found, section))
    return completed


def _is_candidate_paragraph(block: Paragraph, where: Where) -> bool:
    """Whether a paragraph is an occurrence on its own (a heading above it then names none)."""
    text = paragraph_text(block, where)
    if entry_label(text) is not None:
        return True
    return _paragraph_shape(block, html_to_markdown(text)) is not None


def _opening_shape(body: str, is_item: bool) -> Shape | None:
    """``[Title](url)`` opening the text, after status marks and dates."""
    opening = _LEADING_NOISE.sub("", body.split("\n", 1)[0])
    if not _LINK_START.match(opening):
        return None
    text, links = extract_links(opening)
    first = links[0] if links else None
    if (
        first
        and (first.url.startswith("http") or is_paper_url(first.url))
        and not is_generic_link_text(first.text)
        and _opens_with(opening, first.text)
        and (is_item or len(squash(strip_symbols(text)).split()) <= 8 + len(first.text.split()))
    ):
        return Shape.LINK
    return None


def _paragraph_shape(block: Paragraph, body: str) -> Shape | None:
    """A paragraph that opens with a titled link, or whose lines, ended by hard breaks, read
    as a citation (``**Title** \\`` / ``*Authors* \\`` / ``arXiv 2023. [[Paper](…)]``)."""
    shape = _opening_shape(body, is_item=False)
    if shape is not None:
        return shape
    if "\n" in block.text and any(span.kind is SpanKind.BREAK for span in block.spans):
        text, links = extract_links(body)
        if any(is_paper_url(link.url) for link in links) or _reads_as_citation(text):
            return Shape.CITATION
    return None


def _item_shape(
    item: ListItem, body: str, is_labelled: bool, links_of_its_own: bool
) -> Shape | None:
    """How the item prints a reference, or None. ``links_of_its_own``: the bullet's own text
    (not the link-only sub-bullets joined to it) holds links."""
    shape = _opening_shape(body, is_item=True)
    if shape is not None:
        return shape
    if is_labelled:
        return Shape.CITATION
    text, links = extract_links(body)
    plain = squash(strip_symbols(strip_html(text)))
    paper_links = [link for link in links if is_paper_url(link.url)]
    if paper_links and all(not link.text for link in links) and len(plain.split()) <= 12:
        return Shape.BARE_URL
    venue = VENUE_LINK.match(body)
    if venue and _has_words(plain) and (venue_year(venue[1]) or is_venue_name(venue[1])):
        return Shape.CITATION  # "[[ICCV](any host)] Title.": the venue link is the paper's
    names = paper_links and all(_names_in_passing(link.text) for link in paper_links)
    if names and _words_before_link(body) and not _reads_as_citation(text):
        return None  # "Support [DSVT](arxiv) in projects": a prose link (`_prose_links`)
    if paper_links or find_identifiers(plain, ()).arxiv or find_identifiers(plain, ()).doi:
        return Shape.CITATION if _has_words(plain) else Shape.BARE_URL
    if _reads_as_citation(text) or _is_title_only(item, body, plain, links_of_its_own):
        return Shape.CITATION
    if named_work(plain) is not None:
        return Shape.CITATION  # "PointNet++ (NeurIPS'2017)", as a model zoo lists its methods
    return None


def _names_in_passing(link_text: str) -> bool:
    """A link on a work's short name, ``[Nerf-Det](…)``, not on a title, a venue (``[[ECCV](…)]
    Title``) or a generic word."""
    words = squash(strip_emphasis(strip_html(link_text)))
    return (
        is_short_name(words)
        and not is_generic_link_text(words)
        and venue_year(words) is None
        and not is_venue_name(words)
    )


def _words_before_link(text: str) -> bool:
    """The text opens with words, not with a link: ``Support [DSVT](…)``."""
    first = next(iter_links(text), None)
    if first is None:
        return False
    return bool(re.search(r"[A-Za-z]{2}", text[: text.find(first[0])]))


def _opens_with(opening: str, link_text: str) -> bool:
    return strip_emphasis(opening[1 : 1 + len(link_text) + 4]).startswith(
        strip_emphasis(link_text)[:10]
    )


def _has_words(text: str) -> bool:
    return len(re.findall(r"[A-Za-z]{2,}", text)) >= 2


def _reads_as_citation(text: str) -> bool:
    """Authors then a year, or a bold/italic title and a year: ``A, B. 2020. **T**``, or words
    and a venue tag: ``Title | **[NeurIPS' 20]**``."""
    plain = squash(strip_html(text))
    if any(venue_tag(tag) for tag in _BRACKETS.findall(plain)) and _has_words(
        _BRACKETS.sub(" ", plain)
    ):
        return True
    if find_year(plain) is None:
        return False
    bold = re.search(r"\*\*(.+?)\*\*|__(.+?)__", plain)
    if bold and is_title_like(bold.group(1) or bold.group(2)):
        return True
    first = re.split(r"(?<=[a-z]{2})\.\s|\(", strip_emphasis(plain), maxsplit=1)[0]
    return looks_like_authors(first) and ("," in first or " and " in first or "et al" in first)


_BRACKETS = re.compile(r"\[[^\[\]]{2,48}\]")


def _is_title_only(item: ListItem, body: str, plain: str, has_links: bool) -> bool:
    """A top-level bullet that is just a paper title: ``Name : Title Cased Words Of A Paper``."""
    if item.depth or has_links or "\n" in body.strip() or ":" not in plain:
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", plain) if len(w) > 3]
    if len(plain.split()) < 6 or plain.rstrip().endswith((".", ",")):
        return False
    return bool(sum(w[0].isupper() for w in words) >= 0.75 * len(words))


def _over_citation(
    text: str, nested: list[ListItem], where: Where
) -> tuple[str, str, ListItem] | None:
    """A bullet that names a work over the sub-bullet that cites it: (the name, the text to
    read, that sub-bullet), or None.

    The bullet holds only a short name and links (``GFRNN [[Paper](…)]``) and exactly one
    sub-bullet reads as a full citation, names and a marked title; or the bullet holds only
    names and a year (``Alex Graves (2008)``) and the one sub-bullet is a titled link.
    """
    if len(nested) != 1 or any(isinstance(b, ListItem) for b in nested[0].blocks):
        return None
    child = nested[0]
    child_text = squash(item_text(child, where))
    plain, links = extract_links(text)
    plain = squash(re.sub(r"\[\s*\]", " ", strip_symbols(strip_html(plain))))
    own_links = " ".join(f"[{link.text or 'link'}]({link.url})" for link in links)
    cited = squash(strip_html(extract_links(child_text)[0]))
    if _is_work_name(plain) and reads_as_full_citation(cited):
        return plain, f"{child_text} {own_links}", child
    dated = _NAMES_AND_YEAR.fullmatch(plain)
    titled = _opening_shape(html_to_markdown(child_text), is_item=True) is Shape.LINK
    if dated and looks_like_authors(dated.group(1)) and not links and titled:
        return "", f"{dated.group(1)} ({dated.group(2)}). {child_text}", child
    return None


def _is_work_name(text: str) -> bool:
    """A few words naming a method or model, not a sentence: ``Bi-directional RNN``, ``GRU
    (Gated Recurrent Unit)``, ``Deep Attention Recurrent Q-Network``."""
    words = re.sub(r"\([^()]*\)", " ", text).split()
    return 1 <= len(words) <= 6 and not text.rstrip().endswith((".", ",", ":"))


#: ``Alex Graves (2008)``: names and a year in parentheses.
_NAMES_AND_YEAR = re.compile(r"(.+?)\s*\(((?:19|20)\d{2})\)")


def _other_works(line: int, text: str) -> Iterator[Candidate]:
    """The later links of a ``[Title](url)`` entry that name another paper by its title:
    ``[Efficient Locking for …](btree.pdf) (1981) and The [R*-tree: …](rstar.pdf) (1990)``."""
    first_line, _, _ = text.partition("\n")
    for source, link in list(iter_links(first_line))[1:]:
        words = squash(strip_emphasis(strip_html(link.text)))
        titled = is_titled_link(link) and is_title_like(words) and venue_year(words) is None
        if titled and is_paper_url(link.url):
            after = first_line[first_line.find(source) + len(source) :]
            dated = _YEAR_AFTER.match(after)
            body = source + (dated.group(0) if dated else "")
            yield Candidate(Shape.PROSE_LINK, line, None, body, body)


#: ``(1990)`` right after a link: the year of the work it names.
_YEAR_AFTER = re.compile(r"\s*+\((?:19|20)\d{2}\)")


def _prose_links(line: int, text: str) -> Iterator[Candidate]:
    """Links in running text whose text is a title and whose target is a paper."""
    for offset, printed in enumerate(text.split("\n")):
        for source, link in iter_links(printed):
            named = is_titled_link(link) or _names_in_passing(link.text)
            if named and is_paper_url(link.url):
                yield Candidate(Shape.PROSE_LINK, line + offset, None, source, source)

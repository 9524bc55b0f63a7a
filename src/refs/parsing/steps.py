"""The named steps that read one candidate occurrence into BibTeX fields.

Each step is a function ``Draft -> Draft``; `PARSE_STEPS` is the default pipeline, in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from refs.escaping import latex_text, url_text, without_controls
from refs.model import LINK_FIELDS, SourceLocation
from refs.model.identifiers import acl_id_from_url, openreview_id_from_url
from refs.parsing.candidates import Candidate
from refs.parsing.citation import (
    LOW_CONFIDENCE,
    Parts,
    is_short_name,
    is_title_like,
    split_citation,
)
from refs.parsing.identifiers import (
    FoundIds,
    find_identifiers,
    is_paper_url,
    remove_identifiers,
    year_from_identifiers,
)
from refs.parsing.markup import (
    Link,
    extract_links,
    is_generic_link_text,
    is_titled_link,
    iter_links,
    join_lines,
    repair_text,
    squash,
    strip_emphasis,
    strip_html,
    strip_symbols,
)
from refs.parsing.names import AuthorList, Name, looks_like_authors, parse_authors, strip_end
from refs.parsing.record import Record, Shape
from refs.parsing.title import clean_title, protect_title
from refs.parsing.venue import (
    PUBLISHER,
    VENUE_LINK,
    find_year,
    is_venue_name,
    named_work,
    parse_tail,
    spell_venue_years,
    venue_tag,
    venue_year,
)

#: ``[2023/04]``, ``**[2023.05]**`` opening an entry (year, then month), or a ``[12]`` label.
_LEADING_DATE = re.compile(
    r"^\s*(?:\*\*)?\[\s*((?:19|20)\d{2})(?:[-./](\d{1,2}))?(?:[-./]\d{1,2})?\s*\](?:\*\*)?"
    r"[\s:,-]*|^\s*\[\s*\d{1,3}\s*\]\s*"
)
#: ``2015-CVPR - ``, ``2014 - ``, ``2019-ICLR_W - ``: a year, perhaps a venue, then a dash before
#: the title.
_YEAR_VENUE_OPENING = re.compile(
    r"^\s*+((?:19|20)\d{2})(?:-([A-Za-z][\w&+.]{0,24}))?\s++[-\u2013—:]\s++(?=\S)"
)
#: ``**[CVPR 2014]**``, ``[ICLR 2024]``, ``` `ICLR 2024` ``` opening an entry: its venue.
_LEADING_VENUE = re.compile(r"^\s*(?:\*\*|__)?\[([^\[\]]{2,40})\](?:\*\*|__)?[\s:,-]*")
#: A date cell or note: ``2023.05``, ``2023/04``, ``2023-07``.
_DATE = re.compile(r"^\W*((?:19|20)\d{2})[-./](\d{1,2})\W*$")


@dataclass(frozen=True, slots=True)
class Draft:
    """A candidate on its way to a `Record`: the working text and what was read so far."""

    candidate: Candidate
    text: str = ""
    cells: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    parts: Parts = field(default_factory=Parts)
    date_year: str | None = None
    date_month: str | None = None
    #: The year the tail prints (``Nature 521.7553 (2015): 436-444``: 2015), read with the
    #: venue by `read_venue`, once.
    tail_year: str | None = None
    #: A venue named by the link opening the entry, ``[[ACL](…)] Title``, which `take_links`
    #: took out of the text with the other link words.
    venue: str = ""
    ids: FoundIds = field(default_factory=FoundIds)
    fields: Mapping[str, str] = field(default_factory=dict)
    flags: tuple[str, ...] = ()

    def with_fields(self, **values: str | None) -> Draft:
        """A copy with ``values`` set (None or empty values are left out)."""
        given = {k: v for k, v in values.items() if v}
        if not given:
            return self
        return replace(self, fields={**self.fields, **given})

    def flagged(self, *flags: str) -> Draft:
        """A copy with ``flags`` added."""
        if not flags:
            return self
        return replace(self, flags=tuple(dict.fromkeys((*self.flags, *flags))))


Step = Callable[[Draft], Draft]


def repair_mojibake(draft: Draft) -> Draft:
    """Undo UTF-8-read-as-cp1252 (``KÃ¶pf`` -> ``Köpf``) and decode LaTeX accents."""
    c = draft.candidate
    return replace(
        draft,
        text=repair_text(c.body),
        cells=tuple(repair_text(cell) for cell in (c.venue, c.date, *c.others)),
    )


#: A Markdown backslash escape: ``\\*``, ``\\[``, ``\\<`` (CommonMark, "Backslash escapes").
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Where an escaped character waits, in the Private Use Area, until `to_record` makes it
#: text again: no markup pattern of the later steps can take it for syntax.
_HIDDEN = 0xF0000
_SHOWN = str.maketrans({_HIDDEN + code: chr(code) for code in range(0x21, 0x7F)})
_ANY_HIDDEN = re.compile(f"[{chr(_HIDDEN + 0x21)}-{chr(_HIDDEN + 0x7E)}]")


def hide_escapes(text: str) -> str:
    """Backslash-escaped punctuation as characters that no markup rule of the parser reads.

    >>> hide_escapes(r"a \\*b\\* \\<c\\>").translate(_SHOWN)
    'a *b* <c>'
    """
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(_HIDDEN + ord(m.group(1))), text)


def keep_escapes(draft: Draft) -> Draft:
    """What the document escaped stays text: ``\\*`` is a star, not emphasis, and ``\\[`` a
    bracket, not a link (`hide_escapes`). LaTeX accents were decoded just before."""
    c = draft.candidate
    return replace(
        draft,
        candidate=replace(c, authors=hide_escapes(repair_text(c.authors))),
        text=hide_escapes(draft.text),
        cells=tuple(hide_escapes(cell) for cell in draft.cells),
    )


def join_wrapped_lines(draft: Draft) -> Draft:
    """Join a wrapped occurrence into one line; ``instruction-`` + ``tuned`` keeps its hyphen."""
    return replace(draft, text=join_lines(draft.text))


def take_links(draft: Draft) -> Draft:
    """Take links, code-span URLs and bare URLs out of the text, then HTML and status marks."""
    opening = VENUE_LINK.match(draft.text)
    venue = opening.group(1) if opening and venue_year(opening.group(1)) else ""
    text = draft.text
    if draft.candidate.shape is Shape.CITATION:
        text = _quote_linked_title(text)
    text, links = extract_links(text)
    text = _TAG.sub(" ", text)
    cells = []
    for cell in draft.cells:
        cell_text, cell_links = extract_links(cell)
        links += cell_links
        cells.append(squash(strip_html(cell_text)))
    text = squash(strip_symbols(strip_html(text)))
    return replace(draft, text=text, links=links, cells=tuple(cells), venue=venue)


def _quote_linked_title(text: str) -> str:
    """``A. One, B. Two, [Title](url), Nature 2015``: a titled link right after the names is
    the title, marked as if quoted so that the citation readers see it as one."""
    if "](" not in text:
        return text
    for source, link in iter_links(text):
        at = text.find(source)
        names = strip_end(squash(strip_emphasis(strip_html(text[:at]))))
        titled = len(link.text.split()) >= 2 and not is_generic_link_text(link.text)
        if titled and names and looks_like_authors(names):
            return f"{text[:at]}“{source}”{text[at + len(source) :]}"
        return text
    return text


def spell_years(draft: Draft) -> Draft:
    """A venue's short year written out: ``ICLR'24`` -> ``ICLR 2024``, ``ICML2023`` -> ``ICML
    2023`` (`spell_venue_years`), so that every later step reads one form."""
    return replace(
        draft,
        text=spell_venue_years(draft.text),
        cells=tuple(spell_venue_years(cell) for cell in draft.cells),
        links=tuple(Link(spell_venue_years(link.text), link.url) for link in draft.links),
    )


def find_ids(draft: Draft) -> Draft:
    """Identifiers printed in the text (and cells) and carried by the links of this work.

    In a ``[Title](url) - notes`` entry, a later link with a title of its own (``An Introductory
    Textbook Based on [*A Survey of Large Language Models*](arxiv)``) names another work: its
    identifiers are not this one's.
    """
    links = draft.links
    if draft.candidate.shape is Shape.LINK and links:
        links = (links[0], *(link for link in links[1:] if not is_titled_link(link)))
    return replace(draft, ids=find_identifiers(" ".join((draft.text, *draft.cells)), links))


def split_parts(draft: Draft) -> Draft:
    """Cut the text into authors, title and tail, as the occurrence's shape prints them."""
    text, short, venue, date_year, date_month = _openings(draft)
    if not venue and (opening := _LEADING_VENUE.match(text)):
        if venue_year(opening.group(1)) or _links_the_paper(draft, opening.group(1)):
            venue, text = opening.group(1), text[opening.end() :]
        elif tag := venue_tag(f"[{opening.group(1)}]"):
            # "[I3D '24] Title": a venue the vocabulary does not know, and its year.
            venue, date_year, text = tag[0], date_year or tag[1], text[opening.end() :]
        elif is_short_name(opening.group(1)) and not is_generic_link_text(opening.group(1)):
            # "**[R-CNN]** Rich feature hierarchies …": the work's short name, not an author.
            short, text = opening.group(1).strip(), text[opening.end() :]
    shape = draft.candidate.shape
    named = named_work(text) if shape is Shape.CITATION and not venue else None
    if named is not None:
        # "PointNet++ (NeurIPS'2017)": a model zoo's method, its name, venue and year.
        short, venue, date_year = named[0], named[1], date_year or named[2]
        parts = Parts()
    elif venue and shape is Shape.CITATION and not _MARKED.search(text):
        # "[[CVPR](…)] [270 stars] Title. [tag]": no emphasis or quotes to read; the title
        # is the text after the venue.
        parts = _title_after(text) or split_citation(text)
    elif shape is Shape.CITATION:
        parts = split_citation(text)
    elif shape is Shape.LINK or shape is Shape.PROSE_LINK:
        parts = _link_entry(draft, text)
    elif shape is Shape.TABLE_ROW:
        venue = draft.cells[0] if draft.cells else ""
        date = draft.cells[1] if len(draft.cells) > 1 else ""
        authors = squash(strip_emphasis(strip_html(repair_text(draft.candidate.authors))))
        parts = Parts(authors=authors, title=_linked_title(draft, text), tail=venue)
        date_year = date_year or find_year(date)
        if (dated := _DATE.match(date)) and dated.group(1) == date_year:
            date_month = date_month or dated.group(2)
        venue = ""
    else:
        title = _EMPTY_BRACKETS.sub(" ", text).strip(" :-\u2013—,")
        if dated := _BRACKETED_YEAR.search(title):
            # "- PSPNet [https://arxiv.org/…] [2017]": the year in brackets is the work's
            date_year = date_year or (dated[1] if dated[1] != "?" else None)
            title = title[: dated.start()].strip(" :-\u2013—,")
        if shape is Shape.BARE_URL and re.fullmatch(r"\([^()]*\)", title):
            title = ""  # "https://arxiv.org/abs/… (the paper's whitepaper)": a remark, no title.
        if shape is Shape.BARE_URL and (is_short_name(title) or _is_name(title)):
            parts = Parts(short=title)  # "- U-Net [https://arxiv.org/…]": a name, no title
        else:
            parts = Parts(title=title)
    if draft.candidate.authors and shape in (Shape.CITATION, Shape.LINK):
        # the names printed apart, on a sub-bullet under the title
        printed = squash(strip_emphasis(strip_html(repair_text(draft.candidate.authors))))
        parts = replace(parts, authors=printed, confidence=max(parts.confidence, 0.8))
    if venue:
        parts = replace(parts, tail=f"{venue}. {parts.tail}")
    draft = draft.with_fields(shorttitle=short or parts.short)
    return replace(draft, parts=parts, date_year=date_year, date_month=date_month)


#: ``[2017]`` (or ``[?]``) ending the text: the year a list of names and links prints.
_BRACKETED_YEAR = re.compile(r"\s*+\[\s*+((?:19|20)\d{2}|\?)\s*+\]\s*$")
#: What bracketed bare URLs leave once taken out: ``[ , ]``.
_EMPTY_BRACKETS = re.compile(r"\[[\s,;]*\]")
#: A work's name of up to three words, then a dash, then the rest: ``ABC-GAN - …``.
_NAME_BEFORE_LINK = re.compile(r"^\s*+([^\s\[\]()][^\[\]()]{0,40}?)\s++[-\u2013—]\s++(.+)$", re.S)


def _openings(draft: Draft) -> tuple[str, str, str, str | None, str | None]:
    """What opens the entry before its title, and the text after it: (text, short name, venue,
    year, month) from a leading date, a name and a dash before a linked title, a year and a
    venue and a dash, or a venue tag among cells."""
    text, short, venue = draft.text, "", draft.venue
    date_year = date_month = None
    if leading := _LEADING_DATE.match(text):
        date_year, date_month, text = leading.group(1), leading.group(2), text[leading.end() :]
    prefixed = _NAME_BEFORE_LINK.match(text)
    if prefixed and _is_name(prefixed.group(1)) and _titled_link_opens(draft, prefixed.group(2)):
        # "* 3D-GAN - [Learning a Probabilistic Latent Space …](arxiv)": a name, then its paper
        short, text = prefixed.group(1), prefixed.group(2)
    if not date_year and (dated := _YEAR_VENUE_OPENING.match(text)):
        # "2015-CVPR - Title. [[Paper]](…)": the year and the venue before the title
        date_year, venue, text = dated.group(1), venue or dated.group(2) or "", text[dated.end() :]
    if not venue and (tagged := _cell_tag(text)):
        # "Title | **[ESANN' 15]** | [pdf]": a list item printed as cells, one a venue tag.
        text, venue, date_year = tagged[0], tagged[1], date_year or tagged[2]
    return text, short, venue, date_year, date_month


def _is_name(text: str) -> bool:
    """A work's name of up to three words, one of them a coined word (a capital or a digit
    after its first letter: ``3D-GAN``, ``iGAN``, ``Adaptive GAN``); not a person's name."""
    words = text.split()
    return (
        len(words) <= 3
        and "," not in text
        and any(re.search(r"[A-Z0-9]", word[1:]) for word in words)
    )


def _titled_link_opens(draft: Draft, rest: str) -> bool:
    """``rest`` opens with the text of the entry's first link, a title (two words or more)."""
    first = next((link for link in draft.links if link.text), None)
    if first is None or len(first.text.split()) < 2 or is_generic_link_text(first.text):
        return False
    return squash(strip_emphasis(rest)).startswith(squash(strip_emphasis(first.text))[:40])


def _cell_tag(text: str) -> tuple[str, str, str] | None:
    """A text cut into cells by ``|`` with one cell a venue tag (`venue_tag`): the other cells
    as sentences, the venue and its year."""
    if "|" not in text:
        return None
    cells = [cell.strip() for cell in text.split("|")]
    for n, cell in enumerate(cells):
        if tag := venue_tag(cell):
            rest = ". ".join(c for m, c in enumerate(cells) if m != n and c)
            return rest, tag[0], tag[1]
    return None


def _links_the_paper(draft: Draft, said: str) -> bool:
    """``[[MMM](springer…)] Title``: one word linking the paper names where it appeared (a
    venue the vocabulary may not know), not the work."""
    said = said.strip()
    return " " not in said and any(
        link.text == said and is_paper_url(link.url) for link in draft.links
    )


def _linked_title(draft: Draft, text: str) -> str:
    """A cell's linked title without the bracketed note after the link: ``Title (FID)``."""
    first = next((link for link in draft.links if link.text), None)
    if first is None:
        return text
    title = squash(first.text)
    if not is_title_like(text) and not is_generic_link_text(title):
        # "![Star](…) <br> [**Title**](…)": the title cell held a badge, then the linked title.
        return title
    at = text.find(title)
    if (
        at >= 0
        and not text[:at].strip()
        and re.fullmatch(r"\s*\([^()]+\)\s*", text[at + len(title) :])
    ):
        return title
    return text


def _link_entry(draft: Draft, text: str) -> Parts:
    """``[Title](url)`` then notes: ``by A. Author``, ``2023.06``, ``(NeurIPS 2022)``."""
    first = next((link for link in draft.links if link.text), None)
    title = first.text if first else ""
    if draft.candidate.shape is Shape.PROSE_LINK:
        # "Support [Nerf-Det](arxiv) in projects": a link on a short name names the work by it;
        # "[Title](b.pdf) (1990)", another work of a link entry, keeps its year.
        dated = re.search(r"\(((?:19|20)\d{2})\)\s*$", text)
        year = dated.group(1) if dated else None
        return (
            Parts(short=title, year=year) if is_short_name(title) else Parts(title=title, year=year)
        )
    if first and venue_year(title) and (parts := _after_venue_link(text, title)):
        return parts
    plain_title = squash(strip_emphasis(title))
    rest = squash(strip_emphasis(text))
    at = rest.find(plain_title)
    rest = rest[at + len(plain_title) :] if at >= 0 else rest
    described = _DESCRIBED.match(rest)
    if described and not looks_like_authors(re.split(r"[.(]", described.group(2))[0]):
        # "[Title](papers/x.pdf) (1997): This paper illustrates …": a year, then a comment
        return Parts(title=title, year=described.group(1))
    authors, year, venue = "", None, ""
    rest = rest.strip(" .,;:-\u2013—")
    # "- A. Author, B. Author (NeurIPS 2024)": the venue in parentheses after the names is a
    # piece of its own, as if printed "- A. Author, B. Author - NeurIPS 2024"
    rest = _VENUE_AFTER_NAMES.sub(r" - \1", rest)
    # "(ACL 2023) - A. Author, …": a parenthesised venue right after the title stands alone.
    opening = re.match(r"\([^()]*\)", rest)
    sentences = re.split(r"(?<=[a-z)]{2})\.\s+", rest[opening.end() :] if opening else rest)
    if opening:
        sentences.insert(0, opening.group(0))
    for sentence in sentences:
        for printed in re.split(r"\s[-\u2013—]\s", sentence):
            segment = printed.strip(" .,;:-\u2013—")
            by = re.match(r"^\s*by\s+(.+?)\s*(?:[,;]|$)", segment)
            if by and not authors:
                authors, segment = by.group(1), segment[by.end() :]
            # "A. Author, B. Author, et al., 2023": the names, then the year they end with.
            if not authors and (lead := _leading_authors(segment)):
                authors, segment = lead, segment[len(lead) :]
            names = _YEAR_AT_END.sub("", segment)
            if not authors and looks_like_authors(names):
                authors, segment = names, segment[len(names) :]
            pieces = re.split(r"[,;|]|\s[-\u2013—]\s", segment)
            year_later = _years_after(pieces)
            for n, piece in enumerate(pieces):
                bare = piece.strip(' .()[]*“”"')
                if re.fullmatch(r"(19|20)\d{2}(?:[-./]\d{1,2}){0,2}", bare):
                    year = year or bare[:4]
                elif find_year(bare) and re.match(r"[A-Z]", bare) and _is_venue_note(bare):
                    year, venue = year or find_year(bare), venue or bare
                elif not venue and authors and _is_title_case(bare) and year_later[n]:
                    # "A. Author; Foundations and Trends in ML, 2023": the venue before the year.
                    venue = bare
    # "Moerland, Broekens, Plaat": after a link, one-word names are family names, not pairs.
    surnames = bool(authors) and all(
        len(p.split()) == 1
        for p in re.split(r",|;|\s(?:and|&)\s", _drop_et_al(authors))
        if p.strip()
    )
    return Parts(authors=authors, title=title, tail=venue, year=year, surnames=surnames)


#: After a link, an optional ``(Year)``, a colon and a comment of six words or more.
_DESCRIBED = re.compile(r"^\s*+(?:\(((?:19|20)\d{2})\))?\s*+:\s++((?:\S+\s+){5}\S.*)", re.S)
#: A short parenthesised note with a year ending the text after a link: ``(NeurIPS 2024)``.
_VENUE_AFTER_NAMES = re.compile(r"(?<=[^\W\d_.])\s*+\(([^()]{0,40}?(?:19|20)\d{2})\)\s*$")
#: Bracketed notes after a venue link: ``[1k:fire:]``, ``[572 ]`` (counts, status marks).
_BRACKETED = re.compile(r"^(?:[\s\]]*\[[^\[\]]*\])*[\s\]]*")
#: Where a title ends: a period closing a sentence, or the next bracket (a tag, a link).
_TITLE_END = re.compile(r"(?<=[\w)])\.(?=\s|$)|\s\[")


#: Keyword tags after a title: ``[**`qnn`**]``, ``[__`cls.`__ __`seg.`__]`` (lower-case words).
_TAG = re.compile(r"\[\s*+(?:(?:\*\*|__)\s*+[a-z][\w.-]{0,24}\s*+(?:\*\*|__)\s*+)++\]")
#: Emphasis or quotes, which the citation readers take a title from.
#: A tag in brackets (``[**`qnn`**]``, ``[__`hardware`__]``, ``[__`cls.`__ __`seg.`__]``) is no
#: title.
_MARKED = re.compile(r"(?<![\[*])\*\*?(?!\*)[^*\[\]]+\*|(?<!\[)__[^_\[\]]+__|[\"“]")


def _after_venue_link(text: str, venue: str) -> Parts | None:
    """``[[CVPR](paper)] [270 stars] Title. [tag] [code]``: the link names the venue, the title
    follows it."""
    at = text.find(venue)
    if at < 0:
        return None
    parts = _title_after(text[at + len(venue) :])
    return replace(parts, tail=f"{venue}. {parts.tail}") if parts else None


def _title_after(text: str) -> Parts | None:
    """After a venue: bracketed counts and marks, then the title up to its period or the next
    bracket; the rest is the tail."""
    rest = _BRACKETED.sub("", text, count=1)
    end = _TITLE_END.search(rest)
    title, tail = (rest[: end.start()], rest[end.end() :]) if end else (rest, "")
    tail = _TAG.sub(" ", tail)
    return Parts(title=title, tail=tail) if is_title_like(title) else None


def _years_after(pieces: list[str]) -> list[bool]:
    """``out[n]``: a piece after ``pieces[n]`` prints a year (one pass, from the end)."""
    out = [False] * len(pieces)
    for n in range(len(pieces) - 2, -1, -1):
        out[n] = out[n + 1] or find_year(pieces[n + 1]) is not None
    return out


#: ``, 2023)`` ending a note; it starts where its run of commas and spaces starts.
_YEAR_AT_END = re.compile(r"(?<![,\s(])[,\s(]++(?:19|20)\d{2}\)?$")
#: ``et al.``, from where its run of spaces starts.
_ET_AL = re.compile(r"(?:,|(?<![\s,]))\s*\bet\.?\s*+al\b\.?")


def _drop_et_al(text: str) -> str:
    return _ET_AL.sub("", text)


def _leading_authors(segment: str) -> str:
    """The names opening a note, up to ``;``, ``et al.``, a year, a venue or a publisher.

    ``Ha & Lee, 2018``, ``Ng et al., NIPS 2017``, ``A. Ng and B. Lee, MIT Press, 2018``.
    """
    head = segment.split(";", 1)[0]
    if head != segment and looks_like_authors(head):
        return head
    taken = ""
    for piece in re.split(r"(?=,)", segment):
        bare = piece.lstrip(", ")
        if re.search(r"\d", bare) or is_venue_name(bare) or PUBLISHER.search(bare):
            break
        taken += piece
        if re.search(r"\bet\.?\s*al\b\.?\s*$", bare):
            break
    taken = taken.rstrip(" ,")
    return taken if taken and looks_like_authors(taken) else ""


def _is_title_case(text: str) -> bool:
    """``Foundations and Trends in Machine Learning``, ``MIT Press``: long words capitalised."""
    words = text.split()
    return (
        1 <= len(words) <= 8
        and bool(re.match(r"[A-Z]", text))
        and all(w[0].isupper() for w in words if len(w) > 3)
        and not re.search(r"\d", text)
    )


def _is_venue_note(text: str) -> bool:
    """``NeurIPS 2022`` or ``Findings of ACL 2023`` after a link: short, or a known venue."""
    return len(text.split()) <= 3 or is_venue_name(text)


def read_authors(draft: Draft) -> Draft:
    """The author list as BibTeX names (``Last, First and … and others``)."""
    authors = parse_authors(draft.parts.authors)
    if draft.parts.surnames:
        pieces = re.split(r",|;|\s(?:and|&)\s", _drop_et_al(draft.parts.authors))
        names = tuple(Name(p.strip(" .")) for p in pieces if p.strip(" ."))
        authors = AuthorList(names, authors.has_others)
    return draft.with_fields(author=authors.bibtex())


def read_title(draft: Draft) -> Draft:
    """The title, cleaned of markup (`to_record` escapes it and brace-protects acronyms)."""
    title = clean_title(draft.parts.title)
    if not re.search(r"[^\W\d_]", title):
        return draft
    return draft.with_fields(title=title)


def read_venue(draft: Draft) -> Draft:
    """Venue (journal / booktitle / howpublished / publisher), volume, number, pages, notes."""
    tail = parse_tail(remove_identifiers(draft.parts.tail))
    fields = dict(tail.fields)
    journal, arxiv = fields.get("journal", ""), draft.ids.arxiv
    # Keep "arXiv preprint arXiv:2212.09689" whole when that is how the text printed it.
    if (
        arxiv
        and journal.lower().endswith("arxiv")
        and re.search(rf"arxiv\s*+:\s*+{re.escape(arxiv)}", draft.parts.tail, re.IGNORECASE)
    ):
        fields["journal"] = f"{journal}:{arxiv}"
    return replace(draft.with_fields(**fields), tail_year=tail.year)


def read_year(draft: Draft) -> Draft:
    """The printed year, else a date (cell, ``[2023-07]``), else the year heading the entry is
    listed under (``### 2016``), else the year an identifier implies; the month of a date that
    gives the year (``2023.05``)."""
    printed = draft.parts.year or draft.tail_year
    year = (
        printed
        or draft.date_year
        or draft.candidate.heading_year
        or year_from_identifiers(draft.ids.arxiv, draft.ids.acl)
    )
    month = draft.date_month if year == draft.date_year and draft.date_month else None
    return draft.with_fields(year=year, month=str(int(month)) if month else None)


def read_identifiers(draft: Draft) -> Draft:
    """eprint/archiveprefix for arXiv, and doi; flag a printed id that the link contradicts."""
    ids = draft.ids
    if ids.arxiv:
        draft = draft.with_fields(eprint=ids.arxiv, archiveprefix="arXiv")
    draft = draft.with_fields(doi=ids.doi)
    return draft.flagged("id-mismatch") if ids.mismatches else draft


def choose_url(draft: Draft) -> Draft:
    """The main link in ``url`` (own link, else a paper link); the others in ``refs-links``."""
    # a relative link counts only to a PDF (``papers/x.pdf``, the repository's copy)
    links = [link for link in draft.links if link.url.startswith("http") or is_paper_url(link.url)]
    if not links:
        return draft
    own = next((link for link in links if link.text and draft.candidate.shape is Shape.LINK), None)
    paper = next((link for link in links if is_paper_url(link.url)), None)
    main = own or paper or links[0]
    # arXiv ids and DOIs have fields of their own; an ACL Anthology or OpenReview id is kept
    # by the link that carries it, so such a link is the main one: "[arXiv](…) and
    # [NeurIPS 2022](https://openreview.net/forum?id=…)" keeps both ids.
    if not _names_a_work(main.url):
        main = next((link for link in links if _names_a_work(link.url)), main)
    extra = " ".join(dict.fromkeys(link.url for link in links if link.url != main.url))
    return draft.with_fields(url=main.url, **{"refs-links": extra})


def _names_a_work(url: str) -> bool:
    return bool(acl_id_from_url(url) or openreview_id_from_url(url))


def flag_gaps(draft: Draft) -> Draft:
    """Flag what a reader should look at: no title, no year, nothing understood, a reading
    made on weak evidence (``low-confidence``: sentence order alone, no marked span)."""
    flags = []
    if draft.parts.confidence < LOW_CONFIDENCE and "title" in draft.fields:
        flags.append("low-confidence")
    if "title" not in draft.fields:
        flags.append("no-title")
    if "year" not in draft.fields:
        flags.append("no-year")
    if not {"title", "author", "shorttitle"} & draft.fields.keys():
        flags.append("unparsed")  # a work named by its short name alone was read: no-title
    return draft.flagged(*flags)


def entry_type_of(fields: Mapping[str, str]) -> str:
    """``inproceedings`` for a booktitle, ``article`` for a journal, else by the main link.

    >>> entry_type_of({"url": "https://github.com/tatsu-lab/alpaca_eval"})
    'software'
    """
    url = fields.get("url", "").lower()
    if "booktitle" in fields:
        return "inproceedings"
    if "journal" in fields:
        return "article"
    if "huggingface.co/datasets/" in url:
        return "dataset"
    if re.search(r"//(www\.)?(github|gitlab)\.com/|//huggingface\.co/", url):
        return "software"
    if "eprint" in fields or "doi" in fields or (url and is_paper_url(url)):
        return "misc"
    howpublished = fields.get("howpublished", "").lower()
    if "software" in howpublished or "github" in howpublished:
        return "software"
    if url or "blog" in howpublished:
        return "online"
    return "misc"


#: Fields whose value is a link or an identifier: the model's, and ``refs-links``, which holds
#: the links of an occurrence, one per blank.
_LINK_VALUES = LINK_FIELDS | {"refs-links"}


def bibtex_value(name: str, text: str) -> str:
    r"""A field the steps read as text, as the BibTeX value that prints exactly that text.

    Text read from a document is text, not LaTeX: its backslashes, braces and ``& % # _ ^
    ~ $`` print as themselves. The ``--`` of a page range and the braces of a literal name
    (``{OpenAccess AI Collective}``) are refs's own BibTeX; acronyms in a title are
    brace-protected after escaping, so that the protection is BibTeX again.

    >>> bibtex_value("title", "LLaMA & \\input{x}")
    '{LLaMA} \\& {\\textbackslash}input{\\textbraceleft}x{\\textbraceright}'
    """
    if _ANY_HIDDEN.search(text):
        text = text.translate(_SHOWN)
    # Here text from a document becomes a record: no control character gets into the store.
    text = without_controls(text).strip()
    if name in _LINK_VALUES:
        return " ".join(url_text(link) for link in text.split())
    if name == "author":
        return " and ".join(_latex_name(n) for n in _top_level_split(text, " and "))
    if name == "pages":
        return "--".join(latex_text(part) for part in text.split("--"))
    escaped = latex_text(text)
    return protect_title(escaped) if name == "title" else escaped


def _latex_name(name: str) -> str:
    """One name of a BibTeX name list; the braces around a literal name are kept."""
    if (
        name.startswith("{")
        and name.endswith("}")
        and _top_level_split(name[1:-1], "}") == [name[1:-1]]
    ):
        return "{" + latex_text(name[1:-1]) + "}"
    return latex_text(name)


def _top_level_split(text: str, separator: str) -> list[str]:
    """``text`` cut at ``separator`` where it stands outside braces."""
    if "{" not in text and "}" not in text:
        return text.split(separator)
    pieces: list[str] = []
    depth = start = i = 0
    while i < len(text):
        char = text[i]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and text.startswith(separator, i):
            pieces.append(text[start:i])
            start = i = i + len(separator)
            continue
        i += 1
    pieces.append(text[start:])
    return pieces


def to_record(draft: Draft, file: str) -> Record:
    """The finished `Record`, its raw text verbatim, its text fields as BibTeX values."""
    c = draft.candidate
    fields = {name: bibtex_value(name, value) for name, value in draft.fields.items()}
    fields = {name: value for name, value in fields.items() if value}
    return Record(
        source=SourceLocation(file, c.line, c.label),
        entry_type=entry_type_of(fields),
        fields=fields,
        raw=c.raw,
        flags=draft.flags,
        shape=c.shape,
    )


#: The default pipeline, one named step per concern, in the order they run.
PARSE_STEPS: tuple[Step, ...] = (
    repair_mojibake,
    keep_escapes,
    join_wrapped_lines,
    take_links,
    spell_years,
    find_ids,
    split_parts,
    read_authors,
    read_title,
    read_venue,
    read_year,
    read_identifiers,
    choose_url,
    flag_gaps,
)

"""Free-text citations -> their parts: authors, title, and the tail (venue, year, notes).

Each reader handles one way of marking the title: ``**bold**`` (with italic authors in the
thunlp style), quotes, an APA ``(2020).``, and plain sentences ``Authors. Title. Venue.``
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from refs.parsing.names import looks_like_authors, strip_end
from refs.parsing.venue import find_year, is_venue_name, venue_closing

_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
#: ``*Authors*`` or ``_Authors_``; the span holds no other star (underscore), so that an
#: opener without its closer looks only as far as the next mark, not to the end of the text.
_ITALIC = re.compile(
    r"(?<![*\w])\*(?!\*)([^*]+?)(?<!\*)\*(?![*\w])|(?<![\w])_(?!_)([^_]+?)(?<!_)_(?![\w])"
)
#: A quoted title; a curly quote's span stops at the next opening quote, for the same reason.
_QUOTED = re.compile(r"“([^“”]{8,})”|\"([^\"]{8,})\"")
#: The year closing the authors: ``Zhou, C. 2023.``. It starts where its run of spaces,
#: commas and brackets starts (the look-behind), so a long run is scanned once, not per position.
_YEAR_AT_END = re.compile(r"(?<![\s,(])[\s,(]*+\(?((?:19|20)\d{2})[a-z]?\)?[.,]?\s*$")
_DATE = re.compile(r"^\[?\s*((?:19|20)\d{2})(?:[-./]\d{1,2}){0,2}\s*\]?$")
#: Words that show a bold span after the authors is how a work was published, not its title.
_MEDIUM = re.compile(r"^\W*(software|blog post|github repository|online)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Parts:
    """A citation cut into its parts; any may be empty."""

    authors: str = ""
    title: str = ""
    tail: str = ""
    year: str | None = None
    #: The author list prints family names only (``Ng, Lee, Tan``), not ``Last, First`` pairs.
    surnames: bool = False
    #: The work's short name printed before its title: ``<u>ModelX</u>: **"Title"**``.
    short: str = ""
    #: How sure the reader is of this reading, 0 to 1: marked spans (bold, quotes, an APA
    #: year) are strong evidence, sentence order alone is weak (`LOW_CONFIDENCE`).
    confidence: float = 1.0


#: Below this, a reading is flagged ``low-confidence`` for a person to look at.
LOW_CONFIDENCE = 0.5


def is_title_like(text: str) -> bool:
    """True for a span that can be a title: two letters at least, not a date."""
    bare = text.strip(" []*_.,")
    return (
        bool(re.search(r"[A-Za-z]{2}|[^\x00-\x7f]{2}", bare))
        and not _DATE.match(bare)
        and not (re.fullmatch(r"[\d\s,.\-/A-Za-z]{0,14}", bare) and find_year(bare))
    )


#: A work's short name: one token with a capital or a digit, ``R-CNN``, ``GPT-4V``, ``Nerf-Det``.
_SHORT_NAME = re.compile(r"(?=[^\s]*[A-Z\d])[A-Za-z][\w.+-]{1,29}")


def is_short_name(text: str) -> bool:
    """True for a work's short name (`_SHORT_NAME`): ``DSVT``, ``PointNet++``, not ``Paper``'s
    plain word (which the caller checks against the generic link words)."""
    return bool(_SHORT_NAME.fullmatch(text.strip()))


def split_citation(text: str) -> Parts:
    """Cut ``text`` into authors, title and tail by the first reader that recognises it.

    >>> parts = split_citation("Zhou, C. and Liu, P. 2023. **LIMA: Less Is More**. NeurIPS.")
    >>> parts.authors, parts.title, parts.tail, parts.year
    ('Zhou, C. and Liu, P.', 'LIMA: Less Is More', '. NeurIPS.', '2023')
    """
    for reader in (
        _bold_title,
        _quoted_title,
        _italic_title,
        _apa,
        _title_year_authors,
        _sentences,
    ):
        parts = reader(text)
        if parts is not None:
            return _venue_out_of_title(parts)
    return Parts(title=text, confidence=0.2)


def _venue_out_of_title(parts: Parts) -> Parts:
    """A venue the title ran on into (`venue_closing`) goes to the tail."""
    title, venue = venue_closing(parts.title)
    if not venue or not is_title_like(title):
        return parts
    return replace(parts, title=title, tail=f"{venue}. {parts.tail}")


def _around(text: str, match: re.Match[str], title: str) -> Parts:
    before, after = _unquoted(text[: match.start()], text[match.end() :])
    if after[:1] in ("!", "?"):
        title, after = title + after[0], after[1:]
    year = None
    if found := _YEAR_AT_END.search(before):
        year, before = found.group(1), before[: found.start()]
    short = ""
    if named := _SHORT_NAME_BEFORE.fullmatch(before):
        # "ModelX: **Title**", "Model 3.0: **Title**": a name before a colon, then the title.
        short, before = named.group(1), ""
    authors = strip_end(before)
    if not authors:
        if year is None and (dated := _YEAR_AFTER_TITLE.match(after)):
            # "**Title** (2015), G. Hinton et al.": the year, then the authors.
            year, after = dated.group(1), after[dated.end() :]
        authors, after = _authors_after_title(after)
    return Parts(authors=authors, title=title, tail=after, year=year, short=short)


#: The quotes around a marked title, ``"**Title**."`` or ``“**Title**,”``: the opening quote
#: ends the text before the span, the closing one (after the title's period) opens the text
#: after it.
_OPENING_QUOTE = re.compile(r"[\"“‘]\s*$")
_CLOSING_QUOTE = re.compile(r"^([.,;:!?]?)\s*[\"”’]")
#: ``(2015),`` right after a title: the year of a ``**Title** (Year), Authors`` entry.
_YEAR_AFTER_TITLE = re.compile(r"^\s*\(((?:19|20)\d{2})[a-z]?\)[\s,.;:]*")


def _unquoted(before: str, after: str) -> tuple[str, str]:
    """The text around a marked title without the quotes that enclose it."""
    opening, closing = _OPENING_QUOTE.search(before), _CLOSING_QUOTE.match(after)
    if opening is None or closing is None:
        return before, after
    return before[: opening.start()], closing.group(1) + after[closing.end() :]


#: A short name, then a colon, before the title span: one to three words, no comma, no period
#: closing it (authors end in a period or a comma, never in a colon).
_SHORT_NAME_BEFORE = re.compile(
    r"\s*+(?:\*\*|__)?([^\s,:;*]++(?: [^\s,:;*]++){0,2})(?:\*\*|__)?\s*+:\s*+"
)


def _authors_after_title(after: str) -> tuple[str, str]:
    """thunlp style: ``**Title.** *Authors.* Venue`` or ``**Title**. Authors. Venue``."""
    for match in _ITALIC.finditer(after):
        span = match.group(1) or match.group(2)
        authors, venue = _authors_then_venue(span)
        if authors:
            rest = after[match.end() :]
            if not venue and (closing := _ET_AL_AFTER.match(rest)):
                # "*Linting Xue* et al. NAACL 2021": the et al. closes the list outside the span
                authors, rest = f"{authors} et al.", rest[closing.end() :]
            return authors, after[: match.start()] + " " + venue + " " + rest
    sentences = _sentences_of(after)
    if sentences and looks_like_authors(sentences[0]):
        return sentences[0], after.split(sentences[0], 1)[1]
    return "", after


#: ``et al.`` right after an emphasised author list: ``*Linting Xue* et al.``.
_ET_AL_AFTER = re.compile(r"\s*,?\s*et\.?\s*al\b\.?")
#: ``et al.`` run into the next word: ``*Aman Madaan et al.arXiv.*``.
_ET_AL_RUN_ON = re.compile(r"\bet al\.(?=[^\W\d_])")


def _authors_then_venue(span: str) -> tuple[str, str]:
    """An emphasised span of authors, perhaps with the venue after them, cut in two.

    ``Liang Chen et al. arXiv.``, ``Sil Hamilton (McGill University). arXiv.``, ``XLang Lab
    (The University of Hong Kong) arXiv.``, ``H Leung. Systems for Advanced Applications.``;
    ``("", "")`` when the span does not open with names.

    >>> _authors_then_venue("Meriem Beloucif et al. EMNLP.")
    ('Meriem Beloucif et al', 'EMNLP')
    """
    span = _ET_AL_RUN_ON.sub("et al. ", span)
    sentences = _sentences_of(span)
    if len(sentences) >= 2 and looks_like_authors(sentences[0]):
        return sentences[0], ". ".join(sentences[1:])
    head, _, last = span.strip(" .,;").rpartition(" ")
    if head and is_venue_name(last) and looks_like_authors(head):
        return head, last
    return (span, "") if looks_like_authors(span) else ("", "")


def _bold_title(text: str) -> Parts | None:
    for match in _BOLD.finditer(text):
        span = match.group(1) or match.group(2)
        if not is_title_like(span) or _is_tag(text, match) or _is_remark(span):
            continue
        if not text[: match.start()].strip(" .,") and _MEDIUM.match(text[match.end() :]):
            # "**OpenAccess AI Collective**. software: huggingface.co/…": the bold is the author.
            return Parts(authors=span, tail=text[match.end() :])
        return _around(text, match, span)
    return None


def _is_remark(span: str) -> bool:
    """A bold span wholly in parentheses or brackets is a remark or a tag, not a title:
    ``**(Dropout)**``, ``**[Thesis' 10]**``."""
    bare = span.strip()
    return bool(re.fullmatch(r"\([^()]*\)|\[[^\[\]]*\]", bare))


def _is_tag(text: str, match: re.Match[str]) -> bool:
    """A bold span in brackets is a keyword tag, not a title: ``Title [**`qnn`**]``."""
    return text[: match.start()].rstrip().endswith("[") and text[match.end() :].lstrip()[:1] == "]"


def _quoted_title(text: str) -> Parts | None:
    match = _QUOTED.search(text)
    if match is None:
        return None
    return _around(text, match, match.group(1) or match.group(2))


def reads_as_full_citation(text: str) -> bool:
    """Names, then a marked title (emphasised, quoted or bold), in any order the readers know:
    ``A. One, B. Two, *Title*, ICML 2015``, ``A. One, "Title", ICLR 2016``."""
    for reader in (_bold_title, _quoted_title, _italic_title):
        parts = reader(text)
        if parts is not None:
            return (
                bool(parts.authors)
                and looks_like_authors(parts.authors)
                and (is_title_like(parts.title))
            )
    return False


def _italic_title(text: str) -> Parts | None:
    """``Authors, *Title*, Venue Year``: the names, then the emphasised title. An emphasised
    venue (``*ICML 2020*``) or one not after names is no title."""
    for match in _ITALIC.finditer(text):
        title = match.group(1) or match.group(2)
        names = strip_end(text[: match.start()])
        if not is_title_like(title) or find_year(title) or is_venue_name(strip_end(title)):
            continue
        if names and looks_like_authors(names):
            return _around(text, match, strip_end(title))
        return None
    return None


#: ``Authors (2020). Title.``; the authors end before the space that precedes ``(``.
_APA = re.compile(
    r"^(?P<authors>[^()]+?)(?<!\s)\s*\((?P<year>(?:19|20)\d{2})[a-z]?\)\.?\s*(?P<rest>.*)$"
)


def _apa(text: str) -> Parts | None:
    match = _APA.match(text)
    if match is None or not looks_like_authors(match.group("authors")):
        return None
    sentences = _sentences_of(match.group("rest"))
    title = sentences[0] if sentences else ""
    tail = match.group("rest")[len(title) :] if title else ""
    return Parts(match.group("authors"), title, tail, match.group("year"))


#: ``Title (2017), A. Author et al.``: an unmarked title, its year in parentheses, the authors.
_TITLE_YEAR_AUTHORS = re.compile(
    r"^(?P<title>[^()]+?)\s*+\((?P<year>(?:19|20)\d{2})[a-z]?\),\s*+(?P<authors>[^()]+?)[\s.]*$"
)


def _title_year_authors(text: str) -> Parts | None:
    match = _TITLE_YEAR_AUTHORS.match(text)
    if match is None or not looks_like_authors(match.group("authors")):
        return None
    if not is_title_like(match.group("title")):
        return None
    return Parts(match.group("authors"), match.group("title"), "", match.group("year"))


_NAME = r"[^\W\d_][\w'\u2019-]+"
_INITIALS = r"[A-Z]\.(?:\s?-?[A-Z]\.)*"
#: A family name before its comma: ``LeCun``, ``von Rütte``, ``de la Cruz``. Atomic: the comma
#: fixes where it ends, and the ways of reading ``de la Cruz`` (particles or names) must not
#: each be retried with every later author (exponential in the number of authors).
_FAMILY = rf"(?>(?:[a-z]{{1,3}}\s){{0,2}}{_NAME}(?:\s{_NAME})?),"
#: One author in the orders that end in initials: ``LeCun, Y.``, ``von Rütte, D.``, ``Liu PJ``.
_INVERTED_NAME = rf"{_FAMILY}\s{_INITIALS}"
#: ``Smith, Noah A.``, ``Tsai, Yao-Hung Hubert``: family name, given names, then initials.
_FULL_INVERTED = rf"{_FAMILY}\s{_NAME}(?:\s{_NAME})?(?:\s{_INITIALS})?"
_VANCOUVER_NAME = rf"{_NAME}(?:\s{_NAME})?\s[A-Z]{{1,3}}"
_SEPARATOR = r"(?:,\s(?:and\s|&\s)?|\s(?:and|&)\s|,?\s(?:\.\.\.|\u2026)\s(?:&\s)?)"
_ET_AL_END = r"(?:,?\s+et\s+al\.?)?"
#: An author list in initials orders, which the sentence splitter cannot end: the period of the
#: last initial (``Hinton, G. Deep learning.``) is also the end of the list.
_INITIALS_AUTHORS = (
    re.compile(
        rf"^(?P<authors>{_INVERTED_NAME}(?:{_SEPARATOR}{_INVERTED_NAME})*{_ET_AL_END})\.?\s+"
        r"(?=[^\W\d_\(]|[\"“])"
    ),
    re.compile(
        # BibTeX order, "Last, First and Last, First A.": the last initial's period ends it.
        rf"^(?P<authors>{_FULL_INVERTED}(?:\s(?:and|&)\s{_FULL_INVERTED})+{_ET_AL_END})"
        r"(?:(?<=\.)|\.)\s+(?=[^\W\d_\(]|[\"“])"
    ),
    re.compile(
        # Two names at least: "Tom B. Brown, …" opens with a given name and an initial.
        rf"^(?P<authors>{_VANCOUVER_NAME}(?:,\s{_VANCOUVER_NAME})+{_ET_AL_END})\.\s+"
        r"(?=[^\W\d_]|[\"“])"
    ),
)
#: One word, a mononym or an organisation: ``OpenAI. GPT-4 Technical Report. arXiv, 2023.``
_SINGLE_NAME = re.compile(r"[^\W\d_][\w&.-]*[^\W_]")


def _sentences(text: str) -> Parts | None:
    for pattern in _INITIALS_AUTHORS:
        if (lead := pattern.match(text)) and looks_like_authors(lead.group("authors")):
            return _after_authors(lead.group("authors"), _sentences_of(text[lead.end() :]))
    sentences = _sentences_of(text)
    if not sentences:
        return None
    if len(sentences) >= 2 and looks_like_authors(sentences[0]):
        return replace(_after_authors(sentences[0], sentences[1:]), confidence=0.7)
    if (
        len(sentences) >= 3
        and _SINGLE_NAME.fullmatch(sentences[0])
        and len(sentences[1].split()) >= 2
        and not find_year(sentences[1])
    ):
        return replace(_after_authors(sentences[0], sentences[1:]), confidence=0.5)
    title, rest = sentences[0], sentences[1:]
    if (
        rest
        and title.endswith(("?", "!"))
        and not re.search(r",|\band\b|&|\bet al\b", rest[0])
        and not _reads_as_venue(rest[0])
    ):
        # "How Good Are Small Models? An Empirical Study": a subtitle after a question, not a
        # lone author.
        title, rest = f"{title} {rest[0]}", rest[1:]
    if rest and looks_like_authors(rest[0]):
        return Parts(rest[0], title, ". ".join(rest[1:]), confidence=0.4)
    tail = ". ".join(rest)
    return Parts("", title, tail, confidence=0.4 if re.search(r"[^\W\d_]{2}", tail) else 0.6)


def _after_authors(authors: str, rest: list[str]) -> Parts:
    """Year (ACL style puts it after the authors), title, then the tail."""
    year = None
    if rest and (found := re.fullmatch(r"\(?((?:19|20)\d{2})[a-z]?\)?", rest[0])):
        year, rest = found.group(1), rest[1:]
    if len(rest) >= 3 and rest[0].endswith(("?", "!")) and not _reads_as_venue(rest[1]):
        # "Thumbs up? Sentiment classification …": a question opening a longer title.
        rest = [f"{rest[0]} {rest[1]}", *rest[2:]]
    title = rest[0] if rest else ""
    return Parts(authors, title, ". ".join(rest[1:]), year)


def _reads_as_venue(sentence: str) -> bool:
    return bool(re.search(r"\d", sentence) or is_venue_name(sentence))


_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:vs|e\.g|i\.e|pp|Vol|vol|No|no|Proc|Conf|Int|Jr|Dr|St))\.$"
)


def _sentences_of(text: str) -> list[str]:
    """Sentences of a citation; initials (``Sida I. Wang``) do not end one, "et al." does.

    Whether a sentence ends is decided on its last words only: a chain of initials is not
    rescanned from its start at every period.
    """
    out: list[str] = []
    current: list[str] = []
    for chunk in re.split(r"(?<=[.?!])\s+", text.strip()):
        current.append(chunk)
        # The marks are in the chunk's last word; a space before it, as in the sentence.
        ending = " " + chunk[-16:]
        if not _ABBREVIATION.search(ending) or re.search(r"\bet al\.$", ending):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    cleaned = (s.strip(" .,;") for s in out)
    return [s for s in cleaned if s]

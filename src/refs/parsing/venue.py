"""The part of a citation after its title: venue, volume, number, pages, year, notes."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from refs.parsing.markup import is_generic_link_text, strip_emphasis
from refs.vocabulary import alternation, rows, words

_YEAR = re.compile(r"(?<![\d.:/-])((?:19|20)\d{2})(?:[a-z]\b)?(?:\.\d{1,2}\b)?(?![\d])")
_VOL_PAGES = re.compile(
    r"\b(?P<volume>\d{1,4})\s*+(?:\((?P<number>[\w-]+)\))?\s*+:\s*+(?P<first>\d+)"
    r"(?:\s*+[-\u2013—]++\s*+(?P<last>\d+))?"
)
#: How a paper was presented, printed after its venue: ``ICLR 2021 (Oral)``.
_PRESENTATION = re.compile(
    r"\(\s*+(oral|spotlight|poster|highlight|long|short|best[^()]*|outstanding[^()]*|[^()]*award)"
    r"\s*\)",
    re.IGNORECASE,
)
#: A word of an abbreviated journal name: ``Adv.``, ``Theor.``, ``Phys.`` (ISO 4 style).
_ABBREVIATED = re.compile(r"^[A-Z][a-z]{1,6}$")
#: "Technical report, Institution": the piece after it is the institution.
_REPORT = re.compile(r"^(?:technical|tech\.?)\s+report$", re.IGNORECASE)
#: Nature and APA style, volume then pages after the journal: ``Nature 521, 436–444``,
#: ``Advances in Neural Information Processing Systems, 35, 27730-27744``.
_VOL_COMMA_PAGES = re.compile(
    r"(?<=[A-Za-z.]),?\s+(?P<volume>\d{1,4}),\s*(?P<first>\d+)\s*[-\u2013—]+\s*(?P<last>\d+)\b"
)
#: Chicago style, volume and issue then the date in parentheses: ``Journal 16, no. 6 (2022): 1-9``.
_CHICAGO_NUMBERS = re.compile(
    r"(?<=[A-Za-z.])\s+(?P<volume>\d{1,4}),?\s+no\.\s*(?P<number>[\w-]+)\s*"
    r"\((?:[A-Za-z]+\.?\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d{2}\)"
    r"(?:\s*:\s*(?P<first>\d+)(?:\s*[-\u2013—]+\s*(?P<last>\d+))?)?"
)
#: Google Scholar's MLA style, volume.issue then the year in parentheses, then the pages:
#: ``Nature 521.7553 (2015): 436-444``, ``ICML (3) 28 (2013): 1139-1147``, ``ANIPS (2013):
#: 3111-3119``. The year stays in the text (it is the work's year); the numbers go.
_MLA_NUMBERS = re.compile(
    r"(?<=[A-Za-z.)])(?:\s+(?P<volume>\d{1,4})(?:\.(?P<number>\d{1,5}))?)?\s*"
    r"(?P<year>\((?:19|20)\d{2}\))(?:\s*:\s*(?P<first>\d+)(?:\s*[-\u2013—]+\s*(?P<last>\d+))?)?"
)
#: An access date is when a page was read, not when the work appeared: ``Accessed 2024-02-01``.
#: Its year is looked for in the 60 characters after the word (``Accessed on Thursday, 1
#: February 2024``), not in the rest of the text: a year further on is not an access date.
_ACCESSED = re.compile(
    r"\b(?:last\s++)?(?:accessed|retrieved|visited|viewed)\b(?:\s++on)?:?\s*+[^.;]{0,60}?"
    r"(?:19|20)\d{2}(?:[-./]\d{1,2}){0,2}",
    re.IGNORECASE,
)
_PAGES = re.compile(r"\b(?:pages|pp?\.)\s*(?P<first>\d+)(?:\s*[-\u2013—]+\s*(?P<last>\d+))?", re.I)
_VOLUME = re.compile(r"(?<!\()\b(?:vol(?:ume)?\.?)\s*(\d+)", re.IGNORECASE)
_NUMBER = re.compile(r"\b(?:no\.|number|issue)\s*(\d+)", re.IGNORECASE)


def _venue_kind(kind: str) -> list[str]:
    """The venue words and acronyms of one kind (``proceedings`` or ``journal``)."""
    return [row[0] for name in ("venue_words", "venues") for row in rows(name) if row[1] == kind]


#: Conference and workshop names and acronyms that make an entry ``inproceedings``
#: (``data/venue_words.tsv`` and ``data/venues.tsv``).
_PROCEEDINGS = re.compile(rf"\b({alternation(_venue_kind('proceedings'))})\b")
#: Journal words and acronyms that make an entry an ``article``.
_JOURNAL = re.compile(rf"\b({alternation(_venue_kind('journal'))})\b", re.IGNORECASE)
#: Words that say how a work was published rather than where: ``Blog post``, ``software:``.
_HOWPUBLISHED = re.compile(rf"^({alternation(words('how_published'))})\b:?", re.IGNORECASE)
#: Words that make a venue a publisher or an institution: ``MIT Press``.
PUBLISHER = re.compile(rf"\b({alternation(words('publisher_words'))})\b")


#: A venue acronym (``data/venues.tsv``) and the year printed with it, in the ways READMEs
#: print them: ``CVPR'24``, ``[CVPR '24]``, ``CVPR' 14``, ``ICLR23``, ``ICML2023``, ``CVPR 2024``.
_ACRONYMS = alternation(row[0] for row in rows("venues"))
_VENUE_YEAR = re.compile(
    rf"(?<![\w-])(?P<venue>{_ACRONYMS})"
    r"(?:\s*+['\u2019\u2018`]\s*+(?P<yy>\d{2})|(?P<joined>\d{2}|(?:19|20)\d{2})"
    r"|\s++(?P<year>(?:19|20)\d{2}))?(?![\w'\u2019])"
)


def century(yy: str) -> str:
    """A two-digit year in its century: ``'24`` -> 2024, ``'98`` -> 1998 (pivot at 50).

    >>> century("24"), century("98")
    ('2024', '1998')
    """
    return str(1900 + int(yy) if int(yy) >= 50 else 2000 + int(yy))


#: A link in brackets opening an entry, ``[[ACL](…)]``: its text may name the venue.
VENUE_LINK = re.compile(r"^\s*+\[\[([^\[\]]{2,40})\]\(")


def venue_year(text: str) -> tuple[str, str | None] | None:
    """``text`` read as one venue acronym and perhaps its year, else None.

    >>> venue_year("[CVPR '24]"), venue_year("ICCV'19"), venue_year("NeurIPS"), venue_year("GPT4")
    (('CVPR', '2024'), ('ICCV', '2019'), ('NeurIPS', None), None)
    """
    match = _VENUE_YEAR.fullmatch(text.strip(" []*`_().,;:"))
    if match is None:
        return None
    return match.group("venue"), _year_of(match)


#: A bracketed venue tag: ``[Thesis' 10]``, ``[ACM CCS '18]``, ``[IEEE Access' 18]``, ``[NIPS
#: 2018]``, ``[IJCAI 19]``: a capitalised name of up to four words, then its year.
_BRACKET_TAG = re.compile(
    r"\[\s*+(?P<venue>[A-Za-z][\w&.+/-]*+(?:\s[A-Za-z][\w&.+/-]*+){0,3}?)"
    r"(?:\s*+['\u2019\u2018`]\s*+(?P<yy>\d{2})|\s++(?P<year>(?:19|20)\d{2})|\s++(?P<bare>\d{2}))"
    r"\s*+\]"
)


def venue_tag(text: str) -> tuple[str, str] | None:
    """``text`` read as a bracketed venue tag, its venue and year, else None.

    A bare two-digit year (``[IJCAI 19]``) or a lower-case name (``[arXiv 2016]``) counts only
    as a known venue acronym.

    >>> venue_tag("**[Thesis' 10]**"), venue_tag("[IJCAI 19]"), venue_tag("[Figure 12]")
    (('Thesis', '2010'), ('IJCAI', '2019'), None)
    """
    match = _BRACKET_TAG.fullmatch(text.strip(" *_`"))
    if match is None:
        return None
    venue = match.group("venue")
    if (match.group("bare") or venue[0].islower()) and venue_year(venue) is None:
        return None
    two = match.group("yy") or match.group("bare")
    return venue, century(two) if two else match.group("year")


#: A work printed by its name and where it appeared: ``PointNet++ (NeurIPS'2017)``, ``Dynamic
#: Voxelization (CoRL'2019)``, ``SMOKE (CVPRW 2020)``, as model zoos list the methods they
#: implement. The name is at most four words, the venue capitalised; a two-digit year needs its
#: apostrophe.
_NAMED_WORK = re.compile(
    r"(?P<name>[^\s()\[\]][^()\[\]]{0,48}?)\s*+\(\s*+(?P<venue>[A-Z][\w&.+/-]{1,24})"
    r"(?:\s*+['\u2019](?P<full>(?:19|20)\d{2})|\s*+['\u2019](?P<yy>\d{2})|\s++(?P<year>(?:19|20)\d{2}))"
    r"\s*+\)"
)


def named_work(text: str) -> tuple[str, str, str] | None:
    """``text`` read as a work's name, venue and year (`_NAMED_WORK`), else None.

    >>> named_work("PointNet++ (NeurIPS'2017)"), named_work("Deep learning for all of us (2019)")
    (('PointNet++', 'NeurIPS', '2017'), None)
    """
    match = _NAMED_WORK.fullmatch(text.strip(" .,;"))
    if match is None or len(match.group("name").split()) > 4:
        return None
    year = match.group("full") or match.group("year") or century(match.group("yy"))
    return match.group("name").strip(), match.group("venue"), year


def _year_of(match: re.Match[str]) -> str | None:
    two = match.group("yy") or (j if (j := match.group("joined")) and len(j) == 2 else None)
    return century(two) if two else match.group("joined") or match.group("year")


def spell_venue_years(text: str) -> str:
    """Each venue acronym's short year written out: ``ICLR'24`` -> ``ICLR 2024``.

    >>> spell_venue_years("**[CVPR' 14]** Rich features; ICML2023 and EMNLP 2020")
    '**[CVPR 2014]** Rich features; ICML 2023 and EMNLP 2020'
    """
    if not re.search(r"\d", text):
        return text

    def spelt(match: re.Match[str]) -> str:
        year = _year_of(match)
        return f"{match.group('venue')} {year}" if year else match.group(0)

    return _VENUE_YEAR.sub(spelt, text)


#: Where a title runs on into the venue once the link between them is taken out:
#: ``Title [arXiv:…](…) and will appear at IPDPS 2023``, ``… and [ICML 2022](…)``,
#: ``… and [ML for Sys Workshop at NeurIPS2023](…)``. The venue ends the text: a known
#: acronym and its year, or any name after "to appear in", "accepted at", "published in".
_VENUE_CLOSING = re.compile(
    r"(?:(?<!\s)\s++|)(?:and\s++)?(?:(?:will|to)\s++appear\s++(?:at|in)|accepted\s++(?:at|to|by|in)"
    r"|published\s++(?:at|in))\s++(?P<named>[^\s].{0,80})$"
    rf"|(?:(?<!\s)\s++|)and\s++(?P<venue>(?:\S++\s++){{0,5}}?(?:{_ACRONYMS})\s++(?:19|20)\d{{2}})$",
    re.IGNORECASE,
)


def venue_closing(text: str) -> tuple[str, str]:
    """``text`` cut before a venue that closes it, and that venue; ``(text, "")`` if none.

    >>> venue_closing("Mix-and-Match Runtimes and will appear at IPDPS 2023")
    ('Mix-and-Match Runtimes', 'IPDPS 2023')
    >>> venue_closing("Fast Training and ICML 2022"), venue_closing("Rock and Roll")
    (('Fast Training', 'ICML 2022'), ('Rock and Roll', ''))
    """
    match = _VENUE_CLOSING.search(text)
    if match is None:
        return text, ""
    return text[: match.start()], match.group("named") or match.group("venue")


@dataclass(frozen=True, slots=True)
class Tail:
    """What the text after a title says: BibTeX fields and the year printed there."""

    fields: dict[str, str] = field(default_factory=dict)
    year: str | None = None


def find_year(text: str) -> str | None:
    """The last year printed in ``text`` (``2023b`` and ``2023.06`` count as 2023).

    >>> find_year("Advances in NeurIPS, 35:27730\u201327744, 2022."), find_year("NeurIPS")
    ('2022', None)
    """
    years = _YEAR.findall(_ACCESSED.sub(" ", text))
    return years[-1] if years else None


def parse_tail(text: str) -> Tail:
    """Read venue, volume, number, pages and year out of the text after a title.

    >>> fields = parse_tail("Advances in Neural Information Processing Systems, 35:27-44").fields
    >>> fields["booktitle"], fields["volume"], fields["pages"]
    ('Advances in Neural Information Processing Systems', '35', '27--44')
    >>> tail = parse_tail("arXiv:1503.00075 / ACL 2015")
    >>> tail.fields, tail.year
    ({'booktitle': 'ACL'}, '2015')
    """
    fields: dict[str, str] = {}
    text = _GLUED_YEAR.sub(" (", re.sub(r"\s+", " ", strip_emphasis(text)))
    text = _take_numbers(text.strip(" .,;"), fields)
    text, notes = _one_version(text)
    year = find_year(text)
    notes += [m.group(1) for m in _PRESENTATION.finditer(text)]
    text = _PRESENTATION.sub(" ", text)
    venue: str | None = None
    institution: str | None = None
    pieces = _pieces(text)
    for n, piece in enumerate(pieces):
        if re.fullmatch(r"\(?(?:19|20)\d{2}[a-z]?(?:\.\d{1,2})?\)?", piece):
            continue
        if _is_unlinked_link_word(piece):
            continue  # "Code (not yet)": a link word left without its link
        tagged = venue_tag(f"[{piece.strip()}]")
        name = tagged[0] if tagged else _trim_brackets(_without_edge_years(piece).strip(" .,;:'"))
        if venue is None and _is_venue(piece) and name:
            venue = name
        elif (
            venue
            and institution is None
            and _REPORT.match(venue)
            and n > 0
            and pieces[n - 1] == venue
            and name
            and not find_year(piece)
        ):
            institution = name
        elif re.search(r"[A-Za-z]{3}", piece):
            notes.append(piece + ")" * (piece.count("(") - piece.count(")")))
    if venue:
        _place_venue(venue, fields)
    if institution:
        fields["institution"] = institution
    if notes:
        fields["note"] = "; ".join(notes)
    return Tail(fields, year)


def _one_version(text: str) -> tuple[str, list[str]]:
    """Of versions printed apart by a slash (``arXiv:1503.00075 / ACL 2015``, ``ECCV 2014 /
    TPAMI 2015``), the first published one, and the others as notes (a preprint's id is read
    from the text elsewhere, so its version is dropped)."""
    versions = [v.strip() for v in text.split(" / ") if v.strip()]
    if len(versions) < 2:
        return text, []
    published = [v for v in versions if not _PREPRINT_VERSION.match(v)]
    if not published:
        return text, []
    return published[0], published[1:]


#: A preprint's version of a work: ``arXiv:1503.00075``, ``arXiv preprint``, ``CoRR``.
_PREPRINT_VERSION = re.compile(r"(?:arxiv|corr|preprint)\b", re.IGNORECASE)


def _without_edge_years(piece: str) -> str:
    """A venue without the year printed before or after it; a year inside its name stays.

    >>> _without_edge_years("ICML 2022"), _without_edge_years("Proceedings of the 2020 Conference")
    ('ICML', 'Proceedings of the 2020 Conference')
    """
    words = re.sub(r"\s+", " ", piece).strip().split(" ")
    start, end = 0, len(words)
    while end and _YEAR.fullmatch(words[end - 1].strip("().,;:")):
        end -= 1
    while start < end and _YEAR.fullmatch(words[start].strip("().,;:")):
        start += 1
    return " ".join(words[start:end])


def _trim_brackets(text: str) -> str:
    """Drop parentheses left empty or unpaired at the ends: ``(accessed`` -> ``accessed``."""
    text = re.sub(r"\(\s*\)", "", text).strip()
    opened, closed = text.count("("), text.count(")")
    start, end = 0, len(text)
    while start < end and text[start] == "(" and opened > closed:
        opened, start = opened - 1, start + 1
        while start < end and text[start].isspace():
            start += 1
    while start < end and text[end - 1] == ")" and closed > opened:
        closed, end = closed - 1, end - 1
        while start < end and text[end - 1].isspace():
            end -= 1
    return text[start:end]


def _take_numbers(text: str, fields: dict[str, str]) -> str:
    """Volume, issue and pages out of ``text`` into ``fields``; a year printed among them stays."""
    if match := _CHICAGO_NUMBERS.search(text):
        fields["volume"], fields["number"] = match.group("volume"), match.group("number")
        if match.group("first"):
            fields["pages"] = _pages(match.group("first"), match.group("last"))
        year = find_year(match.group(0)) or ""
        return f"{text[: match.start()]} {year} {text[match.end() :]}"
    if (match := _MLA_NUMBERS.search(text)) and (match.group("volume") or match.group("first")):
        if match.group("volume"):
            fields["volume"] = match.group("volume")
        if match.group("number"):
            fields["number"] = match.group("number")
        if match.group("first"):
            fields["pages"] = _pages(match.group("first"), match.group("last"))
        return f"{text[: match.start()]} {match.group('year')} {text[match.end() :]}"
    match = _VOL_PAGES.search(text)
    if match and not re.search(r"arxiv\s*$", text[: match.start()], re.IGNORECASE):
        fields["volume"] = match.group("volume")
        if match.group("number"):
            fields["number"] = match.group("number")
        fields["pages"] = _pages(match.group("first"), match.group("last"))
        return text[: match.start()] + " " + text[match.end() :]
    if match := _VOL_COMMA_PAGES.search(text):
        fields["volume"] = match.group("volume")
        fields["pages"] = _pages(match.group("first"), match.group("last"))
        return text[: match.start()] + "," + text[match.end() :]
    if match := _PAGES.search(text):
        fields["pages"] = _pages(match.group("first"), match.group("last"))
        text = text[: match.start()] + " " + text[match.end() :]
    if match := _VOLUME.search(text):
        fields["volume"] = match.group(1)
        text = text[: match.start()] + " " + text[match.end() :]
    if match := _NUMBER.search(text):
        fields["number"] = match.group(1)
        text = text[: match.start()] + " " + text[match.end() :]
    return text


def _pages(first: str, last: str | None) -> str:
    return f"{first}--{last}" if last else first


#: ``NIPS(2015)``: a year in parentheses glued to the venue before it.
_GLUED_YEAR = re.compile(r"(?<=[A-Za-z])\((?=(?:19|20)\d{2}\))")
#: Where a piece goes on after a parenthesised year: ``NIPS (2015)| arXiv preprint``.
_AFTER_YEAR = re.compile(r"(?<=\((?:19|20)\d{2}\))\s+(?=[A-Za-z(])")


def _pieces(text: str) -> list[str]:
    """Split on commas and sentence ends outside parentheses; drop empty pieces."""
    pieces: list[str] = []
    depth = 0
    start = 0  # where the current piece starts
    abbreviations = _Abbreviations(text)
    for i, char in enumerate(text):
        depth += char in "(["
        depth -= char in ")]"
        boundary = char in ",|" or (char == "." and text[i + 1 : i + 2] in (" ", ""))
        if depth <= 0 and boundary and not abbreviations.at(start, i, char):
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    # "NIPS (2015) arXiv preprint arXiv (2015)": a parenthesised year ends a venue
    pieces = [part for piece in pieces for part in _AFTER_YEAR.split(piece)]
    cleaned = (_trim_brackets(re.sub(r"\s+", " ", p).strip(" .;:[]")) for p in pieces)
    return _join_enumerations(_join_abbreviations([p for p in cleaned if p]))


_ABBREVIATION_END = re.compile(r"\b(?:[A-Z]|Proc|Vol|no|pp)$")
_ABBREVIATED_WORD = re.compile(r"\b[A-Z][a-z]{0,6}\.\s")
_SHORT_WORD_END = re.compile(r"\b[A-Z][a-z]{1,6}$")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")


class _Abbreviations:
    """Where the abbreviated words of a text are, found once, so that asking about each mark
    costs the few characters around it rather than a rescan of the piece so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = [m.span() for m in _ABBREVIATED_WORD.finditer(text)]
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]

    def at(self, start: int, i: int, char: str) -> bool:
        """True when the mark ``char`` at ``i``, ending the piece opened at ``start``, is an
        abbreviation's period, not a boundary.

        ``Proc.``, ``Vol.``, an initial; and, once a name is abbreviated (``Proc. 58th Annu.
        Meeting``), any short capitalised word, as ISO 4 abbreviates.
        """
        text = self.text
        if _ABBREVIATION_END.search(text, max(start, i - 5), i):
            return True
        return (
            char == "."
            and _CAPITAL_NEXT.match(text, i + 1) is not None
            and self._abbreviated_between(start, i)
            and _SHORT_WORD_END.search(text, max(start, i - 8), i) is not None
        )

    def _abbreviated_between(self, start: int, end: int) -> bool:
        """An abbreviated word (``Proc. ``) lies wholly inside ``text[start:end]``."""
        n = bisect_left(self.starts, start)  # the first one in the piece ends first
        return n < len(self.starts) and self.ends[n] <= end


def _join_enumerations(pieces: list[str]) -> list[str]:
    """Rejoin a name listing topics that commas cut up, the list closed by "and":
    ``Transactions on Audio, Speech, and Language Processing``.
    """
    out: list[str] = []
    n = 0
    while n < len(pieces):
        piece = pieces[n]
        end = n + 1
        if re.search(r"\b(?:on|of|for|in)(?:\s[A-Z][\w-]*){1,4}$", piece):
            while end < len(pieces) and re.fullmatch(r"[A-Z][\w-]*(?:\s[A-Z][\w-]*)?", pieces[end]):
                end += 1
            closing = pieces[end] if end < len(pieces) else ""
            # A digit ends the name, except in the acronym closing it: "(SC '20)".
            named = re.sub(r"\s*\([^()]*\)$", "", closing)
            if re.fullmatch(r"(?:and|&)\s.+|[A-Z][\w-]*\s(?:and|&)\s[A-Z].*", named) and not (
                re.search(r"\d", named)
            ):
                out.append(", ".join(pieces[n : end + 1]))
                n = end + 1
                continue
            end = n + 1
        out.append(piece)
        n = end
    return out


def _join_abbreviations(pieces: list[str]) -> list[str]:
    """Rejoin an abbreviated journal name that sentence ends cut up: ``Adv. Theor. Math. Phys``."""
    groups: list[list[str]] = []  # joined once at the end
    for piece in pieces:
        last = groups[-1][-1].rsplit(". ", 1)[-1] if groups else ""
        if groups and _ABBREVIATED.match(last) and _ABBREVIATED.match(piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return [". ".join(group) for group in groups]


def is_venue_name(text: str) -> bool:
    """True when ``text`` opens with a conference, workshop or journal name.

    >>> is_venue_name("Findings of ACL 2023"), is_venue_name("A trend starts from X (ACL 2022)")
    (True, False)
    """
    text = re.sub(r"^in:?\s+", "", text.strip(), flags=re.IGNORECASE)
    return bool(_PROCEEDINGS.match(text) or _JOURNAL.match(text))


def _is_unlinked_link_word(piece: str) -> bool:
    """``Code (not yet)``, ``Project page (coming soon)``: a generic link word and a remark in
    parentheses, printed where the link will be; not a venue, not a note."""
    remark = re.fullmatch(r"(.+?)\s*\([^()]*\)", piece.strip())
    if remark is None:
        return False
    word = remark.group(1)
    return is_generic_link_text(word) and venue_year(word) is None and not is_venue_name(word)


def _is_venue(piece: str) -> bool:
    if re.match(r"^(see|accessed|available|retrieved|visited)\b", piece, re.IGNORECASE):
        return False
    return bool(re.search(r"\b(?=\w*[A-Za-z]\w*[A-Za-z])\w+", piece))


def _place_venue(venue: str, fields: dict[str, str]) -> None:
    # "[arXiv:…](…) and [NeurIPS 2020](…)": the venue after the identifier it was joined to.
    venue = re.sub(r"^(?:(?:and|&)\s+)?(?:in:?\s+)?", "", venue, flags=re.IGNORECASE).strip()
    venue = re.sub(r"(?:(?<!\s)\s++|)\(\s*+\)", "", venue)
    if _HOWPUBLISHED.match(venue):
        fields["howpublished"] = venue.rstrip(":")
    elif _JOURNAL.search(venue) and not re.match(r"(Proceedings|Findings)", venue):
        fields["journal"] = venue
    elif _PROCEEDINGS.search(venue):
        fields["booktitle"] = venue
    elif PUBLISHER.search(venue):
        fields["publisher"] = venue
    else:
        fields["journal"] = venue

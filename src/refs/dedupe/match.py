"""Pairwise evidence: `Match(score, rule, similarities, vetoes)` says why two entries are (or
are not) one work.

Rules, strongest first:

- ``identifier``: an equal normalised identifier (arXiv id without version, the arXiv DOI
  10.48550/arXiv.X counted as arXiv X, DOI, ACL Anthology id, OpenReview id); score 1.
- ``title-authors-year``: similar normalised titles (rapidfuzz ratio, or the ratio of their
  skeletons: a plural or an article apart), agreeing authors, years at most one apart;
  score = title similarity x author factor x year factor x title weight. A short title (two
  or three content words) weighs less, and more than a generic or one-word one, only when the
  authors agree in full (titles.py): it needs more evidence beside it.
- ``short-title``: one title is the other's short form (up to its colon, dash or parenthesis),
  the authors agree in full, the years are known and at most one apart; scored as equal titles
  with the short form's weight. Without full author agreement a short form is no more than a
  weak link, whatever the ratio says (a follow-up paper that adds an author and reuses the
  earlier title as its short one).
- ``title-year``: the same, when one side lists no authors; only an informative title can
  carry it ("Introduction" cannot), or a short one printed the same with the same known year
  (weighed as if two people stood beside it: "Visual Instruction Tuning", 2023).

A veto (vetoes.py) stops any rule, and so does a veto against a retired member of a merged
entry (views.py): a merge never lifts a veto. Scores are comparable with ``--threshold``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from rapidfuzz.fuzz import ratio

from refs.dedupe.authors import agree_fully, author_names, author_overlap, is_cut
from refs.dedupe.fingerprint import (
    Fingerprint,
    fingerprint,
    is_informative,
    is_short_form_of,
    strong_identifiers,
)
from refs.dedupe.titles import SHORT_TITLE_WEIGHT, edit_similarity, title_weight
from refs.dedupe.vetoes import Ids, vetoes
from refs.dedupe.views import member_views
from refs.model import Entry

IDENTIFIER = "identifier"
TITLE_AUTHORS_YEAR = "title-authors-year"
TITLE_YEAR = "title-year"
SHORT_TITLE = "short-title"
#: Below this title similarity (0-100) an equal identifier is suspect: a person decides.
IDENTIFIER_TITLE_FLOOR = 60.0
#: Below this title similarity (0-100) titles do not name one work.
TITLE_FLOOR = 85.0

#: Author factor by overlap of the shorter list: all, at least half, some, unknown.
_ALL_AUTHORS = 1.0
_MOST_AUTHORS = 0.96
_SOME_AUTHORS = 0.8
_NO_AUTHORS_INFORMATIVE = 0.95
_NO_AUTHORS_GENERIC = 0.7
#: Year factor for a one-year gap (preprint vs venue) or an unknown year.
_YEAR_APART = 0.97
#: Titles this similar (rapidfuzz ratio) are equal but for a letter's case or a space.
_EQUAL = 99.0


@dataclass(frozen=True, slots=True)
class Match:
    """The evidence for one pair: a score in [0, 1], the rule that gave it, the similarities
    measured (``title`` 0-100, ``authors`` 0-1 or absent, ``year_gap``), the identifiers both
    share, and every veto found; ``member_vetoes`` are those of them that only a retired
    member of a merged entry has (the pair itself would be confident without them)."""

    score: float
    rule: str
    similarities: Mapping[str, float] = field(default_factory=dict)
    shared: tuple[str, ...] = ()
    vetoes: tuple[str, ...] = ()
    member_vetoes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "similarities", MappingProxyType(dict(self.similarities)))

    def is_confident(self, threshold: float) -> bool:
        """True when this pair alone is enough to merge."""
        return not self.vetoes and self.score >= threshold


def identifier_titles_differ(a: str, b: str) -> bool:
    """True when two normalised titles are too unlike for one work, even with one identifier
    (a README that copied the previous row's arXiv link under another paper's title). A title
    that is the other's first words is its short name (``Blind Judgement`` beside
    ``Blind Judgement: Agent-Based ...``), not another work.

    >>> identifier_titles_differ("repobench benchmarking repository level code", "longcoder")
    True
    >>> identifier_titles_differ("code llama", "code llama open foundation models for code")
    False
    """
    if not (a and b) or f"{b} ".startswith(f"{a} ") or f"{a} ".startswith(f"{b} "):
        return False
    return ratio(a, b) < IDENTIFIER_TITLE_FLOOR


def _shared_ids(ids: tuple[Ids, Ids]) -> tuple[str, ...]:
    right = set(ids[1])
    return tuple(f"{kind}:{value}" for kind, value in ids[0] if (kind, value) in right)


def _author_factor(overlap: float | None, informative: bool) -> float:
    if overlap is None:
        return _NO_AUTHORS_INFORMATIVE if informative else _NO_AUTHORS_GENERIC
    return _ALL_AUTHORS if overlap >= 1 else _MOST_AUTHORS if overlap >= 0.5 else _SOME_AUTHORS


def _title_factor(a: str, b: str, *, named: bool, people: int) -> float:
    """The weight of two titles as evidence: 1 for informative ones; for a short one, its
    `title_weight` when the same ``people`` stand beside both, else `SHORT_TITLE_WEIGHT`;
    nothing to take off when no authors are ``named`` (the author factor already did)."""
    if not named or (is_informative(a) and is_informative(b)):
        return 1.0
    if not people:
        return SHORT_TITLE_WEIGHT
    return title_weight(a if len(a) <= len(b) else b, people)


def short_form(a: Fingerprint, b: Fingerprint, x: Entry, y: Entry) -> str:
    """The normalised title of ``x`` or ``y`` (fingerprints ``a``, ``b``) that is the other's
    short form, or ""."""
    if is_short_form_of(a.title, b.title, y.get("title")):
        return a.title
    if is_short_form_of(b.title, a.title, x.get("title")):
        return b.title
    return ""


def _member_vetoes(
    x: Entry, y: Entry, members: tuple[Sequence[Entry], Sequence[Entry]]
) -> list[str]:
    """The vetoes between ``x`` or its member views and ``y`` or its member views."""
    found: list[str] = []
    for view_x in (x, *members[0]):
        for view_y in (y, *members[1]):
            if view_x is x and view_y is y:
                continue
            vetoed = _compare_alone(view_x, view_y, ((), ())).vetoes
            found.extend(v for v in vetoed if v not in found)
    return found


def compare(
    a: Fingerprint,
    b: Fingerprint,
    x: Entry,
    y: Entry,
    *,
    ids: tuple[Ids, Ids],
    authors: tuple[float | None, bool, int],
    title_similarity: float | None = None,
    members: tuple[Sequence[Entry], Sequence[Entry]] = ((), ()),
) -> Match:
    """The evidence that ``x`` and ``y`` are one work.

    ``ids`` are both entries' `strong_identifiers`; ``authors`` is (overlap, both have
    authors, how many names both lists hold when they agree in full, else 0) from
    `author_overlap` and `agree_fully`;
    ``title_similarity`` may be passed when the caller has computed it already; ``members``
    are both entries' `member_views`.
    """
    overlap, both_named, people = authors
    similarity = ratio(a.title, b.title) if title_similarity is None else title_similarity
    if not (a.title and b.title):
        similarity = 0.0
    elif similarity >= TITLE_FLOOR:
        similarity = edit_similarity(a.title, b.title, similarity)
    found = vetoes(a, b, x, y, ids)
    if both_named and overlap == 0:
        found.append("disjoint-authors")
    similarities: dict[str, float] = {"title": round(similarity, 1)}
    if overlap is not None:
        similarities["authors"] = round(overlap, 2)
    gap = None if a.year is None or b.year is None else abs(a.year - b.year)
    if gap is not None:
        similarities["year_gap"] = gap
    shared = _shared_ids(ids)
    if (
        shared
        and similarity < IDENTIFIER_TITLE_FLOOR
        and identifier_titles_differ(a.title, b.title)
    ):
        found.append("different-titles")
    inherited = []
    if members[0] or members[1]:
        inherited = [v for v in _member_vetoes(x, y, members) if v not in found]
    all_vetoes = (*found, *inherited)
    if shared:
        return Match(1.0, IDENTIFIER, similarities, shared, all_vetoes, tuple(inherited))
    year_factor = 1.0 if gap == 0 else _YEAR_APART
    short = short_form(a, b, x, y)
    if short and people and gap is not None:
        score = year_factor * title_weight(short, people)
        return Match(round(score, 4), SHORT_TITLE, similarities, (), all_vetoes, tuple(inherited))
    informative = is_informative(a.title) and is_informative(b.title)
    title_factor = _title_factor(a.title, b.title, named=overlap is not None, people=people)
    score = similarity / 100 * _author_factor(overlap, informative) * year_factor * title_factor
    if overlap is None and not informative and similarity >= _EQUAL and gap == 0:
        # "Visual Instruction Tuning" (2023) twice, one copy with no authors: a short title
        # counts as it would beside the same two people, when the years agree
        score = max(score, title_weight(a.title))
    rule = TITLE_YEAR if overlap is None else TITLE_AUTHORS_YEAR
    if similarity < TITLE_FLOOR:
        score = min(score, similarity / 100 * 0.5)
    if short:
        # a short form beside other authors: often a follow-up that reuses the earlier title
        score = min(score, SHORT_TITLE_WEIGHT)
    return Match(round(score, 4), rule, similarities, (), all_vetoes, tuple(inherited))


def _compare_alone(x: Entry, y: Entry, members: tuple[Sequence[Entry], Sequence[Entry]]) -> Match:
    names_x, names_y = author_names(x), author_names(y)
    overlap = author_overlap(names_x, names_y)
    cut = (is_cut(x), is_cut(y))
    authors = (overlap, bool(names_x and names_y), agree_fully(names_x, names_y, overlap, cut))
    ids = (strong_identifiers(x), strong_identifiers(y))
    return compare(fingerprint(x), fingerprint(y), x, y, ids=ids, authors=authors, members=members)


def compare_entries(x: Entry, y: Entry) -> Match:
    """`compare` for two entries on their own (tests, one-off questions)."""
    return _compare_alone(x, y, (member_views(x), member_views(y)))

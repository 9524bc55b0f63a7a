"""Title evidence: how alike two normalised titles are, and how much a title says on its own.

Copies of one work differ in their titles in a few ways that a plain edit ratio undervalues:

- a *short form*: READMEs and slides cite a paper by its title up to the colon, dash or
  parenthesis (``Read, Listen, and See`` for ``Read, Listen, and See: Leveraging ...``);
- one-letter edits of a short title: singular or plural (``Summarization(s)``), a dropped
  article (``The Fourier ...``), which the ratio of a short title punishes hardest.

And two titles that are equal say less the shorter and more generic they are: "Introduction"
names no work, "Factored Translation Models" names one only with its authors beside it.
`title_weight` grades that by the title's words that are neither stopwords nor generic
(data/generic_title_words.txt); a match multiplies its score by it (match.py).
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz.fuzz import ratio

from refs.bibtex.keypattern import STOPWORDS
from refs.vocabulary import words

#: Where a title's short form ends: a colon, a dash (spaced hyphens, LaTeX or Unicode dashes),
#: an opening parenthesis.
_HEAD_END = re.compile(r"\s-{1,3}\s|-{2,3}|[:\u2013\u2014(]")
_ROMAN = re.compile(r"[ivxlc]{1,4}")
#: Articles a copy drops or adds (``The Fourier Policy Gradients``).
ARTICLES = frozenset({"a", "an", "the"})

#: Weight of a title with this many content words (at least), when the authors agree in full.
_WEIGHTS = ((3, 0.95), (2, 0.92))
#: As many people or more on both sides are evidence enough to count as one more title word.
_MANY_PEOPLE = 3
#: Weight of a generic or one-word title, and of any short title without full author agreement.
SHORT_TITLE_WEIGHT = 0.85


def head_end(title: str) -> int:
    """Where the short form of a raw title ends (its first colon, dash or parenthesis), or 0
    when it has none.

    >>> t = "Read, Listen, and See: Leveraging Multimodal Information"
    >>> t[: head_end(t)]
    'Read, Listen, and See'
    >>> head_end("Sentence-BERT"), head_end("(Almost) Free Lunch")
    (0, 0)
    """
    found = _HEAD_END.search(title)
    return found.start() if found is not None and title[: found.start()].strip() else 0


def content_words(title: str) -> list[str]:
    """The words of a normalised title that can tell works apart: no stopwords, numbers,
    single letters or roman numerals (``Session II``).

    >>> content_words("the bank of swedish 2 ii")
    ['bank', 'swedish']
    """
    return [
        word
        for word in title.split()
        if len(word) > 1
        and word not in STOPWORDS
        and not word.isdigit()
        and not _ROMAN.fullmatch(word)
    ]


@cache
def _generic_words() -> frozenset[str]:
    return words("generic_title_words")


def title_weight(title: str, people: int = 2) -> float:
    """How much an equal title counts when the same ``people`` (how many names both author
    lists hold) stand beside it: 1 for a title of four words or more, less for three or two
    words that are neither stopwords nor generic; `SHORT_TITLE_WEIGHT` for one such word. One
    person's name is less evidence than two: it counts a word less (a blog's posts, a
    series of guides by one publisher share a two-word title); three or more people count a
    word more (``HETAL`` by the same three authors is the short name of their paper).

    >>> title_weight("factored translation models"), title_weight("spectral hashing")
    (0.95, 0.92)
    >>> title_weight("introduction"), title_weight("rembrandt")
    (0.85, 0.85)
    >>> title_weight("the digital antiquarian", people=1), title_weight("the sheep look up", 1)
    (0.85, 0.92)
    >>> title_weight("hetal", people=3), title_weight("introduction", people=5)
    (0.92, 0.85)
    """
    generic = _generic_words()
    count = sum(1 for word in content_words(title) if word not in generic)
    if people < 2:
        count -= 1
    elif people >= _MANY_PEOPLE:
        count += 1
    return next((weight for least, weight in _WEIGHTS if count >= least), SHORT_TITLE_WEIGHT)


def skeleton(title: str) -> str:
    """A normalised title without articles and with each word's plural ``s`` dropped: equal
    skeletons differ by those one-letter edits only.

    >>> skeleton("the structured neural summarizations")
    'structured neural summarization'
    """
    return " ".join(
        word[:-1] if len(word) > 3 and word.endswith("s") else word
        for word in title.split()
        if word not in ARTICLES
    )


def edit_similarity(a: str, b: str, measured: float) -> float:
    """The similarity (0-100) of two normalised titles: ``measured`` (their ratio), or the
    ratio of their skeletons when that is higher (a plural or an article apart)."""
    if measured >= 100 or not (a and b):
        return measured
    return max(measured, ratio(skeleton(a), skeleton(b)))

"""When a list number is a label: the one rule for which printed numbers name references.

A ``[3]`` or ``<a id="ref3">`` entry is always labelled ``3``: that is what the mark is for.
The number of an ``N.`` list item is a label only when the document cites numbers (``[3]``,
``[[3]](#ref3)``, ``#ref3``) or when the list sits under a references heading
(`is_reference_heading`); otherwise an ``N.`` list is just a list, however many there are.

Two entries of one numbering with the same label reuse it; a numbering that starts again (a
list per heading, each from 1) is a new numbering, never reuse (`numbering_runs`). The same
rule groups labels in `refs dedupe`, which sees only each source's line and label.

>>> facts = [Numbered("1", True, ("Papers",)), Numbered("1", True, ("Blogs",))]
>>> number_labels(facts, cites_numbers=False)
[None, None]
>>> number_labels([Numbered("1", True, ("References",))], cites_numbers=False)
['1']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "Numbered",
    "cites_numbers",
    "is_reference_heading",
    "number_labels",
    "numbering_runs",
    "reused_labels",
]


@dataclass(frozen=True, slots=True)
class Numbered:
    """What decides an occurrence's label: the number it carries (``label``), whether that is
    an ``N.`` / ``N)`` list marker's number (``from_list``; False for ``[N]`` / ``<a id>``
    marks), and the titles of the headings it sits under, outermost first."""

    label: str | None
    from_list: bool
    headings: tuple[str, ...] = ()


@cache
def _reference_titles() -> frozenset[str]:
    text = resources.files("refs.parsing").joinpath("data/reference_headings.txt")
    lines = text.read_text("utf-8").splitlines()
    return frozenset(
        line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")
    )


#: ``[text](target)`` -> ``text``; an HTML tag; what is not a letter or a space.
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_TAG = re.compile(r"<[^<>]*>")
_NOT_LETTERS = re.compile(r"[^\w\s]|[\d_]")
#: Where a heading's own name ends and a qualifier begins: ``References (Models)``.
_QUALIFIER = re.compile(r"\s*(?:[(\[:|/\u2013\u2014]|\s-\s).*", re.DOTALL)
#: A section number left as letters: ``V. References`` -> ``v``.
_ROMAN = re.compile(r"[ivxlc]+|[a-z]")


def _words(title: str) -> str:
    words = _NOT_LETTERS.sub(" ", title).split()
    if len(words) > 1 and _ROMAN.fullmatch(words[0]):
        words = words[1:]
    return " ".join(words)


def is_reference_heading(title: str) -> bool:
    """True when a heading announces the document's reference list: its title, or its title
    before a qualifier (``References (Models)``, ``Publications: 2023``), is a listed one.

    >>> [is_reference_heading(t) for t in ("📚 References", "V. Bibliography", "参考文献")]
    [True, True, True]
    >>> [is_reference_heading(t) for t in ("Papers", "Reference Models", "Related Works")]
    [False, False, False]
    """
    plain = _TAG.sub(" ", _LINK.sub(r"\1", title)).casefold().strip()
    titles = _reference_titles()
    return _words(plain) in titles or _words(_QUALIFIER.sub("", plain)) in titles


#: A citation by number in running text: ``[3]``, ``[3, 7]``, ``[3-5]``, ``[[3]](#ref3)``; not
#: ``x[3]`` (code), ``[3]:`` (a link definition) nor a bracketed year (``[2023]``, a date tag).
_CITED = re.compile(
    r"(?<![\w\])])\[(?!(?:19|20)\d\d\])\d{1,4}(?:\s*[,;\u2013-]\s*\d{1,4})*\](?!:)"
    r"|#(?:ref|reference|cite|citation|bib|r)[-_]?\d{1,4}\b",
    re.IGNORECASE,
)
#: The label that opens an entry (``[3] …``, ``<a id="ref3">[3]</a> …``, ``**[3]** …``).
_OPENING_LABEL = re.compile(
    r"^\s*+(?:[-*+]\s++|\d{1,4}[.)]\s++)?(?:<a\s[^<>]*>\s*+(?:</a>\s*+)?)?\**\[\d{1,4}\]"
    r"(?:\s*+</a>)?\**"
)
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def cites_numbers(texts: Iterable[str]) -> bool:
    """True when the text cites references by number, outside the labels that open entries.

    ``texts`` are the document's blocks of prose, lists and tables, without code fences.

    >>> cites_numbers(["FLAN-T5 [7] is tuned on 1.8K tasks."]), cites_numbers(["x = a[0]"])
    (True, False)
    >>> cites_numbers(["[3] Ada Okafor. **Counting**. 2021.", "- [2023/06] **Title**"])
    False
    """
    for text in texts:
        for line in text.split("\n"):
            prose = _CODE_SPAN.sub(" ", _OPENING_LABEL.sub("", line, count=1))
            if _CITED.search(prose):
                return True
    return False


def number_labels(facts: Sequence[Numbered], cites_numbers: bool) -> list[str | None]:
    """The label each occurrence keeps: its mark's number always; a list number when the
    document cites numbers or the list is under a references heading, else none.

    A list numbered ``1.`` throughout is shown numbered 1, 2, 3: an item that repeats the
    number before it in the same section is labelled one more than that item.

    >>> lazy = [Numbered("1", True, ("References",))] * 3 + [Numbered("4", True, ("References",))]
    >>> number_labels(lazy, cites_numbers=False)
    ['1', '2', '3', '4']
    """
    labels: list[str | None] = []
    before: tuple[tuple[str, ...], str, int] | None = None  # section, printed, shown
    for fact in facts:
        if not fact.from_list or fact.label is None:
            labels.append(fact.label)
            continue
        if not (cites_numbers or any(is_reference_heading(title) for title in fact.headings)):
            labels.append(None)
            continue
        shown = _number(fact.label)
        if before is not None and before[:2] == (fact.headings, fact.label):
            shown = before[2] + 1
        if shown is None:
            labels.append(fact.label)
            continue
        before = (fact.headings, fact.label, shown)
        labels.append(str(shown))
    return labels


def _number(label: str) -> int | None:
    return int(label) if label.isdecimal() and len(label) <= 9 else None


def numbering_runs(labels: Sequence[str | None]) -> list[int]:
    """For labels in document order, which numbering each belongs to (0, 1, …).

    A numbering starts again where the number drops or is 1 again: ``1 2 3 1 2`` and
    ``1 1`` are two numberings, ``1 2 3 3`` one (with ``3`` twice). A label that is not a
    number, or no label, stays in the numbering before it.

    >>> numbering_runs(["1", "2", "3", "1", "2"]), numbering_runs(["1", "2", "3", "3", None])
    ([0, 0, 0, 1, 1], [0, 0, 0, 0, 0])
    """
    runs: list[int] = []
    run, previous = 0, None
    for label in labels:
        number = None if label is None else _number(label)
        if number is not None:
            if previous is not None and (number < previous or number == 1):
                run += 1
            previous = number
        runs.append(run)
    return runs


def reused_labels(labels: Sequence[str | None]) -> list[bool]:
    """For labels in document order, whether another occurrence of the same numbering has it.

    >>> reused_labels(["1", "2", "2", "1", None, "2"])
    [False, True, True, False, False, False]
    """
    keys = [
        (run, label) if label is not None else None
        for run, label in zip(numbering_runs(labels), labels, strict=True)
    ]
    counts = Counter(key for key in keys if key is not None)
    return [key is not None and counts[key] > 1 for key in keys]

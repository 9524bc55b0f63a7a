"""Titles: clean what markup left around them, then brace-protect acronyms for BibTeX.

A title read from a document is text: its braces are characters, which `refs.escaping`
spells for LaTeX before `protect_title` adds braces of its own.
"""

from __future__ import annotations

import re

from refs.parsing.markup import squash, strip_emphasis

#: A nickname after a title: ``Scaling Instruction-Finetuned Language Models (“Flan2”)``.
#: (Each pattern here starts where its run of spaces starts, or a search would rescan the run
#: from each of its positions.)
_NICKNAME = re.compile(
    r"(?:(?<!\s)\s++|)\((?:“[^”]*”|\"[^\"]*\"|'[^']*'|\u2018[^\u2019]*\u2019)\)\s*$"
)
#: A bare web address left inside a title by a copied PDF reference. It starts where its host
#: name starts (not after a letter, a hyphen or ``x.``): each name is read once.
_ADDRESS = re.compile(
    r"(?:(?<!\s)\s++|)(?<![\w-])(?<![\w-]\.)\b(?:[\w-]+\.)+(?:com|org|net|io|ai|edu)/\S*"
)
#: `` : `` (where the spaces start, or right after the one before it).
_SPACED_COLON = re.compile(r"(?:(?<!\s)|(?<=:\s))\s+:\s")


def clean_title(text: str) -> str:
    """The title as the paper spells it, without markup, quotes or trailing punctuation.

    >>> clean_title('**Scaling Instruction-Finetuned Language Models (“Flan2”)**.')
    'Scaling Instruction-Finetuned Language Models'
    >>> clean_title('**《Object Detection in 20 Years: A Survey》**')
    'Object Detection in 20 Years: A Survey'
    """
    text = squash(strip_emphasis(text))
    text = _ADDRESS.sub("", text)
    text = text.strip(" ,;:.-\u2013—")
    text = _strip_quotes(text)
    text = _NICKNAME.sub("", text)
    text = _SPACED_COLON.sub(": ", text)
    return text.strip(" ,;:.")


def _strip_quotes(text: str) -> str:
    # CJK title marks too: 《Deep Learning for Generic Object Detection: A Survey》
    for left, right in (("“", "”"), ('"', '"'), ("\u2018", "\u2019"), ("'", "'"), ("《", "》")):
        if text.startswith(left) and text.endswith(right) and len(text) > 2:
            return text[1:-1].strip(" ,.")
    return text


_WORD = re.compile(r"[A-Za-z0-9][\w'\u2019.+-]*[\w+]|[A-Za-z]")


def _needs_braces(word: str) -> bool:
    """Acronyms and odd capitals: LIMA, GPT-4, LLaMA, mT5, RoBERTa (not "Less", "Zero-Shot")."""
    return any(_odd_case(part) for part in word.split("-"))


def _odd_case(part: str) -> bool:
    """Two capitals, a small letter before a capital, or letters and digits mixed.

    From where each kind of character is, found once (a pattern ``[a-z].*[A-Z]`` would scan
    the rest of the word from each small letter).
    """
    if len(part) < 2 or not re.search(r"[A-Za-z]", part):
        return False
    if part[0].isupper() and part[1:].islower():
        return False
    upper, lower, digits = (_places(kind, part) for kind in (r"[A-Z]", r"[a-z]", r"\d"))
    letters = upper + lower
    return (
        len(upper) >= 2
        or _before(lower, upper)
        or _before(digits, letters)
        or _before(letters, digits)
    )


def _places(pattern: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(pattern, text)]


def _before(first: list[int], then: list[int]) -> bool:
    """Some place in ``first`` comes before some place in ``then``."""
    return bool(first and then) and min(first) < max(then)


def protect_title(title: str) -> str:
    """Brace acronyms so that BibTeX styles keep their case; shouted titles are left as they are.

    >>> protect_title("LIMA: Less Is More for Alignment")
    '{LIMA}: Less Is More for Alignment'
    """
    words = _WORD.findall(title)
    letters = [w for w in words if re.search(r"[A-Za-z]{2}", w)]
    if letters and sum(w.isupper() for w in letters) / len(letters) > 0.6:
        return title
    return _WORD.sub(
        lambda m: "{" + m.group(0) + "}" if _needs_braces(m.group(0)) else m.group(0), title
    )

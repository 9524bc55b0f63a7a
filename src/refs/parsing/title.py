"""Titles: clean what markup left around them, then brace-protect acronyms for BibTeX.

A title read from a document is text: its braces are characters, which `refs.escaping`
spells for LaTeX before `protect_title` adds braces of its own.
"""

from __future__ import annotations

import re

from refs.parsing.markup import squash, strip_emphasis

#: A nickname after a title: ``Scaling Instruction-Finetuned Language Models (“Flan2”)``.
_NICKNAME = re.compile(r"\s*\((?:“[^”]*”|\"[^\"]*\"|'[^']*'|\u2018[^\u2019]*\u2019)\)\s*$")
#: A bare web address left inside a title by a copied PDF reference.
_ADDRESS = re.compile(r"\s*\b(?:[\w-]+\.)+(?:com|org|net|io|ai|edu)/\S*")


def clean_title(text: str) -> str:
    """The title as the paper spells it, without markup, quotes or trailing punctuation.

    >>> clean_title('**Scaling Instruction-Finetuned Language Models (“Flan2”)**.')
    'Scaling Instruction-Finetuned Language Models'
    """
    text = squash(strip_emphasis(text))
    text = _ADDRESS.sub("", text)
    text = text.strip(" ,;:.-\u2013—")
    text = _strip_quotes(text)
    text = _NICKNAME.sub("", text)
    text = re.sub(r"\s+:\s", ": ", text)
    return text.strip(" ,;:.")


def _strip_quotes(text: str) -> str:
    for left, right in (("“", "”"), ('"', '"'), ("\u2018", "\u2019"), ("'", "'")):
        if text.startswith(left) and text.endswith(right) and len(text) > 2:
            return text[1:-1].strip(" ,.")
    return text


_WORD = re.compile(r"[A-Za-z0-9][\w'\u2019.+-]*[\w+]|[A-Za-z]")


def _needs_braces(word: str) -> bool:
    """Acronyms and odd capitals: LIMA, GPT-4, LLaMA, mT5, RoBERTa (not "Less", "Zero-Shot")."""
    return any(_odd_case(part) for part in word.split("-"))


def _odd_case(part: str) -> bool:
    if len(part) < 2 or not re.search(r"[A-Za-z]", part):
        return False
    if part[0].isupper() and part[1:].islower():
        return False
    return bool(re.search(r"[A-Z].*[A-Z]|[a-z].*[A-Z]|\d.*[A-Za-z]|[A-Za-z].*\d", part))


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

"""Brace-protect the words of a title that BibTeX styles must not lower-case.

Styles such as plainnat and ACL's print titles in sentence case: BibTeX lower-cases every
letter that is not inside braces (and keeps the first letter, and the first after a colon).
Acronyms and words with inner capitals (BERT, GPT-4, LLaMA, T5) are names, so they get braces.
A word that already holds braces or LaTeX is left as it is, so protecting twice changes nothing.

>>> protect_title("Scaling Instruction-Finetuned LLaMA Models with RLHF: GPT-4 vs. T5")
'Scaling Instruction-Finetuned {LLaMA} Models with {RLHF}: {GPT-4} vs. {T5}'
>>> protect_title("{BERT}: Pre-training of Deep Bidirectional Transformers")
'{BERT}: Pre-training of Deep Bidirectional Transformers'
"""

from __future__ import annotations

import re

_PARTS = re.compile(r"[-/–]")
#: A cheap superset of what `needs_protection` finds ("not ASCII lower case" stands in for
#: "upper case"): most titles match nothing and are returned as they are.
_MAYBE = re.compile(r"[^\W_][-/–'’.]?[^\W\d_a-z]|[^\W\d_a-z][\w'’.]*\d|\d[\w'’.]*[^\W\d_a-z]")
_BLANKS = re.compile(r"(\s+)")
#: LaTeX control words: their letters are not the title's (``{\\textendash}``).
_CONTROL_WORD = re.compile(r"\\[A-Za-z]+")
#: A run of letters and digits, joined by hyphens, slashes, apostrophes or dots: "GPT-4's".
_TOKEN = re.compile(r"[^\W_]+(?:[-/–'’.][^\W_]+)*")


def _words(value: str) -> list[str]:
    """``value`` cut at the blanks outside braces; the blanks are kept as pieces of their own."""
    if "{" not in value and "}" not in value:
        return [piece for piece in _BLANKS.split(value) if piece]
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for char in value:
        if depth == 0 and char.isspace():
            if current and not current[-1].isspace():
                pieces.append("".join(current))
                current = []
        elif current and current[-1].isspace():
            pieces.append("".join(current))
            current = []
        depth += (char == "{") - (char == "}")
        current.append(char)
    if current:
        pieces.append("".join(current))
    return pieces


def needs_protection(word: str) -> bool:
    """True for a word whose capitals are part of its spelling: a capital after the first
    letter of any hyphenated part (``RLHF``, ``LLaMA``, ``GPT-4``), or a capital beside a digit
    (``T5``). ``Zero-Shot`` and ``Instruction`` are only title-cased, so they are not.

    >>> [needs_protection(w) for w in ("RLHF", "LLaMA", "GPT-4", "T5", "Zero-Shot", "a")]
    [True, True, True, True, False, False]
    """
    for part in _PARTS.split(word):
        if any(char.isupper() for char in part[1:]):
            return True
        if any(char.isupper() for char in part) and any(char.isdigit() for char in part):
            return True
    return False


def _protected(word: str) -> str:
    if word.isspace() or "{" in word or "}" in word or "\\" in word:
        return word
    return _TOKEN.sub(lambda m: f"{{{m[0]}}}" if needs_protection(m[0]) else m[0], word)


def protect_title(value: str) -> str:
    """``value`` with its acronyms and mixed-case words in braces. A title without any
    lower-case letter (``MULTITASK PROMPTED TRAINING``) is left alone: protecting every word
    would freeze the shouting, while the style's sentence case reads well."""
    if _MAYBE.search(value) is None:
        return value
    if not any(char.islower() for char in _CONTROL_WORD.sub("", value)):
        return value
    return "".join(_protected(word) for word in _words(value))

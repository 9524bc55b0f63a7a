"""Punctuation fixes on rendered entries, done where they are exact: at marked quote ends.

The quotes of an entry (the style's and the data's, `refs.render.quotes`) are written in the
locale's terms first; every closing quote is marked with `QUOTE_END`, and a comma or period
that follows such marks is moved inside the quotes in locales whose ``punctuation-in-quote``
is true ("Title," -> "Title,"; "‘a’”," -> "a,’”"), as citeproc-js does; the marks are then
removed.

>>> finish(OPEN + "Title" + CLOSE + ", 2023.", punctuation_in_quote=True)
'\u201cTitle,\u201d 2023.'
"""

from __future__ import annotations

import re

from refs.render.quotes import CLOSE, ENGLISH, OPEN, QUOTE_END, Quotes, resolve_quotes

#: Closing quotes with their marks and closing tags, then the punctuation that may move inside.
_MOVABLE = re.compile(
    "(?P<inner>[^"
    + QUOTE_END
    + r"]?)(?P<close>(?:(?:</[a-z]+>)*[\u201d\u2019\u00bb\u203a\"'](?:</[a-z]+>)*"
    + QUOTE_END
    + r")+)(?P<tags>(?:</[a-z]+>)*)(?P<punct>[.,])"
)
#: A period, markup, then a suffix's period: "<i>et al.</i>." -> "<i>et al.</i>".
_PERIOD_ACROSS_TAGS = re.compile(r"\.(?P<tags>(?:</?[a-z]+[^>]*>)+)\.")
#: A sentence end, then a period added by a suffix: "you!." -> "you!", also before the
#: next delimiter ("Dialogues?., in" -> "Dialogues?, in", as citeproc-js prints it).
_DOUBLE_STOP = re.compile(r"(?<=[!?])(?P<tags>(?:</[a-z]+>)*)\.(?=[\s,;:]|$|<)")


def finish(text: str, *, punctuation_in_quote: bool, quotes: Quotes = ENGLISH) -> str:
    """Write the quotes in the locale's terms, move punctuation into them (when the locale
    says so) and drop the marks."""
    text = resolve_quotes(text, quotes)
    if punctuation_in_quote and QUOTE_END in text:
        text = _MOVABLE.sub(_move_inside, text)
    text = text.replace(QUOTE_END, "")
    text = _PERIOD_ACROSS_TAGS.sub(r".\g<tags>", text)
    return _DOUBLE_STOP.sub(r"\g<tags>", text)


def _move_inside(match: re.Match[str]) -> str:
    inner, close, tags, punct = match.group("inner", "close", "tags", "punct")
    close = close.replace(QUOTE_END, "")
    # "Why?" followed by "." keeps only its own mark; a comma still moves in ("you!,"),
    # as citeproc-js does.
    if inner in {".", "!", "?"} and (punct == "." or inner == "."):
        return f"{inner}{close}{tags}"
    return f"{inner}{punct}{close}{tags}"


__all__ = ["CLOSE", "OPEN", "QUOTE_END", "finish"]

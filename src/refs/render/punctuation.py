"""Punctuation fixes on rendered entries, done where they are exact: at marked quote ends.

The citeproc layer marks the end of every quote it opens with `QUOTE_END`; a comma or period
that follows such a mark is moved inside the quote in locales whose ``punctuation-in-quote``
is true ("Title," -> "Title,"), as citeproc-js does; the marks are then removed.

>>> finish("\u201cTitle\u201d" + QUOTE_END + ", 2023.", punctuation_in_quote=True)
'\u201cTitle,\u201d 2023.'
"""

from __future__ import annotations

import re

#: A private-use character the renderer puts right after each closing quote it writes.
QUOTE_END = "\ue000"

#: Closing quote, its mark, closing tags, then the punctuation that may move inside.
_MOVABLE = re.compile(
    "(?P<inner>[^"
    + QUOTE_END
    + r"]?)(?P<close>(?:</[a-z]+>)*[\u201d\u2019\"'](?:</[a-z]+>)*)"
    + QUOTE_END
    + r"(?P<tags>(?:</[a-z]+>)*)(?P<punct>[.,])"
)
#: A period, markup, then a suffix's period: "<i>et al.</i>." -> "<i>et al.</i>".
_PERIOD_ACROSS_TAGS = re.compile(r"\.(?P<tags>(?:</?[a-z]+[^>]*>)+)\.")
#: A sentence end, then a period added by a suffix: "you!." -> "you!", also before the
#: next delimiter ("Dialogues?., in" -> "Dialogues?, in", as citeproc-js prints it).
_DOUBLE_STOP = re.compile(r"(?<=[!?])(?P<tags>(?:</[a-z]+>)*)\.(?=[\s,;:]|$|<)")


def finish(text: str, *, punctuation_in_quote: bool) -> str:
    """Move punctuation into marked quotes (when the locale says so) and drop the marks."""
    if punctuation_in_quote and QUOTE_END in text:
        text = _MOVABLE.sub(_move_inside, text)
    text = text.replace(QUOTE_END, "")
    text = _PERIOD_ACROSS_TAGS.sub(r".\g<tags>", text)
    return _DOUBLE_STOP.sub(r"\g<tags>", text)


def _move_inside(match: re.Match[str]) -> str:
    inner, close, tags, punct = match.group("inner", "close", "tags", "punct")
    # "Why?" followed by "." keeps only its own mark; a comma still moves in ("you!,"),
    # as citeproc-js does.
    if inner in {".", "!", "?"} and (punct == "." or inner == "."):
        return f"{inner}{close}{tags}"
    return f"{inner}{punct}{close}{tags}"

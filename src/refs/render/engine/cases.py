"""``text-case`` on whatever citeproc-py hands over: it crashed on plain ``str`` pieces
("'str' object has no attribute 'words'"), on ``None`` and on empty strings
(``capitalize-first`` of "" is an IndexError): 36 of 2,852 independent styles raised on the
shipped store. citeproc-js leaves an empty value empty and cases the rest.

A title case on what is not an item's variable (a label's term, a date part, a number) is
applied whatever the language: citeproc-js leaves title case out only on the variables of a
non-English item. citeproc-py is handed no language there, and read that as "not English", so
APA's ``<label form="short" text-case="title"/>`` printed "(eds.)" where citeproc-js prints
"(Eds.)"."""

from __future__ import annotations

from typing import Any

from refs.render.citeproc import MixedString, String


class SafeCase:
    """Mixed into every element class with a ``text-case`` (`refs.render.engine.style`)."""

    def case(self, text: Any, language: Any = None) -> Any:
        if text is None or self.get("text-case") is None:  # type: ignore[attr-defined]
            return text
        cased = as_string(text)
        if cased is None:  # nothing to case
            return text
        if language is None:  # no item variable: a term, a label, a number
            language = "en"
        result = super().case(cased, language)  # type: ignore[misc]
        return str(result) if type(text) is str else result


def as_string(text: Any) -> Any:
    """``text`` as citeproc-py's strings (``String`` / ``MixedString`` of non-empty pieces),
    or None when it has no characters.

    >>> as_string(""), type(as_string("ab")).__name__
    (None, 'String')
    >>> [str(piece) for piece in as_string(MixedString(["", String("a"), "b"]))]
    ['a', 'b']
    """
    if isinstance(text, MixedString):
        pieces = [as_string(piece) for piece in text]
        kept = [piece for piece in pieces if piece is not None]
        return MixedString(kept) if kept else None
    if not str(text):
        return None
    return text if isinstance(text, String) else String(str(text))

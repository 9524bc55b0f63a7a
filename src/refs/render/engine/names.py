"""Names as citeproc-js writes them: initials, and ``initialize="false"``."""

from __future__ import annotations

import re
from typing import Any

from refs.render.citeproc import String, model
from refs.render.engine.configs import current, given_levels, shown_names

_CSL_NS = "http://purl.org/net/xbiblio/csl"
_SPACES = re.compile(r"\s+")
_AREAS = frozenset({f"{{{_CSL_NS}}}citation", f"{{{_CSL_NS}}}bibliography"})


def initials(given: str, mark: str, *, hyphen: bool) -> str:
    """Given names as initials, as citeproc-js makes them.

    A lowercase part ("jie", "yue") is kept after a space; whitespace runs become one space
    and trailing space goes, but a leading one stays (citeproc-js prints "Zhang,  yue", and
    sorts by it). citeproc-py put a mark after every run, even an empty one (". yue .").

    >>> initials("Qi jie", ". ", hyphen=True), initials("yue", ".", hyphen=True)
    ('Q. jie', ' yue')
    >>> initials("Jean-Paul", ".", hyphen=True), initials("Jean-Paul", ".", hyphen=False)
    ('J.-P.', 'J.P.')
    """
    hyphen_parts = given.split("-") if hyphen else [given.replace("-", " ")]
    result = []
    for hyphen_part in hyphen_parts:
        pieces = [
            part[0] + mark if part[0].isupper() else f" {part} "
            for part in hyphen_part.replace(".", " ").split()
        ]
        result.append(_SPACES.sub(" ", "".join(pieces)).rstrip())
    return "-".join(result)


class Name(model.Name):  # type: ignore[misc]
    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        """As many names as citation disambiguation decided (`refs.render.engine.ambiguity`):
        citeproc-py knew only the style's et-al rules."""
        run = current()
        form = self.get_option("form", context)
        if run is None or sort_options is not None or form == "count":
            return super().process(item, variable, context, sort_options, **kw)
        run.start(item)
        people = item.reference.get(variable, [])
        pos = run.nameset
        run.nameset += 1
        run.names_max.append(len(people))
        et_al_min = self.get_option("et-al-min", context)
        use_first = self.get_option("et-al-use-first", context)
        shown = shown_names(run, pos, len(people), et_al_min, use_first)
        mark = self.get_option("initialize-with", context)
        initialized = None
        if mark is not None and inherited(self, "initialize", "true") != "false":
            hyphen = bool(self.get_option("initialize-with-hyphen", context))

            def initialized(given: str) -> str:
                return initials(given, str(mark), hyphen=hyphen)

        floor = 0 if form == "short" else 1 if initialized is not None else 2
        given_levels(run, pos, people, floor, initialized)
        if shown is None:
            return super().process(item, variable, context, sort_options, **kw)
        options = {
            "et-al-min": "0" if shown >= len(people) else str(shown + 1),
            "et-al-use-first": str(shown),
        }
        return super().process(item, variable, context, options, **kw)

    def initialize(self, given: str, mark: str, context: Any) -> str:
        """Honour ``initialize="false"`` (keep given names, format only existing initials)
        and write no stray marks (see `initials`)."""
        if inherited(self, "initialize", "true") != "false":
            hyphen = bool(self.get_option("initialize-with-hyphen", context))
            return initials(given, mark, hyphen=hyphen)
        words = []
        for word in given.split():
            letters = word.rstrip(".")
            words.append(letters + mark.rstrip() if len(letters) == 1 else word)
        return " ".join(words)


def inherited(element: Any, option: str, default: str) -> str:
    """A name option from the element, its citation or bibliography, or the style."""
    value = element.get(option)
    if value is not None:
        return str(value)
    for ancestor in element.iterancestors():
        if ancestor.tag in _AREAS:
            value = ancestor.get(option)
            if value is not None:
                return str(value)
    return str(element.get_root().get(option, default))


class NamePart(model.Name_Part):  # type: ignore[misc]
    def case(self, text: Any, language: Any = None) -> Any:
        """Text case on a name part: citeproc-py passed a plain ``str``, which has none of its
        case methods (an AttributeError in every style with ``<name-part text-case=…>``)."""
        if isinstance(text, str):
            return str(super().case(String(text), language))
        return super().case(text, language)

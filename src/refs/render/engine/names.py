"""Names as citeproc-js writes them: initials, and ``initialize="false"``."""

from __future__ import annotations

import re
from typing import Any

from refs.render.citeproc import String, model
from refs.render.engine.configs import current, given_levels, shown_names
from refs.render.engine.initials import initialize
from refs.render.engine.truncation import is_truncated

_CSL_NS = "http://purl.org/net/xbiblio/csl"
_SPACES = re.compile(r"\s+")
_AREAS = frozenset({f"{{{_CSL_NS}}}citation", f"{{{_CSL_NS}}}bibliography"})


def initials(given: str, mark: str, *, hyphen: bool) -> str:
    """Given names as initials, as citeproc-js makes them (`refs.render.engine.initials`).

    A lowercase part ("jie", "yue") is kept after a space, and a leading one stays
    (citeproc-js prints "Zhang,  yue", and sorts by it). citeproc-py put a mark after every
    run, even an empty one (". yue .").

    >>> initials("Qi jie", ". ", hyphen=True), initials("yue", ".", hyphen=True)
    ('Q. jie', ' yue')
    >>> initials("Jean-Paul", ".", hyphen=True), initials("Jean-Paul", ".", hyphen=False)
    ('J.-P.', 'J.P.')
    """
    return initialize(given, mark, hyphen=hyphen)


class Name(model.Name):  # type: ignore[misc]
    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kw: Any
    ) -> Any:
        """As many names as citation disambiguation decided (`refs.render.engine.ambiguity`),
        each with its given-name level: citeproc-py knew only the style's et-al rules and
        one form for every name. A list marked truncated (BibTeX's ``and others``) ends in
        the style's et-al term whatever those rules say."""
        run = current()
        form = self.get_option("form", context)
        if run is None or sort_options is not None or form == "count":
            return super().process(item, variable, context, sort_options, **kw)
        run.start(item)
        if run.rule is None:
            run.adopt(self.get_root().citation)
        people = item.reference.get(variable, [])
        pos = run.nameset
        run.nameset += 1
        run.names_max.append(len(people))
        et_al_min = self.get_option("et-al-min", context)
        use_first = self.get_option("et-al-use-first", context)
        shown = shown_names(run, pos, len(people), et_al_min, use_first)
        options = None
        if shown is not None:
            options = {
                "et-al-min": "0" if shown >= len(people) else str(shown + 1),
                "et-al-use-first": str(shown),
            }

        def option(name: str) -> Any:
            return self.get_option(name, context, options)

        et_al_min, use_first = option("et-al-min"), option("et-al-use-first")
        # A list that ended in ``and others`` is truncated already: its last name is not the
        # last author, so et-al-use-last never applies to it (`refs.render.engine.truncation`).
        marked = is_truncated(people)
        cut = bool(len(people) > 1 and et_al_min and len(people) >= et_al_min)
        use_last = cut and not marked and option("et-al-use-last") and use_first <= et_al_min - 2
        if cut:
            people = people[:use_first] + ([people[-1]] if use_last else [])
        truncated = cut or marked
        mark = option("initialize-with")
        floor = 0 if form == "short" else 1 if mark is not None else 2
        levels = given_levels(run, pos, people, floor, mark is not None)
        texts = [
            self._person(person, n, max(levels[n], floor), option, context)
            for n, person in enumerate(people)
        ]
        return self._joined(texts, option, truncated=truncated, use_last=use_last)

    def _joined(self, texts: list[Any], option: Any, *, truncated: bool, use_last: bool) -> Any:
        """The names joined as citeproc-py did: et al. (or an ellipsis and the last name),
        else "and" and the delimiters; ``after-inverted-name`` (which citeproc-py did not
        know) puts the delimiter before et al. or "and" when the name before is inverted."""
        delimiter = option("delimiter")
        order = option("name-as-sort-order")

        def precedes(setting: str, count: int) -> bool:
            if setting == "after-inverted-name":
                return order == "all" or (order == "first" and len(texts) == count)
            return setting == "always" or (setting == "contextual" and len(texts) > count)

        et_al = self.et_al() if truncated else None
        if et_al and use_last:
            texts[-1] = self.unicode_character("horizontal ellipsis") + " " + texts[-1]
            return self.join(texts, delimiter)
        if et_al:
            if precedes(option("delimiter-precedes-et-al"), 1):
                return self.join([*texts, et_al], delimiter)
            return self.join(texts, delimiter) + " " + et_al
        and_ = option("and")
        if and_ is None or len(texts) < 2:
            return self.join(texts, delimiter)
        word = self.get_single_term(name="and") if and_ == "text" else self.preformat("&")
        text = self.join(texts[:-1], ", ")
        if precedes(option("delimiter-precedes-last"), 2):
            text = self.join([text, ""], ", ")
        else:
            text += " "
        return text + f"{word} " + texts[-1]

    def _person(self, person: Any, n: int, level: int, option: Any, context: Any) -> Any:
        """One name, the ``n``-th shown, at given-name ``level`` (``_givenName``): 0 the
        family name alone (short form), 1 initials, 2 the full given name; above 0 it is
        the long form, inverted as ``name-as-sort-order`` says."""
        given, family, dropping, non_dropping, suffix = person.parts()
        if level == 0:
            return self._parts(given, _joined(non_dropping, family))[1]
        if given is not None and family and level == 1:
            mark = option("initialize-with")
            if mark is None and str(option("givenname-disambiguation-rule") or "").endswith(
                "-with-initials"
            ):
                mark = ""
            if mark is not None:
                given = self.initialize(given, str(mark), context)
        order = option("name-as-sort-order")
        if order == "all" or (order == "first" and n == 0):
            if option("demote-non-dropping-particle") in ("never", "sort-only"):
                family = _joined(non_dropping, family)
                given = _joined(given, dropping)
            else:
                given = _joined(given, dropping, non_dropping)
            given, family = self._parts(given, family)
            return option("sort-separator").join([p for p in (family, given, suffix) if p])
        given, family = self._parts(given, _joined(dropping, non_dropping, family))
        return " ".join([p for p in (given, family, suffix) if p])

    def _parts(self, given: Any, family: Any) -> tuple[Any, Any]:
        """The ``<name-part>`` formatting of given and family name."""
        for part in self.findall("cs:name-part", self.nsmap):
            given, family = part.format_part(given, family)
        return given, family

    def initialize(self, given: str, mark: str, context: Any) -> str:
        """Initials as citeproc-js writes them (`refs.render.engine.initials`); with
        ``initialize="false"`` given names stay and only existing initials get the mark."""
        hyphen = bool(self.get_option("initialize-with-hyphen", context))
        normalize = inherited(self, "initialize", "true") == "false"
        return initialize(given, mark, hyphen=hyphen, normalize=normalize)


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


def _joined(*parts: Any) -> str:
    """The parts that are there, space-separated, but none after a particle that ends in an
    apostrophe or a hyphen, as citeproc-js joins them ("d’" + "Alché-Buc": "d’Alché-Buc")."""
    text = ""
    for part in parts:
        if part:
            glue = "" if not text or str(text)[-1] in _GLUED else " "
            text = text + glue + part
    return text


#: Last characters of a name part after which the next one follows without a space.
_GLUED = frozenset("'\u2019-")

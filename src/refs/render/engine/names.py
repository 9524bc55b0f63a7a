"""Names as citeproc-js writes them: initials, and ``initialize="false"``."""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import Any

from refs.render.citeproc import String, model
from refs.render.engine.configs import current, given_levels, shown_names
from refs.render.engine.initials import initialize
from refs.render.engine.truncation import is_truncated

_CSL_NS = "http://purl.org/net/xbiblio/csl"
_SPACES = re.compile(r"\s+")
#: True while a sort key's names render (`sort_key_options`).
_SORT_KEY: ContextVar[bool] = ContextVar("sort_key", default=False)
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
        if sort_options is not None:
            token = _SORT_KEY.set(True)
            try:
                return super().process(
                    item, variable, context, sort_key_options(self, sort_options), **kw
                )
            finally:
                _SORT_KEY.reset(token)
        run = current()
        form = self.get_option("form", context)
        if run is None or form == "count":
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
        if not people:  # et-al-use-first="0": citeproc-js prints nothing, not "et al." alone
            return None
        truncated = cut or marked
        mark = option("initialize-with")
        floor = 0 if form == "short" else 1 if mark is not None else 2
        levels = given_levels(run, pos, people, floor, mark is not None)
        texts = [
            self._person(person, n, max(levels[n], floor), option, context)
            for n, person in enumerate(people)
        ]
        literal = [isinstance(person, dict) and "literal" in person for person in people]
        return self._joined(texts, option, truncated=truncated, use_last=use_last, literal=literal)

    def markup(self, text: Any) -> Any:
        """A ``form="count"`` stays a number, so that the counts of the variables of one
        ``cs:names`` add up, as citeproc-js adds them ("5"; citeproc-py joined "3" and "2")."""
        if isinstance(text, int):
            return text
        return super().markup(text)

    def et_al(self) -> Any:
        """No et-al term in a sort key (`sort_key_options`)."""
        return None if _SORT_KEY.get() else super().et_al()

    def _joined(
        self,
        texts: list[Any],
        option: Any,
        *,
        truncated: bool,
        use_last: bool,
        literal: list[bool] | None = None,
    ) -> Any:
        """The names joined as citeproc-py did: et al. (or an ellipsis and the last name),
        else "and" and the delimiters; ``after-inverted-name`` (which citeproc-py did not
        know) puts the delimiter before et al. or "and" when the name before is inverted (a
        literal name, an institution, never is)."""
        delimiter = option("delimiter")
        order = option("name-as-sort-order")

        def precedes(setting: str, count: int) -> bool:
            if setting == "after-inverted-name":
                before = len(texts) - count
                if literal and 0 <= before < len(literal) and literal[before]:
                    return False
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
        return _spaced([p for p in (given, family, suffix) if p])

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


def sort_key_options(element: Any, sort_options: dict[str, Any]) -> dict[str, Any]:
    """The name options of a sort key, as citeproc-js renders names there.

    citeproc-js demotes the non-dropping particle ("Bosch, Jan van den") unless the style's
    ``demote-non-dropping-particle`` is "never", whatever it says for display: "sort-only"
    (the ACM styles) sorts "van den Bosch" under B. citeproc-py read "sort-only" as "not
    demoted" here too, and sorted him under V. And the names are joined by the delimiter
    alone, with no "and" and no et-al term (`Name.et_al`): "Derezinski, M. et al." sorts
    before "Derezinski, M. and Warmuth, M.K.", a shorter key first.
    """
    demote = str(element.get_root().get("demote-non-dropping-particle", "display-and-sort"))
    return {
        **sort_options,
        "demote-non-dropping-particle": "never" if demote == "never" else "display-and-sort",
        "and": None,
    }


def names_sort_key(key: Any, names: Any) -> str | None:
    """A ``<key variable="author"/>``'s value, as citeproc-js builds it: the names each
    inverted with the particles placed as in `sort_key_options`, cut after
    ``et-al-use-first`` when there are ``et-al-min`` or more (the key's ``names-min`` and
    ``names-use-first``, else the bibliography's or the style's et-al options, never an et-al
    term), the given names as initials when the style or bibliography says
    ``initialize-with``. citeproc-py kept every name, so two reports of the same nine authors
    sorted by the fifth one's middle name where citeproc-js keeps them in their order.
    """
    if not names:
        return None
    people = list(names)
    at_least = _number(key.get("names-min") or _option(key, "et-al-min"))
    first = _number(key.get("names-use-first") or _option(key, "et-al-use-first"))
    if at_least and first and len(people) >= at_least:
        people = people[:first]
    demoted = str(key.get_root().get("demote-non-dropping-particle", "")) != "never"
    mark = _option(key, "initialize-with")
    texts = []
    for person in people:
        given, family, dropping, non_dropping, suffix = person.parts()
        if given and mark is not None:
            given = initialize(str(given), mark)
        if demoted:
            parts = (family, _joined(given, dropping, non_dropping), suffix)
        else:
            parts = (_joined(non_dropping, family, dropping), given, suffix)
        texts.append(" ".join(str(part) for part in parts if part))
    return " ".join(texts)


def _option(element: Any, option: str) -> str | None:
    for ancestor in element.iterancestors():
        if ancestor.tag in _AREAS and ancestor.get(option) is not None:
            return str(ancestor.get(option))
    value = element.get_root().get(option)
    return None if value is None else str(value)


def _number(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() else 0


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


def _spaced(parts: list[Any]) -> Any:
    """Name parts joined by a space, none after a part that ends in one: a ``<name-part
    suffix="&#160;">`` joins with its no-break space alone ("John Doe"), as in citeproc-js."""
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = text + part if str(text)[-1:].isspace() else text + " " + part
    return text


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

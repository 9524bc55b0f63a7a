"""What citeproc-py looks up again and again in a style, looked up once.

citeproc-py finds a macro, an element's layout or its citation/bibliography by an XPath query
each time it renders one (a third of the rendering time), and decides whether a group calls a
variable by walking its subtree (and every macro it calls) for every entry. A style does not
change while it renders, so the answers are kept on the element. lxml keeps one Python object
per element only while something refers to it, so `keep_alive` holds them all for the style's
life (else a kept answer would be lost, never wrong).
"""

from __future__ import annotations

from typing import Any

from refs.render.citeproc import model


class Cached:
    """Mixed into every element class of a style (`refs.render.engine.style`)."""

    _root: Any

    def xpath_search(self, expression: str) -> list[Any]:
        cache = _cache(self, "_xpath")
        found = cache.get(expression)
        if found is None:
            found = cache[expression] = super().xpath_search(expression)  # type: ignore[misc]
        return list(found)

    def get_root(self) -> Any:
        # set by `keep_alive`; an element made later asks its tree (``_root`` is then None:
        # citeproc-py's elements answer an unknown attribute with a child of that name)
        root = self._root
        if root is None:
            root = super().get_root()  # type: ignore[misc]
        return root

    def get_formatter(self) -> Any:
        root = self.get_root()
        return root.style.formatter if isinstance(root, model.Locale) else root.formatter

    def get_macro(self, name: str) -> Any:
        macros = _cache(self.get_root(), "_macros")
        macro = macros.get(name)
        if macro is None:
            macro = macros[name] = super().get_macro(name)  # type: ignore[misc]
        return macro

    def get_term(self, *args: Any, **kwargs: Any) -> Any:
        root = self.get_root()
        if not isinstance(vars(root).get("locales"), list):  # an element of a locale file
            return super().get_term(*args, **kwargs)  # type: ignore[misc]
        terms = _cache(root, "_terms")
        key = (args, tuple(sorted(kwargs.items())))
        term = terms.get(key, _NONE)
        if term is _NONE:
            term = terms[key] = super().get_term(*args, **kwargs)  # type: ignore[misc]
        return term

    def calls_variable(self) -> bool:
        kept = vars(self)
        calls = kept.get("_calls_variable")
        if calls is None:
            calls = kept["_calls_variable"] = bool(super().calls_variable())  # type: ignore[misc]
        return calls


_NONE = object()


def keep_alive(root: Any) -> None:
    """Hold the Python object of every element of the style, so that what they keep lasts."""
    root._elements = list(root.iter())
    for element in root._elements:
        element._root = root


def _cache(element: Any, name: str) -> dict[Any, Any]:
    kept = vars(element)
    cache: dict[Any, Any] | None = kept.get(name)
    if cache is None:
        cache = kept[name] = {}
    return cache

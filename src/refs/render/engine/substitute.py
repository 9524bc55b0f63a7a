"""``cs:substitute`` and ``cs:names``: a substituted variable is printed once only (CSL 1.0.2),
and ``subsequent-author-substitute`` ("———") in the bibliography (not of what a
macro prints in the names' place)."""

from __future__ import annotations

from typing import Any

from refs.render.citeproc import String, VariableError, model

_CSL = "{http://purl.org/net/xbiblio/csl}"


def log_rendered(element: Any, context: Any, variable: str) -> None:
    """Note a rendered variable while a ``cs:substitute`` listens (see `Substitute`)."""
    layout = (element if context is None else context).get_layout()
    log = getattr(layout, "rendered_log", None)
    if log is not None:
        log.append((element.tag, variable))


def substituted_for(names: Any) -> Any:
    """The ``cs:names`` whose ``cs:substitute`` holds ``names`` (directly or in a
    ``cs:choose``), when ``names`` has no ``cs:name`` of its own: CSL gives it that parent's
    ``cs:name`` and ``cs:label``. None for any other names."""
    if names.find(f"{_CSL}name") is not None:
        return None
    parent = names.getparent()
    while parent is not None and parent.tag in _CONDITIONS:
        parent = parent.getparent()
    if parent is None or parent.tag != f"{_CSL}substitute":
        return None
    return parent.getparent()


_CONDITIONS = frozenset(f"{_CSL}{tag}" for tag in ("choose", "if", "else-if", "else"))


class Substitute(model.Substitute):  # type: ignore[misc]
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """Suppress every variable the substitute printed, also through a macro.

        citeproc-py records only the child's own ``variable`` attribute, so a title put in
        the author's place by ``<text macro="title"/>`` was printed twice. Here the variables
        actually rendered while the substitute ran are recorded and suppressed.
        """
        layout = (self if context is None else context).get_layout()
        for child in self.getchildren():
            log: list[tuple[str, str]] = []
            layout.rendered_log = log
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            finally:
                layout.rendered_log = None
            if text:
                for tag, variable in log:
                    layout.repressed.setdefault(tag, []).append(variable)
                entry = getattr(layout, "entry_names", None)
                if entry is not None and "macro" in child.attrib:
                    entry["not_names"] = True  # e.g. a title macro in the author's place
                return text
        return None


class Names(model.Names):  # type: ignore[misc]
    def process(self, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        """Leave out name variables already printed by a ``cs:substitute`` (CSL 1.0.2), and
        replace the first names of an entry by ``subsequent-author-substitute`` when they
        repeat the previous entry's.

        A substituted variable is left out of a ``cs:names`` of several variables too (APA's
        ``<names variable="editor translator">`` printed an edited book's editors again after
        its title; citeproc-py left out only a names whose every variable was substituted).
        A names without a ``cs:name`` inside a substitute's ``cs:choose`` takes the
        substitute's names' ``cs:name`` and ``cs:label``, as a direct child does (Chicago's
        "Bud-Frierman, Lisa, ed.": citeproc-py gave it a default name, "L. Bud-Frierman").
        """
        layout = (self if context is None else context).get_layout()
        repressed = set(getattr(layout, "repressed", {}).get(self.tag, ()))
        variable = self.get("variable", "")
        kept = [name for name in variable.split() if name not in repressed]
        if repressed and variable and not kept:
            raise VariableError
        if names_context is None:
            names_context = substituted_for(self)
        if len(kept) == len(variable.split()):
            text = super().process(item, names_context=names_context, context=context, **kw)
        else:
            # citeproc-py reads the variables from the element itself
            self.set("variable", " ".join(kept))
            try:
                text = super().process(item, names_context=names_context, context=context, **kw)
            finally:
                self.set("variable", variable)
        if text:
            for name in variable.split():
                log_rendered(self, context, name)
            text = _substituted(layout, text)
        return text


def _substituted(layout: Any, text: Any) -> Any:
    entry = getattr(layout, "entry_names", None)
    if entry is None or entry.get("seen"):
        return text
    entry["seen"] = True
    if entry.pop("not_names", False):
        # citeproc-js compares the names and variables a substitute prints, not what a
        # macro prints there: a title macro in the author's place is printed again
        # (MLA: "Title." twice), and the next entry compares with nothing
        entry["current"] = None
        return text
    rendered = str(text)
    previous = entry.get("previous")
    entry["current"] = rendered
    substitute = entry.get("substitute")
    if substitute is not None and rendered == previous:
        return String(substitute) if substitute else None
    return text

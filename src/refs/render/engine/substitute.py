"""``cs:substitute`` and ``cs:names``: a substituted variable is printed once only (CSL 1.0.2),
and ``subsequent-author-substitute`` ("———") in the bibliography (not of what a
macro prints in the names' place)."""

from __future__ import annotations

from typing import Any

from refs.render.citeproc import String, VariableError, model


def log_rendered(element: Any, context: Any, variable: str) -> None:
    """Note a rendered variable while a ``cs:substitute`` listens (see `Substitute`)."""
    layout = (element if context is None else context).get_layout()
    log = getattr(layout, "rendered_log", None)
    if log is not None:
        log.append((element.tag, variable))


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
        repeat the previous entry's."""
        layout = (self if context is None else context).get_layout()
        repressed = set(getattr(layout, "repressed", {}).get(self.tag, ()))
        variable = self.get("variable", "")
        if repressed and variable and set(variable.split()) <= repressed:
            raise VariableError
        text = super().process(item, names_context=names_context, context=context, **kw)
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

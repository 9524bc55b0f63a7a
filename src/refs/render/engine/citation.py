"""``cs:citation``'s layout: a cluster's cites rendered one by one, then collapsed and joined
as citeproc-js does (`refs.render.engine.collapse`).

citeproc-py 0.11.1 renders every cite in full and joins them with the layout's delimiter; it
ignores ``collapse``, ``cite-group-delimiter``, ``year-suffix-delimiter`` and
``after-collapse-delimiter``. A style that sets one of them is rendered here: its cites sorted
by the citation's ``cs:sort`` (brought together by names where citeproc-js groups them), else
kept in the order they were cited, as citeproc-js keeps them (citeproc-py put them in
bibliography order). A style that sets none of them is joined as citeproc-py joins it, in the
same order as citeproc-js.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from refs.render.citeproc import String, VariableError
from refs.render.engine.collapse import Options, Piece, fragments, grouped_order, repeated_names
from refs.render.engine.configs import current
from refs.render.engine.groups import first_output
from refs.render.engine.layout import Layout
from refs.render.engine.looking import looking
from refs.render.engine.substitute import Names

_CSL = {"cs": "http://purl.org/net/xbiblio/csl"}


@dataclass
class _Probe:
    """While one cite renders: the first names it prints, and whether to leave them out."""

    cut: bool = False
    names: str | None = None
    inside: bool = False


_PROBE: ContextVar[_Probe | None] = ContextVar("collapse_probe", default=None)


@contextmanager
def _probing(probe: _Probe) -> Iterator[_Probe]:
    token = _PROBE.set(probe)
    try:
        yield probe
    finally:
        _PROBE.reset(token)


class CollapsingNames(Names):
    def process(self, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        """Note the first names a cite prints, and leave them out when the cite collapses
        (citeproc-py has no collapsing: "Smith 2000, Smith 2001")."""
        probe = _PROBE.get()
        if probe is None or probe.inside or probe.names is not None:
            return super().process(item, names_context=names_context, context=context, **kw)
        probe.inside = True
        try:
            text = super().process(item, names_context=names_context, context=context, **kw)
        finally:
            probe.inside = False
        if not text:
            return text
        probe.names = str(text)
        return None if probe.cut else text


class CitationLayout(Layout):
    def render_citation(self, citation: Any, callback: Any) -> Any:
        """Collapse the cluster as the ``cs:citation`` options ask (see the module); a first
        term is capitalised unless the style is in-text (`refs.render.engine.groups`)."""
        in_text = self.get_root().get("class") == "in-text"
        with first_output(capitalise=not in_text):
            return self._render_citation(citation, callback)

    def _render_citation(self, citation: Any, callback: Any) -> Any:
        options = _options(self)
        if options is None or looking():
            return self._render_plain(citation, callback)
        good, bad = self._ordered(citation)
        sort = self.getparent().sort
        rendered = [(cite, *self._render_cite(cite, cut=False)) for cite in good]
        shown = [(cite, html, names) for cite, html, names in rendered if html is not None]
        if sort is not None and options.grouped:
            order = grouped_order([names for _, _, names in shown])
            shown = [shown[i] for i in order]
        pieces = self._pieces(shown, options)
        out = fragments(pieces, options)
        for cite in bad:
            out.append(options.delimiter if out else "")
            out.append(str(callback(cite) or f"{cite.key}?"))
        text: Any = String(out[0] if out else "")
        for fragment in out[1:]:
            text = text + String(fragment)
        return self.format(self.wrap(text))

    def _render_plain(self, citation: Any, callback: Any) -> Any:
        """A cluster that does not collapse: cites in the citation's ``cs:sort`` order, ties
        and unsorted clusters in the order cited (citeproc-py put them in bibliography
        order first, so ``refs cite b a`` printed a's citation before b's)."""
        good, bad = self._ordered(citation)
        out = []
        for cite in good:
            self.repressed = {}
            try:
                output = self.render_children(cite)
            except VariableError:
                continue
            if output is not None:
                out.append(cite.get("prefix", "") + output + cite.get("suffix", ""))
                self.getparent().cites.append(cite)
        out.extend(callback(cite) or f"{cite.key}?" for cite in bad)
        return self.format(self.wrap(self.join(out)))

    def _ordered(self, citation: Any) -> tuple[list[Any], list[Any]]:
        """The cluster's known cites in the citation's ``cs:sort`` order (ties and unsorted
        clusters as cited), and the unknown ones."""
        good = [cite for cite in citation.cites if not cite.is_bad()]
        bad = [cite for cite in citation.cites if cite.is_bad()]
        sort = self.getparent().sort
        return (good if sort is None else sort.sort(good, self)), bad

    def _pieces(
        self, shown: Sequence[tuple[Any, str, str | None]], options: Options
    ) -> list[Piece]:
        repeated = repeated_names([names for _, _, names in shown])
        pieces = []
        for (cite, html, names), again in zip(shown, repeated, strict=True):
            cut = None
            if options.collapse is not None and again and names is not None:
                cut, _ = self._render_cite(cite, cut=True)
                if cut is None:  # nothing but the names: citeproc-js leaves the cite out
                    continue
            self.getparent().cites.append(cite)
            year, suffix = _year_and_suffix(cite)
            pieces.append(
                Piece(
                    html,
                    names=names,
                    cut=cut,
                    locator="locator" in cite,
                    number=_number(cite, html),
                    year=year,
                    suffix=suffix,
                )
            )
        return pieces

    def _render_cite(self, cite: Any, *, cut: bool) -> tuple[str | None, str | None]:
        """(the cite as HTML with its own prefix and suffix, the first names it prints)."""
        self.repressed = {}
        run = current()
        if run is not None:
            run.item = None  # counters of a cite start afresh on each rendering
        with _probing(_Probe(cut=cut)) as probe:
            try:
                output = self.render_children(cite)
            except VariableError:
                output = None
        if output is None:
            return None, probe.names
        prefix, suffix = cite.get("prefix", ""), cite.get("suffix", "")
        return str(prefix + output + suffix), probe.names


def _options(layout: Any) -> Options | None:
    """The layout's collapse options, worked out once per style (they read the whole style)."""
    kept = vars(layout)
    if "_collapse_options" not in kept:
        kept["_collapse_options"] = _read_options(layout)
    options: Options | None = kept["_collapse_options"]
    return options


def _read_options(layout: Any) -> Options | None:
    citation = layout.getparent()
    if citation is None or citation.tag != f"{{{_CSL['cs']}}}citation":
        return None
    collapse = citation.get("collapse")
    cite_group = citation.get("cite-group-delimiter")
    if collapse is None and cite_group is None:
        return None
    root = layout.get_root()
    term = layout.get_term("citation-range-delimiter")
    return Options(
        collapse=collapse,
        delimiter=layout.get("delimiter", ""),
        cite_group=cite_group,
        year_suffix=citation.get("year-suffix-delimiter"),
        after_collapse=citation.get("after-collapse-delimiter"),
        range=str(term.single) if term is not None else "\u2013",
        in_text=root.get("class") == "in-text",
        numeric=_calls(citation, "citation-number"),
        explicit_suffix=_calls(root, "year-suffix"),
    )


def _calls(element: Any, variable: str) -> bool:
    """Whether ``element`` or a macro it calls (at any depth) prints ``variable``."""
    seen: set[str] = set()
    pending = [element]
    while pending:
        node = pending.pop()
        if node.xpath(f".//cs:text[@variable='{variable}']", namespaces=_CSL):
            return True
        for name in node.xpath(".//cs:text/@macro", namespaces=_CSL):
            if name not in seen:
                seen.add(name)
                pending += (
                    node.getroottree().getroot().xpath(f"cs:macro[@name='{name}']", namespaces=_CSL)
                )
    return False


def _number(cite: Any, html: str) -> int | None:
    """The citation number when the cite prints it alone (with brackets or formatting)."""
    try:
        number = int(cite.number)
    except (KeyError, ValueError, AttributeError):
        return None
    text = _untagged(html)
    digits = "".join(ch for ch in text if ch.isalnum())
    return number if digits == str(number) else None


def _untagged(html: str) -> str:
    out, inside = [], False
    for ch in html:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out)


def _year_and_suffix(cite: Any) -> tuple[str | None, str | None]:
    """The issued year's digits and the year suffix `refs.render.engine.suffixes` gave."""
    reference = cite.reference
    issued = reference.get("issued")
    year = issued.get("year") if isinstance(issued, dict) else None
    if not isinstance(year, int):
        return None, None
    suffix = getattr(year, "suffix", None) or reference.get("year_suffix")
    return str(int(year)), str(suffix) if suffix else None

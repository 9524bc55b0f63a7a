"""The only module that imports citeproc-py: CSL-JSON items + a style -> one HTML entry each.

Tested with citeproc-py 0.11.1 (``>=0.11.1,<0.12``): the element subclasses below override
methods of that version's ``citeproc.model`` to close gaps with citeproc-js, the CSL reference
processor. Each override names the gap it closes; `tests/render/` has a test for each.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citeproc import LOCALES_PATH, NAMES, VARIABLES, model
from citeproc.formatter import html
from citeproc.source import Citation, CitationItem, Locator, VariableError
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, NoCase, String
from lxml import etree  # type: ignore[import-untyped]

from refs.errors import RefsError
from refs.render.disambiguation import year_suffixes
from refs.render.punctuation import QUOTE_END, finish

_CSL_NS = "http://purl.org/net/xbiblio/csl"
_NSMAP = {"cs": _CSL_NS}

#: CSL-JSON keys citeproc-py accepts on an item (others would make it warn, and are unused).
_ITEM_KEYS = frozenset(VARIABLES) | {"id", "type", "shortTitle", "title_short", "language"}
#: Keys of one CSL-JSON name citeproc-py accepts.
_NAME_KEYS = frozenset({"family", "given", "dropping-particle", "non-dropping-particle", "suffix"})


class RenderError(RefsError):
    """citeproc-py could not render with this style or locale."""


class NoBibliography(RenderError):
    """The style defines citations only (``<bibliography>`` is missing)."""


@dataclass(frozen=True, slots=True)
class RenderedEntry:
    """One bibliography entry as HTML; ``margin`` is the number a second-field-align style
    sets apart (``[1]``), else None."""

    id: str
    html: str
    margin: str | None = None


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered bibliography and what citeproc-py warned about meanwhile."""

    entries: tuple[RenderedEntry, ...]
    warnings: tuple[str, ...]


def known_locale(locale: str) -> bool:
    """True when citeproc-py ships the locale file (``en-US``, ``de-DE``, …)."""
    return (Path(LOCALES_PATH) / f"locales-{locale}.xml").is_file()


def available_locales() -> list[str]:
    """Every locale citeproc-py ships."""
    return sorted(p.stem.removeprefix("locales-") for p in Path(LOCALES_PATH).glob("locales-*.xml"))


def render_entries(items: Sequence[Mapping[str, Any]], style_path: Path, locale: str) -> Rendered:
    """Register every item in order, cite each once, and render the style's bibliography.

    Entries come in the style's bibliography order; an entry the style renders empty is left
    out (as citeproc-js does). Raises `NoBibliography` for a citation-only style.
    """
    processed = process(items, style_path, locale)
    return Rendered(processed.entries, processed.warnings)


@dataclass(frozen=True, slots=True)
class Processed:
    """Rendered citation clusters (HTML) and bibliography entries."""

    citations: tuple[str, ...]
    entries: tuple[RenderedEntry, ...]
    warnings: tuple[str, ...]


def process(
    items: Sequence[Mapping[str, Any]],
    style: Path | bytes,
    locale: str | None,
    clusters: Sequence[Sequence[Mapping[str, Any]]] | None = None,
    *,
    bibliography: bool = True,
) -> Processed:
    """Cite ``clusters`` (default: each item once, in order) and render citations and entries.

    ``style`` is a .csl path or the style's XML; ``locale`` None means the style's default.
    Each cluster is a list of cite dicts (``{"id": …, "locator": …, "label": …}``).
    """
    with warnings.catch_warnings(record=True) as caught:
        # citeproc-py reports problems of styles and data as warnings: collect them for the
        # caller (stderr), never let them escape as errors or noise.
        warnings.simplefilter("always")
        result = _process(items, style, locale, clusters, bibliography=bibliography)
    said = dict.fromkeys(str(w.message).splitlines()[0] for w in caught)
    return Processed(result[0], result[1], tuple(said))


def _process(
    items: Sequence[Mapping[str, Any]],
    style: Path | bytes,
    locale: str | None,
    clusters: Sequence[Sequence[Mapping[str, Any]]] | None,
    *,
    bibliography: bool,
) -> tuple[tuple[str, ...], tuple[RenderedEntry, ...]]:
    root = _load_style(style, locale)
    if bibliography and root.bibliography is None:
        name = style.stem if isinstance(style, Path) else "the style"
        msg = f"{name}: the style has no bibliography (it formats citations only)"
        raise NoBibliography(msg)
    cleaned = [_cleaned(item) for item in items]
    registry = _Registry(CiteProcJSON(cleaned))
    ids = {str(item["id"]).lower(): str(item["id"]) for item in cleaned}
    if clusters is None:
        clusters = [[{"id": item["id"]}] for item in cleaned]
    citations = []
    registered: dict[str, Any] = {}
    for cluster in clusters:
        cites = [_cite_item(cite) for cite in cluster]
        citation = Citation(cites)
        citation.bibliography = registry
        citations.append(citation)
        for cite in cites:
            if cite.key in ids:
                registered.setdefault(cite.key, cite)
    ordered = list(registered.values())
    registry.set_order(ordered)
    if root.bibliography is not None:
        ordered = root.bibliography.sort(ordered)
        registry.set_order(ordered)
    _add_year_suffixes(root, ordered, registry)
    rendered_citations = tuple(_citations(root, citations)) if not bibliography else ()
    if not bibliography or root.bibliography is None:
        return rendered_citations, ()
    layout = root.bibliography.layout
    piq = _punctuation_in_quote(root)
    entries = []
    for cite in ordered:
        margin, body = _entry(layout, cite)
        if body is None and margin is None:
            continue
        entries.append(
            RenderedEntry(
                ids[cite.key],
                finish(str(body or ""), punctuation_in_quote=piq),
                None if margin is None else finish(str(margin), punctuation_in_quote=piq),
            )
        )
    return rendered_citations, tuple(entries)


def _cite_item(cite: Mapping[str, Any]) -> Any:
    options: dict[str, Any] = {}
    if "locator" in cite:
        options["locator"] = Locator(cite.get("label", "page"), cite["locator"])
    for key in ("prefix", "suffix"):
        if key in cite:
            options[key] = cite[key]
    return CitationItem(str(cite["id"]), **options)


def _citations(root: Any, citations: Sequence[Any]) -> Iterable[str]:
    piq = _punctuation_in_quote(root)
    previous: list[Any] = []
    for citation in citations:
        try:
            text = root.citation.render(citation, previous, lambda _item: None)
        except RefsError:
            raise
        except Exception as error:  # citeproc-py's own bugs: say so, never a traceback
            msg = f"citeproc-py failed on a citation: {type(error).__name__}: {error}"
            raise RenderError(msg) from error
        yield finish(str(text), punctuation_in_quote=piq)


def _entry(layout: Any, cite: Any) -> tuple[Any, Any]:
    """(margin, body) of one entry; errors inside citeproc-py become a `RenderError`."""
    try:
        if isinstance(layout, _Layout):
            return layout.render_entry(cite)
        return None, layout.render_bibliography([cite])[0]
    except RefsError:
        raise
    except Exception as error:  # citeproc-py's own bugs: say which entry, never a traceback
        msg = f"citeproc-py failed on entry {cite.key!r}: {type(error).__name__}: {error}"
        raise RenderError(msg) from error


def _cleaned(item: Mapping[str, Any]) -> dict[str, Any]:
    """The item without what citeproc-py does not know (``custom``, unknown name parts)."""
    cleaned: dict[str, Any] = {}
    for key, value in item.items():
        if key.replace("-", "_") not in _ITEM_KEYS:
            continue
        if key.replace("-", "_") in NAMES and isinstance(value, list):
            names = [_cleaned_name(name) for name in value if isinstance(name, Mapping)]
            if any(names):
                cleaned[key] = [name for name in names if name]
            continue
        cleaned[key] = value
    return cleaned


def _cleaned_name(name: Mapping[str, Any]) -> dict[str, str]:
    if "literal" in name:
        return {"literal": str(name["literal"])}
    return {k: str(v) for k, v in name.items() if k in _NAME_KEYS and v}


# --- the style ------------------------------------------------------------------------------


class _Registry:
    """What citeproc-py's `CitationItem` asks its bibliography: the source, the formatter,
    and each key's position (a dict, where citeproc-py scans a list per citation number)."""

    def __init__(self, source: Any) -> None:
        self.source = source
        self.formatter = html
        self.keys = _Keys()

    def set_order(self, cites: Iterable[Any]) -> None:
        self.keys = _Keys(cite.key for cite in cites)


class _Keys(list[str]):
    """A list of keys whose ``index`` is a dict lookup."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        super().__init__(keys)
        self._positions = {key: i for i, key in enumerate(self)}

    def index(self, key: str, *_: Any) -> int:
        return self._positions[key]


def _load_style(path: Path | bytes, locale: str | None) -> Any:
    if locale is not None and not known_locale(locale):
        msg = f"unknown locale {locale!r} (citeproc-py ships: en-US, en-GB, de-DE, fr-FR, …)"
        raise RenderError(msg)
    parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
    parser.set_element_class_lookup(_LOOKUP)
    try:
        if isinstance(path, bytes):
            root = etree.fromstring(path, parser)
        else:
            root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        msg = f"{_name(path)}: not a readable CSL style: {error}"
        raise RenderError(msg) from None
    if not isinstance(root, model.Style):
        msg = f"{_name(path)}: not a CSL style (no <style> element in the CSL namespace)"
        raise RenderError(msg)
    root.set_locale_list(locale or root.get("default-locale", "en-US"), validate=False)
    root.formatter = html
    return root


def _name(style: Path | bytes) -> str:
    return str(style) if isinstance(style, Path) else "the style"


def _punctuation_in_quote(root: Any) -> bool:
    value = root.get_locale_option("punctuation-in-quote")
    return str(value).lower() == "true"


# --- year-suffix disambiguation ---------------------------------------------------------------


def _add_year_suffixes(root: Any, ordered: Sequence[Any], registry: _Registry) -> None:
    """citeproc-py has no disambiguation: decide year suffixes first, then put them in the data.

    A style that prints ``year-suffix`` itself gets the variable; for the others CSL appends
    the suffix to the first rendered year, which a year that prints as "2023a" does.
    """
    citation = root.citation
    if citation is None or citation.get("disambiguate-add-year-suffix", "false") != "true":
        return
    tells_apart = _other_methods(citation)
    rendered = []
    for cite in ordered:
        reference = registry.source[cite.key]
        try:
            text = citation.render(_cited_alone(cite, registry), [], None)
        except Exception:
            continue
        rendered.append((cite.key, str(text), tells_apart(reference)))
    explicit = bool(root.xpath(".//cs:text[@variable='year-suffix']", namespaces=_NSMAP))
    for key, suffix in year_suffixes(rendered).items():
        reference = registry.source[key]
        if explicit:
            reference["year_suffix"] = String(suffix)
            continue
        issued = reference.get("issued")
        if isinstance(issued, dict) and isinstance(issued.get("year"), int):
            issued["year"] = _SuffixedYear(issued["year"], suffix)


def _cited_alone(cite: Any, registry: _Registry) -> Any:
    citation = Citation([CitationItem(cite.key)])
    citation.bibliography = registry
    return citation


def _other_methods(citation: Any) -> Callable[[Any], Hashable]:
    """What ``disambiguate-add-names`` / ``-add-givenname`` would show of a reference."""
    add_names = citation.get("disambiguate-add-names", "false") == "true"
    add_given = citation.get("disambiguate-add-givenname", "false") == "true"

    def names(reference: Any) -> Hashable:
        if not (add_names or add_given):
            return ()
        for role in ("author", "editor", "translator"):
            people = reference.get(role)
            if people:
                shown = people if add_names else people[:1]
                return tuple(_name_key(person, with_given=add_given) for person in shown)
        return ()

    return names


def _name_key(person: Any, *, with_given: bool) -> tuple[str, ...]:
    given, family, _, particle, _ = person.parts()
    key = (str(particle or ""), str(family or ""))
    return (*key, str(given or "")) if with_given else key


class _SuffixedYear(int):
    """A year that prints with its suffix: ``str(abs(year))`` is what citeproc-py renders."""

    suffix: str

    def __new__(cls, year: int, suffix: str) -> _SuffixedYear:
        value = super().__new__(cls, year)
        value.suffix = suffix
        return value

    def __str__(self) -> str:
        return f"{int(self)}{self.suffix}"

    def __abs__(self) -> _SuffixedYear:
        return self


# --- element classes: citeproc-py's, with the fixes -------------------------------------------


class _Text(model.Text):  # type: ignore[misc]
    def case(self, text: Any, language: Any = None) -> Any:
        """Text cases as CSL 1.0.2 and citeproc-js apply them.

        ``capitalize-first`` leaves a first word that is not all lowercase ("arXiv:2306");
        ``title`` capitalises each part of a hyphenated word ("State-of-the-Art").
        """
        text_case = self.get("text-case")
        if text_case == "capitalize-first":
            words = str(text).split()
            if not words or not words[0].islower():
                return text
        elif text_case == "title" and (language in (None, "en")):
            return title_case(text, self._stop_words)
        return super().case(text, language)

    def _variable(self, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)
        if text is not None:
            _log_rendered(self, context, self.get("variable"))
        return text

    def quote(self, string: Any) -> Any:
        """Mark each closing quote, so that punctuation can move inside it afterwards."""
        if self.get("quotes", "false").lower() != "true":
            return string
        opening = self.get_single_term(name="open-quote")
        closing = self.get_single_term(name="close-quote")
        return opening + string + closing + String(QUOTE_END)


class _Layout(model.Layout):  # type: ignore[misc]
    def render_entry(self, item: Any) -> tuple[Any, Any]:
        """(margin, body): a second-field-align style sets its first field (``[1]``) apart.

        citeproc-py glues them (``[1]C. Zhou``); citeproc-js puts the first field in its own
        block, which reads ``[1] C. Zhou`` as text.
        """
        self.repressed: dict[str, list[str]] = {}
        bibliography = self.getparent()
        if not bibliography.get("second-field-align"):
            return None, self.format(self.wrap(self.render_children(item)))
        outputs = []
        for child in self.iterchildren():
            try:
                text = child.render(item)
            except VariableError:
                continue
            if text is not None:
                outputs.append(text)
        if not outputs:
            return None, None
        margin, rest = outputs[0], outputs[1:]
        body = self.format(self.wrap("".join(str(part) for part in rest))) if rest else None
        return margin, body


class _Substitute(model.Substitute):  # type: ignore[misc]
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
                return text
        return None


class _Names(model.Names):  # type: ignore[misc]
    def process(self, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        """Leave out name variables already printed by a ``cs:substitute`` (CSL 1.0.2)."""
        layout = (self if context is None else context).get_layout()
        repressed = set(getattr(layout, "repressed", {}).get(self.tag, ()))
        variable = self.get("variable", "")
        if repressed and variable and set(variable.split()) <= repressed:
            raise VariableError
        text = super().process(item, names_context=names_context, context=context, **kw)
        if text:
            for name in variable.split():
                _log_rendered(self, context, name)
        return text


def title_case(text: Any, stop_words: Iterable[str]) -> str:
    """CSL title case: lowercase words are capitalised, stop words too after a colon or at
    the start; hyphenated words part by part; protected (nocase) words and spacing are kept."""
    stops = frozenset(stop_words)
    segments = list(text) if isinstance(text, MixedString) else [text]
    output = []
    previous = ":"
    for segment in segments:
        plain = str(segment)
        if isinstance(segment, NoCase):
            output.append(plain)
            previous = plain.rstrip()[-1:] or previous
            continue
        pieces = []
        for piece in re.split(r"(\s+)", plain):
            if piece and not piece.isspace():
                parts = piece.split("-")
                pieces.append(
                    "-".join(
                        _title_word(part, stops, at_start=i == 0 and previous in ":.?!")
                        for i, part in enumerate(parts)
                    )
                )
                previous = piece[-1]
            else:
                pieces.append(piece)
        output.append("".join(pieces))
    return "".join(output)


def _title_word(word: str, stops: frozenset[str], *, at_start: bool) -> str:
    if not word.islower():
        return word
    if word in stops and not at_start:
        return word
    return word[0].upper() + word[1:]


def _log_rendered(element: Any, context: Any, variable: str) -> None:
    """Note a rendered variable while a ``cs:substitute`` listens (see `_Substitute`)."""
    layout = (element if context is None else context).get_layout()
    log = getattr(layout, "rendered_log", None)
    if log is not None:
        log.append((element.tag, variable))


class _Name(model.Name):  # type: ignore[misc]
    def initialize(self, given: str, mark: str, context: Any) -> str:
        """Honour ``initialize="false"``: keep given names, format only existing initials.

        citeproc-py initialises whenever ``initialize-with`` is set ("Ebtesam" -> "E.").
        """
        if _inherited(self, "initialize", "true") != "false":
            return str(super().initialize(given, mark, context))
        words = []
        for word in given.split():
            letters = word.rstrip(".")
            words.append(letters + mark.rstrip() if len(letters) == 1 else word)
        return " ".join(words)


def _inherited(element: Any, option: str, default: str) -> str:
    """A name option from the element, its citation or bibliography, or the style."""
    value = element.get(option)
    if value is not None:
        return str(value)
    for ancestor in element.iterancestors():
        if ancestor.tag in {f"{{{_CSL_NS}}}citation", f"{{{_CSL_NS}}}bibliography"}:
            value = ancestor.get(option)
            if value is not None:
                return str(value)
    return str(element.get_root().get(option, default))


_OVERRIDES: Mapping[str, type] = {
    "name": _Name,
    "text": _Text,
    "layout": _Layout,
    "substitute": _Substitute,
    "names": _Names,
}


def _lookup() -> Any:
    """citeproc-py's element classes by tag, with ours where we fix something."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(_CSL_NS)
    namespace[None] = model.CitationStylesElement
    classes = {
        cls.__name__.replace("_", "-").lower(): cls
        for cls in model.CitationStylesElement.__subclasses__()
    }
    namespace.update({**classes, **_OVERRIDES})
    return lookup


_LOOKUP = _lookup()

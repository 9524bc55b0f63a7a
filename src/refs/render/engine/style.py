"""Loading a style with our element classes, and the registry citeproc-py's items ask."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from refs.project import STYLE_LIMIT, Refused, read_regular
from refs.render.citeproc import LOCALES_PATH, CitationItem, html, model
from refs.render.engine.cached import Cached, keep_alive
from refs.render.engine.cases import SafeCase
from refs.render.engine.citation import CitationLayout, CollapsingNames
from refs.render.engine.conditions import ElseIf, If
from refs.render.engine.dates import Date
from refs.render.engine.display import TAG as DISPLAY_TAG
from refs.render.engine.display import Display, wrap_display
from refs.render.engine.errors import RenderError
from refs.render.engine.groups import REPORTING, Group, Reporting
from refs.render.engine.label import Label
from refs.render.engine.layout import Sort
from refs.render.engine.names import Name, NamePart
from refs.render.engine.number import Number
from refs.render.engine.substitute import Substitute, substituted_for
from refs.render.engine.text import Text
from refs.render.quotes import Quotes

CSL_NS = "http://purl.org/net/xbiblio/csl"

_OVERRIDES: Mapping[str, type] = {
    "name": Name,
    "text": Text,
    "layout": CitationLayout,
    "substitute": Substitute,
    "names": CollapsingNames,
    "sort": Sort,
    "date": Date,
    "name-part": NamePart,
    "if": If,
    "group": Group,
    "else-if": ElseIf,
    "label": Label,
    "number": Number,
    DISPLAY_TAG: Display,
}


def known_locale(locale: str) -> bool:
    """True when citeproc-py ships the locale file (``en-US``, ``de-DE``, …)."""
    return (Path(LOCALES_PATH) / f"locales-{locale}.xml").is_file()


def available_locales() -> list[str]:
    """Every locale citeproc-py ships."""
    return sorted(p.stem.removeprefix("locales-") for p in Path(LOCALES_PATH).glob("locales-*.xml"))


class Registry:
    """What citeproc-py's `CitationItem` asks its bibliography: the source, the formatter,
    and each key's position (a dict, where citeproc-py scans a list per citation number)."""

    def __init__(self, source: Any) -> None:
        self.source = source
        self.formatter = html
        self.keys = _Keys()

    def set_order(self, cites: Iterable[Any]) -> None:
        self.keys = _Keys(cite.key for cite in cites)


class Cite(CitationItem):  # type: ignore[misc]
    """A cited item that finds its reference once (citeproc-py looks it up through the
    citation and the source on every variable an element asks for)."""

    @property
    def reference(self) -> Any:
        kept: dict[str, Any] = self.__dict__
        reference = kept.get("_reference")
        if reference is None:
            reference = kept["_reference"] = self.bibliography.source[self.key]
        return reference


class _Keys(list[str]):
    """A list of keys whose ``index`` is a dict lookup."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        super().__init__(keys)
        self._positions = {key: i for i, key in enumerate(self)}

    def index(self, key: str, *_: Any) -> int:
        return self._positions[key]

    def __contains__(self, key: object) -> bool:
        return key in self._positions


#: How every style is parsed: a style is data from anywhere (a cloned repository's
#: ``styles/``, a ``.csl`` a stranger sent), so no DTD is loaded, no entity of its own is
#: expanded in text (``<!ENTITY e SYSTEM "file:///etc/passwd">`` reads nothing), nothing is
#: fetched, and libxml2's limits on depth, text size and entity amplification stay on.
_PARSER_OPTIONS: Mapping[str, bool] = MappingProxyType(
    {
        "remove_comments": True,
        "resolve_entities": False,
        "load_dtd": False,
        "no_network": True,
        "huge_tree": False,
    }
)


def style_parser() -> Any:
    """The lxml parser of a CSL style (`_PARSER_OPTIONS`), with our element classes."""
    parser = etree.XMLParser(encoding="UTF-8", **_PARSER_OPTIONS)
    parser.set_element_class_lookup(_LOOKUP)
    return parser


def load_style(path: Path | bytes, locale: str | None) -> Any:
    """The style's root element (citeproc-py's ``Style``) with our element classes. A file is
    read only if it is a regular file of at most `STYLE_LIMIT` bytes."""
    if locale is not None and not known_locale(locale):
        msg = f"unknown locale {locale!r} (citeproc-py ships: en-US, en-GB, de-DE, fr-FR, …)"
        raise RenderError(msg)
    try:
        data = path if isinstance(path, bytes) else read_regular(path, STYLE_LIMIT)
        root = etree.fromstring(data, style_parser())
    except Refused as error:
        msg = f"{_name(path)}: not a readable CSL style: {error.why}"
        raise RenderError(msg) from None
    except (OSError, etree.XMLSyntaxError) as error:
        msg = f"{_name(path)}: not a readable CSL style: {error}"
        raise RenderError(msg) from None
    # an entity the parser left unexpanded is a node no CSL element can render: drop it (its
    # text, if any, belongs to no style)
    etree.strip_elements(root, etree.Entity, with_tail=False)
    if not isinstance(root, model.Style):
        msg = f"{_name(path)}: not a CSL style (no <style> element in the CSL namespace)"
        raise RenderError(msg)
    root.set_locale_list(locale or root.get("default-locale", "en-US"), validate=False)
    root.formatter = html
    wrap_display(root, CSL_NS)
    _default_names(root)
    keep_alive(root)
    return root


def _default_names(root: Any) -> None:
    """Give each ``cs:names`` without a ``cs:name`` (outside a substitute, whose names take
    their parent's, also inside a ``cs:choose`` there) an empty one of our class: citeproc-py
    made one of its own class while rendering, so such names escaped our initials, given-name
    levels and sort keys."""
    for names in root.iter(f"{{{CSL_NS}}}names"):
        if names.find(f"{{{CSL_NS}}}name") is not None:
            continue
        if substituted_for(names) is not None:
            continue
        names.insert(0, names.makeelement(f"{{{CSL_NS}}}name", {}))


def punctuation_in_quote(root: Any) -> bool:
    """The locale's ``punctuation-in-quote`` option."""
    return str(root.get_locale_option("punctuation-in-quote")).lower() == "true"


def quote_terms(root: Any) -> Quotes:
    """The locale's quote terms, outer and inner (en-US: “ ” ‘ ’)."""
    terms = [
        str(root.get_single_term(name=name) or "")
        for name in ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")
    ]
    return Quotes(*terms)


def _name(style: Path | bytes) -> str:
    return str(style) if isinstance(style, Path) else "the style"


def _lookup() -> Any:
    """citeproc-py's element classes by tag, with ours where we fix something."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    classes = {
        cls.__name__.replace("_", "-").lower(): cls
        for cls in model.CitationStylesElement.__subclasses__()
    }
    namespace[None] = _cached(model.CitationStylesElement)
    namespace.update({tag: _cached(cls) for tag, cls in {**classes, **_OVERRIDES}.items()})
    return lookup


def _cached(cls: type) -> type:
    """``cls`` with its repeated look-ups kept (`refs.render.engine.cached`), when it has a
    ``text-case`` a case that takes any string (`refs.render.engine.cases`), and when it
    prints a variable or a term, a report of it to its group (`refs.render.engine.groups`)."""
    bases: tuple[type, ...] = (
        (Cached, SafeCase, cls) if issubclass(cls, model.TextCased) else (Cached, cls)
    )
    if issubclass(cls, REPORTING):
        bases = (Reporting, *bases)
    return type(cls.__name__, bases, {"__module__": cls.__module__})


_LOOKUP = _lookup()

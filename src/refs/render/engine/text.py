"""``cs:text``: text case as citeproc-js applies it, marked quotes, substitute logging."""

from __future__ import annotations

import re
from typing import Any

from refs.render.citeproc import MixedString, NoCase, String, VariableError, model
from refs.render.engine.groups import starts_output
from refs.render.engine.looking import looking
from refs.render.engine.number import numeric_text
from refs.render.engine.numbers import RANGED
from refs.render.engine.substitute import log_rendered
from refs.render.quotes import CLOSE, OPEN, as_raw, mark_quotes, with_marks
from refs.render.textcase import NOCASE_CLOSE, NOCASE_OPEN, capitalise, title_case


class Text(model.Text):  # type: ignore[misc]
    def case(self, text: Any, language: Any = None) -> Any:
        """Text cases as citeproc-js applies them.

        ``capitalize-first`` leaves a first word that is not all lowercase ("arXiv:2306");
        ``title`` is citeproc-js's title case (`refs.render.textcase`). On a macro call it
        does nothing: citeproc-js cases only what a terminal element prints (its text, term,
        value), so ``<text macro="author-short" text-case="lowercase"/>`` keeps "Zhou".
        """
        text_case = self.get("text-case")
        if "macro" in self.attrib:
            return text
        if text_case == "capitalize-first":
            words = str(text).split()
            if not words or not words[0].islower():
                return text
            return _rebuilt(text, capitalise)
        if text_case == "title" and (language in (None, "en")):
            return _rebuilt(text, _title_case)
        return super().case(text, language)

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """A macro called from a sort key keeps the key's name options (citeproc-py dropped
        them, so names sorted "Collin Burns" instead of "Burns, Collin"); a ``value`` has its
        quotations read as the data's are (`refs.render.quotes`)."""
        sort_options = kwargs.get("sort_options")
        if self._is_value():
            # a style's own text has quotations and apostrophes as the data's have
            text, language = super().process(item, context, **kwargs)
            return String(mark_quotes(str(text))), language
        if sort_options is None or "macro" not in self.attrib:
            return super().process(item, context, **kwargs)
        try:
            language = item.reference.language[:2]
        except VariableError:
            language = self.get_root().get("default-locale", "en")[:2]
        macro = self.get_macro(self.get("macro"))
        return macro.render(item, self if context is None else context, sort_options), language

    def _term(self, item: Any) -> Any:
        """A term that comes first in its cite or entry is capitalised, as citeproc-js does
        ("Ibid.", "In:"; `refs.render.engine.groups.starts_output`)."""
        text = super()._term(item)
        if text and starts_output():
            return String(str(text)[:1].upper() + str(text)[1:])
        return text

    def _is_value(self) -> bool:
        return "value" in self.attrib and not any(
            name in self.attrib for name in ("variable", "macro", "term")
        )

    def _variable(self, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)
        if text is not None and self.get("variable") in RANGED:
            text = numeric_text(self, item, self.get("variable")) or text
        if text is not None and self.get("variable") == "URL" and self.get("form") == "short":
            text = String(short_url(str(text)))
        if text is not None:
            log_rendered(self, context, self.get("variable"))
        return text

    def quote(self, string: Any) -> Any:
        """The style's quotes as the marks the data's quotes are written in too, so that
        they flip-flop with depth when the entry is finished (`refs.render.quotes`) and
        punctuation can move inside them; no quotes at all while only looking (an
        ambiguity key)."""
        if self.get("quotes", "false").lower() != "true" or looking():
            return string
        return String(OPEN) + string + String(CLOSE)


def short_url(url: str) -> str:
    """``<text variable="URL" form="short"/>`` as citeproc-js prints it (citeproc-py printed
    the whole URL): the site, without the scheme when it starts with www.

    >>> short_url("https://crfm.stanford.edu/2023/03/13/alpaca.html")
    'https://crfm.stanford.edu'
    >>> short_url("https://www.databricks.com/blog/dolly"), short_url("https://openai.com")
    ('www.databricks.com', 'https://openai.com')
    """
    site = _URL_PATH.sub(r"\1", url, count=1)
    return _SCHEME.sub("", site, count=1) if "//www." in site else site


_URL_PATH = re.compile(r"(.*\.[^/]+)/.*")
_SCHEME = re.compile(r"https?://")


def _title_case(marked: str) -> str:
    """Title case of text with quotation marks, read as the quotes the data spelled
    (citeproc-js cases the text before it prints its quotes)."""
    return with_marks(title_case(as_raw(marked)), marked)


def _rebuilt(text: Any, change: Any) -> Any:
    """``change`` applied to the text, its nocase parts protected, as a MixedString again."""
    segments = list(text) if isinstance(text, MixedString) else [text]
    marked = "".join(
        f"{NOCASE_OPEN}{segment}{NOCASE_CLOSE}" if isinstance(segment, NoCase) else str(segment)
        for segment in segments
    )
    changed = change(marked)
    pieces: list[Any] = []
    for i, piece in enumerate(changed.split(NOCASE_OPEN)):
        protected, _, rest = piece.rpartition(NOCASE_CLOSE) if i else ("", "", piece)
        if protected:
            pieces.append(NoCase(protected))
        if rest:
            pieces.append(String(rest))
    if len(pieces) == 1 and not isinstance(pieces[0], NoCase):
        return pieces[0]
    return MixedString(pieces)

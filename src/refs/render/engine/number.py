"""``cs:number`` and the numeric variables of ``cs:text``, rendered as citeproc-js does.

citeproc-py formatted only page ranges (and those its own way), left "1-2" of a volume as
it was, turned every hyphen of a locator into an en dash, and chose ordinal suffixes
without the gender of the variable's term ("2.ºº edition" where the edition is feminine).
The field is read by `refs.render.engine.numbers`; ranges and ordinals are written here.
"""

from __future__ import annotations

import html
import re
from typing import Any

from refs.render.citeproc import VariableError, model
from refs.render.engine.numbers import RANGED, Field, fix_ranges, parse
from refs.render.engine.richtext import plain_text

_ORDINAL = re.compile(r"^ordinal-([0-9]{2})$")


def numeric_text(element: Any, item: Any, variable: str, form: str = "numeric") -> str | None:
    """The variable's value as citeproc-js writes it; None when it has none, or when
    citeproc-py's rendering has to stay (page-first, fields with embedded labels)."""
    field = numeric_field(element, item, variable)
    if field is None:
        return None
    gender = _gender(element, variable) if form in ("ordinal", "long-ordinal") else None
    preformat = element.preformat
    out = []
    for value in field.values:
        text = value.value
        if form != "numeric" and field.collapsible and not value.particle:
            text = _formatted(element, text, form, gender)
        out.append(plain_text(value.particle + text) + str(preformat(value.joiner)))
    return "".join(out)


def numeric_field(element: Any, item: Any, variable: str) -> Field | None:
    """The parsed field with its ranges written out (None as in `numeric_text`)."""
    if variable not in RANGED or variable == "page-first":
        return None
    page = variable == "page"
    if variable == "locator":
        if not item.has_locator:
            return None
        raw = item.locator.identifier
        page = item.locator.label in (None, "page")
    else:
        try:
            raw = item.reference[variable.replace("-", "_")]
        except VariableError:
            return None
    if raw is None or str(raw).strip() == "":
        return None
    # The value arrives as the engine's HTML (`richtext`); its numbers are read as text.
    field = parse(html.unescape(str(raw)), variable, _ampersand(element))
    if field is not None:
        delimiter = html.unescape(str(element.get_single_term(name="page-range-delimiter")))
        delimiter = delimiter or "\u2013"
        range_format = element.get_root().get_option("page-range-format")
        fix_ranges(field, variable, page=page, range_format=range_format, delimiter=delimiter)
    return field


def _ampersand(element: Any) -> str:
    word = html.unescape(str(element.get_single_term(name="and") or ""))
    symbol = html.unescape(str(element.get_single_term(name="and", form="symbol") or ""))
    return "&" if not symbol or symbol == word else symbol


def _formatted(element: Any, text: str, form: str, gender: str | None) -> str:
    if not re.fullmatch(r"[0-9]{1,40}", text):  # int() refuses 4,300 digits; none is an ordinal
        return text
    number = int(text)
    if form == "roman":
        return str(model.romanize(number).lower()) if 0 < number < 6000 else text
    if form == "long-ordinal" and number <= 10:
        term = _gendered_term(element, f"long-ordinal-{number:02}", gender)
        if term:
            return term
    if form in ("ordinal", "long-ordinal"):
        return str(number) + ordinal_suffix(element, number, gender)
    return str(number)


def ordinal_suffix(element: Any, number: int, gender: str | None) -> str:
    """The CSL 1.0.1 ordinal suffix of ``number``: ``ordinal-NN`` terms matched on the
    whole number, its last two digits, then its last digit, in the term's gender first,
    then neuter; the ``ordinal`` term when none matches."""
    terms = _ordinal_terms(element)
    digits = str(number)
    for wanted in (gender, "neuter") if gender else ("neuter",):
        for match, key in (
            ("whole-number", digits),
            ("last-two-digits", digits[-2:]),
            ("last-digit", digits[-1:]),
        ):
            suffix = terms.get((match, key, wanted))
            if suffix is not None:
                return suffix
    return _gendered_term(element, "ordinal", gender) or ""


def _ordinal_terms(element: Any) -> dict[tuple[str, str, str], str]:
    """(match, digits, gender) → suffix, from the locales in order of precedence; a locale
    with an ``ordinal`` term replaces the ordinals of those below it (CSL 1.0.1)."""
    found: dict[tuple[str, str, str], str] = {}
    for locale in _locales(element):
        complete = False
        for term in _terms(locale):
            name = term.get("name", "")
            complete = complete or name == "ordinal"
            stub = _ORDINAL.match(name)
            if stub is None or term.get("form", "long") != "long":
                continue
            digits = stub.group(1)
            default = "last-digit" if digits.startswith("0") else "last-two-digits"
            key = (
                term.get("match", default),
                digits[1:] if digits.startswith("0") else digits,
                term.get("gender-form", "neuter"),
            )
            found.setdefault(key, str(term.single))
        if complete:
            break
    return found


def _gendered_term(element: Any, name: str, gender: str | None) -> str | None:
    """The long term ``name`` in ``gender`` if a locale has that form, else its plain form."""
    plain = None
    for locale in _locales(element):
        for term in _terms(locale):
            if term.get("name") != name or term.get("form", "long") != "long":
                continue
            if gender and term.get("gender-form") == gender:
                return str(term.single)
            if plain is None and term.get("gender-form") is None:
                plain = str(term.single)
        if plain is not None and not gender:
            return plain
    return plain


def _gender(element: Any, variable: str) -> str | None:
    """The gender a locale gives the variable's term (``<term name="edition" gender=…>``)."""
    for locale in _locales(element):
        for term in _terms(locale):
            if term.get("name") == variable and term.get("form", "long") == "long":
                gender = term.get("gender")
                if gender:
                    return str(gender)
    return None


def _locales(element: Any) -> list[Any]:
    return list(getattr(element.get_root(), "locales", None) or [])


def _terms(locale: Any) -> list[Any]:
    terms = getattr(locale, "terms", None)
    if terms is None:
        return []
    return list(terms.xpath_search("./cs:term"))


class Number(model.Number):  # type: ignore[misc]
    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        variable = self.get("variable")
        text = numeric_text(self, item, variable, self.get("form", "numeric"))
        if text is None:
            return super().process(item, context, **kwargs)
        return text

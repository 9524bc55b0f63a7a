"""Year-suffix disambiguation (citeproc-py has none): decided first, then put in the data."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from refs.render.citeproc import Citation, DateRange, String, plain
from refs.render.disambiguation import year_suffixes
from refs.render.engine.initials import initialize
from refs.render.engine.looking import only_looking
from refs.render.engine.style import CSL_NS, Cite, Registry


def add_year_suffixes(root: Any, ordered: Sequence[Any], registry: Registry) -> None:
    """Give cites whose citations read alike a year suffix, in bibliography order.

    Citations are compared as citeproc-js compares them: plain text, no quotes or other
    decorations (a quoted and an italic title read alike). A style that prints
    ``year-suffix`` itself gets the variable; for the others CSL appends the suffix to the
    first rendered year, which a year that prints as "2023a" does.
    """
    citation = root.citation
    if citation is None or citation.get("disambiguate-add-year-suffix", "false") != "true":
        return
    tells_apart = _other_methods(citation)
    rendered = []
    formatter, root.formatter = root.formatter, plain
    try:
        with only_looking():
            for cite in ordered:
                reference = registry.source[cite.key]
                try:
                    text = citation.render(_cited_alone(cite, registry), [], None)
                except Exception:  # a cite citeproc-py cannot render keeps its year
                    continue
                rendered.append((cite.key, str(text), tells_apart(reference)))
    finally:
        root.formatter = formatter
    explicit = bool(root.xpath(".//cs:text[@variable='year-suffix']", namespaces={"cs": CSL_NS}))
    for key, suffix in year_suffixes(rendered).items():
        reference = registry.source[key]
        if explicit:
            reference["year_suffix"] = String(suffix)
            continue
        _suffix_year(reference.get("issued"), suffix)


def _suffix_year(issued: Any, suffix: str) -> None:
    """Put the suffix on the year printed last: a date's, or a range's (its begin's year when
    both ends share it, "2019a, October–November"; else its end's, "2018–2019a")."""
    if isinstance(issued, DateRange):
        end = issued.get("end")
        same = end is None or end.is_nil() or end.get("year") == issued.begin.get("year")
        _suffix_year(issued.begin if same else end, suffix)
    elif isinstance(issued, dict) and isinstance(issued.get("year"), int):
        issued["year"] = SuffixedYear(issued["year"], suffix)


def _cited_alone(cite: Any, registry: Registry) -> Any:
    citation = Citation([Cite(cite.key)])
    citation.bibliography = registry
    return citation


def _other_methods(citation: Any) -> Callable[[Any], Hashable]:
    """What ``disambiguate-add-names`` / ``-add-givenname`` would show of a reference.

    The ``givenname-disambiguation-rule`` says whose given names can be shown: the first
    name's alone ("primary-name", APA), or everyone's; as initials only ("…-with-initials").
    Two reports by the same nine authors whose fifth has "Reginald B." in one and "Reginald
    Byron" in the other cannot be told apart by a primary-name rule: they get 2023a, 2023b.
    """
    add_names = citation.get("disambiguate-add-names", "false") == "true"
    add_given = citation.get("disambiguate-add-givenname", "false") == "true"
    rule = str(citation.get("givenname-disambiguation-rule", "by-cite"))
    primary_only = rule.startswith("primary-name")
    initials_only = rule.endswith("-with-initials")

    def names(reference: Any) -> Hashable:
        if not (add_names or add_given):
            return ()
        for role in ("author", "editor", "translator"):
            people = reference.get(role)
            if people:
                shown = people if add_names else people[:1]
                return tuple(
                    _name_key(
                        person,
                        with_given=add_given and (n == 0 or not primary_only),
                        initials=initials_only,
                    )
                    for n, person in enumerate(shown)
                )
        return ()

    return names


def _name_key(person: Any, *, with_given: bool, initials: bool) -> tuple[str, ...]:
    given, family, _, particle, _ = person.parts()
    key = (str(particle or ""), str(family or ""))
    if not with_given:
        return key
    given_text = str(given or "")
    return (*key, initialize(given_text, ".") if initials else given_text)


class SuffixedYear(int):
    """A year that prints with its suffix: ``str(abs(year))`` is what citeproc-py renders."""

    suffix: str

    def __new__(cls, year: int, suffix: str) -> SuffixedYear:
        value = super().__new__(cls, year)
        value.suffix = suffix
        return value

    def __str__(self) -> str:
        return f"{int(self)}{self.suffix}"

    def __abs__(self) -> SuffixedYear:
        return self

"""Hypothesis strategies for entries and .bib files, shared by the property tests."""

from __future__ import annotations

from typing import Literal

from hypothesis import strategies as st

from refs.model import Entry, SourceLocation

_RESERVED_TYPES = {"comment", "preamble", "string"}
_SPACE_AND_CONTROL: tuple[Literal["Z"], Literal["Cc"], Literal["Cf"]] = ("Z", "Cc", "Cf")

#: Any character a BibTeX value can hold, minus braces (added by `values`), surrogates and NUL
#: (a store holding NUL would be binary data).
plain_text = st.text(st.characters(codec="utf-8", exclude_characters="{}\0"), max_size=30)


def _wrap(inner: str) -> str:
    return "{" + inner + "}"


#: Values with balanced braces, nested: the only constraint BibTeX puts on a value.
values = st.recursive(
    plain_text,
    lambda inner: st.lists(st.one_of(plain_text, inner.map(_wrap)), max_size=4).map("".join),
    max_leaves=8,
)

keys = st.text(
    st.characters(codec="utf-8", exclude_categories=_SPACE_AND_CONTROL, exclude_characters=",{}"),
    min_size=1,
    max_size=20,
).filter(lambda k: k == k.strip() and not any(c.isspace() for c in k))

entry_types = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True).filter(
    lambda t: t not in _RESERVED_TYPES
)
field_names = st.from_regex(r"[a-z][a-z0-9_-]{0,9}", fullmatch=True).filter(
    lambda n: n not in {"sources", "ids"}
)
macro_expressions = st.builds(
    lambda name, tail: name if tail is None else f"{name} # {{{tail}}}",
    st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True),
    st.none() | plain_text,
)
sources = st.builds(
    SourceLocation,
    st.text(st.characters(codec="utf-8", exclude_characters="\0"), max_size=20),  # a path
    st.integers(min_value=0, max_value=100_000),
    st.none() | st.text(st.characters(codec="utf-8", exclude_characters="\0"), max_size=6),
)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    """A random entry: unicode, nested braces, LaTeX-looking text, macros, sources, ids."""
    fields = draw(st.dictionaries(field_names, values, max_size=6))
    macro_fields = draw(st.dictionaries(field_names, macro_expressions, max_size=2))
    macro_fields = {k: v for k, v in macro_fields.items() if k not in fields}
    return Entry(
        draw(keys),
        draw(entry_types),
        {**fields, **macro_fields},
        tuple(draw(st.lists(sources, max_size=3))),
        tuple(draw(st.lists(keys, max_size=3, unique=True))),
        frozenset(macro_fields),
    )

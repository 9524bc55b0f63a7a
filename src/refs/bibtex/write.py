"""Entries -> BibTeX text in the one canonical layout the store uses for new and edited entries."""

from __future__ import annotations

import re
import unicodedata

from refs.bibtex.blocks import Macro
from refs.bibtex.meta import IDS_FIELD, SOURCES_FIELD, format_ids, format_sources
from refs.errors import RefsError
from refs.model import Entry

#: Canonical field order: what a reader looks for first, identifiers last; other fields follow
#: alphabetically, then the store's own fields.
FIELD_ORDER: tuple[str, ...] = (
    "author",
    "editor",
    "title",
    "booktitle",
    "journal",
    "series",
    "edition",
    "volume",
    "number",
    "pages",
    "chapter",
    "year",
    "month",
    "date",
    "publisher",
    "organization",
    "institution",
    "school",
    "address",
    "howpublished",
    "type",
    "note",
    "isbn",
    "issn",
    "doi",
    "eprint",
    "archiveprefix",
    "primaryclass",
    "url",
    "urldate",
)
_RANK = {name: i for i, name in enumerate(FIELD_ORDER)}
_KEY = re.compile(r"^[^\s,{}]+$")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_:.+-]*$")
_BRACE = re.compile(r"[{}]")
#: Unicode categories no key holds: control, format, and separator characters.
_UNSAFE_IN_KEYS = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
#: What the reader takes for an ``@string`` name.
_MACRO_NAME = re.compile(r'^[^\s=,{}()"#%]+$')


def unsafe_key_character(key: str) -> str | None:
    """The first character of ``key`` that no key may hold, or None: a control or format
    character (NUL, ESC, a bidirectional override) or a separator (a space that is not ASCII,
    a line separator): what prints as nothing, or moves the text around it.

    >>> unsafe_key_character("nul\\0key"), unsafe_key_character("m\u00fcller2020")
    ('\\x00', None)
    """
    if key.isprintable():  # the common case, at C speed
        return None
    return next((c for c in key if unicodedata.category(c) in _UNSAFE_IN_KEYS), None)


class InvalidEntry(RefsError):
    """An entry that BibTeX could not read back the same; nothing is written."""


def ordered_fields(entry: Entry) -> list[str]:
    """The entry's field names in canonical order."""
    return sorted(entry.fields, key=lambda name: (_RANK.get(name, len(_RANK)), name))


def is_balanced(value: str) -> bool:
    """True when braces pair up and never close more than they opened (BibTeX's only rule).

    >>> is_balanced("{BERT}: {a {b}}"), is_balanced("}{")
    (True, False)
    """
    if value.count("{") != value.count("}"):
        return False
    depth = 0
    for char in _BRACE.findall(value):  # only the braces are looked at one by one
        depth += 1 if char == "{" else -1
        if depth < 0:
            return False
    return True


def validate(entry: Entry) -> None:
    """Raise `InvalidEntry` when the entry cannot be written as BibTeX that reads back the same."""
    if not _KEY.match(entry.key):
        msg = f"key {entry.key!r} is empty or holds a character BibTeX keys cannot have"
        raise InvalidEntry(msg)
    if (char := unsafe_key_character(entry.key)) is not None:
        msg = f"key {entry.key!r} holds the control or invisible character {char!r}"
        raise InvalidEntry(msg)
    if not _NAME.match(entry.entry_type):
        msg = f"entry {entry.key!r}: {entry.entry_type!r} is not a valid entry type"
        raise InvalidEntry(msg)
    for name, value in entry.fields.items():
        if not _NAME.match(name) or name in (SOURCES_FIELD, IDS_FIELD):
            msg = f"entry {entry.key!r}: {name!r} cannot be a field name"
            raise InvalidEntry(msg)
        if not is_balanced(value):
            msg = f"entry {entry.key!r}: field {name!r} has unbalanced braces: {value!r}"
            raise InvalidEntry(msg)
        if "\0" in value:  # a store with a NUL byte would read as binary data
            msg = f"entry {entry.key!r}: field {name!r} holds a NUL character"
            raise InvalidEntry(msg)
    for key in entry.ids:
        if not _KEY.match(key):
            msg = f"entry {entry.key!r}: retired key {key!r} is not a valid key"
            raise InvalidEntry(msg)


def format_entry(entry: Entry) -> str:
    """One entry in the canonical layout, without a trailing newline.

    >>> print(format_entry(Entry("k", "misc", {"year": "2020", "title": "{BERT}"})))
    @misc{k,
      title = {{BERT}},
      year = {2020},
    }
    """
    validate(entry)
    lines = [f"@{entry.entry_type}{{{entry.key},"]
    for name in ordered_fields(entry):
        value = entry.fields[name]
        lines.append(f"  {name} = {value}," if name in entry.macros else f"  {name} = {{{value}}},")
    if entry.sources:
        lines.append(f"  {SOURCES_FIELD} = {{{format_sources(entry.sources)}}},")
    if entry.ids:
        lines.append(f"  {IDS_FIELD} = {{{format_ids(entry.ids)}}},")
    lines.append("}")
    return "\n".join(lines)


def validate_macro(macro: Macro) -> None:
    """Raise `InvalidEntry` when the ``@string`` definition cannot be written to read back the
    same: its name must be one BibTeX reads as a name, its value's braces must pair up."""
    if not _MACRO_NAME.match(macro.name) or not macro.name.isprintable():
        msg = f"@string name {macro.name!r} is not a name BibTeX reads back"
        raise InvalidEntry(msg)
    if not is_balanced(macro.value):
        msg = f"@string {macro.name!r} has unbalanced braces: {macro.value!r}"
        raise InvalidEntry(msg)


def format_macro(macro: Macro) -> str:
    """An ``@string`` definition.

    >>> format_macro(Macro("acl", "Proceedings of {ACL}"))
    '@string{acl = {Proceedings of {ACL}}}'
    """
    value = macro.value if macro.is_expression else f"{{{macro.value}}}"
    return f"@string{{{macro.name} = {value}}}"

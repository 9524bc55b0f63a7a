"""Checks of the store's entries: located in the store file, or where an entry was read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from refs.check.findings import CheckContext, Finding
from refs.errors import Severity
from refs.importing.meta import flag_items, parse_flag

#: What an entry needs to be cited: the fields and why.
_ESSENTIAL = ("title", "author", "year")
#: Entries that name an organisation or a piece of software may have no person as author.
_AUTHOR_ALTERNATIVES = ("editor", "organization", "institution", "publisher")


def text_link_mismatches(context: CheckContext) -> Iterator[Finding]:
    """An entry whose printed identifier and link disagree (import's ``id-mismatch`` flag)."""
    for entry in context.entries:
        for item in flag_items(entry.fields):
            flag, source = parse_flag(item)
            if flag != "id-mismatch":
                continue
            yield Finding(
                source.file if source is not None and source.file else context.store_file,
                source.line if source is not None else context.line_of(entry),
                Severity.ERROR,
                "id-mismatch",
                f"{entry.key}: the identifier printed in the reference and its link name "
                f"different works (url {entry.get('url') or '?'}, eprint "
                f"{entry.get('eprint') or '?'})",
                "correct the reference's text or its link in the document, then re-import",
            )


def missing_fields(context: CheckContext) -> Iterator[Finding]:
    """An entry without a title, an author or a year."""
    for entry in context.entries:
        missing = [
            name
            for name in _ESSENTIAL
            if not entry.get(name).strip()
            and not (name == "author" and any(entry.get(a) for a in _AUTHOR_ALTERNATIVES))
        ]
        if missing:
            yield Finding(
                context.store_file,
                context.line_of(entry),
                Severity.WARNING,
                "missing-field",
                f"{entry.key} has no {', '.join(missing)}",
                f"add {', '.join(missing)} to {entry.key} in the store",
            )


def duplicate_keys(context: CheckContext) -> Iterator[Finding]:
    """A key used by two entries (case-insensitively)."""
    counts = Counter(entry.key.casefold() for entry in context.entries)
    for entry, line in zip(context.entries, context.entry_lines, strict=True):
        if counts[entry.key.casefold()] > 1:
            yield Finding(
                context.store_file,
                line,
                Severity.ERROR,
                "duplicate-key",
                f"key {entry.key} is used by {counts[entry.key.casefold()]} entries",
                "rename one of them, or merge them with refs dedupe --apply",
            )


def alias_collisions(context: CheckContext) -> Iterator[Finding]:
    """A retired key (``ids``) that is also a live key: citing it is ambiguous."""
    for entry in context.entries:
        for alias in entry.ids:
            other = context.entry(alias)
            if other is not None and other is not entry:
                yield Finding(
                    context.store_file,
                    context.line_of(entry),
                    Severity.ERROR,
                    "alias-collision",
                    f"{entry.key} lists {alias} in ids, but {alias} is a live key",
                    f"remove {alias} from the ids of {entry.key}, or rename the live entry",
                )

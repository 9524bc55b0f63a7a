"""``refs add``: one BibTeX snippet, free-text reference, or identifier -> new store entries.

What the input is, is told by its content: ``@type{`` starts BibTeX; one word (a URL, an arXiv
id, a DOI, an ACL Anthology id) is an identifier, turned offline into a minimal entry flagged
``needs-metadata``; anything else is read by the import parser as a reference string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from refs.bibtex import InvalidEntry, read_bib, validate
from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern
from refs.bibtex.keys import assign_keys
from refs.bibtex.meta import with_key
from refs.errors import Problem, UnreadableInput
from refs.importing import FLAGS_FIELD, RAW_FIELD
from refs.importing.documents import Definition, bib_reading, is_bibtex, text_reading
from refs.importing.matching import Index, signature
from refs.importing.meta import format_flags
from refs.model import Entry
from refs.model.identifiers import (
    acl_id_from_url,
    normalise_arxiv,
    normalise_doi,
    openreview_id_from_url,
)

#: The flag on an entry made from an identifier alone.
NEEDS_METADATA = "needs-metadata"
#: The name parse problems are reported under.
INPUT_NAME = "<add>"


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry to add; ``keep_key`` when it came with its own key (a BibTeX snippet)."""

    entry: Entry
    keep_key: bool = False


@dataclass(frozen=True, slots=True)
class AddResult:
    """What adding would do: the entries to add (keyed), and the candidates that are already
    in the store, with the key of the entry they match."""

    added: tuple[Entry, ...]
    existing: tuple[tuple[Entry, str], ...]
    #: What the caller should tell the user about the store (e.g. its encoding).
    problems: tuple[Problem, ...] = ()


def _flagged(entry: Entry, flags: Sequence[str]) -> Entry:
    if not flags:
        return entry
    return replace(entry, fields={**entry.fields, FLAGS_FIELD: format_flags(flags)})


def identifier_entry(text: str) -> Entry | None:
    """A minimal entry for an identifier or a link to a paper, or None if it is neither.

    >>> identifier_entry("arXiv:2305.11206v2").fields["eprint"]
    '2305.11206'
    >>> identifier_entry("P19-1001").fields["url"]
    'https://aclanthology.org/P19-1001'
    """
    fields: dict[str, str] | None = None
    is_link = text.lower().startswith(("http://", "https://"))
    acl = acl_id_from_url(text if is_link else f"https://aclanthology.org/{text}")
    openreview = openreview_id_from_url(text) if is_link else None
    if arxiv := normalise_arxiv(text):
        url = f"https://arxiv.org/abs/{arxiv}"
        fields = {"eprint": arxiv, "archiveprefix": "arXiv", "url": url}
    elif acl:
        fields = {"url": f"https://aclanthology.org/{acl}"}
    elif openreview:
        fields = {"url": f"https://openreview.net/forum?id={openreview}"}
    elif (doi := normalise_doi(text)) and (not is_link or "doi.org/" in text.lower()):
        fields = {"doi": doi}
    elif is_link:
        fields = {"url": text}
    if fields is None:
        return None
    return _flagged(Entry("?", "misc", fields), [NEEDS_METADATA])


def _bibtex_candidates(text: str) -> list[Candidate]:
    parsed = read_bib(text.encode("utf-8"), INPUT_NAME)
    if parsed.problems:
        msg = f"malformed BibTeX: {parsed.problems[0]}"
        raise UnreadableInput(msg)
    entries = [block.entry for block in parsed.blocks if block.entry is not None]
    if not entries:
        msg = f"{INPUT_NAME}: no BibTeX entry in the snippet"
        raise UnreadableInput(msg)
    return [Candidate(replace(entry, sources=()), keep_key=True) for entry in entries]


def _text_candidates(text: str) -> list[Candidate]:
    occurrences = text_reading(text, INPUT_NAME).occurrences
    if not occurrences:
        # a bare reference string is not a list item yet: read each line as one
        bulleted = "\n".join(f"- {line}" for line in text.split("\n") if line.strip())
        occurrences = text_reading(bulleted, INPUT_NAME).occurrences
    readable = [o for o in occurrences if RAW_FIELD not in o.entry.fields]
    if not readable:
        msg = f"{INPUT_NAME}: no reference could be read from {text.strip()[:60]!r}"
        raise UnreadableInput(msg)
    return [Candidate(_flagged(replace(o.entry, sources=()), o.flags)) for o in readable]


def parse_addition(text: str) -> list[Candidate]:
    """The entries ``text`` holds, not yet keyed; `UnreadableInput` when there are none."""
    stripped = text.strip()
    if not stripped:
        msg = "nothing to add: give a BibTeX entry, a reference, or an identifier"
        raise UnreadableInput(msg)
    if is_bibtex(stripped):
        return _bibtex_candidates(stripped)
    if len(stripped.split()) == 1:
        entry = identifier_entry(stripped)
        if entry is None:
            msg = f"{stripped!r} is not a URL, arXiv id, DOI or ACL Anthology id"
            raise UnreadableInput(msg)
        return [Candidate(entry)]
    return _text_candidates(stripped)


def addition_definitions(text: str) -> tuple[Definition, ...]:
    """The ``@string`` definitions a BibTeX snippet brings along (none for other input)."""
    stripped = text.strip()
    return bib_reading(stripped, INPUT_NAME).definitions if is_bibtex(stripped) else ()


def plan_addition(
    store_entries: Sequence[Entry],
    candidates: Sequence[Candidate],
    *,
    key_pattern: KeyPattern = DEFAULT_PATTERN,
) -> AddResult:
    """Key the candidates (a snippet's own key is kept unless taken, by a key or a retired key;
    the others get ``key_pattern``'s) and set apart those the store already holds: same
    identifier, or same title, year and first author."""
    by_key = {entry.key.casefold(): entry for entry in store_entries}
    index = Index.of(store_entries)
    signatures = {signature(e): e.key for e in store_entries if signature(e)[0]}
    existing: list[tuple[Entry, str]] = []
    fresh: list[Candidate] = []
    for candidate in candidates:
        found = index.find(candidate.entry, by_key) or signatures.get(signature(candidate.entry))
        if found is not None:
            existing.append((candidate.entry, found))
        else:
            fresh.append(candidate)
    used = set(by_key) | {alias.casefold() for e in store_entries for alias in e.ids}
    kept: list[Entry] = []
    to_key: list[Entry] = []
    for candidate in fresh:
        key = candidate.entry.key
        if candidate.keep_key and key.casefold() not in used:
            kept.append(with_key(candidate.entry, key, generated=False))
            used.add(key.casefold())
        else:
            to_key.append(candidate.entry)
    # an identifier alone gives no author nor title: ``anonnd``, which `refs rekey` makes
    # again once the entry has its metadata
    added = [*kept, *assign_keys(to_key, used, pattern=key_pattern)]
    for entry in added:
        try:
            validate(entry)
        except InvalidEntry as error:
            msg = f"{INPUT_NAME}: {error}"
            raise UnreadableInput(msg) from None
    return AddResult(tuple(added), tuple(existing))

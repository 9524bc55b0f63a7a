"""Fold a document's occurrences into the store: update what they match, add the rest.

Re-importing a document first takes that document's occurrences (sources and flags) off every
entry, then puts the new ones back, matched by content (lines shift) or by identifier. So a
second import of the same text changes nothing, and stale sources go away.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz.fuzz import ratio

from refs.bibtex import InvalidEntry
from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern
from refs.bibtex.keys import assign_keys
from refs.bibtex.meta import KEY_ORIGIN_FIELD
from refs.dedupe.authors import completes_authors
from refs.dedupe.merge import CONFLICTS_FIELD, best_cased, conflict_item, split_items
from refs.dedupe.vetoes import is_preprint
from refs.errors import Problem
from refs.importing.documents import Definition, Occurrence
from refs.importing.matching import Index, compatible, identity, signature
from refs.importing.meta import FLAGS_FIELD, flag_file, flag_item, flag_items, format_flags
from refs.model import Entry, SourceLocation
from refs.store import Store

#: Where a work appeared: an entry keeps the one it has rather than gain a second.
VENUE_FIELDS = frozenset({"journal", "booktitle", "howpublished"})
#: Fields of an entry that no occurrence sets: its flags (gathered apart) and its key's origin
#: (`assign_keys` marks the keys it makes; a key a ``.bib`` file gives is a person's).
_ENTRY_OWN = frozenset({FLAGS_FIELD, KEY_ORIGIN_FIELD})
#: Keys of entries created by this import, until `assign_keys` gives them real ones.
_PENDING = "\0new"


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """What importing one document did."""

    file: str
    found: int
    new: int
    updated: int
    flagged: int
    removed: int = 0


def _without_document(entry: Entry, file: str) -> Entry:
    """``entry`` with the sources and flags that came from ``file`` taken off."""
    fields = {k: v for k, v in entry.fields.items() if k != FLAGS_FIELD}
    items = [item for item in flag_items(entry.fields) if flag_file(item) != file]
    if items:
        fields[FLAGS_FIELD] = format_flags(items)
    return replace(entry, fields=fields, sources=tuple(s for s in entry.sources if s.file != file))


def _with_field(entry: Entry, name: str, value: str) -> Entry:
    return replace(entry, fields={**entry.fields, name: value})


def _with_occurrence(entry: Entry, occurrence: Occurrence, *, authoritative: bool = False) -> Entry:
    """``entry`` plus what one more occurrence says: the fields the entry lacked, its key as a
    retired key. Its source and flags are collected by `_Merge` and added once, at the end
    (one work cited thousands of times in a document stays linear).

    With ``authoritative`` (a .bib file re-imported, the only place the entry comes from) its
    fields replace the entry's. A field that would give the entry another identity is not
    filled in: what an entry is matched by must not depend on the order of imports.
    """
    base = occurrence.entry.fields if authoritative else entry.fields
    fields = {k: v for k, v in base.items() if k not in _ENTRY_OWN}
    # the entry's flags, and where its key came from, are the store's, never a document's
    fields |= {k: v for k, v in entry.fields.items() if k in _ENTRY_OWN}
    entry_type = entry.entry_type
    if not authoritative:
        if _publishes(entry, occurrence.entry):
            entry_type = _take_publication(fields, entry.key, occurrence.entry)
        _take_better_casing(fields, occurrence.entry.fields)
        if completes_authors(entry, occurrence.entry):
            # "Kyunghyun Cho et al." here, the full list there: the full list is the entry's
            kept = [
                *split_items(fields.get(CONFLICTS_FIELD, "")),
                conflict_item("author", entry.key, fields["author"]),
            ]
            fields["author"] = occurrence.entry.fields["author"]
            fields[CONFLICTS_FIELD] = "; ".join(sorted(set(kept)))
    has_venue = bool(VENUE_FIELDS & fields.keys())
    identity_before: object = None
    for name, value in occurrence.entry.fields.items():
        if name in fields or name in _ENTRY_OWN or (has_venue and name in VENUE_FIELDS):
            continue
        if identity_before is None:
            identity_before = identity(entry)
        if identity(_with_field(entry, name, value)) == identity_before:
            fields[name] = value
    ids = entry.ids
    other = occurrence.entry.key
    if occurrence.from_bibtex and other.casefold() != entry.key.casefold() and other not in ids:
        ids = (*ids, other)
    macros = occurrence.entry.macros if authoritative else entry.macros
    macros = (macros | occurrence.entry.macros) & fields.keys()
    return replace(entry, entry_type=entry_type, fields=fields, ids=ids, macros=macros)


#: What the published version brings over a preprint: where and when it appeared.
_PUBLICATION_FIELDS = (*sorted(VENUE_FIELDS), "year", "volume", "number", "pages", "publisher")


def _publishes(entry: Entry, other: Entry) -> bool:
    """``other`` is the published version of the preprint ``entry``: it names a venue that is
    no preprint server (the same rule as dedupe's survivor, `refs.dedupe.vetoes.is_preprint`)."""
    return (
        is_preprint(entry) and not is_preprint(other) and bool(VENUE_FIELDS & other.fields.keys())
    )


def _take_publication(fields: dict[str, str], key: str, published: Entry) -> str:
    """Put the published version's venue, year and numbers in ``fields`` (the preprint's own go
    to ``refs-conflicts``, nothing lost); its entry type is returned."""
    kept = split_items(fields.get(CONFLICTS_FIELD, ""))
    for name in _PUBLICATION_FIELDS:
        old, new = fields.get(name), published.fields.get(name)
        if name in VENUE_FIELDS and old is not None and new is None:
            kept.append(conflict_item(name, key, old))
            del fields[name]
        elif new is not None and old is not None and old != new:
            kept.append(conflict_item(name, key, old))
            fields[name] = new
        elif new is not None:
            fields[name] = new
    if kept:
        fields[CONFLICTS_FIELD] = "; ".join(sorted(set(kept)))
    return published.entry_type


def _conflicts_under(entry: Entry) -> Entry:
    """A new entry's ``refs-conflicts`` items name it by the key it has now been given, not by
    the placeholder it had while the document was read."""
    value = entry.fields.get(CONFLICTS_FIELD)
    if value is None or _PENDING not in value:
        return entry
    named = re.sub(rf"@{re.escape(_PENDING)}\d*=", f"@{entry.key}=", value)
    return replace(entry, fields={**entry.fields, CONFLICTS_FIELD: named})


def _take_better_casing(fields: dict[str, str], other: Mapping[str, str]) -> None:
    """The same title printed better cased elsewhere (``QLoRA: … LLMs`` for a Google-Scholar
    ``Qlora: … llms``) becomes the entry's, as in a dedupe merge (`best_cased`)."""
    if mine := fields.get("title"):
        fields["title"] = best_cased(mine, [other.get("title", "")])


def _place(source: SourceLocation) -> tuple[str, int, str]:
    """Sources in document order, the label breaking a tie: the same every run."""
    return source.file, source.line, source.label or ""


@dataclass(slots=True)
class _Gathered:
    """The sources and flags one import adds to one entry, kept apart until it finishes."""

    sources: dict[SourceLocation, None]
    flags: list[str]
    #: The occurrences from text, in document order: what they filled in is filled in again
    #: after a BibTeX entry of the document replaces the entry's fields.
    from_text: list[Occurrence] = field(default_factory=list)

    def note(self, occurrence: Occurrence) -> None:
        self.sources[occurrence.source] = None
        self.flags += [flag_item(flag, occurrence.source) for flag in occurrence.flags]
        if not occurrence.from_bibtex:
            self.from_text.append(occurrence)

    def applied(self, entry: Entry) -> Entry:
        """``entry`` with these sources and flags (sorted, unique) added."""
        if not self.sources and not self.flags:
            return entry
        fields = dict(entry.fields)
        items = [*flag_items(entry.fields), *self.flags]
        if items:
            fields[FLAGS_FIELD] = format_flags(items)
        sources = sorted({*entry.sources, *self.sources}, key=_place)
        return replace(entry, fields=fields, sources=tuple(sources))


def _fresh(occurrence: Occurrence, key: str) -> Entry:
    """A new entry from one occurrence, under ``key`` (its source is gathered apart)."""
    entry = occurrence.entry
    fields = {k: v for k, v in entry.fields.items() if k not in _ENTRY_OWN}
    return _with_occurrence(replace(entry, key=key, fields=fields, sources=()), occurrence)


def _close_enough(old: Entry, new: Entry) -> bool:
    """Could ``new`` be the occurrence ``old`` came from, after the document was edited?
    Year and first author must agree where both are known (the title is compared before)."""
    year_old, year_new = old.get("year"), new.get("year")
    if year_old and year_new and year_old != year_new:
        return False
    first_old, first_new = signature(old)[2], signature(new)[2]
    return not (first_old and first_new and first_old != first_new)


#: How alike (rapidfuzz ratio, 0-100) the folded titles of an occurrence and the entry that
#: held its line must be, when no identifier joins them: an edited title, not another work.
_SAME_PLACE_TITLE = 80.0


def _same_occurrence(old: Entry, new: Entry) -> bool:
    """Could ``new``, read at a line where ``old`` had an occurrence, be that occurrence?
    No identifier may be against it; a shared identifier is for it (the authors may read
    differently, as they may for one identifier in one document), or else a like title with
    no author, year or first author against it."""
    if not compatible(old, new, authors=False):
        return False
    if set(identity(old)) & set(identity(new)):
        return True
    return (
        compatible(old, new)
        and _close_enough(old, new)
        and ratio(signature(old)[0], signature(new)[0]) >= _SAME_PLACE_TITLE
    )


class _Merge:
    """One document's import in progress: the store's entries by folded key, being edited."""

    def __init__(self, store: Store, file: str) -> None:
        self.file = file
        self.original = {e.key.casefold(): e for e in reversed(store.entries())}
        self.current = dict(self.original)
        self.old_by_title: dict[str, list[str]] = {}
        self.old_labels: dict[str, set[str | None]] = {}
        #: The entries that held an occurrence at each line of this document last time.
        self.old_at: dict[int, list[str]] = {}
        for folded, entry in self.original.items():
            here = [s for s in entry.sources if s.file == file]
            if here:
                self.current[folded] = _without_document(entry, file)
                self.old_by_title.setdefault(signature(entry)[0], []).append(folded)
                self.old_labels[folded] = {s.label for s in here}
                for line in dict.fromkeys(s.line for s in here):
                    self.old_at.setdefault(line, []).append(folded)
        #: Entries holding an occurrence of this document whose identifiers are not in doubt
        #: (no occurrence flagged ``id-mismatch``): one identifier there is one work.
        self.same_document: set[str] = set()
        self.doubtful: set[str] = set()
        #: (entry, line) pairs an occurrence of this import has gone back to.
        self.claimed: set[tuple[str, int]] = set()
        self.index = Index.of(self.current.values())
        #: What this import adds to each entry (by folded key), applied in `finish`.
        self.gathered: dict[str, _Gathered] = {}
        #: Entries whose every source is in this document (asked once per entry).
        self.only_here: dict[str, bool] = {}
        self.from_this_bib: set[str] = set()  # keys this document's BibTeX entries went to
        self.pending = 0
        self.new = 0

    # -- where an occurrence goes ------------------------------------------------------------

    def _previous(self, occurrence: Occurrence) -> str | None:
        """The entry this occurrence went to last time: one that held an occurrence at its
        line and reads as the same work; else one of the same title with nothing against it,
        the same label preferred. So a document read again goes where it went before."""
        return self._same_place(occurrence) or self._same_title(occurrence)

    def _same_place(self, occurrence: Occurrence) -> str | None:
        line = occurrence.source.line
        held = [
            folded
            for folded in self.old_at.get(line, ())
            if folded not in self.from_this_bib
            and _same_occurrence(self.original[folded], occurrence.entry)
        ]
        found = next((f for f in held if (f, line) not in self.claimed), None) or next(
            iter(held), None
        )
        if found is not None:
            self.claimed.add((found, line))
        return found

    def _same_title(self, occurrence: Occurrence) -> str | None:
        title = signature(occurrence.entry)[0]
        if not title:
            return None
        candidates = [
            folded
            for folded in self.old_by_title.get(title, [])
            if folded not in self.from_this_bib
            and _close_enough(self.original[folded], occurrence.entry)
        ]
        label = occurrence.source.label
        return next((f for f in candidates if label in self.old_labels[f]), None) or next(
            iter(candidates), None
        )

    def _by_identifier(self, occurrence: Occurrence) -> str | None:
        if "id-mismatch" in occurrence.flags:
            return None  # its text and its link name different works: a person decides
        same_document = () if occurrence.from_bibtex else self.same_document
        key = self.index.find(occurrence.entry, self.current, same_document)
        if key is None or (occurrence.from_bibtex and key.casefold() in self.from_this_bib):
            return None  # two BibTeX entries of one file are never merged
        return key.casefold()

    def _same_key(self, occurrence: Occurrence) -> str | None:
        """A BibTeX entry's own key, when the store's entry under it is the same work."""
        folded = occurrence.entry.key.casefold()
        existing = self.current.get(folded)
        if existing is None or folded in self.from_this_bib:
            return None
        mine, theirs = dict(identity(occurrence.entry)), dict(identity(existing))
        shared = mine.keys() & theirs.keys()
        same_work = bool(shared) and all(mine[k] == theirs[k] for k in shared)
        same_text = not mine and not theirs and signature(existing) == signature(occurrence.entry)
        return folded if folded in self.old_labels or same_work or same_text else None

    # -- applying it -------------------------------------------------------------------------

    def add(self, occurrence: Occurrence) -> None:
        if occurrence.from_bibtex:
            target = (
                self._same_key(occurrence)
                or self._same_place(occurrence)
                or self._by_identifier(occurrence)
            )
            key = occurrence.entry.key.casefold()
            if target not in (None, key) and key in self.current:
                # its key is another work's: flagged as when it was first keyed afresh
                occurrence = replace(occurrence, flags=(*occurrence.flags, "key-conflict"))
        else:
            target = self._previous(occurrence) or self._by_identifier(occurrence)
        created = target is None
        if target is None:
            target = self._create(occurrence)
        elif occurrence.from_bibtex and target.startswith(_PENDING):
            target = self._adopt(target, occurrence)
        else:
            authoritative = (
                occurrence.from_bibtex and target in self.old_labels and self._only_here(target)
            )
            entry = _with_occurrence(self.current[target], occurrence, authoritative=authoritative)
            if authoritative and target in self.gathered:
                for earlier in self.gathered[target].from_text:
                    entry = _with_occurrence(entry, earlier)
            self.current[target] = entry
        if not created:
            self._gather(target).note(occurrence)
        if occurrence.from_bibtex:
            self.from_this_bib.add(target)
        if "id-mismatch" in occurrence.flags:
            self.doubtful.add(target)
            self.same_document.discard(target)
        elif target not in self.doubtful:
            self.same_document.add(target)
        self.index.add(self.current[target])

    def _gather(self, target: str) -> _Gathered:
        found = self.gathered.get(target)
        if found is None:
            found = self.gathered[target] = _Gathered({}, [])
        return found

    def _only_here(self, target: str) -> bool:
        known = self.only_here.get(target)
        if known is None:
            entry = self.original.get(target, self.current[target])
            known = self.only_here[target] = all(s.file == self.file for s in entry.sources)
        return known

    def _create(self, occurrence: Occurrence) -> str:
        self.new += 1
        key = occurrence.entry.key
        if not occurrence.from_bibtex or key.casefold() in self.current:
            if occurrence.from_bibtex:  # its key is another work's: flag it, key it afresh
                occurrence = replace(occurrence, flags=(*occurrence.flags, "key-conflict"))
            self.pending += 1
            key = f"{_PENDING}{self.pending}"
        self.current[key.casefold()] = _fresh(occurrence, key)
        self._gather(key.casefold()).note(occurrence)
        return key.casefold()

    def _adopt(self, pending: str, occurrence: Occurrence) -> str:
        """A BibTeX entry for the work of an entry made from text earlier in this document: the
        BibTeX entry leads (its key, its fields), the text fills what it lacks."""
        key = occurrence.entry.key
        if key.casefold() in self.current:
            self.current[pending] = _with_occurrence(self.current[pending], occurrence)
            return pending
        from_text = self.current.pop(pending)
        gathered = self.gathered.pop(pending)
        adopted = _fresh(occurrence, key)
        text_part = Occurrence(from_text, next(iter(gathered.sources)))
        self.current[key.casefold()] = _with_occurrence(adopted, text_part)
        # the text's sources and flags stay; this occurrence's are noted by `add`
        self.gathered[key.casefold()] = gathered
        return key.casefold()

    def finish(
        self, store: Store, found: int, flagged: int, key_pattern: KeyPattern = DEFAULT_PATTERN
    ) -> DocumentReport:
        """Write what this import did into ``store``; the entries it created get keys from
        ``key_pattern``."""
        for folded, gathered in self.gathered.items():
            self.current[folded] = gathered.applied(self.current[folded])
        removed = [
            folded
            for folded in self.old_labels
            if folded in self.current and not self.current[folded].sources
        ]
        for folded in removed:
            del self.current[folded]
        # a dict, not a list: its membership test runs once per entry of the store
        pending = dict.fromkeys(f for f in self.current if f.startswith(_PENDING))
        taken = [e.key for f, e in self.current.items() if f not in pending]
        taken += [key for e in self.current.values() for key in e.ids]
        fresh = [self.current.pop(f) for f in pending]
        for entry in assign_keys(fresh, taken, pattern=key_pattern):
            self.current[entry.key.casefold()] = _conflicts_under(entry)
        updated = 0
        for folded in removed:  # first: a new entry may be given a key a removed one had
            store.remove(self.original[folded].key)
        for folded, entry in self.current.items():
            before = self.original.get(folded)
            if before is None or entry != before:
                store.put(entry)
                updated += before is not None
        return DocumentReport(self.file, found, self.new, updated, flagged, len(removed))


def merge_occurrences(
    store: Store,
    file: str,
    occurrences: Sequence[Occurrence],
    *,
    key_pattern: KeyPattern = DEFAULT_PATTERN,
) -> DocumentReport:
    """Import one document's occurrences into ``store`` (in memory; the caller saves); new
    entries are keyed with ``key_pattern``."""
    merge = _Merge(store, file)
    for occurrence in occurrences:
        merge.add(occurrence)
    flagged = sum(1 for o in occurrences if o.flags)
    return merge.finish(store, len(occurrences), flagged, key_pattern)


def merge_definitions(store: Store, definitions: Sequence[Definition]) -> list[Problem]:
    """Add a document's ``@string`` definitions to ``store``: a name the store defines the same
    way is left alone; one it defines otherwise keeps the store's value, and is reported."""
    problems = []
    for definition in definitions:
        macro, source = definition.macro, definition.source
        try:
            kept = store.add_macro(macro)
        except InvalidEntry as error:
            problems.append(Problem(source.file, source.line, "bad-macro", f"{error}; not kept"))
            continue
        if kept is not None:
            message = (
                f"@string {macro.name!r} = {macro.value!r} differs from the store's "
                f"{kept.value!r}; the store's definition is kept"
            )
            problems.append(Problem(source.file, source.line, "macro-conflict", message))
    return problems

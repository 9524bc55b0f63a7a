"""Pick the entries a paper cites: by key, any case, or by a retired key (``ids``).

>>> from refs.model import Entry
>>> store = [Entry("zhou2023lima", "misc", ids=("zhou2023",)), Entry("wang2023", "misc")]
>>> chosen = select_entries(store, ["zhou2023", "Wang2023", "nobody"])
>>> [e.key for e in chosen.entries], chosen.resolved, chosen.missing
(['zhou2023lima', 'wang2023'], {'zhou2023': 'zhou2023lima', 'Wang2023': 'wang2023'}, ('nobody',))

BibTeX has no aliases: a paper citing a retired key finds its entry only under that key, so
`under_cited_keys` writes each entry under the key the paper cites first:

>>> [e.key for e in under_cited_keys(chosen)]
['zhou2023', 'Wang2023']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from refs.model import Entry

#: A requested key that stands for every entry (``\\nocite{*}``).
EVERY_KEY = "*"


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen entries in store order, the requested keys found under another spelling
    (a retired key, another case: requested -> store key), and those not found at all.

    ``cited_as`` runs beside ``entries``: the key each was first asked for by (None for an entry
    only ``*`` asked for). ``also_cited`` maps each other key asked for an entry already asked
    for (its old and its new key, say) to that first key.
    """

    entries: list[Entry]
    resolved: dict[str, str] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    cited_as: tuple[str | None, ...] = ()
    also_cited: dict[str, str] = field(default_factory=dict)


def select_entries(entries: Sequence[Entry], requested: Iterable[str]) -> Selection:
    """The entries ``requested`` names: a key matches its entry in any case (keys are unique
    case-insensitively), else the entry that retired it; ``*`` selects every entry."""
    by_key: dict[str, list[int]] = {}
    by_retired: dict[str, int] = {}
    for index, entry in enumerate(entries):
        by_key.setdefault(entry.key.casefold(), []).append(index)
        for old in entry.ids:
            by_retired.setdefault(old.casefold(), index)
    chosen: set[int] = set()
    first: dict[int, str] = {}
    also: dict[str, str] = {}
    resolved: dict[str, str] = {}
    missing: list[str] = []
    for key in dict.fromkeys(requested):
        if key == EVERY_KEY:
            chosen.update(range(len(entries)))
            continue
        folded = key.casefold()
        indices = by_key.get(folded) or ([by_retired[folded]] if folded in by_retired else [])
        if not indices:
            missing.append(key)
            continue
        chosen.update(indices)
        earlier = first.setdefault(indices[0], key)
        if earlier.casefold() != folded:
            also[key] = earlier
        if entries[indices[0]].key != key:
            resolved[key] = entries[indices[0]].key
    order = sorted(chosen)
    cited_as = tuple(first.get(i) for i in order)
    return Selection([entries[i] for i in order], resolved, tuple(missing), cited_as, also)


def under_cited_keys(selection: Selection) -> list[Entry]:
    """The selected entries, each under the key it was first asked for; its store key goes to
    its ``ids`` (read by nothing BibTeX, kept for ``--keep-meta``)."""
    written = []
    for entry, asked in zip(selection.entries, selection.cited_as, strict=True):
        if asked is None or asked == entry.key:
            written.append(entry)
            continue
        ids = (
            i for i in dict.fromkeys((*entry.ids, entry.key)) if i.casefold() != asked.casefold()
        )
        written.append(replace(entry, key=asked, ids=tuple(ids)))
    return written

"""Pick the entries a paper cites: by key, any case, or by a retired key (``ids``).

>>> from refs.model import Entry
>>> store = [Entry("zhou2023lima", "misc", ids=("zhou2023",)), Entry("wang2023", "misc")]
>>> chosen = select_entries(store, ["zhou2023", "Wang2023", "nobody"])
>>> [e.key for e in chosen.entries], chosen.resolved, chosen.missing
(['zhou2023lima', 'wang2023'], {'zhou2023': 'zhou2023lima', 'Wang2023': 'wang2023'}, ('nobody',))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from refs.model import Entry

#: A requested key that stands for every entry (``\\nocite{*}``).
EVERY_KEY = "*"


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen entries in store order, the requested keys found under another spelling
    (a retired key, another case: requested -> store key), and those not found at all."""

    entries: list[Entry]
    resolved: dict[str, str] = field(default_factory=dict)
    missing: tuple[str, ...] = ()


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
        if entries[indices[0]].key != key:
            resolved[key] = entries[indices[0]].key
    return Selection([entries[i] for i in sorted(chosen)], resolved, tuple(missing))

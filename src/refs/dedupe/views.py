"""A merged entry still speaks for each of its members: their own values are in ``refs-conflicts``.

When a merge keeps a member's differing value as ``year@clifford15=2015``, that member can be
read back as the merged entry with its own values in place (a *member view*). Comparing a merged
entry through its views keeps every veto its members had, so what one ``dedupe --apply``
refused (a third entry vetoed by one member) a second one refuses too.
"""

from __future__ import annotations

from dataclasses import replace

from refs.dedupe.merge import CONFLICTS_FIELD, parse_conflicts
from refs.model import Entry


def member_views(entry: Entry) -> tuple[Entry, ...]:
    """The entry as each member whose values it keeps in ``refs-conflicts``, in key order.

    >>> merged = Entry("carvalhais14", "proceedings", {"title": "xCoAx", "year": "2014",
    ...     "refs-conflicts": "year@clifford15=2015"}, ids=("clifford15",))
    >>> [(view.key, view.fields["year"]) for view in member_views(merged)]
    [('clifford15', '2015')]
    """
    kept = entry.fields.get(CONFLICTS_FIELD)
    if not kept:
        return ()
    own: dict[str, dict[str, str]] = {}
    for name, key, value in parse_conflicts(kept):
        if name and key:
            own.setdefault(key, {}).setdefault(name, value)
    base = {name: value for name, value in entry.fields.items() if name != CONFLICTS_FIELD}
    return tuple(
        replace(
            entry,
            key=key,
            fields={**base, **values},
            ids=(),
            macros=entry.macros - values.keys(),
        )
        for key, values in sorted(own.items())
    )

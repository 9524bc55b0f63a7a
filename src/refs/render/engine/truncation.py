"""Name lists that BibTeX's ``and others`` truncated: the mark kept for the name renderer.

A BibTeX author list ending in ``and others`` means "et al.": the rest of the authors are not
known. `refs.csl_json` drops the ``others`` and records the roles it ended, as CSL-JSON has no
way to say so (``custom["and-others"]``, a list such as ``["author"]``). citeproc-py's items
carry no ``custom``, so here the mark moves onto the name list itself, which
`refs.render.engine.names.Name` then renders with the style's et-al term, as BibTeX + natbib
(and pandoc's citeproc) print "et al." for it.

>>> names = TruncatedNames(["Wei"])
>>> is_truncated(names), is_truncated(["Wei"])
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from refs.csl_json import AND_OTHERS


class TruncatedNames(list[Any]):
    """The names of a list that ended in ``and others``: more authors than these."""


def is_truncated(names: object) -> bool:
    """True when ``names`` ended in ``and others`` (its et-al term is printed whatever the
    style's et-al rules say)."""
    return isinstance(names, TruncatedNames)


def truncated_roles(item: Mapping[str, Any]) -> frozenset[str]:
    """The name variables of a CSL-JSON item that ended in ``and others``.

    >>> sorted(truncated_roles({"custom": {"and-others": ["author", "editor"]}}))
    ['author', 'editor']
    >>> truncated_roles({"custom": {"and-others": "author"}}), truncated_roles({})
    (frozenset(), frozenset())
    """
    custom = item.get("custom")
    roles = custom.get(AND_OTHERS) if isinstance(custom, Mapping) else None
    if not isinstance(roles, list):
        return frozenset()
    return frozenset(role for role in roles if isinstance(role, str))


def mark_truncated(source: Mapping[str, Any], items: Iterable[Mapping[str, Any]]) -> None:
    """Mark, in citeproc-py's ``source`` (references by lower-cased id), the name lists the
    CSL-JSON ``items`` say were truncated. A role with no names left has nothing to mark."""
    for item in items:
        roles = truncated_roles(item)
        if not roles:
            continue
        reference = source.get(str(item.get("id")).lower())
        if reference is None:
            continue
        for role in roles:
            variable = role.replace("-", "_")
            names = reference.get(variable)
            if isinstance(names, list) and names:
                reference[variable] = TruncatedNames(names)

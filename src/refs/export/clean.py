"""Steps shared by the paper-writing exports (BibTeX and BibLaTeX): each `Entry -> Entry`.

The store keeps what it read; a paper needs less and needs it typeset: no internal fields,
titles whose acronyms survive sentence case, LaTeX specials escaped, arXiv preprints in the
form the style expects. What a step cannot fix (a missing year, a character without a LaTeX
spelling) is noted for the user, by kind, instead of guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from refs.export.escape import escape_value
from refs.export.titles import protect_title
from refs.model import LINK_FIELDS, Entry

#: The prefix of the fields import and dedupe write for themselves (refs-flags, refs-raw…).
INTERNAL_PREFIX = "refs-"
#: Fields whose value is a URL, an identifier or a code: never escaped, never case-protected.
#: The links and identifiers are the model's; dates and months are codes biber and the
#: styles read. (``key``, the label styles sort by, is text.)
VERBATIM_FIELDS = LINK_FIELDS | {"urldate", "date", "month"}
#: Fields printed as titles, so protected against the style's case changes.
TITLE_FIELDS = ("title", "subtitle", "booktitle")
#: A venue that only says "this is a preprint".
_PREPRINT_VENUE = re.compile(r"^\W*(?:arxiv|corr)\b", re.IGNORECASE)
_BARE_LINK = re.compile(r"^\s*(https?://\S+)\s*$")
#: How many keys one warning names before it counts the rest.
_SHOWN = 8


@dataclass
class Notes:
    """What the export could not make right, by kind: ``{"no year": ["anon2022", …]}``."""

    by_kind: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, key: str) -> None:
        """Note that entry ``key`` has the problem ``kind``."""
        self.by_kind.setdefault(kind, []).append(key)

    def warnings(self) -> list[str]:
        """One line per kind, naming the first keys."""
        lines = []
        for kind, keys in self.by_kind.items():
            shown = ", ".join(keys[:_SHOWN])
            more = f" and {len(keys) - _SHOWN} more" if len(keys) > _SHOWN else ""
            lines.append(f"{kind} ({len(keys)}): {shown}{more}")
        return lines


def is_internal(name: str) -> bool:
    """True for the store's own fields, which a paper does not need."""
    return name.startswith(INTERNAL_PREFIX)


def without_meta(entry: Entry, *, keep_ids: bool = False) -> Entry:
    """``entry`` without provenance, internal ``refs-*`` fields and (unless ``keep_ids``)
    retired keys."""
    fields = {k: v for k, v in entry.fields.items() if not is_internal(k)}
    return replace(
        entry,
        fields=fields,
        sources=(),
        ids=entry.ids if keep_ids else (),
        macros=entry.macros & fields.keys(),
    )


def is_arxiv_preprint(entry: Entry) -> bool:
    """True for an entry known only as an arXiv preprint: it has an arXiv id, and no venue
    (journal, booktitle, publisher, howpublished) but arXiv's own: a published paper with an
    eprint keeps its venue."""
    fields = entry.fields
    if entry.identifiers.arxiv is None or "booktitle" in fields or "publisher" in fields:
        return False
    journal = fields.get("journal") or fields.get("journaltitle") or ""
    if journal and _PREPRINT_VENUE.search(journal) is None:
        return False
    published = fields.get("howpublished", "")
    return not published or "arxiv" in published.lower()


def preprint_fields(fields: Mapping[str, str]) -> dict[str, str]:
    """``fields`` without the venue-like values that only say "arXiv" (a DBLP ``volume =
    {abs/2203.02155}`` included), which the arXiv form replaces."""
    dropped = {"journal", "journaltitle"}
    if fields.get("volume", "").startswith("abs/"):
        dropped.add("volume")
    return {k: v for k, v in fields.items() if k not in dropped}


def link_howpublished(entry: Entry) -> Entry:
    """A ``howpublished`` that is only a URL becomes ``\\url{…}``, which LaTeX can typeset."""
    match = _BARE_LINK.match(entry.fields.get("howpublished", ""))
    if match is None or "howpublished" in entry.macros:
        return entry
    return replace(entry, fields={**entry.fields, "howpublished": f"\\url{{{match[1]}}}"})


def typeset(entry: Entry, notes: Notes, *, keep_unicode: bool) -> Entry:
    """Titles protected, then every text field escaped for LaTeX; URLs, identifiers, macros
    and internal fields kept as they are."""
    fields = dict(entry.fields)
    for name, value in entry.fields.items():
        if name in VERBATIM_FIELDS or name in entry.macros or is_internal(name):
            continue
        text = protect_title(value) if name in TITLE_FIELDS else value
        escaped = escape_value(text, keep_unicode=keep_unicode)
        if escaped.unmapped:
            notes.add("characters without a LaTeX spelling, kept as UTF-8", entry.key)
        fields[name] = escaped.text
    return replace(entry, fields=fields)

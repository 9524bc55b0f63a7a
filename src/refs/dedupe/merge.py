"""The merge policy: one entry per work, and nothing lost.

- The survivor is the published version (an article or paper with a venue) over a preprint;
  it keeps its key, type and fields.
- Fields only other members have are added, except a second venue; the eprint fields of a
  preprint always come along. Every strong identifier of every member stays readable
  (arXiv as ``eprint``, DOI as ``doi``, ACL / OpenReview through ``url``).
- A value that differs from the survivor's (after LaTeX and case folding) is kept in the
  ``refs-conflicts`` field as ``field@oldkey=value; …`` (``;`` and ``%`` percent-encoded).
- Sources are united; retired keys (and their own ``ids``) go to ``ids``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from refs.bibtex.meta import KEY_ORIGIN_FIELD
from refs.dedupe.authors import completes_authors
from refs.dedupe.fingerprint import STRONG_KINDS, decode, fold_text
from refs.dedupe.vetoes import is_preprint
from refs.model import Entry, Identifiers

CONFLICTS_FIELD = "refs-conflicts"
FLAGS_FIELD = "refs-flags"
#: Fields that say where a work appeared: the survivor's venue is not joined by a second one.
VENUE_FIELDS = frozenset({"journal", "booktitle", "howpublished", "publisher"})
#: A preprint's fields that the published version keeps.
EPRINT_FIELDS = ("eprint", "archiveprefix", "primaryclass", "eprinttype", "eprintclass")
#: Store fields joined item by item rather than compared.
_LIST_FIELDS = (FLAGS_FIELD, CONFLICTS_FIELD)


def _rank(entry: Entry) -> tuple[int, int, int, int]:
    """Published first; then the entry that names its authors and year; then the one with
    more identifiers of a published version; then the richer one."""
    ids = dict(entry.identifiers.items())
    published_ids = sum(1 for kind in ("doi", "acl", "openreview") if kind in ids)
    if "doi" in ids and ids["doi"].startswith("10.48550/"):
        published_ids -= 1
    complete = bool(entry.get("author") or entry.get("editor")) + bool(entry.get("year"))
    return (
        0 if is_preprint(entry) else 1,
        complete,
        published_ids,
        len(entry.fields.keys() - {KEY_ORIGIN_FIELD}) + len(entry.sources),
    )


def survivor_order(entries: Sequence[Entry]) -> list[Entry]:
    """Members in merge order: the survivor first, then by rank and key (deterministic)."""
    return sorted(entries, key=lambda e: (tuple(-r for r in _rank(e)), e.key.casefold()))


def _same(a: str, b: str) -> bool:
    return a == b or fold_text(decode(a)).split() == fold_text(decode(b)).split()


def best_cased(title: str, others: Iterable[str]) -> str:
    """Of ``title`` and those of ``others`` equal to it but for case and LaTeX, the best cased
    (`title_case_score`); ``title`` itself when it ties.

    >>> best_cased("Qlora: efficient finetuning", ["{QLoRA}: Efficient finetuning", "Other"])
    '{QLoRA}: Efficient finetuning'
    """
    spellings = [other for other in others if other and _same(title, other)]
    return max([title, *spellings], key=lambda t: title_case_score(decode(t)))


def _best_cased_title(fields: dict[str, str], members: Sequence[Entry]) -> None:
    """The survivor's title spelt as the best cased of the members' (`best_cased`)."""
    if title := fields.get("title"):
        fields["title"] = best_cased(title, (m.fields.get("title", "") for m in members))


def title_case_score(title: str) -> tuple[int, int]:
    """How well a (decoded) title is cased, higher is better: words with a capital inside
    (``QLoRA``, ``LLMs``, the casing a lower-cased copy loses) count first, then capitalised
    words; a title of three words or more in capitals only scores lowest.

    >>> title_case_score("QLoRA: Efficient finetuning of quantized LLMs") > title_case_score(
    ...     "Qlora: Efficient finetuning of quantized llms")
    True
    >>> title_case_score("GPT-4") > title_case_score("Gpt-4")
    True
    """
    words = re.findall(r"[^\W\d_][\w'-]*", title)
    if not words or (title.upper() == title and len(words) > 2):
        return (0, 0)  # a title shouted in capitals, not a name such as GPT-4
    inner = sum(1 for w in words if any(c.isupper() for c in w[1:]))
    capitalised = sum(1 for w in words[1:] if w[0].isupper())
    return (1 + inner, capitalised)


def split_items(value: str) -> list[str]:
    """The items of a ``;``-joined store field (``refs-flags``, ``refs-conflicts``)."""
    return [item.strip() for item in value.split(";") if item.strip()]


def conflict_item(name: str, key: str, value: str) -> str:
    """One kept value: ``year@anon2023lima=2022`` (``%`` and ``;`` percent-encoded)."""
    return f"{name}@{key}=" + value.replace("%", "%25").replace(";", "%3B")


def parse_conflicts(value: str) -> list[tuple[str, str, str]]:
    """The ``refs-conflicts`` field -> (field, old key, value) triples."""
    triples = []
    for item in split_items(value):
        name, _, rest = item.partition("@")
        key, _, text = rest.partition("=")
        triples.append((name, key, text.replace("%3B", ";").replace("%25", "%")))
    return triples


def _strong(entry: Entry) -> list[tuple[str, str]]:
    return [(kind, value) for kind, value in entry.identifiers.items() if kind in STRONG_KINDS]


def _keep_identifiers(
    fields: dict[str, str], members: Iterable[Entry], kept: list[str], survivor: str
) -> None:
    """Make every member's strong identifiers readable from ``fields`` again."""
    for member in members:
        for kind, value in _strong(member):
            have = Identifiers.from_fields(fields)
            if getattr(have, kind) == value:
                continue
            if kind == "arxiv" and "eprint" not in fields:
                fields["eprint"], fields["archiveprefix"] = value, "arXiv"
            elif kind == "doi" and "doi" not in fields:
                fields["doi"] = member.fields.get("doi", value)
            elif kind in ("acl", "openreview") and "url" in member.fields:
                lost = [k for k, v in have.items() if k in STRONG_KINDS and k != "arxiv"]
                if getattr(have, kind) is None and not lost:
                    if "url" in fields:
                        kept.append(conflict_item("url", survivor, fields["url"]))
                    fields["url"] = member.fields["url"]
                    if have.arxiv and "eprint" not in fields:
                        fields["eprint"], fields["archiveprefix"] = have.arxiv, "arXiv"


def merge_cluster(members: Sequence[Entry]) -> Entry:
    """One entry for the work of ``members`` (``members[0]`` survives; see the module doc).

    >>> a = Entry("zhou2023lima", "inproceedings", {"title": "LIMA", "booktitle": "NeurIPS"})
    >>> b = Entry("anon2023lima", "misc", {"title": "LIMA", "journal": "ArXiv",
    ...     "eprint": "2305.11206", "archiveprefix": "arXiv"})
    >>> merged = merge_cluster([a, b])
    >>> merged.ids, merged.fields["eprint"], merged.fields["refs-conflicts"]
    (('anon2023lima',), '2305.11206', 'journal@anon2023lima=ArXiv')
    """
    survivor, others = members[0], members[1:]
    fields = dict(survivor.fields)
    macros = set(survivor.macros)
    lists = {name: split_items(fields.pop(name, "")) for name in _LIST_FIELDS}
    for other in others:
        has_venue = bool(VENUE_FIELDS & fields.keys())
        for name, value in other.fields.items():
            if name == KEY_ORIGIN_FIELD:  # the survivor's key and its origin lead
                continue
            if name in _LIST_FIELDS:
                lists[name].extend(split_items(value))
            elif name not in fields and (name not in VENUE_FIELDS or not has_venue):
                fields[name] = value
                if name in other.macros:
                    macros.add(name)
            elif name in EPRINT_FIELDS and name not in fields:
                fields[name] = value
            elif name not in fields or not _same(fields[name], value):
                lists[CONFLICTS_FIELD].append(conflict_item(name, other.key, value))
    fuller = next((m for m in others if completes_authors(survivor, m)), None)
    if fuller is not None:
        # the survivor printed "A. One et al.", another member the whole list: it wins
        lists[CONFLICTS_FIELD].append(conflict_item("author", survivor.key, fields["author"]))
        fields["author"] = fuller.fields["author"]
    _keep_identifiers(fields, members, lists[CONFLICTS_FIELD], survivor.key)
    _best_cased_title(fields, members)
    # a value that ended up in the field after all is no conflict
    lists[CONFLICTS_FIELD] = [
        item
        for item in lists[CONFLICTS_FIELD]
        if (triple := parse_conflicts(item)[0])[2] != fields.get(triple[0])
    ]
    for name, items in lists.items():
        if items:
            fields[name] = "; ".join(sorted(set(items)))
    sources = sorted({s for m in members for s in m.sources}, key=lambda s: (s.file, s.line))
    retired: list[str] = []
    for member in members:
        for key in (member.key, *member.ids):
            if key.casefold() != survivor.key.casefold() and key not in retired:
                retired.append(key)
    return replace(
        survivor,
        fields=fields,
        sources=tuple(sources),
        ids=tuple(retired),
        macros=frozenset(macros & fields.keys()),
    )

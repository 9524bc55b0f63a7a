"""Merging loses nothing: identifiers, sources, keys (old keys resolve through `ids`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.bibtex import format_entry, read_bib
from refs.dedupe import CONFLICTS_FIELD, merge_cluster, parse_conflicts, survivor_order
from refs.model import Entry, SourceLocation

_KEYS = st.from_regex(r"[a-z]{3,8}20[12][0-9][a-z]{2,6}", fullmatch=True)
_ARXIV = st.from_regex(r"2[0-3](0[1-9]|1[0-2])\.[0-9]{5}", fullmatch=True)
_DOI = st.from_regex(r"10\.[0-9]{4}/[a-z0-9.-]{1,12}[a-z0-9]", fullmatch=True)
_ACL = st.from_regex(r"20[12][0-9]\.(acl|emnlp)-(main|long)\.[1-9][0-9]{0,2}", fullmatch=True)
_OPENREVIEW = st.from_regex(r"[A-Za-z0-9]{10}", fullmatch=True)
_SOURCE = st.builds(
    SourceLocation,
    st.sampled_from(["a.md", "sources/002.txt", "b b.md"]),
    st.integers(1, 500),
    st.one_of(st.none(), st.integers(1, 99).map(str)),
)


@st.composite
def _members(draw: st.DrawFn) -> list[Entry]:
    """Entries of one work as copies make them: each with some of its identifiers."""
    arxiv, doi = draw(_ARXIV), draw(_DOI)
    acl, openreview = draw(_ACL), draw(_OPENREVIEW)
    keys = draw(st.lists(_KEYS, min_size=2, max_size=4, unique_by=str.casefold))
    members = []
    for key in keys:
        fields = {"title": draw(st.sampled_from(["LIMA", "{LIMA}", "Lima: less is more"]))}
        kind = draw(st.sampled_from(["arxiv", "arxiv-doi", "doi", "acl", "openreview", "none"]))
        if kind == "arxiv":
            fields |= {"eprint": arxiv, "archiveprefix": "arXiv"}
        elif kind == "arxiv-doi":
            fields["doi"] = f"10.48550/arXiv.{arxiv}"
        elif kind == "doi":
            fields["doi"] = doi
        elif kind == "acl":
            fields["url"] = f"https://aclanthology.org/{acl}/"
        elif kind == "openreview":
            fields["url"] = f"https://openreview.net/forum?id={openreview}"
        if draw(st.booleans()):
            fields["year"] = draw(st.sampled_from(["2022", "2023"]))
        entry_type = draw(st.sampled_from(["misc", "inproceedings", "article"]))
        if entry_type != "misc":
            fields["booktitle" if entry_type == "inproceedings" else "journal"] = "Venue; 100%"
        sources = tuple(draw(st.lists(_SOURCE, max_size=3, unique=True)))
        retired = tuple(draw(st.lists(_KEYS, max_size=2, unique=True)))
        members.append(Entry(key, entry_type, fields, sources, retired))
    return members


def _values(entry: Entry) -> set[str]:
    return {value for _, value in entry.identifiers.items() if value}


@settings(max_examples=150, deadline=None)
@given(_members())
def test_a_merge_never_loses_an_identifier_a_source_or_a_key(members: list[Entry]) -> None:
    merged = merge_cluster(survivor_order(members))
    kept_values = _values(merged) | {
        value for _, _, value in parse_conflicts(merged.fields.get(CONFLICTS_FIELD, ""))
    }
    for member in members:
        for kind, value in member.identifiers.items():
            if kind == "url":
                continue
            assert value in _values(merged) or any(
                value.lower() in v.lower() for v in kept_values
            ), (
                kind,
                value,
            )
        assert set(member.sources) <= set(merged.sources)
        names = {merged.key, *merged.ids}
        assert member.key in names
        assert set(member.ids) <= names
    assert merged.key not in merged.ids
    # and it is still BibTeX that reads back the same
    (block,) = [b for b in read_bib(format_entry(merged).encode()).blocks if b.entry]
    assert block.entry == merged


def test_the_published_version_survives_and_keeps_the_eprint() -> None:
    preprint = Entry(
        "anon2023lima",
        "misc",
        {
            "title": "LIMA",
            "journal": "ArXiv",
            "year": "2023",
            "eprint": "2305.11206",
            "archiveprefix": "arXiv",
            "url": "https://arxiv.org/abs/2305.11206",
        },
        (SourceLocation("002.txt", 1126, "11"),),
    )
    published = Entry(
        "zhou2023lima",
        "inproceedings",
        {
            "title": "{LIMA}",
            "booktitle": "NeurIPS",
            "year": "2023",
            "url": "https://openreview.net/pdf?id=KBMOKmX2he",
        },
        (SourceLocation("002.txt", 1559, "96"),),
    )
    merged = merge_cluster(survivor_order([preprint, published]))
    assert merged.key == "zhou2023lima"
    assert merged.entry_type == "inproceedings"
    assert merged.ids == ("anon2023lima",)
    assert merged.fields["eprint"] == "2305.11206"
    assert merged.identifiers.openreview == "KBMOKmX2he"
    assert ("journal", "anon2023lima", "ArXiv") in parse_conflicts(merged.fields[CONFLICTS_FIELD])
    assert len(merged.sources) == 2

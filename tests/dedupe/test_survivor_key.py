"""The key of a merged entry: a person's key stays; a key refs made is made again."""

from __future__ import annotations

from refs.bibtex.meta import GENERATED, KEY_ORIGIN_FIELD, is_generated_key
from refs.dedupe import apply_merges, find_duplicates, rename_map
from refs.dedupe.survivor import keyed_merge
from refs.model import Entry

_LIMA = {
    "title": "LIMA: Less Is More for Alignment",
    "year": "2023",
    "eprint": "2305.11206",
    "archiveprefix": "arXiv",
}
_AUTHORS = {"author": "Zhou, Chunting and Liu, Pengfei"}


def _made(key: str, fields: dict[str, str]) -> Entry:
    return Entry(key, "misc", {**fields, KEY_ORIGIN_FIELD: GENERATED})


def test_generated_keys_are_made_again_from_the_merged_entry() -> None:
    # the survivor names no author; the merged entry does, so it is keyed by them
    survivor = _made("anon2023lima", _LIMA)
    other = _made("zhou2023limab", {**_LIMA, **_AUTHORS})
    merged = keyed_merge(
        [survivor, other], Entry("anon2023lima", "misc", {**_LIMA, **_AUTHORS}), ()
    )
    assert merged.key == "zhou2023lima"
    assert merged.ids == ("anon2023lima", "zhou2023limab")
    assert is_generated_key(merged)


def test_a_free_key_replaces_a_suffixed_one() -> None:
    fields = {"author": "Ouyang, Long", "year": "2022", "title": "Training language models"}
    member = _made("ouyang2022trainingc", fields)
    assert keyed_merge([member], member, {"ouyang2022trainingb"}).key == "ouyang2022training"


def test_a_key_another_entry_has_is_never_taken() -> None:
    member = _made("anon2023lima", {**_LIMA, **_AUTHORS})
    assert keyed_merge([member], member, {"zhou2023lima"}).key == "zhou2023limab"


def test_a_key_a_person_gave_always_stays() -> None:
    given = Entry("lima", "misc", _LIMA)  # from a .bib file: no refs-key
    made = _made("zhou2023lima", {**_LIMA, **_AUTHORS})
    merged = keyed_merge([made, given], made, ())
    assert merged.key == "lima"
    assert merged.ids == ("zhou2023lima",)
    assert not is_generated_key(merged)


class _Entries:
    """An in-memory store: what a merge needs of one."""

    def __init__(self, entries: list[Entry]) -> None:
        self.by_key = {entry.key: entry for entry in entries}

    def remove(self, key: str) -> Entry:
        return self.by_key.pop(key)

    def put(self, entry: Entry) -> None:
        self.by_key[entry.key] = entry

    def entries(self) -> list[Entry]:
        return list(self.by_key.values())


def test_apply_rekeys_the_survivor_and_the_map_says_so() -> None:
    entries = [_made("anon2023lima", _LIMA), _made("zhou2023limab", {**_LIMA, **_AUTHORS})]
    report = find_duplicates(entries)
    expected = {"anon2023lima": "zhou2023lima", "zhou2023limab": "zhou2023lima"}
    assert rename_map(entries, report) == expected  # the dry run's map is the apply's
    store = _Entries(entries)
    assert apply_merges(store, report) == expected
    [merged] = store.entries()
    assert (merged.key, merged.fields["author"]) == ("zhou2023lima", _AUTHORS["author"])

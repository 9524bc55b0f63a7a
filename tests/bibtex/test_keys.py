"""Citation keys: what a writer would type, made from the entry's metadata only."""

from __future__ import annotations

import pytest

from refs.bibtex.keys import assign_keys, base_key, best_key, remake_keys, uncitable_character
from refs.bibtex.meta import is_generated_key
from refs.model import Entry


def _entry(author: str = "", title: str = "LIMA: Less Is More", year: str = "2023") -> Entry:
    fields = {"title": title, "year": year}
    if author:
        fields["author"] = author
    return Entry("?", "misc", fields)


@pytest.mark.parametrize(
    ("author", "title", "key"),
    [
        pytest.param(
            "Zhou, Chunting", "{LIMA}: Less Is More", "zhou2023lima", id="family-year-word"
        ),
        pytest.param('K{\\"o}pf, Andreas', "OpenAssistant", "kopf2023openassistant", id="ascii"),
        pytest.param("van Beethoven, Ludwig", "Sonatas", "vanbeethoven2023sonatas", id="von"),
        pytest.param("10 and Yuan, Sha", "Yuan 1.0", "yuan2023yuan", id="number-author-skipped"),
        pytest.param("3.0, ERNIE and Sun, Yu", "ERNIE 3.0", "sun2023ernie", id="model-version"),
        pytest.param("Babak Esmaeili 0001", "Tasks", "esmaeili2023tasks", id="dblp-homonym"),
        pytest.param("{30 ERNIE Team}", "ERNIE", "ernie2023ernie", id="organisation-number"),
        pytest.param("{World Health Organization}", "Report", "world2023report", id="organisation"),
        pytest.param("", "The Self-Instruct way", "anon2023self", id="anon-when-nobody"),
        pytest.param("others", "LIMA", "anon2023lima", id="others-is-nobody"),
    ],
)
def test_base_key(author: str, title: str, key: str) -> None:
    assert base_key(_entry(author, title)) == key


def test_an_editor_names_an_entry_without_author() -> None:
    entry = Entry("?", "book", {"editor": "Li, Xiang", "title": "Surveys", "year": "2020"})
    assert base_key(entry) == "li2020surveys"


def test_no_year_is_nd_and_no_title_adds_nothing() -> None:
    assert base_key(_entry("Zhou, C.", "", "")) == "zhound"


def test_an_identifier_alone_never_shapes_a_key() -> None:
    doi_only = Entry("?", "misc", {"doi": "10.1145/3394486.3406703"})
    assert base_key(doi_only) == "anonnd"


@pytest.mark.parametrize(
    "author", ["10", "3.0, ERNIE", "Esmaeili 0001, Babak", "Zhou, C.", "{30 ERNIE}", "Ünal, Ö."]
)
def test_a_key_is_ascii_and_citable(author: str) -> None:
    key = base_key(_entry(author, "Ça va: ünïcode #1 100% {braces}"))
    assert key.isascii() and key.isalnum()
    assert uncitable_character(key) is None


def test_assigned_keys_are_marked_as_generated() -> None:
    [entry] = assign_keys([_entry("Zhou, C.")], ())
    assert entry.key == "zhou2023lima"
    assert is_generated_key(entry)


def test_best_key_takes_back_its_own_key_never_anothers() -> None:
    entry = _entry("Zhou, C.")
    assert best_key(entry, {"zhou2023lima"}) == "zhou2023limab"
    assert best_key(entry, {"zhou2023lima"}, own={"ZHOU2023LIMA"}) == "zhou2023lima"


def test_remake_keys_frees_no_key_for_another_entry() -> None:
    # anon2023lima now names its authors; the entry keyed zhou2023lima gets no other's key,
    # and the retired anon2023lima stays taken
    stale = Entry("anon2023lima", "misc", {"author": "Zhou, C.", "year": "2023", "title": "LIMA"})
    other = Entry("zhou2023lima", "misc", {"author": "Zhou, D.", "year": "2023", "title": "LIMA"})
    used = {"anon2023lima", "zhou2023lima"}
    assert remake_keys([stale, other], used) == {"anon2023lima": "zhou2023limab"}


def test_remake_keys_twice_changes_nothing() -> None:
    stale = Entry(
        "ouyang2022trainingc",
        "misc",
        {"author": "Ouyang, L.", "year": "2022", "title": "Training language models"},
    )
    first = remake_keys([stale], {"ouyang2022trainingc"})
    assert first == {"ouyang2022trainingc": "ouyang2022training"}
    moved = Entry("ouyang2022training", "misc", stale.fields, ids=("ouyang2022trainingc",))
    assert remake_keys([moved], {"ouyang2022training", "ouyang2022trainingc"}) == {}

"""The key pattern: what each token makes of an entry, what a pattern may say, and that the
default pattern makes the keys of the shipped store."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.bibtex.keypattern import (
    DEFAULT_KEY_PATTERN,
    DEFAULT_PATTERN,
    LITERAL_CHARACTERS,
    BadKeyPattern,
    KeyPattern,
    Token,
)
from refs.bibtex.keys import assign_keys, remake_keys, uncitable_character
from refs.bibtex.meta import is_generated_key
from refs.model import Entry
from refs.store import load_store

ROOT = Path(__file__).resolve().parents[2]
LIMA = {
    "author": "Zhou, Chunting and Liu, Pengfei",
    "title": "{LIMA}: Less Is More for Alignment",
    "year": "2023",
}


def _key(pattern: str, **fields: str) -> str:
    return KeyPattern.parse(pattern).key(Entry("?", "misc", fields))


@pytest.mark.parametrize(
    ("pattern", "fields", "key"),
    [
        pytest.param("{auth}", LIMA, "zhou", id="auth-first-family-name"),
        pytest.param("{auth}", {"editor": "Li, Xiang"}, "li", id="auth-editor-without-author"),
        pytest.param("{auth}", {"title": "X"}, "anon", id="auth-nobody-is-anon"),
        pytest.param("{auth}", {"author": "{World Health Organization}"}, "world", id="auth-org"),
        pytest.param(
            "{auth}", {"author": "{The Royal Society}"}, "royal", id="auth-org-significant-word"
        ),
        pytest.param("{auth}", {"author": "Babak Esmaeili 0001"}, "esmaeili", id="auth-dblp"),
        pytest.param("{authors2}", {"author": "Zhou, C."}, "zhou", id="authors2-one"),
        pytest.param("{authors2}", LIMA, "zhouliu", id="authors2-two"),
        pytest.param(
            "{authors2}", {"author": "Zhou, C. and Liu, P. and Xu, P."}, "zhouetal", id="authors2-3"
        ),
        pytest.param(
            "{authors2}", {"author": "Brown, Tom and others"}, "brownetal", id="authors2-and-others"
        ),
        pytest.param("{authors2}", {"author": "10 and Yuan, Sha"}, "yuan", id="authors2-no-number"),
        pytest.param("{authors2}", {"title": "X"}, "anon", id="authors2-nobody"),
        pytest.param("{year}", LIMA, "2023", id="year"),
        pytest.param("{year}", {"date": "2023-05-18"}, "2023", id="year-of-date"),
        pytest.param("{year}", {"title": "X"}, "nd", id="year-none-is-nd"),
        pytest.param("{title}", LIMA, "lima", id="title-first-significant-word"),
        pytest.param("{title}", {"title": "The Self-Instruct Way"}, "self", id="title-stopword"),
        pytest.param("{title2}", LIMA, "limaless", id="title2-two-words"),
        pytest.param("{title2}", {"title": "On Alignment"}, "alignment", id="title2-one-word"),
        pytest.param(
            "{shorttitle}",
            {"title": "Open Foundation Language Models", "shorttitle": "{LLaMA}"},
            "llama",
            id="shorttitle-the-short-name",
        ),
        pytest.param("{shorttitle}", LIMA, "lima", id="shorttitle-else-title"),
        pytest.param("{auth}:{year}", LIMA, "zhou:2023", id="literal-colon"),
        pytest.param("{auth}_{year}-{title2}", LIMA, "zhou_2023-limaless", id="literals"),
        pytest.param("{title}", {"author": "Zhou, C."}, "anon", id="nothing-made-is-anon"),
    ],
)
def test_each_token(pattern: str, fields: dict[str, str], key: str) -> None:
    assert _key(pattern, **fields) == key


def test_the_default_pattern_is_family_year_title() -> None:
    assert DEFAULT_KEY_PATTERN == "{auth}{year}{title}"
    assert KeyPattern.parse(DEFAULT_KEY_PATTERN) == DEFAULT_PATTERN
    assert DEFAULT_PATTERN.key(Entry("?", "misc", LIMA)) == "zhou2023lima"


def test_a_pattern_writes_back_as_it_was_written() -> None:
    assert str(KeyPattern.parse("{auth}:{year}{shorttitle}")) == "{auth}:{year}{shorttitle}"


def test_every_token_has_a_name() -> None:
    names = {token.value for token in Token}
    assert names == {"auth", "authors2", "year", "title", "title2", "shorttitle"}


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        pytest.param("{author}{year}", r"unknown token \{author\} at column 1 \(known: ", id="tok"),
        pytest.param("{Auth}", r"unknown token \{Auth\}", id="token-names-are-lower-case"),
        pytest.param("{auth} {year}", r"character ' ' at column 7", id="blank"),
        pytest.param("{auth}#{year}", r"character '#' at column 7", id="hash"),
        pytest.param("{auth}%", r"character '%'", id="percent"),
        pytest.param("{auth}X{year}", r"character 'X'", id="upper-case"),
        pytest.param("{auth}{year", r"unmatched '\{' at column 7", id="unclosed"),
        pytest.param("{auth}}", r"unmatched '\}' at column 7", id="lone-closing-brace"),
        pytest.param("zhou", r"needs at least one token", id="no-token"),
        pytest.param("", r"needs at least one token", id="empty"),
    ],
)
def test_a_bad_pattern_says_what_and_where(pattern: str, message: str) -> None:
    with pytest.raises(BadKeyPattern, match=message):
        KeyPattern.parse(pattern)


@pytest.mark.parametrize("character", sorted(LITERAL_CHARACTERS))
def test_every_literal_character_is_citable(character: str) -> None:
    key = _key(f"{{auth}}{character}{{year}}", **LIMA)
    assert uncitable_character(key) is None


def test_a_collision_suffix_follows_the_pattern() -> None:
    pattern = KeyPattern.parse("{auth}:{title}")
    lima = Entry("?", "misc", LIMA)
    keys = [e.key for e in assign_keys([lima, lima], {"zhou:lima"}, pattern=pattern)]
    assert keys == ["zhou:limab", "zhou:limac"]


def test_remade_keys_follow_the_pattern() -> None:
    entry = Entry("zhou2023lima", "misc", LIMA)
    pattern = KeyPattern.parse("{authors2}{year}")
    assert remake_keys([entry], {"zhou2023lima"}, pattern=pattern) == {
        "zhou2023lima": "zhouliu2023"
    }


def test_the_default_pattern_makes_the_shipped_keys() -> None:
    # every key refs generated in the shipped store is the one the default pattern makes now
    entries = load_store(ROOT / "references.bib").entries()
    generated = [entry for entry in entries if is_generated_key(entry)]
    assert len(generated) > 50
    used = [key for entry in entries for key in (entry.key, *entry.ids)]
    assert remake_keys(generated, used) == {}

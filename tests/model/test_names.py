"""BibTeX name lists -> `Person`: the three name forms, particles, braces and ``others``."""

from __future__ import annotations

import pytest

from refs.model import Person, parse_names
from refs.model.names import parse_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ludwig van Beethoven", Person("Ludwig", "van", "Beethoven"), id="first-von-last"
        ),
        pytest.param(
            "van Beethoven, Ludwig", Person("Ludwig", "van", "Beethoven"), id="von-last-first"
        ),
        pytest.param(
            "van der Waals, Jr., Johannes Diderik",
            Person("Johannes Diderik", "van der", "Waals", "Jr."),
            id="von-last-jr-first",
        ),
        pytest.param("Kim, Jr, John", Person("John", "", "Kim", "Jr"), id="jr-without-dot"),
        pytest.param(
            "Jean de la Fontaine", Person("Jean", "de la", "Fontaine"), id="particle-de-la"
        ),
        pytest.param(
            "de la Fontaine, Jean", Person("Jean", "de la", "Fontaine"), id="particle-comma"
        ),
        pytest.param("Leonardo di Caprio", Person("Leonardo", "di", "Caprio"), id="particle-di"),
        pytest.param("John von Neumann", Person("John", "von", "Neumann"), id="particle-von"),
        pytest.param(
            r"Charles Louis Xavier Joseph de la Vall{\'e}e Poussin",
            Person("Charles Louis Xavier Joseph", "de la", r"Vall{\'e}e Poussin"),
            id="btxdoc-example-multiword-last",
        ),
        pytest.param(
            r"{\"O}zg{\"u}r Uzun",
            Person(r"{\"O}zg{\"u}r", "", "Uzun"),
            id="accented-upper-special-char-is-first",
        ),
        pytest.param(
            r"Uzun, {\"O}zg{\"u}r",
            Person(r"{\"O}zg{\"u}r", "", "Uzun"),
            id="accented-comma-form",
        ),
        pytest.param(
            r"{\'e}mile Zola",
            Person("", r"{\'e}mile", "Zola"),
            id="lower-special-char-counts-as-von",
        ),
        pytest.param(
            "{World Health Organization}",
            Person("", "", "{World Health Organization}"),
            id="braced-organisation",
        ),
        pytest.param(
            "{von Neumann}, John", Person("John", "", "{von Neumann}"), id="braced-von-kept"
        ),
        pytest.param("Jean-Paul Sartre", Person("Jean-Paul", "", "Sartre"), id="hyphenated-first"),
        pytest.param("Sartre, Jean-Paul", Person("Jean-Paul", "", "Sartre"), id="hyphenated-comma"),
        pytest.param("Smith, J.", Person("J.", "", "Smith"), id="initial-comma"),
        pytest.param("J. Smith", Person("J.", "", "Smith"), id="initial-first"),
        pytest.param("J.~R.~R. Tolkien", Person("J. R. R.", "", "Tolkien"), id="ties-split-words"),
        pytest.param("Smith,\n   John", Person("John", "", "Smith"), id="newline-in-name"),
        pytest.param("Aristotle", Person("", "", "Aristotle"), id="single-name"),
    ],
)
def test_parse_name(text: str, expected: Person) -> None:
    assert parse_name(text) == expected


@pytest.mark.parametrize(
    ("value", "lasts"),
    [
        pytest.param("Zhou, Chunting and Liu, Pengfei", ["Zhou", "Liu"], id="two-names"),
        pytest.param("A and B AND C", ["A", "B", "C"], id="and-any-case"),
        pytest.param("Smith, J. and\n  Doe, Jane", ["Smith", "Doe"], id="and-across-lines"),
        pytest.param(
            "{Barnes and Noble} and Smith, J.",
            ["{Barnes and Noble}", "Smith"],
            id="and-inside-braces-not-a-separator",
        ),
        pytest.param("Zhou, Chunting and others", ["Zhou", "others"], id="and-others"),
        pytest.param("", [], id="empty"),
        pytest.param("   ", [], id="blank"),
    ],
)
def test_parse_names_splits_at_and(value: str, lasts: list[str]) -> None:
    assert [person.last for person in parse_names(value)] == lasts


def test_others_is_et_al() -> None:
    *_, others = parse_names("Zhou, Chunting and Liu, Pengfei and others")
    assert others.is_others
    assert not parse_name("Others, Jane").is_others


@pytest.mark.parametrize(
    ("text", "is_literal"),
    [
        pytest.param("{World Health Organization}", True, id="braced-with-space"),
        pytest.param("{UNESCO}", False, id="single-braced-token-left-to-converters"),
        pytest.param("World Health Organization", False, id="unbraced"),
        pytest.param(r"{\"O}zt{\"u}rk", False, id="special-characters"),
    ],
)
def test_is_literal(text: str, is_literal: bool) -> None:
    assert parse_name(text).is_literal is is_literal


@pytest.mark.parametrize(
    "printed",
    [
        pytest.param("Babak Esmaeili 0001", id="first-last"),
        pytest.param("Esmaeili 0001, Babak", id="last-first"),
    ],
)
def test_a_dblp_homonym_number_is_no_part_of_the_name(printed: str) -> None:
    person = parse_name(printed)
    assert (person.first, person.last) == ("Babak", "Esmaeili")

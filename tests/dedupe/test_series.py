"""Members of a series (annual proceedings, volumes of a book, parts, editions) never merge; one
work written two ways still does."""

from __future__ import annotations

import pytest

from refs.dedupe import DEFAULT_THRESHOLD, compare_entries, find_duplicates
from refs.model import Entry

XCOAX = "Computation, Communication, Aesthetics and X (xCoAx)"
EDITORS = "Verdicchio, Mario and Carvalhais, Miguel"


def entry(key: str, entry_type: str, **fields: str) -> Entry:
    return Entry(key, entry_type, fields)


def volume(key: str, year: str, isbn: str, entry_type: str = "proceedings") -> Entry:
    return entry(key, entry_type, title=XCOAX, editor=EDITORS, year=year, isbn=isbn)


SERIES_MEMBERS = [
    pytest.param(
        volume("xcoax2013", "2013", "978-989-746-017-3"),
        volume("xcoax2014", "2014", "978-989-746-036-4"),
        "year-gap",
        id="annual-proceedings-a-year-apart",
    ),
    pytest.param(
        volume("xcoax2013", "2013", "978-989-746-017-3"),
        volume("xcoax2013b", "2013", "978-989-746-036-4"),
        "different-isbn",
        id="proceedings-of-one-year-with-different-isbns",
    ),
    pytest.param(
        volume("handbook1981", "1981", "0-86576-089-6", "book"),
        volume("handbook1982", "1982", "0-86576-006-3", "book"),
        "year-gap",
        id="book-volumes-a-year-apart",
    ),
    pytest.param(
        entry("chronicles1", "book", title="The Chronicles", author="Abnett, Dan", volume="1"),
        entry("chronicles2", "book", title="The Chronicles", author="Abnett, Dan", volume="2"),
        "different-volume",
        id="volumes-of-a-book-that-names-no-journal",
    ),
    pytest.param(
        entry("manual2", "manual", title="Reference Manual", author="CLIPS", volume="II"),
        entry("manual3", "manual", title="Reference Manual", author="CLIPS", volume="III"),
        "different-volume",
        id="volumes-in-roman-numerals",
    ),
    pytest.param(
        entry("stats2", "book", title="Robust Statistics", author="Huber, Peter", edition="Second"),
        entry("stats3", "book", title="Robust Statistics", author="Huber, Peter", edition="Third"),
        "different-edition",
        id="editions-spelled-out",
    ),
    pytest.param(
        entry("heresy7", "book", title="The Horus Heresy", author="Abnett, Dan", number="7"),
        entry("heresy8", "book", title="The Horus Heresy", author="Abnett, Dan", number="8"),
        "different-number",
        id="numbers-of-a-series",
    ),
    pytest.param(
        entry("ws2", "proceedings", title="Proceedings of the 2nd Workshop on Parsing"),
        entry("ws3", "proceedings", title="Proceedings of the 3rd Workshop on Parsing"),
        "different-title-numbers",
        id="ordinal-in-the-title",
    ),
]


@pytest.mark.parametrize(("x", "y", "veto"), SERIES_MEMBERS)
def test_series_members_are_vetoed(x: Entry, y: Entry, veto: str) -> None:
    match = compare_entries(x, y)
    assert veto in match.vetoes
    assert not find_duplicates([x, y]).clusters


ONE_WORK = [
    pytest.param(
        volume("xcoax2013", "2013", "989-746-017-9"),
        volume("xcoax2013b", "2013", "978-989-746-017-3"),
        id="isbn-10-and-isbn-13-of-one-book",
    ),
    pytest.param(
        entry(
            "part2",
            "inproceedings",
            title="Narrative Structures for Interactive Fiction, Part II",
            author="Doe, J",
            booktitle="Games",
            year="2010",
        ),
        entry(
            "part2b",
            "inproceedings",
            title="Narrative Structures for Interactive Fiction, part 2",
            author="Doe, J",
            booktitle="Games",
            year="2010",
        ),
        id="part-ii-is-part-2",
    ),
    pytest.param(
        entry(
            "ed2",
            "book",
            title="Robust Statistics in Applied Data Analysis",
            author="Huber, Peter",
            edition="2nd",
            year="2009",
        ),
        entry(
            "ed2b",
            "book",
            title="Robust Statistics in Applied Data Analysis",
            author="Huber, Peter",
            edition="second",
            year="2009",
        ),
        id="2nd-edition-is-second-edition",
    ),
    pytest.param(
        entry(
            "paper2016",
            "article",
            title="BDI Agents in Social Simulations",
            author="Adam, Carole",
            journal="Knowledge Engineering Review",
            volume="31",
            year="2016",
        ),
        entry(
            "paper2017",
            "article",
            title="BDI Agents in Social Simulations",
            author="Adam, Carole",
            journal="Knowledge Engineering Review",
            volume="31",
            year="2017",
        ),
        id="an-article-online-a-year-before-its-issue",
    ),
]


@pytest.mark.parametrize(("x", "y"), ONE_WORK)
def test_one_work_written_two_ways_still_merges(x: Entry, y: Entry) -> None:
    match = compare_entries(x, y)
    assert match.is_confident(DEFAULT_THRESHOLD), match
    assert len(find_duplicates([x, y]).clusters) == 1


def test_annual_volumes_never_chain_into_one_cluster() -> None:
    years = range(2013, 2022)
    volumes = [volume(f"xcoax{y}", str(y), f"978-989-746-{y % 100:03d}-0") for y in years]
    report = find_duplicates(volumes)
    assert not report.clusters


def test_a_reprint_of_one_volume_a_year_later_still_merges() -> None:
    first = volume("book2006", "2006", "978-1-85168-467-0", "book")
    reprint = volume("book2007", "2007", "978-1-85168-467-0", "book")
    assert compare_entries(first, reprint).is_confident(DEFAULT_THRESHOLD)

"""`Entry` -> CSL-JSON: one named case per mapping rule, and a check against the CSL schema."""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Mapping
from importlib.util import find_spec
from pathlib import Path

import pytest

from refs.csl_json import entries_to_csl, entry_to_csl
from refs.model import Entry, SourceLocation

NOCASE = '<span class="nocase">{}</span>'


def convert(
    fields: Mapping[str, str],
    entry_type: str = "misc",
    *,
    macros: frozenset[str] = frozenset(),
    strings: Mapping[str, str] | None = None,
) -> dict[str, object]:
    return entry_to_csl(Entry("key", entry_type, fields, macros=macros), strings)


# --- types ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry_type", "fields", "csl_type"),
    [
        pytest.param("article", {"journal": "Nature"}, "article-journal", id="article"),
        pytest.param(
            "article",
            {"journal": "arXiv preprint arXiv:2104.08691"},
            "article",
            id="article-arxiv-journal-is-preprint",
        ),
        pytest.param(
            "article", {"journal": "CoRR", "volume": "abs/2104.08691"}, "article", id="article-corr"
        ),
        pytest.param("article", {"eprint": "2104.08691"}, "article", id="article-only-eprint"),
        pytest.param("inproceedings", {}, "paper-conference", id="inproceedings"),
        pytest.param("conference", {}, "paper-conference", id="conference"),
        pytest.param("book", {}, "book", id="book"),
        pytest.param("proceedings", {}, "book", id="proceedings"),
        pytest.param("inbook", {}, "chapter", id="inbook"),
        pytest.param("incollection", {}, "chapter", id="incollection"),
        pytest.param("phdthesis", {}, "thesis", id="phdthesis"),
        pytest.param("mastersthesis", {}, "thesis", id="mastersthesis"),
        pytest.param("thesis", {}, "thesis", id="thesis"),
        pytest.param("techreport", {}, "report", id="techreport"),
        pytest.param("report", {}, "report", id="report"),
        pytest.param("manual", {}, "report", id="manual"),
        pytest.param("misc", {}, "document", id="misc"),
        pytest.param(
            "misc", {"eprint": "2305.11206", "archiveprefix": "arXiv"}, "article", id="misc-arxiv"
        ),
        pytest.param(
            "misc",
            {"howpublished": "arXiv preprint arXiv:2305.11206"},
            "article",
            id="misc-arxiv-howpublished",
        ),
        pytest.param("online", {}, "webpage", id="online"),
        pytest.param("electronic", {}, "webpage", id="electronic"),
        pytest.param("www", {}, "webpage", id="www"),
        pytest.param("software", {}, "software", id="software"),
        pytest.param("dataset", {}, "dataset", id="dataset"),
        pytest.param("unpublished", {}, "manuscript", id="unpublished"),
        pytest.param("patent", {}, "patent", id="patent"),
        pytest.param("booklet", {}, "pamphlet", id="booklet"),
        pytest.param("lawcase", {}, "document", id="unknown-type"),
        pytest.param("", {}, "document", id="no-type"),
    ],
)
def test_type(entry_type: str, fields: dict[str, str], csl_type: str) -> None:
    assert convert(fields, entry_type)["type"] == csl_type


@pytest.mark.parametrize(
    ("entry_type", "fields", "genre"),
    [
        pytest.param("phdthesis", {}, "PhD thesis", id="phd-default"),
        pytest.param("mastersthesis", {}, "Master's thesis", id="masters-default"),
        pytest.param("phdthesis", {"type": "Habilitation"}, "Habilitation", id="type-field-wins"),
        pytest.param("techreport", {"type": "Technical Note"}, "Technical Note", id="report-type"),
    ],
)
def test_genre(entry_type: str, fields: dict[str, str], genre: str) -> None:
    assert convert(fields, entry_type)["genre"] == genre


# --- titles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("Attention Is All You Need", "Attention Is All You Need", id="plain"),
        pytest.param(
            "{BERT}: Pre-training",
            NOCASE.format("BERT") + ": Pre-training",
            id="protected-word",
        ),
        pytest.param(
            "{{Attention Is All You Need}}",
            NOCASE.format("Attention Is All You Need"),
            id="protected-whole-title",
        ),
        pytest.param(r"K{\"o}pf {\textendash} Notes", "K\u00f6pf \u2013 Notes", id="special-chars"),
        pytest.param("Findings {2020}", "Findings 2020", id="uncased-group-needs-no-span"),
        pytest.param("A\n   long  title", "A long title", id="whitespace"),
    ],
)
def test_title(title: str, expected: str) -> None:
    assert convert({"title": title})["title"] == expected


def test_subtitle_joins_title() -> None:
    assert convert({"title": "Main", "subtitle": "A {Sub} Title"})["title"] == (
        "Main: A " + NOCASE.format("Sub") + " Title"
    )


@pytest.mark.parametrize(
    ("entry_type", "fields", "expected"),
    [
        pytest.param(
            "article", {"journal": "J. of {AI}"}, "J. of " + NOCASE.format("AI"), id="journal"
        ),
        pytest.param(
            "article",
            {"journal": "arXiv preprint arXiv:2104.08691"},
            None,
            id="arxiv-journal-is-the-preprint-not-a-container",
        ),
        pytest.param(
            "article", {"journal": "bioRxiv"}, "bioRxiv", id="preprint-server-without-id-kept"
        ),
        pytest.param(
            "inproceedings", {"booktitle": "Proc. of ACL"}, "Proc. of ACL", id="booktitle"
        ),
        pytest.param("incollection", {"booktitle": "Handbook"}, "Handbook", id="collection"),
        pytest.param(
            "proceedings",
            {"title": "Proc. of ACL", "booktitle": "Proc. of ACL"},
            None,
            id="booktitle-repeating-title-dropped",
        ),
    ],
)
def test_container_title(entry_type: str, fields: dict[str, str], expected: str | None) -> None:
    assert convert(fields, entry_type).get("container-title") == expected


def test_series_is_protected_collection_title() -> None:
    item = convert({"series": "Lecture Notes in {AI}"}, "book")
    assert item["collection-title"] == "Lecture Notes in " + NOCASE.format("AI")


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        pytest.param("Devlin, Jacob", [{"family": "Devlin", "given": "Jacob"}], id="comma-form"),
        pytest.param("Jacob Devlin", [{"family": "Devlin", "given": "Jacob"}], id="first-last"),
        pytest.param(
            "Ludwig van Beethoven",
            [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}],
            id="von-particle",
        ),
        pytest.param(
            "King, Jr., Martin Luther",
            [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
            id="suffix",
        ),
        pytest.param(
            r"Uzun, {\"O}zg{\"u}r",
            [{"family": "Uzun", "given": "\u00d6zg\u00fcr"}],
            id="latex-decoded-in-parts",
        ),
        pytest.param(
            "{World Health Organization}",
            [{"literal": "World Health Organization"}],
            id="braced-organisation-literal",
        ),
        pytest.param("{UNESCO}", [{"literal": "UNESCO"}], id="single-braced-token-literal"),
        pytest.param("Aristotle", [{"family": "Aristotle"}], id="mononym"),
        pytest.param(
            "Zhou, Chunting and\n  Liu, Pengfei",
            [{"family": "Zhou", "given": "Chunting"}, {"family": "Liu", "given": "Pengfei"}],
            id="list-across-lines",
        ),
        pytest.param(
            "Smith, J. AND Doe, J.",
            [{"family": "Smith", "given": "J."}, {"family": "Doe", "given": "J."}],
            id="upper-case-and",
        ),
    ],
)
def test_authors(author: str, expected: list[dict[str, str]]) -> None:
    assert convert({"author": author})["author"] == expected


def test_and_others_is_dropped_and_recorded() -> None:
    # citeproc-js and citeproc-py would print {"literal": "others"} as an author named
    # "others"; the list keeps the real names and custom records the "et al.".
    item = convert({"author": "Zhou, Chunting and others", "editor": "Doe, Jane"})
    assert item["author"] == [{"family": "Zhou", "given": "Chunting"}]
    assert item["editor"] == [{"family": "Doe", "given": "Jane"}]
    assert item["custom"] == {"sources": [], "ids": [], "and-others": ["author"]}


def test_editor_and_translator() -> None:
    item = convert({"editor": "Doe, Jane", "translator": "Roe, Richard"}, "book")
    assert item["editor"] == [{"family": "Doe", "given": "Jane"}]
    assert item["translator"] == [{"family": "Roe", "given": "Richard"}]


def test_names_are_fresh_per_item() -> None:
    first = convert({"author": "Doe, Jane"})
    second = convert({"author": "Doe, Jane"})
    assert first["author"] == second["author"]
    assert first["author"] is not second["author"]
    assert isinstance(first["author"], list)
    first["author"][0]["family"] = "Changed"
    assert convert({"author": "Doe, Jane"})["author"] == [{"family": "Doe", "given": "Jane"}]


# --- publisher, numbers, plain fields ---------------------------------------------------------


@pytest.mark.parametrize(
    ("entry_type", "fields", "publisher"),
    [
        pytest.param("book", {"publisher": "MIT Press"}, "MIT Press", id="publisher"),
        pytest.param("phdthesis", {"school": 'TU M{\\"u}nchen'}, "TU M\u00fcnchen", id="school"),
        pytest.param("techreport", {"institution": "OpenAI"}, "OpenAI", id="institution"),
        pytest.param(
            "manual", {"organization": "PSF", "publisher": "Self"}, "PSF", id="manual-organization"
        ),
        pytest.param("inproceedings", {"organization": "ACL"}, "ACL", id="organization-fallback"),
        pytest.param("misc", {"howpublished": "Blog post"}, "Blog post", id="howpublished-text"),
        pytest.param(
            "misc",
            {"howpublished": r"\url{https://x.org}"},
            None,
            id="howpublished-link-is-no-publisher",
        ),
        pytest.param(
            "misc", {"eprint": "2305.11206", "archiveprefix": "arXiv"}, "arXiv", id="arxiv-preprint"
        ),
    ],
)
def test_publisher(entry_type: str, fields: dict[str, str], publisher: str | None) -> None:
    assert convert(fields, entry_type).get("publisher") == publisher


@pytest.mark.parametrize(
    ("fields", "variable", "value"),
    [
        pytest.param(
            {"address": "Dublin, Ireland"}, "publisher-place", "Dublin, Ireland", id="address"
        ),
        pytest.param({"location": "Online"}, "publisher-place", "Online", id="location"),
        pytest.param({"volume": "12"}, "volume", "12", id="volume"),
        pytest.param({"edition": "2nd"}, "edition", "2nd", id="edition"),
        pytest.param({"note": r"Oral \& poster"}, "note", "Oral & poster", id="note"),
        pytest.param(
            {"abstract": "We  study\nthings."}, "abstract", "We study things.", id="abstract"
        ),
        pytest.param({"isbn": "978-3-16-148410-0"}, "ISBN", "978-3-16-148410-0", id="isbn"),
        pytest.param({"issn": "0028-0836"}, "ISSN", "0028-0836", id="issn"),
        pytest.param({"language": "English"}, "language", "English", id="language"),
        pytest.param({"keywords": "nlp, llm"}, "keyword", "nlp, llm", id="keywords"),
        pytest.param({"version": "1.2.0"}, "version", "1.2.0", id="version"),
        pytest.param({"type": "Preprint"}, "genre", "Preprint", id="type-genre"),
    ],
)
def test_plain_variables(fields: dict[str, str], variable: str, value: str) -> None:
    assert convert(fields)[variable] == value


@pytest.mark.parametrize(
    ("entry_type", "variable"),
    [
        pytest.param("article", "issue", id="article-number-is-issue"),
        pytest.param("techreport", "number", id="report-number"),
    ],
)
def test_number(entry_type: str, variable: str) -> None:
    item = convert({"number": "7"}, entry_type)
    assert item[variable] == "7"


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        pytest.param("1--10", "1\u201310", id="double-hyphen"),
        pytest.param("1-10", "1\u201310", id="single-hyphen"),
        pytest.param("1{\\textendash}10", "1\u201310", id="textendash"),
        pytest.param("e1 - e10", "e1\u2013e10", id="letter-prefixed"),
        pytest.param("1--10, 20--30", "1\u201310, 20\u201330", id="several-ranges"),
        pytest.param("100", "100", id="single-page"),
    ],
)
def test_pages(pages: str, expected: str) -> None:
    assert convert({"pages": pages})["page"] == expected


def test_fields_without_csl_variable_are_left_out() -> None:
    item = convert({"title": "T", "timestamp": "2020", "file": "a.pdf", "primaryclass": "cs.CL"})
    assert set(item) == {"id", "type", "title", "custom"}


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "issued"),
    [
        pytest.param({"year": "2020"}, {"date-parts": [[2020]]}, id="year"),
        pytest.param(
            {"year": "2020", "month": "5"}, {"date-parts": [[2020, 5]]}, id="month-number"
        ),
        pytest.param(
            {"year": "2020", "month": "May"}, {"date-parts": [[2020, 5]]}, id="month-name"
        ),
        pytest.param(
            {"year": "2020", "month": "sep"}, {"date-parts": [[2020, 9]]}, id="month-abbrev"
        ),
        pytest.param({"year": "2020", "month": "Sept."}, {"date-parts": [[2020, 9]]}, id="sept"),
        pytest.param(
            {"year": "2020", "month": "May 17"}, {"date-parts": [[2020, 5, 17]]}, id="month-day"
        ),
        pytest.param(
            {"year": "2020", "month": "jun--jul"},
            {"date-parts": [[2020, 6], [2020, 7]]},
            id="month-range",
        ),
        pytest.param(
            {"year": "2020", "month": "17 May"}, {"date-parts": [[2020, 5, 17]]}, id="day-month"
        ),
        pytest.param(
            {"year": "2020", "month": "6--7"},
            {"date-parts": [[2020, 6], [2020, 7]]},
            id="month-number-range",
        ),
        pytest.param(
            {"year": "2020", "month": "Spring"}, {"date-parts": [[2020]]}, id="month-unknown"
        ),
        pytest.param({"year": "2020/2021"}, {"date-parts": [[2020], [2021]]}, id="year-range"),
        pytest.param({"year": "in press"}, {"literal": "in press"}, id="year-in-press"),
        pytest.param({"year": "forthcoming"}, {"literal": "forthcoming"}, id="year-forthcoming"),
        pytest.param({"date": "2020-05-17"}, {"date-parts": [[2020, 5, 17]]}, id="date-full"),
        pytest.param({"date": "2020-05"}, {"date-parts": [[2020, 5]]}, id="date-month"),
        pytest.param(
            {"date": "2020/2021", "year": "1999"},
            {"date-parts": [[2020], [2021]]},
            id="date-range-wins",
        ),
        pytest.param({"date": "2020/"}, {"date-parts": [[2020]]}, id="date-open-range"),
        pytest.param({"date": "circa 1850"}, {"literal": "circa 1850"}, id="date-literal"),
    ],
)
def test_issued(fields: dict[str, str], issued: dict[str, object]) -> None:
    assert convert(fields)["issued"] == issued


def test_urldate_is_accessed() -> None:
    assert convert({"urldate": "2024-01-31"})["accessed"] == {"date-parts": [[2024, 1, 31]]}


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"month": "may"}, id="month-without-year"),
        pytest.param({"year": "{}"}, id="empty-year"),
        pytest.param({"date": "{}"}, id="empty-date"),
    ],
)
def test_no_date_no_issued(fields: dict[str, str]) -> None:
    assert "issued" not in convert(fields)


# --- macros -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "macros", "strings", "variable", "value"),
    [
        pytest.param(
            {"booktitle": 'acl # " 2020"'},
            {"booktitle"},
            {"acl": "Proceedings of {ACL}"},
            "container-title",
            "Proceedings of " + NOCASE.format("ACL") + " 2020",
            id="concatenation",
        ),
        pytest.param(
            {"year": "2020", "month": "jan"},
            {"month"},
            {},
            "issued",
            {"date-parts": [[2020, 1]]},
            id="month-macro-built-in",
        ),
        pytest.param(
            {"publisher": "ACL"},
            {"publisher"},
            {"acl": "Association for Computational Linguistics"},
            "publisher",
            "Association for Computational Linguistics",
            id="string-macro-case-insensitive",
        ),
        pytest.param(
            {"publisher": "acl"},
            {"publisher"},
            {"ACL": "Association for Computational Linguistics"},
            "publisher",
            "Association for Computational Linguistics",
            id="string-names-as-spelled",
        ),
        pytest.param(
            {"publisher": "unknown"},
            {"publisher"},
            {},
            "publisher",
            "unknown",
            id="unknown-keeps-name",
        ),
        pytest.param(
            {"note": '{Braced} # " and " # "quoted {"}"'},
            {"note"},
            {},
            "note",
            'Braced and quoted "',
            id="literals",
        ),
        pytest.param(
            {"author": 'me # " and Doe, Jane"'},
            {"author"},
            {"me": "Smith, John"},
            "author",
            [{"family": "Smith", "given": "John"}, {"family": "Doe", "given": "Jane"}],
            id="names-from-macro",
        ),
    ],
)
def test_macros_resolved(
    fields: dict[str, str],
    macros: set[str],
    strings: dict[str, str],
    variable: str,
    value: object,
) -> None:
    assert convert(fields, macros=frozenset(macros), strings=strings)[variable] == value


# --- identifiers and links --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({"doi": "10.18653/v1/N19-1423"}, "10.18653/v1/N19-1423", id="case-kept"),
        pytest.param(
            {"doi": "https://doi.org/10.18653/v1/N19-1423"},
            "10.18653/v1/N19-1423",
            id="resolver-link-stripped",
        ),
        pytest.param({"doi": r"10.1000/a\_b"}, "10.1000/a_b", id="escaped-underscore"),
        pytest.param({"url": "https://doi.org/10.1000/XYZ"}, "10.1000/xyz", id="from-url"),
        pytest.param(
            {"eprint": "2305.11206", "archiveprefix": "arXiv"},
            "10.48550/arXiv.2305.11206",
            id="arxiv-doi-fallback",
        ),
        pytest.param(
            {"eprint": "2305.11206", "archiveprefix": "arXiv", "doi": "10.1000/published"},
            "10.1000/published",
            id="own-doi-wins-over-arxiv",
        ),
    ],
)
def test_doi(fields: dict[str, str], expected: str) -> None:
    assert convert(fields)["DOI"] == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({"url": "https://x.org/a"}, "https://x.org/a", id="url"),
        pytest.param({"url": r"\url{https://x.org/a_b}"}, "https://x.org/a_b", id="url-command"),
        pytest.param({"url": r"https://x.org/a\_b\%20"}, "https://x.org/a_b%20", id="escapes"),
        pytest.param(
            {"howpublished": r"\url{https://x.org/tool}"}, "https://x.org/tool", id="howpublished"
        ),
        pytest.param(
            {"eprint": "2305.11206", "archiveprefix": "arXiv"},
            "https://arxiv.org/abs/2305.11206",
            id="arxiv-fallback",
        ),
        pytest.param(
            {"eprint": "2305.11206", "archiveprefix": "arXiv", "url": "https://lima.org"},
            "https://lima.org",
            id="own-url-wins-over-arxiv",
        ),
    ],
)
def test_url(fields: dict[str, str], expected: str) -> None:
    assert convert(fields)["URL"] == expected


def test_arxiv_preprint_number_and_publisher() -> None:
    item = convert({"eprint": "2305.11206v2", "archiveprefix": "arXiv", "primaryclass": "cs.CL"})
    assert item["number"] == "arXiv:2305.11206"
    assert item["publisher"] == "arXiv"
    assert "genre" not in item  # primaryclass is a subject class, not a genre


@pytest.mark.parametrize(
    ("entry_type", "fields"),
    [
        pytest.param(
            "article", {"journal": "arXiv preprint arXiv:2201.11903"}, id="google-scholar-article"
        ),
        pytest.param("misc", {"journal": "arXiv preprint arXiv:2201.11903"}, id="misc-journal"),
        pytest.param(
            "misc", {"howpublished": "arXiv preprint arXiv:2201.11903"}, id="misc-howpublished"
        ),
        pytest.param(
            "article",
            {"journal": "CoRR", "volume": "abs/2201.11903", "eprint": "2201.11903"},
            id="dblp-corr-article",
        ),
        pytest.param(
            "misc", {"journal": "ArXiv", "eprint": "2201.11903"}, id="semantic-scholar-arxiv"
        ),
        pytest.param("misc", {"eprint": "2201.11903", "archiveprefix": "arXiv"}, id="eprint"),
    ],
)
def test_an_arxiv_preprint_maps_as_zotero_maps_a_preprint(
    entry_type: str, fields: dict[str, str]
) -> None:
    # Zotero's preprint item in CSL: type article, archive id as number, repository as
    # publisher; the journal that only named arXiv is not printed a second time as container.
    item = convert(fields, entry_type)
    assert (item["type"], item["number"], item["publisher"]) == (
        "article",
        "arXiv:2201.11903",
        "arXiv",
    )
    assert "container-title" not in item
    assert "volume" not in item  # DBLP's abs/2201.11903 is the id again


def test_published_paper_with_arxiv_keeps_its_venue() -> None:
    item = convert(
        {"booktitle": "Proc. of ACL", "publisher": "ACL", "eprint": "2305.11206"}, "inproceedings"
    )
    assert item["publisher"] == "ACL"
    assert "number" not in item


# --- custom, order, bulk ----------------------------------------------------------------------


def test_custom_carries_sources_and_retired_keys() -> None:
    entry = Entry(
        "zhou2023lima",
        "misc",
        {"title": "LIMA"},
        sources=(SourceLocation("README.md", 12, "3"), SourceLocation("refs.bib", 1)),
        ids=("lima2023",),
    )
    assert entry_to_csl(entry)["custom"] == {
        "sources": [
            {"file": "README.md", "line": 12, "label": "3"},
            {"file": "refs.bib", "line": 1, "label": None},
        ],
        "ids": ["lima2023"],
    }


def test_custom_always_present() -> None:
    assert convert({})["custom"] == {"sources": [], "ids": []}


def test_entries_keep_their_order_and_the_collector_state() -> None:
    entries = [Entry(key, "misc", {"title": key}) for key in ("b", "a", "c")]
    assert gc.isenabled()
    assert [item["id"] for item in entries_to_csl(entries)] == ["b", "a", "c"]
    assert gc.isenabled()


def test_items_are_json() -> None:
    item = convert({"title": "{BERT}", "author": "Doe, Jane", "year": "2020"}, "article")
    assert json.loads(json.dumps(item)) == item


# --- the CSL schema shipped with citeproc-py --------------------------------------------------

#: Name-variable and date-variable keys, as in the CSL input schema (csl-data.json).
NAME_KEYS = {
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "comma-suffix",
    "static-ordering",
    "literal",
    "parse-names",
}
DATE_KEYS = {"date-parts", "season", "circa", "literal", "raw", "edtf"}


def _schema_file(name: str) -> Path:
    spec = find_spec("citeproc")
    if spec is None or spec.origin is None:
        pytest.skip("citeproc-py is not installed")
    path = Path(spec.origin).parent / "data" / "schema" / "schemas" / "styles" / name
    if not path.is_file():
        pytest.skip(f"citeproc-py ships no {name}")
    return path


def _rnc_names(path: Path, pattern: str) -> set[str]:
    """The quoted names of the RELAX NG definitions whose name matches ``pattern``."""
    names: set[str] = set()
    for match in re.finditer(
        rf"^\s*{pattern}\s*=(.*?)(?=^\s*##|^\s*\}})", path.read_text(), re.M | re.S
    ):
        names.update(re.findall(r'"([^"]+)"', match.group(1)))
    return names


def _schema_problems(item: Mapping[str, object]) -> list[str]:
    types = _rnc_names(_schema_file("csl-types.rnc"), r"item-types")
    variables_file = _schema_file("csl-variables.rnc")
    names = _rnc_names(variables_file, r"variables\.names")
    dates = _rnc_names(variables_file, r"variables\.dates")
    standard = _rnc_names(variables_file, r"variables\.(?:numbers|strings|titles)")
    problems = [] if item.get("type") in types else [f"type {item.get('type')!r}"]
    for key, value in item.items():
        if key in {"id", "type"}:
            ok = isinstance(value, str)
        elif key == "custom":
            ok = isinstance(value, dict)
        elif key in names:
            ok = isinstance(value, list) and all(
                isinstance(name, dict) and set(name) <= NAME_KEYS for name in value
            )
        elif key in dates:
            ok = isinstance(value, dict) and set(value) <= DATE_KEYS and _date_parts_ok(value)
        else:
            ok = key in standard and isinstance(value, str | int | float)
        if not ok:
            problems.append(f"{key}={value!r}")
    return problems


def _date_parts_ok(date: Mapping[str, object]) -> bool:
    parts = date.get("date-parts", [[0]])
    return (
        isinstance(parts, list)
        and 1 <= len(parts) <= 2
        and all(isinstance(p, list) and 1 <= len(p) <= 3 for p in parts)
    )


SCHEMA_ENTRIES = [
    pytest.param(
        Entry(
            "devlin2019bert",
            "inproceedings",
            {
                "title": "{BERT}: Pre-training of Deep Bidirectional Transformers",
                "author": "Devlin, Jacob and Chang, Ming-Wei and others",
                "editor": "Burstein, Jill and Doran, Christy",
                "booktitle": "Proceedings of {NAACL}",
                "month": "jun",
                "year": "2019",
                "address": "Minneapolis, Minnesota",
                "publisher": "Association for Computational Linguistics",
                "url": "https://aclanthology.org/N19-1423",
                "doi": "10.18653/v1/N19-1423",
                "pages": "4171--4186",
            },
            sources=(SourceLocation("sources/002.txt", 1069, "3"),),
        ),
        id="acl-paper",
    ),
    pytest.param(
        Entry(
            "lester2021power",
            "article",
            {
                "title": "The Power of Scale",
                "author": "Lester, Brian",
                "journal": "arXiv preprint arXiv:2104.08691",
                "year": "2021",
            },
        ),
        id="arxiv-article",
    ),
    pytest.param(
        Entry(
            "who2020",
            "techreport",
            {"title": "Report", "author": "{World Health Organization}", "year": "in press"},
        ),
        id="report-literal-author",
    ),
    pytest.param(
        Entry(
            "k2020",
            "phdthesis",
            {
                "title": "Thesis",
                "author": r"K{\"o}pf, Andreas",
                "school": "TUM",
                "date": "2020-05-17",
                "urldate": "2021-01-02",
                "isbn": "978-3-16-148410-0",
                "keywords": "nlp",
            },
        ),
        id="thesis-dates",
    ),
    pytest.param(Entry("empty", "lawcase", {}), id="unknown-type"),
]


@pytest.mark.parametrize("entry", SCHEMA_ENTRIES)
def test_items_fit_the_csl_schema(entry: Entry) -> None:
    assert _schema_problems(entry_to_csl(entry)) == []


def test_schema_check_catches_what_csl_does_not_know() -> None:
    problems = _schema_problems(
        {"id": "x", "type": "preprint", "authors": [], "issued": {"year": 1}}
    )
    assert problems == ["type 'preprint'", "authors=[]", "issued={'year': 1}"]

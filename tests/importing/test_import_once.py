"""Import once: the same work printed twice in a document is one entry, and importing a
document again leaves the store and the catalog byte for byte as they were."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refs.store import load_store
from refs.workflows.ingest import import_documents
from tests.parsing.test_parse_properties import _BLOCKS, Block, _document

NUMBERED_PER_HEADING = """\
# Must-read papers on graph lanterns

## Surveys

1. **Graph Lanterns: A Survey.** TPAMI 2022. [paper](https://arxiv.org/abs/2201.00011)

    *Noor Haddad, Felix Brun.*

1. **Message Passing in Forty Pages.** arXiv 2021. [paper](https://arxiv.org/abs/2104.00022)

    *Rhea Voss, Tomas Lindqvist.*

## Models

1. **Spectral Kettles for Sparse Graphs.** NeurIPS 2019. [paper](https://papers.example.org/kettles)

    *Kaito Mori, Ines Achterberg.*

1. **Spectral Kettles for Sparse Graphs.** NeurIPS 2019. [paper](https://arxiv.org/abs/1903.00033)

    *K. Mori, I. Achterberg.*

<details><summary> more </summary>

21. **Pooling by Candlelight.** ICLR 2020. [paper](https://openreview.net/forum?id=Cndl3Ight)

</details>
"""

LINK_LIST = """\
# Awesome Agents

## Planning

- [2023/03] **Reflecting Engines: Agents That Learn From Mistakes.** *Ada Okafor et al.* \
arXiv. [[paper](https://arxiv.org/abs/2303.01111)] [[code](https://github.com/x/reflect)]
- [Tree of Lanterns](https://arxiv.org/abs/2305.02222) - deliberate search, 2023

## Memory

- [2023/03] **Reflecting Engines: Agents That Learn From Mistakes.** *Ben Lutz, Tomas \
Lindqvist.* arXiv. [[paper](https://arxiv.org/abs/2303.01111v2)]
"""

TABLE = """\
# Code models

| Title | Venue | Date | Code |
| --- | --- | --- | --- |
| [**Sparse Lanterns for Retrieval**](https://arxiv.org/abs/2107.03333) | `ACL'21` | `2021.07` | - |
| [**Echo Chambers in Prompts**](https://arxiv.org/abs/2305.04444) | `arXiv'23` | `2023.05` | - |

Models such as KettleLM [1] and Lantern-7B [2] are compared below.

| Model | Base | Paper |
| --- | --- | --- |
| KettleLM | Lantern-7B [2] | [1] |

## References

1. Mara Quill and Tobias Fenwick. **KettleLM: Tuning Kettles**. In EMNLP, 2022.
2. Ada Okafor. **Lantern-7B**. arXiv preprint arXiv:2302.05555, 2023.
"""

BIBTEX_FENCE = """\
# vit-lanterns

A new <a href="https://arxiv.org/abs/2111.06666">Ada Okafor lantern paper</a> masks most patches.

## Citations

```bibtex
@misc{okafor2021masked,
    title   = {Masked Lanterns Are Scalable Learners},
    author  = {Ada Okafor and Ben Lutz},
    year    = {2021},
    eprint  = {2111.06666},
    archivePrefix = {arXiv}
}
```

```bibtex
@article{quill2022kettles,
    title   = {Kettles All the Way Down},
    author  = {Mara Quill},
    journal = {Journal of Imaginary Learning},
    year    = 2022
}
```
"""

DOCUMENTS = [
    pytest.param(NUMBERED_PER_HEADING, id="numbered-lists-per-heading"),
    pytest.param(LINK_LIST, id="link-list-same-arxiv-twice"),
    pytest.param(TABLE, id="tables-and-a-numbered-references-list"),
    pytest.param(BIBTEX_FENCE, id="bibtex-fences-after-a-prose-link"),
]


def _import(folder: Path, text: str) -> tuple[bytes, bytes]:
    store, catalog = folder / "references.bib", folder / "catalog.yaml"
    import_documents(store, [("README.md", text.encode())], catalog_path=catalog)
    return _bytes(store), _bytes(catalog)


def _bytes(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


@pytest.mark.parametrize("text", DOCUMENTS)
def test_importing_again_changes_no_byte(tmp_path: Path, text: str) -> None:
    first = _import(tmp_path, text)
    assert _import(tmp_path, text) == first


def _entries_with(tmp_path: Path, text: str, arxiv: str) -> list[list[int]]:
    _import(tmp_path, text)
    entries = load_store(tmp_path / "references.bib").entries()
    return [[s.line for s in e.sources] for e in entries if e.identifiers.arxiv == arxiv]


def test_same_arxiv_twice_in_one_document_is_one_entry_with_both_sources(
    tmp_path: Path,
) -> None:
    assert _entries_with(tmp_path, LINK_LIST, "2303.01111") == [[5, 10]]


def test_text_then_bibtex_of_one_paper_keep_the_text_s_link_on_reimport(tmp_path: Path) -> None:
    _import(tmp_path, BIBTEX_FENCE)
    _import(tmp_path, BIBTEX_FENCE)
    (entry,) = [
        e for e in load_store(tmp_path / "references.bib").entries() if e.key == "okafor2021masked"
    ]
    assert entry.get("url") == "https://arxiv.org/abs/2111.06666"
    assert [s.line for s in entry.sources] == [3, 8]


def test_one_paper_with_two_different_links_stays_two_entries_across_imports(
    tmp_path: Path,
) -> None:
    """Without a shared identifier, two printings are `refs dedupe`'s to join; a re-import
    must not fold one into the other (both go back to where they were)."""
    _import(tmp_path, NUMBERED_PER_HEADING)
    _import(tmp_path, NUMBERED_PER_HEADING)
    entries = load_store(tmp_path / "references.bib").entries()
    kettles = [e for e in entries if "Kettles" in e.get("title")]
    assert sorted(s.line for e in kettles for s in e.sources) == [15, 19]
    assert len(kettles) == 2


def test_numbers_of_lists_per_heading_are_not_labels(tmp_path: Path) -> None:
    _import(tmp_path, NUMBERED_PER_HEADING)
    entries = load_store(tmp_path / "references.bib").entries()
    assert {s.label for e in entries for s in e.sources} == {None}


def test_numbers_under_references_are_labels_the_catalog_resolves(tmp_path: Path) -> None:
    _, catalog = _import(tmp_path, TABLE)
    entries = load_store(tmp_path / "references.bib").entries()
    labelled = {s.label: e.key for e in entries for s in e.sources if s.label}
    assert set(labelled) == {"1", "2"}
    assert labelled["1"].encode() in catalog


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=40
)
@given(st.lists(_BLOCKS, min_size=1, max_size=10))
def test_importing_any_generated_document_twice_changes_no_byte(blocks: list[Block]) -> None:
    text, _, _ = _document(blocks)
    with tempfile.TemporaryDirectory() as folder:
        first = _import(Path(folder), text)
        assert _import(Path(folder), text) == first

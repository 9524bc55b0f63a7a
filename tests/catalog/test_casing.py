"""A catalog row's name gives back the casing a lower-cased reference copy lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs import workflows
from refs.catalog import Item, recased
from refs.model import Entry
from refs.store import load_store

README = """\
# Survey

## Models

| Name | Base |
| --- | --- |
| QLoRA [1] | - |

## References

[1] Mara Quill and Tobias Fenwick. **Qlora: efficient finetuning of quantized llms**. arXiv
preprint arXiv:2305.14314, 2023. [Paper](https://arxiv.org/abs/2305.14314)
"""


def test_an_import_restores_the_row_names_casing_in_the_cited_title(tmp_path: Path) -> None:
    store_path, catalog = tmp_path / "references.bib", tmp_path / "catalog.yaml"
    workflows.import_documents(store_path, [("README.md", README.encode())], catalog_path=catalog)
    (entry,) = load_store(store_path).entries()
    assert entry.get("title") == "{QLoRA}: efficient finetuning of quantized llms"


@pytest.mark.parametrize(
    ("title", "name", "expected"),
    [
        pytest.param("Constitutional ai", "Constitutional AI", "Constitutional {AI}", id="acronym"),
        pytest.param("{LLaMA}: open models", "LLaMA", "{LLaMA}: open models", id="already-right"),
        pytest.param("Alpaca: a recipe", "Alpaca", "Alpaca: a recipe", id="plain-name-unchanged"),
        pytest.param("Glowgpt for all", "GPT", "Glowgpt for all", id="inside-a-word-untouched"),
    ],
)
def test_recased(title: str, name: str, expected: str) -> None:
    entry = Entry("k", "misc", {"title": title})
    assert (
        recased(entry, Item(name, ("Models",), "README.md", 3, cites=("k",))).get("title")
        == expected
    )


def test_a_row_citing_two_entries_changes_neither() -> None:
    entry = Entry("k", "misc", {"title": "Qlora for all"})
    item = Item("QLoRA", ("Models",), "README.md", 3, cites=("k", "j"))
    assert recased(entry, item) is entry

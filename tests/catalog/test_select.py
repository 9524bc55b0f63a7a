"""`--section S`: the keys a catalog section cites, and a clear error for an unknown one."""

from __future__ import annotations

import pytest

from refs.catalog import Catalog, CitedCell, Item, UnknownSection, keys_in_section

CATALOG = Catalog(
    items=(
        Item(
            "Alpaca",
            ("Survey", "Models", "Name"),
            "README.md",
            10,
            cites=("taori2023",),
            related=(CitedCell("Base", "LLaMA", 10, ("39",), ("touvron2023",)),),
        ),
        Item(
            "Vicuna",
            ("Survey", "Models", "Name"),
            "README.md",
            11,
            cites=("chiang2023",),
            related=(CitedCell("Base", "LLaMA", 11, ("39",), ("touvron2023",)),),
        ),
        Item("Dolly", ("Survey", "Datasets", "Type"), "README.md", 20, cites=("conover2023",)),
    )
)


@pytest.mark.parametrize(
    ("section", "keys"),
    [
        pytest.param("Models", ["taori2023", "touvron2023", "chiang2023"], id="a-heading"),
        pytest.param("datasets", ["conover2023"], id="any-case"),
        pytest.param("Survey / Models", ["taori2023", "touvron2023", "chiang2023"], id="a-path"),
        pytest.param(
            "Survey", ["taori2023", "touvron2023", "chiang2023", "conover2023"], id="a-parent"
        ),
    ],
)
def test_keys_of_a_section_in_first_cited_order(section: str, keys: list[str]) -> None:
    assert keys_in_section(CATALOG, section) == keys


def test_unknown_section_names_the_closest() -> None:
    with pytest.raises(UnknownSection, match="closest: Models"):
        keys_in_section(CATALOG, "Modles")

"""The vocabularies are data: every file loads, says where its list comes from, and no module
still spells one of their lists as a Python constant."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

from refs.vocabulary import VOCABULARIES, alternation, rows, words

SRC = Path(__file__).resolve().parent.parent / "src" / "refs"


def _is_table(name: str) -> bool:
    return files("refs").joinpath("data", f"{name}.tsv").is_file()


def _file(name: str) -> str:
    suffix = "tsv" if _is_table(name) else "txt"
    return files("refs").joinpath("data", f"{name}.{suffix}").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", VOCABULARIES)
def test_each_vocabulary_loads_and_is_not_empty(name: str) -> None:
    entries = rows(name) if _is_table(name) else words(name)
    assert len(entries) >= 5


@pytest.mark.parametrize("name", VOCABULARIES)
def test_each_vocabulary_says_where_its_list_comes_from(name: str) -> None:
    header = [line for line in _file(name).splitlines() if line.startswith("#")]
    assert len(header) >= 2
    assert re.search(r"hand-grown|from|list", " ".join(header), re.IGNORECASE)


def test_every_data_file_is_a_declared_vocabulary() -> None:
    shipped = {p.stem for p in (SRC / "data").iterdir() if p.suffix in {".txt", ".tsv"}}
    assert shipped == set(VOCABULARIES)


def test_data_files_are_declared_as_package_data() -> None:
    pyproject = (SRC.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/*.txt"' in pyproject
    assert '"data/*.tsv"' in pyproject


@pytest.mark.parametrize("name", ["venues", "venue_words"])
def test_tsv_rows_have_a_kind(name: str) -> None:
    assert {row[1] for row in rows(name)} == {"proceedings", "journal"}


def test_a_dotted_entry_matches_only_before_its_period() -> None:
    pattern = re.compile(rf"^(?:{alternation(['Proc.'])})")
    assert pattern.match("Proc. of ACL")
    assert not pattern.match("Process mining")


#: Entries of each list as the old code spelt them, inside a Python literal.
OLD_CONSTANTS = [
    pytest.param(r'"proceedings\.neurips\.cc"', id="paper hosts"),
    pytest.param(r'"project page"', id="generic link phrases"),
    pytest.param(r'"supplementary",', id="generic link words"),
    pytest.param(r'\{"von", "van"', id="name particles"),
    pytest.param(r"Contributors\|Developers", id="organisation words"),
    pytest.param(r"Press\|Publishing", id="publisher words"),
    pytest.param(r"NeurIPS\|NIPS\|ICML", id="venue acronyms"),
    pytest.param(r"Journal\|Transactions\|Letters", id="journal words"),
    pytest.param(r"model card\|dataset", id="how-published words"),
]


@pytest.mark.parametrize("pattern", OLD_CONSTANTS)
def test_no_module_still_carries_the_old_constant(pattern: str) -> None:
    carriers = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if re.search(pattern, path.read_text(encoding="utf-8"))
    ]
    assert carriers == []

"""`refs add`: BibTeX, a reference string or an identifier; duplicates are named, not added."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.everyday import files, project
from tests.conftest import RunCli

__all__ = ["project"]


def test_an_arxiv_link_adds_a_flagged_minimal_entry(run_cli: RunCli, project: Path) -> None:
    result = run_cli("add", "https://arxiv.org/abs/1706.03762v5")
    assert result.exit_code == 0, result.stderr
    # no author, year nor title yet: the pattern's own placeholders, never the identifier;
    # the key is refs's, so `refs rekey` makes it again once the entry has its metadata
    assert result.stdout == "anonnd\n"
    text = (project / "references.bib").read_text(encoding="utf-8")
    assert "eprint = {1706.03762}" in text
    assert "refs-flags = {needs-metadata}" in text
    assert "refs-key = {generated}" in text


def test_a_doi_alone_gets_no_doi_shaped_key(run_cli: RunCli, project: Path) -> None:
    result = run_cli("add", "10.1145/3394486.3406703")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "anonnd\n"


def test_an_added_reference_is_keyed_with_the_configured_pattern(
    run_cli: RunCli, project: Path
) -> None:
    (project / "refs.toml").write_text('key-pattern = "{auth}_{year}"\n')
    result = run_cli("add", "Ashish Vaswani. **Attention Is All You Need**. NeurIPS 2017.")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "vaswani_2017\n"


def test_a_snippet_from_stdin_keeps_its_key(run_cli: RunCli, project: Path) -> None:
    snippet = "@article{vaswani2017, title={Attention Is All You Need}, year={2017}}\n"
    result = run_cli("add", input=snippet)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "vaswani2017\n"
    assert "refs-key" not in (project / "references.bib").read_text(encoding="utf-8")


def test_a_reference_string_gets_a_key(run_cli: RunCli, project: Path) -> None:
    result = run_cli(
        "add", "Ashish Vaswani, Noam Shazeer. Attention is all you need. NeurIPS 2017."
    )
    assert result.stdout == "vaswani2017attention\n"


def test_the_same_identifier_is_exit_1_and_named(run_cli: RunCli, project: Path) -> None:
    before = files(project)
    result = run_cli("add", "arXiv:2305.11206")
    assert result.exit_code == 1
    assert "already in the store as zhou2023lima" in result.stderr
    assert files(project) == before


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("add", "@article{x, title={Unclosed}"), id="malformed-snippet"),
        pytest.param(("add", "notanidentifier"), id="unknown-word"),
        pytest.param(("add", "--from", "absent.bib"), id="unreadable-file"),
    ],
)
def test_bad_input_is_exit_2_and_writes_nothing(
    run_cli: RunCli, project: Path, args: tuple[str, ...]
) -> None:
    before = files(project)
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert files(project) == before


def test_undo_takes_an_addition_back(run_cli: RunCli, project: Path) -> None:
    before = files(project)
    run_cli("add", "10.1145/3442188.3445922")
    assert run_cli("undo").exit_code == 0
    assert files(project) == before

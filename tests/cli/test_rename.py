"""`refs rename` and `refs rm`: one entry's key or existence; the catalog follows or forbids."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.everyday import files, project
from tests.conftest import RunCli

__all__ = ["project"]


def test_rename_keeps_the_old_key_and_the_catalog_follows(run_cli: RunCli, project: Path) -> None:
    result = run_cli("rename", "zhou2023lima", "zhou2023limaalign")
    assert result.exit_code == 0, result.stderr
    store = (project / "references.bib").read_text(encoding="utf-8")
    assert "@inproceedings{zhou2023limaalign," in store
    assert "ids = {zhou2023less, zhou2023lima}" in store
    assert "- zhou2023limaalign" in (project / "catalog.yaml").read_text(encoding="utf-8")
    assert run_cli("show", "zhou2023lima").stdout.startswith("@inproceedings{zhou2023limaalign,")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param("nobody2020", "x", "no entry with key", id="unknown-key"),
        pytest.param("zhou2023lima", "kopf2023open", "taken", id="taken"),
        pytest.param("kopf2023open", "ZHOU2023LESS", "retired key", id="retired"),
        pytest.param("zhou2023lima", "bad key", "cannot take", id="invalid"),
        pytest.param("zhou2023lima", "a#b", "cannot take", id="hash-cite-cannot-take"),
        pytest.param("zhou2023lima", "a%b", "cannot take", id="percent-comments-out"),
        pytest.param("zhou2023lima", "a\\b", "cannot take", id="backslash-command"),
        pytest.param("zhou2023lima", "a~b", "cannot take", id="tilde-active"),
    ],
)
def test_rename_refuses_with_exit_2_and_writes_nothing(
    run_cli: RunCli, project: Path, old: str, new: str, message: str
) -> None:
    before = files(project)
    result = run_cli("rename", old, new)
    assert result.exit_code == 2
    assert message in result.stderr
    assert files(project) == before


def test_rm_refuses_while_cited_and_names_the_rows(run_cli: RunCli, project: Path) -> None:
    before = files(project)
    result = run_cli("rm", "zhou2023lima")
    assert result.exit_code == 1
    assert "README.md:12: LIMA: cites zhou2023lima" in result.stderr
    assert files(project) == before


def test_rm_removes_an_uncited_entry_or_with_force(run_cli: RunCli, project: Path) -> None:
    assert run_cli("rm", "kopf2023open").exit_code == 0
    assert run_cli("rm", "--force", "zhou2023lima").exit_code == 0
    store = (project / "references.bib").read_text(encoding="utf-8")
    assert "kopf2023open" not in store
    assert "zhou2023lima" not in store


def test_rm_of_an_unknown_key_is_exit_2(run_cli: RunCli, project: Path) -> None:
    assert run_cli("rm", "nobody2020").exit_code == 2


def test_undo_after_rename_and_rm_restores_byte_identical(run_cli: RunCli, project: Path) -> None:
    before = files(project)
    assert run_cli("rename", "zhou2023lima", "zhou2023limaalign").exit_code == 0
    renamed = files(project)
    assert run_cli("rm", "--force", "zhou2023limaalign").exit_code == 0
    assert run_cli("undo").exit_code == 0
    assert files(project) == renamed
    result = run_cli("undo")
    assert "undid: refs rename zhou2023lima zhou2023limaalign" in result.stderr
    assert files(project) == before

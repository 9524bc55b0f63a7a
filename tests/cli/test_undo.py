"""`refs undo` after the commands that write: the files come back byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import RunCli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("references.bib", "catalog.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REFS_CATALOG", raising=False)
    return tmp_path


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in project.iterdir() if p.is_file()}


def import_only(run_cli: RunCli, project: Path) -> None:
    """The store and catalog as `refs import` of sources/ makes them, before any merge (the
    shipped ones are merged already)."""
    for name in ("references.bib", "catalog.yaml"):
        (project / name).unlink()
    seeds = sorted(str(p.relative_to(project)) for p in (project / "sources").glob("[0-9]*.md"))
    assert run_cli("import", *seeds).exit_code == 1  # the seeds have flags


def test_undo_after_dedupe_apply_restores_store_and_catalog(run_cli: RunCli, project: Path) -> None:
    import_only(run_cli, project)
    before = snapshot(project)
    applied = run_cli("dedupe", "--apply")
    assert applied.exit_code in (0, 1), applied.stderr
    assert (project / "references.bib").read_bytes() != before["references.bib"]
    result = run_cli("undo")
    assert result.exit_code == 0, result.stderr
    assert "undid: refs dedupe --apply" in result.stderr
    after = snapshot(project)
    assert after["references.bib"] == before["references.bib"]
    assert after["catalog.yaml"] == before["catalog.yaml"]


def test_undo_after_import_into_a_new_store_removes_it(run_cli: RunCli, project: Path) -> None:
    doc = project / "list.md"
    doc.write_text("- [LIMA: Less Is More for Alignment](https://arxiv.org/abs/2305.11206)\n")
    result = run_cli("--store", "new.bib", "--catalog", "new.yaml", "import", "list.md")
    assert result.exit_code == 0, result.stderr
    assert (project / "new.bib").exists()
    assert run_cli("--store", "new.bib", "undo").exit_code == 0
    assert not (project / "new.bib").exists()
    assert not (project / "new.yaml").exists()


def test_undo_with_nothing_recorded_is_exit_2(run_cli: RunCli, project: Path) -> None:
    result = run_cli("undo")
    assert result.exit_code == 2
    assert "nothing to undo" in result.stderr


def test_list_shows_the_steps_newest_first(run_cli: RunCli, project: Path) -> None:
    import_only(run_cli, project)
    run_cli("dedupe", "--apply")
    result = run_cli("undo", "--list")
    assert result.exit_code == 0
    assert "refs dedupe --apply" in result.stdout


def test_undo_after_rename_and_rm_restores_the_shipped_files(
    run_cli: RunCli, project: Path
) -> None:
    before = snapshot(project)
    assert run_cli("rename", "zhou2023lima", "zhou2023limaalign").exit_code == 0
    assert run_cli("rm", "--force", "zhou2023limaalign").exit_code == 0
    assert run_cli("undo").exit_code == 0
    assert run_cli("undo").exit_code == 0
    after = snapshot(project)
    assert after["references.bib"] == before["references.bib"]
    assert after["catalog.yaml"] == before["catalog.yaml"]

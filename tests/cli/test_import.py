"""`refs import` end to end: summary, exit codes, stdin (the shipped store's rebuild: test_data)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import RunCli

ROOT = Path(__file__).resolve().parents[2]
CLEAN = "- [LIMA: Less Is More for Alignment](https://arxiv.org/abs/2305.11206) (2023)\n"


def test_clean_document_exits_0_and_summarises_on_stderr(run_cli: RunCli, tmp_path: Path) -> None:
    doc = tmp_path / "list.md"
    doc.write_text(CLEAN)
    store = tmp_path / "references.bib"
    result = run_cli("--store", str(store), "import", str(doc))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"{doc}: found 1, new 1, updated 0, flagged 0" in result.stderr
    assert "sources = {" in store.read_text()


def test_flagged_occurrence_exits_1(run_cli: RunCli, tmp_path: Path) -> None:
    doc = tmp_path / "list.md"
    # [2] twice: a second [1] would start a numbering again (refs.parsing.numbering)
    doc.write_text("[2] Ada Lovelace. **Notes**.\n\n[2] Charles Babbage. **Notes**. 1843.\n")
    result = run_cli("--store", str(tmp_path / "r.bib"), "import", str(doc))
    assert result.exit_code == 1
    assert "label-reused" in result.stderr


def test_standard_input(run_cli: RunCli, tmp_path: Path) -> None:
    store = tmp_path / "r.bib"
    result = run_cli("--store", str(store), "import", "-", input=CLEAN)
    assert result.exit_code == 0, result.stderr
    assert "<stdin>:1" in store.read_text()


def test_unreadable_path_is_exit_2_and_nothing_written(run_cli: RunCli, tmp_path: Path) -> None:
    doc = tmp_path / "list.md"
    doc.write_text(CLEAN)
    store = tmp_path / "r.bib"
    result = run_cli("--store", str(store), "import", str(doc), str(tmp_path / "missing.md"))
    assert result.exit_code == 2
    assert "missing.md: cannot read" in result.stderr
    assert not store.exists()


def test_the_configured_key_pattern_keys_what_is_imported(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "refs.toml").write_text('key-pattern = "{authors2}:{year}-{title2}"\n')
    doc = tmp_path / "list.md"
    doc.write_text(
        "- Chunting Zhou, Pengfei Liu. **LIMA: Less Is More for Alignment**. NeurIPS 2023.\n"
    )
    store = tmp_path / "references.bib"
    result = run_cli("--store", str(store), "import", str(doc))
    assert result.exit_code == 0, result.stderr
    assert "{zhouliu:2023-limaless," in store.read_text()

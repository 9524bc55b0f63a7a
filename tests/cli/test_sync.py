"""`refs sync` end to end: on seed 002 and on documents of other shapes, after `sync --write`
and a re-import, `refs check` finds no numbering errors and a second sync is empty."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import RunCli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "sync"
SEED = ROOT / "sources" / "002-survey-catalog.md"
#: What a renumbered document must not have any more.
NUMBERING_ERRORS = {
    "ambiguous-citation",
    "dangling-citation",
    "related-mismatch",
    "broken-anchor",
    "link-mismatch",
}


def _imported(
    run_cli: RunCli, tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFS_CATALOG", "catalog.yaml")
    shutil.copy(source, tmp_path / source.name)
    assert run_cli("import", source.name).exit_code in {0, 1}
    return source.name


def _codes(run_cli: RunCli) -> list[dict[str, object]]:
    return list(json.loads(run_cli("check", "--json").stdout))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(SEED, id="seed-002-html-tables"),
        pytest.param(DATA / "markdown_table.md", id="markdown-pipe-table"),
        pytest.param(DATA / "html_table.md", id="html-table-crlf"),
        pytest.param(DATA / "multiline_cell.md", id="html-cell-over-two-lines"),
    ],
)
def test_sync_write_leaves_no_numbering_errors(
    run_cli: RunCli, tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _imported(run_cli, tmp_path, source, monkeypatch)
    assert run_cli("sync", name, "--write", "--force").exit_code == 0
    assert run_cli("import", name).exit_code in {0, 1}
    found = [f for f in _codes(run_cli) if f["file"] == name]
    assert not [f for f in found if f["code"] in NUMBERING_ERRORS], found
    text = (tmp_path / name).read_text(encoding="utf-8")
    anchors = re.findall(r'<a id="ref(\d+)">\[(\d+)\]</a>|^\[(\d+)\] ', text, re.MULTILINE)
    defined = [a or c for a, _, c in anchors]
    assert len(defined) == len(set(defined)), "a number is defined twice"
    assert sorted(map(int, defined)) == list(range(1, len(defined) + 1))
    for fragment in re.findall(r'href="#ref(\d+)"', text):
        assert fragment in defined
    again = run_cli("sync", name, "--force")
    assert (again.exit_code, again.stdout) == (0, "")


def test_seed_002_is_refused_without_force_and_left_alone(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _imported(run_cli, tmp_path, SEED, monkeypatch)
    before = _codes(run_cli)
    assert {"ambiguous-citation", "related-mismatch"} <= {f["code"] for f in before}
    result = run_cli("sync", name, "--write")
    assert result.exit_code == 2
    assert "ambiguous-citation" in result.stderr
    assert (tmp_path / name).read_bytes() == SEED.read_bytes()


def test_a_document_changed_since_import_is_refused(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _imported(run_cli, tmp_path, DATA / "markdown_table.md", monkeypatch)
    path = tmp_path / name
    path.write_bytes(path.read_bytes() + b"\nedited\n")
    edited = path.read_bytes()
    result = run_cli("sync", name, "--write")
    assert result.exit_code == 2
    assert "changed since it was imported" in result.stderr
    assert path.read_bytes() == edited


def test_dry_run_prints_a_diff_and_exits_1_then_undo_restores_the_write(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _imported(run_cli, tmp_path, DATA / "html_table.md", monkeypatch)
    original = (tmp_path / name).read_bytes()
    dry = run_cli("sync", name)
    assert dry.exit_code == 1
    assert dry.stdout.startswith(f"--- a/{name}\n+++ b/{name}\n")
    assert (tmp_path / name).read_bytes() == original
    assert run_cli("sync", name, "--write").exit_code == 0
    written = (tmp_path / name).read_bytes()
    assert written != original
    assert b"\r\n" in written
    assert b"\n" not in written.replace(b"\r\n", b""), "line endings stay CRLF"
    assert run_cli("undo").exit_code == 0
    assert (tmp_path / name).read_bytes() == original


def test_a_document_never_imported_is_refused(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _imported(run_cli, tmp_path, DATA / "markdown_table.md", monkeypatch)
    shutil.copy(DATA / "html_table.md", tmp_path / "other.md")
    result = run_cli("sync", "other.md")
    assert result.exit_code == 2
    assert "refs import other.md" in result.stderr


def test_every_line_of_a_cell_over_several_lines_is_renumbered(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``<td>LLaMA [3]<br>`` / ``Super-NaturalInstructions [2]</td>``: both lines change."""
    name = _imported(run_cli, tmp_path, DATA / "multiline_cell.md", monkeypatch)
    assert run_cli("sync", name, "--write").exit_code == 0
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert "<td>LLaMA [2]<br>" in text
    assert "Super-NaturalInstructions [3]</td>" in text

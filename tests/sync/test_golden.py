"""The dry-run diff of a small document, compared with a golden file.

Regenerate with ``REFS_UPDATE_GOLDEN=1 pytest tests/sync/test_golden.py`` and read the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import RunCli

DATA = Path(__file__).resolve().parents[1] / "data" / "sync"


def test_dry_run_diff_matches_the_golden_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFS_CATALOG", "catalog.yaml")
    shutil.copy(DATA / "markdown_table.md", tmp_path / "markdown_table.md")
    assert run_cli("import", "markdown_table.md").exit_code == 0
    result = run_cli("sync", "markdown_table.md")
    assert result.exit_code == 1
    golden = DATA / "markdown_table.diff"
    if os.environ.get("REFS_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")

"""`refs show`: the entry, its sources, its aliases, the rows citing it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.everyday import project
from tests.conftest import RunCli

__all__ = ["project"]


def test_show_prints_entry_sources_aliases_and_rows(run_cli: RunCli, project: Path) -> None:
    result = run_cli("show", "zhou2023lima")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("@inproceedings{zhou2023lima,")
    assert "aliases:\n  zhou2023less" in result.stdout
    assert "sources:\n  README.md:3 [1]" in result.stdout
    assert "cited by:\n  README.md:12: LIMA" in result.stdout


def test_a_retired_key_resolves(run_cli: RunCli, project: Path) -> None:
    result = run_cli("show", "zhou2023less", "--json")
    data = json.loads(result.stdout)
    assert (data["key"], data["asked"]) == ("zhou2023lima", "zhou2023less")
    assert data["cited_by"][0] == {
        "file": "README.md",
        "line": 12,
        "name": "LIMA",
        "section": ["Models"],
        "column": None,
    }
    assert "retired key" in result.stderr


def test_an_unknown_key_is_exit_2(run_cli: RunCli, project: Path) -> None:
    result = run_cli("show", "nobody2020")
    assert result.exit_code == 2
    assert "no entry with key 'nobody2020'" in result.stderr

"""`refs check --ignore`, `refs import --dry-run` / `--json`, `refs export --json`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.everyday import files, project
from tests.conftest import RunCli

__all__ = ["project"]


def _codes(run_cli: RunCli, *args: str) -> set[str]:
    return {f["code"] for f in json.loads(run_cli("check", "--json", *args).stdout)}


def test_check_ignore_and_the_configured_ignore(run_cli: RunCli, project: Path) -> None:
    codes = _codes(run_cli)
    assert codes
    code = sorted(codes)[0]
    assert code not in _codes(run_cli, "--ignore", code)
    (project / "refs.toml").write_text(f'ignore = ["{code}"]\n')
    assert code not in _codes(run_cli)


def test_import_dry_run_writes_nothing(run_cli: RunCli, project: Path) -> None:
    (project / "list.md").write_text("- [Self-Instruct](https://arxiv.org/abs/2212.10560)\n")
    before = files(project)
    result = run_cli("import", "--dry-run", "--json", "list.md")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["dry_run"] is True
    assert summary["total"]["new"] == 1
    assert summary["documents"][0]["file"] == "list.md"
    assert files(project) == before


def test_export_json_needs_o_and_prints_a_summary(run_cli: RunCli, project: Path) -> None:
    assert run_cli("export", "--json").exit_code == 2
    result = run_cli("export", "--json", "--keys", "zhou2023less,nobody", "-o", "out.bib")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary == {
        "format": "bibtex",
        "count": 1,
        "output": "out.bib",
        "resolved": {"zhou2023less": "zhou2023lima"},
        "missing": ["nobody"],
        "written_as": {"zhou2023lima": "zhou2023less"},  # BibTeX: under the key asked for
        "also_cited": {},
    }


def test_the_configured_store_is_used_unless_given(run_cli: RunCli, project: Path) -> None:
    (project / "references.bib").rename(project / "lib.bib")
    (project / "refs.toml").write_text('store = "lib.bib"\n')
    assert run_cli("list").stdout.startswith("zhou2023lima\t")
    assert run_cli("--store", "absent.bib", "list").exit_code == 2

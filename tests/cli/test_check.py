"""`refs check` end to end: JSON contract, text findings with fixes, exit codes, --catalog."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.catalog.fixtures import PIPE
from tests.conftest import RunCli

ROOT = Path(__file__).resolve().parents[2]
REFS = "\n\n[4] Jane Doe. **Gamma**. 2023. [Paper](https://arxiv.org/abs/2302.00004)\n\n"
DOC = PIPE + REFS + "[4] John Roe. **Delta**. 2023. [Paper](https://arxiv.org/abs/2302.00005)\n"


@pytest.fixture
def imported(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("REFS_CATALOG")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "survey.md").write_text(DOC)
    result = run_cli("import", "survey.md")
    assert result.exit_code == 1, result.stderr  # the reused label is flagged
    return tmp_path


def test_json_is_only_an_array_with_document_lines(run_cli: RunCli, imported: Path) -> None:
    result = run_cli("check", "--json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert all(set(f) == {"file", "line", "severity", "code", "message"} for f in findings)
    assert all(isinstance(f["line"], int) for f in findings)
    codes = {(f["file"], f["line"], f["code"]) for f in findings}
    assert ("survey.md", 5, "ambiguous-citation") in codes
    assert ("survey.md", 6, "ambiguous-citation") in codes
    assert ("survey.md", 7, "dangling-citation") in codes


def test_text_findings_carry_a_fix(run_cli: RunCli, imported: Path) -> None:
    result = run_cli("check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        "survey.md:7: error dangling-citation: "
        in lines[lines.index(next(x for x in lines if "dangling-citation" in x))]
    )
    assert any(line.startswith("    fix: ") for line in lines)
    assert "errors" in result.stderr


def test_clean_store_exits_0(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.bib").write_text("@misc{a, title={T}, author={Doe, J}, year={2020}}\n")
    result = run_cli("check", "--store", "r.bib", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_no_store_is_exit_2(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("check")
    assert result.exit_code == 2
    assert "no store" in result.stderr


def test_unreadable_catalog_is_exit_2(run_cli: RunCli, imported: Path) -> None:
    (imported / "bad.yaml").write_text("items: [\n")
    result = run_cli("--catalog", "bad.yaml", "check")
    assert result.exit_code == 2
    assert "bad.yaml" in result.stderr


def test_catalog_option_after_the_command(run_cli: RunCli, imported: Path) -> None:
    shutil.move(imported / "catalog.yaml", imported / "elsewhere.yaml")
    without = json.loads(run_cli("check", "--json").stdout)
    with_it = json.loads(run_cli("check", "--catalog", "elsewhere.yaml", "--json").stdout)
    assert not any(f["code"] == "dangling-citation" for f in without)
    assert any(f["code"] == "dangling-citation" for f in with_it)


def test_reimport_is_byte_identical(run_cli: RunCli, imported: Path) -> None:
    before = (imported / "catalog.yaml").read_bytes()
    run_cli("import", "survey.md")
    assert (imported / "catalog.yaml").read_bytes() == before


def test_dedupe_apply_renames_catalog_keys(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REFS_CATALOG")
    monkeypatch.chdir(tmp_path)
    doc = (
        "| Name | Paper |\n|---|---|\n| LIMA [1] | - |\n| Again [2] | - |\n\n"
        "[1] Chunting Zhou, Pengfei Liu. **LIMA: Less Is More for Alignment**. "
        "arXiv:2305.11206, 2023.\n\n"
        "[2] Chunting Zhou, Pengfei Liu. **LIMA: Less is more for alignment**. NeurIPS, 2023. "
        "[Paper](https://arxiv.org/abs/2305.11206)\n"
    )
    (tmp_path / "a.md").write_text(doc)
    (tmp_path / "b.bib").write_text(
        "@inproceedings{zhou2023limaneurips, title={LIMA: Less Is More for Alignment}, "
        "author={Zhou, Chunting and Liu, Pengfei}, year={2023}, booktitle={NeurIPS}, "
        "eprint={2305.11206}, archiveprefix={arXiv}}\n"
    )
    run_cli("import", "a.md", "b.bib")
    before = (tmp_path / "catalog.yaml").read_bytes()
    dry = run_cli("dedupe")
    assert (tmp_path / "catalog.yaml").read_bytes() == before
    applied = run_cli("dedupe", "--apply", "--json")
    renames = json.loads(applied.stdout).get("renames", {})
    text = (tmp_path / "catalog.yaml").read_text()
    assert dry.exit_code in {0, 1}
    for old in renames:
        assert f"- {old}\n" not in text
    if renames:
        assert text != before.decode()

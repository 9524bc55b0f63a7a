"""`refs rekey`: keys refs made are made again; a person's keys never change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.everyday import files, write_project
from tests.conftest import RunCli

STORE = """@misc{anon2023lima,
  author = {Zhou, Chunting and Liu, Pengfei},
  title = {{LIMA}: Less Is More for Alignment},
  year = {2023},
  refs-key = {generated},
  sources = {README.md:3#1},
}

@misc{ouyang2022trainingc,
  author = {Ouyang, Long},
  title = {Training language models to follow instructions},
  year = {2022},
  refs-key = {generated},
}

@misc{mine,
  author = {Kopf, Andreas},
  title = {OpenAssistant Conversations},
  year = {2023},
}
"""

CATALOG = """documents:
  README.md: {sha256: abc}
items:
- name: LIMA
  section: [Models]
  source: {file: README.md, line: 12}
  cites: [anon2023lima]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return write_project(tmp_path, monkeypatch, STORE, CATALOG)


def test_rekey_all_makes_generated_keys_again(run_cli: RunCli, project: Path) -> None:
    result = run_cli("rekey", "--all")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "anon2023lima\tzhou2023lima\nouyang2022trainingc\touyang2022training\n"
    )
    store = (project / "references.bib").read_text(encoding="utf-8")
    assert "@misc{zhou2023lima," in store
    assert "ids = {anon2023lima}" in store
    assert "@misc{mine," in store  # a person's key
    assert "- zhou2023lima" in (project / "catalog.yaml").read_text(encoding="utf-8")
    assert run_cli("show", "anon2023lima").stdout.startswith("@misc{zhou2023lima,")


def test_rekey_all_uses_the_configured_pattern(run_cli: RunCli, project: Path) -> None:
    (project / "refs.toml").write_text('key-pattern = "{auth}{year}{title2}"\n')
    result = run_cli("rekey", "--all")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "anon2023lima\tzhou2023limaless\nouyang2022trainingc\touyang2022traininglanguage\n"
    )
    assert "@misc{mine," in (project / "references.bib").read_text(encoding="utf-8")
    assert "- zhou2023limaless" in (project / "catalog.yaml").read_text(encoding="utf-8")


def test_a_second_rekey_changes_nothing(run_cli: RunCli, project: Path) -> None:
    run_cli("rekey", "--all")
    before = files(project)
    result = run_cli("rekey", "--all")
    assert (result.exit_code, result.stdout) == (0, "")
    assert files(project) == before


def test_the_whole_batch_is_one_undo_step(run_cli: RunCli, project: Path) -> None:
    before = files(project)
    run_cli("rekey", "--all")
    assert run_cli("undo").exit_code == 0
    assert {k: v for k, v in files(project).items() if k in before} == before


def test_dry_run_prints_and_writes_nothing(run_cli: RunCli, project: Path) -> None:
    before = files(project)
    result = run_cli("rekey", "--all", "--dry-run")
    assert result.exit_code == 0
    assert "anon2023lima\tzhou2023lima\n" in result.stdout
    assert files(project) == before


def test_named_keys_only_and_a_given_key_is_kept(run_cli: RunCli, project: Path) -> None:
    result = run_cli("rekey", "anon2023lima", "mine")
    assert result.exit_code == 1
    assert result.stdout == "anon2023lima\tzhou2023lima\n"
    assert "kept mine" in result.stderr
    store = (project / "references.bib").read_text(encoding="utf-8")
    assert "@misc{ouyang2022trainingc," in store
    assert "@misc{mine," in store


def test_a_renamed_key_is_a_persons_and_rekey_keeps_it(run_cli: RunCli, project: Path) -> None:
    assert run_cli("rename", "anon2023lima", "lima").exit_code == 0
    result = run_cli("rekey", "--all")
    assert result.stdout == "ouyang2022trainingc\touyang2022training\n"
    assert "@misc{lima," in (project / "references.bib").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("nobody2020",), "no entry with key", id="unknown-key"),
        pytest.param((), "KEY... or --all", id="nothing-asked"),
        pytest.param(("--all", "mine"), "KEY... or --all", id="both"),
    ],
)
def test_rekey_refuses_with_exit_2(
    run_cli: RunCli, project: Path, args: tuple[str, ...], message: str
) -> None:
    before = files(project)
    result = run_cli("rekey", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert files(project) == before

"""`refs dedupe` end to end: dry run, --json shape, --apply, --map, decisions, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from refs.store import load_store
from tests.conftest import RunCli

ROOT = Path(__file__).resolve().parents[2]
STORE = (
    b"@misc{anon2023lima, title={{LIMA}: Less Is More for Alignment}, journal={ArXiv},\n"
    b"  author={Zhou, Chunting and Liu, Pengfei}, year={2023}, eprint={2305.11206},\n"
    b"  archiveprefix={arXiv}, sources={a.md:3#11}}\n"
    b"@inproceedings{zhou2023lima, title={LIMA: Less is More for Alignment},\n"
    b"  author={Chunting Zhou and Pengfei Liu and others}, booktitle={NeurIPS}, year={2023},\n"
    b"  url={https://openreview.net/pdf?id=KBMOKmX2he}, sources={a.md:90#96}}\n"
    b"@misc{other, title={Something Else Entirely}, year={2020}}\n"
)
CONFLICTED = STORE + (
    b"@article{honovich2022unnatural, title={Unnatural Instructions}, author={Honovich, Or},\n"
    b"  eprint={2212.09689}, year={2022}, sources={a.md:7#3}}\n"
    b"@article{mishra2022unnatural, title={Unnatural Instructions}, author={Mishra, S.},\n"
    b"  eprint={2212.09689}, year={2022}, sources={a.md:5#3}}\n"
)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "references.bib"
    path.write_bytes(STORE)
    return path


def test_dry_run_reports_and_changes_nothing(run_cli: RunCli, store: Path) -> None:
    result = run_cli("--store", str(store), "dedupe")
    assert result.exit_code == 0, result.stderr
    assert "keep zhou2023lima" in result.stdout
    assert "title-authors-year" in result.stdout
    assert "1 clusters" in result.stderr
    assert store.read_bytes() == STORE


def test_json_is_the_only_stdout_and_has_the_evidence(run_cli: RunCli, store: Path) -> None:
    result = run_cli("dedupe", "--json", "--store", str(store))
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    (cluster,) = document["clusters"]
    assert cluster["kind"] == "cluster"
    assert cluster["survivor"] == "zhou2023lima"
    assert cluster["confidence"] >= 0.9
    members = {m["key"]: m for m in cluster["members"]}
    assert members["anon2023lima"]["sources"] == [{"file": "a.md", "line": 3, "label": "11"}]
    (evidence,) = cluster["evidence"]
    assert evidence["rule"] == "title-authors-year"
    assert evidence["similarities"]["title"] == 100.0
    assert evidence["vetoes"] == []
    assert document["conflicts"] == []
    assert document["renames"] == {"anon2023lima": "zhou2023lima"}


def test_apply_merges_writes_the_map_and_is_idempotent(
    run_cli: RunCli, store: Path, tmp_path: Path
) -> None:
    renames = tmp_path / "renames.json"
    result = run_cli("--store", str(store), "dedupe", "--apply", "--map", str(renames))
    assert result.exit_code == 0, result.stderr
    assert "renamed anon2023lima -> zhou2023lima" in result.stdout
    assert json.loads(renames.read_text()) == {"anon2023lima": "zhou2023lima"}
    entries = {e.key: e for e in load_store(store).entries()}
    assert set(entries) == {"zhou2023lima", "other"}
    merged = entries["zhou2023lima"]
    assert merged.ids == ("anon2023lima",)
    assert merged.identifiers.arxiv == "2305.11206"
    assert merged.identifiers.openreview == "KBMOKmX2he"
    assert {s.label for s in merged.sources} == {"11", "96"}
    once = store.read_bytes()
    again = run_cli("--store", str(store), "dedupe", "--apply", "--map", str(tmp_path / "m.tsv"))
    assert again.exit_code == 0
    assert store.read_bytes() == once
    assert (tmp_path / "m.tsv").read_text() == ""


def test_tsv_map_in_a_dry_run_is_what_apply_would_do(
    run_cli: RunCli, store: Path, tmp_path: Path
) -> None:
    result = run_cli("--store", str(store), "dedupe", "--map", str(tmp_path / "m.tsv"))
    assert result.exit_code == 0
    assert (tmp_path / "m.tsv").read_text() == "anon2023lima\tzhou2023lima\n"
    assert store.read_bytes() == STORE


def test_conflicts_exit_1_and_are_never_merged(run_cli: RunCli, store: Path) -> None:
    store.write_bytes(CONFLICTED)
    result = run_cli("--store", str(store), "dedupe", "--apply", "--json")
    assert result.exit_code == 1
    (conflict,) = json.loads(result.stdout)["conflicts"]
    assert {m["key"] for m in conflict["members"]} == {
        "honovich2022unnatural",
        "mishra2022unnatural",
    }
    assert "label-reused" in conflict["reasons"]
    assert "disjoint-authors" in conflict["vetoes"]
    keys = {e.key for e in load_store(store).entries()}
    assert {"honovich2022unnatural", "mishra2022unnatural"} <= keys


def test_not_duplicate_is_recorded_beside_the_store_and_respected(
    run_cli: RunCli, store: Path
) -> None:
    store.write_bytes(CONFLICTED)
    result = run_cli(
        "--store",
        str(store),
        "dedupe",
        "--not-duplicate",
        "mishra2022unnatural",
        "HONOVICH2022unnatural",
    )
    assert result.exit_code == 0, result.stdout
    decisions = store.with_name("references.bib.not-duplicates").read_text()
    assert "HONOVICH2022unnatural mishra2022unnatural" in decisions
    later = run_cli("--store", str(store), "dedupe")
    assert later.exit_code == 0
    assert "conflict" not in later.stdout


def test_not_duplicate_splits_a_cluster(run_cli: RunCli, store: Path) -> None:
    result = run_cli(
        "--store",
        str(store),
        "dedupe",
        "--json",
        "--not-duplicate",
        "anon2023lima",
        "zhou2023lima",
    )
    assert json.loads(result.stdout)["clusters"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("--not-duplicate", "nope", "other"), "'nope'", id="unknown-key"),
        pytest.param(("--not-duplicate", "other", "OTHER"), "two different", id="same-key"),
        pytest.param(("--threshold", "2"), "", id="threshold-out-of-range"),
    ],
)
def test_bad_usage_exits_2(
    run_cli: RunCli, store: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_cli("--store", str(store), "dedupe", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not store.with_name("references.bib.not-duplicates").exists()


def test_missing_store_exits_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("--store", str(tmp_path / "none.bib"), "dedupe")
    assert result.exit_code == 2
    assert "no store" in result.stderr


def test_bad_decisions_file_names_its_line(run_cli: RunCli, store: Path) -> None:
    store.with_name("references.bib.not-duplicates").write_text("# ok\na b c\n")
    result = run_cli("--store", str(store), "dedupe")
    assert result.exit_code == 2
    assert "references.bib.not-duplicates:2:" in result.stderr


def test_the_imported_seeds_apply_once_and_then_are_stable(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    seeds = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "sources").glob("[0-9]*.md"))
    assert run_cli("import", *seeds).exit_code == 1  # the seeds have flags
    first = run_cli("dedupe", "--apply", "--json")
    assert first.exit_code == 1  # the two [3] of 002 need a person
    renames = json.loads(first.stdout)["renames"]
    assert len(renames) >= 8
    entries = load_store(tmp_path / "references.bib").entries()
    names = {key for e in entries for key in (e.key, *e.ids)}
    assert set(renames) <= names
    once = (tmp_path / "references.bib").read_bytes()
    second = run_cli("dedupe", "--apply", "--json")
    assert json.loads(second.stdout)["renames"] == {}
    assert (tmp_path / "references.bib").read_bytes() == once


def test_the_shipped_store_is_merged_already(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    result = run_cli("--store", str(tmp_path / "references.bib"), "dedupe", "--json")
    document = json.loads(result.stdout)
    assert (document["clusters"], document["renames"]) == ([], {})


def test_a_merged_entry_of_generated_keys_is_keyed_with_the_configured_pattern(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "refs.toml").write_text('key-pattern = "{auth}-{title}"\n')
    store = tmp_path / "references.bib"
    store.write_bytes(STORE.replace(b"year={2023},", b"year={2023}, refs-key={generated},"))
    result = run_cli("--store", str(store), "dedupe", "--apply", "--json")
    assert result.exit_code == 0, result.stderr
    renames = json.loads(result.stdout)["renames"]
    assert renames == {"anon2023lima": "zhou-lima", "zhou2023lima": "zhou-lima"}
    assert {e.key for e in load_store(store).entries()} == {"zhou-lima", "other"}


OUYANG = (
    b"@misc{ouyang2022trainingb, title={Training language models to follow instructions with\n"
    b"  human feedback}, author={Ouyang, Long and Wu, Jeff}, year={2022}, eprint={2203.02155},\n"
    b"  refs-key={generated}}\n"
    b"@inproceedings{ouyang2022trainingc, title={Training Language Models to Follow\n"
    b"  Instructions with Human Feedback}, author={Long Ouyang and Jeff Wu}, year={2022},\n"
    b"  booktitle={NeurIPS}, refs-key={generated}}\n"
)


def test_after_apply_a_generated_survivor_key_is_made_again_and_takes_the_free_key(
    run_cli: RunCli, tmp_path: Path
) -> None:
    store = tmp_path / "references.bib"
    store.write_bytes(OUYANG)
    result = run_cli("--store", str(store), "dedupe", "--apply")
    assert result.exit_code == 0, result.stderr
    assert [e.key for e in load_store(store).entries()] == ["ouyang2022training"]


def test_after_apply_a_key_a_person_gave_is_kept(run_cli: RunCli, tmp_path: Path) -> None:
    store = tmp_path / "references.bib"
    store.write_bytes(
        OUYANG.replace(b"  booktitle={NeurIPS}, refs-key={generated}}", b"  booktitle={NeurIPS}}")
    )
    result = run_cli("--store", str(store), "dedupe", "--apply")
    assert result.exit_code == 0, result.stderr
    assert [e.key for e in load_store(store).entries()] == ["ouyang2022trainingc"]

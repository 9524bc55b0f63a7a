"""`refs list`, `refs search`: find entries, accents and case aside, ranked, as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.everyday import project
from tests.conftest import RunCli

__all__ = ["project"]


def test_search_ranks_and_folds_accents(run_cli: RunCli, project: Path) -> None:
    result = run_cli("search", "KOPF")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("kopf2023open\t2023\tAndreas Köpf\t")


def test_search_json_has_the_documented_shape(run_cli: RunCli, project: Path) -> None:
    result = run_cli("search", "zhou", "--json")
    hits = json.loads(result.stdout)
    assert {h["key"] for h in hits} == {"zhou2023lima", "zhou2023instruction"}
    assert set(hits[0]) == {
        "key",
        "title",
        "authors",
        "year",
        "venue",
        "identifiers",
        "ids",
        "score",
    }


def test_search_finds_a_retired_key_and_an_identifier(run_cli: RunCli, project: Path) -> None:
    assert run_cli("search", "zhou2023less").stdout.startswith("zhou2023lima\t")
    assert run_cli("search", "id:2305.11206").stdout.startswith("zhou2023lima\t")


def test_search_with_no_match_is_exit_1(run_cli: RunCli, project: Path) -> None:
    result = run_cli("search", "nonexistentword")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_search_without_a_store_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("--store", str(tmp_path / "absent.bib"), "search", "x")
    assert result.exit_code == 2
    assert "no store at" in result.stderr


def test_list_is_in_store_order_and_filters(run_cli: RunCli, project: Path) -> None:
    keys = [line.split("\t")[0] for line in run_cli("list").stdout.splitlines()]
    assert keys == ["zhou2023lima", "zhou2023instruction", "kopf2023open"]
    result = run_cli("list", "author:zhou", "--json")
    assert [r["key"] for r in json.loads(result.stdout)] == ["zhou2023lima", "zhou2023instruction"]


def test_an_edited_store_gets_a_fresh_index(run_cli: RunCli, project: Path) -> None:
    assert run_cli("search", "kopf").exit_code == 0
    store = project / "references.bib"
    store.write_text(store.read_text(encoding="utf-8").replace("kopf2023open", "k2023"), "utf-8")
    assert run_cli("search", "kopf").stdout.startswith("k2023\t")

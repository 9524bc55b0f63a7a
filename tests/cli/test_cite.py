"""`refs cite`: in-text citations in a style, with the style's disambiguation."""

from __future__ import annotations

from pathlib import Path

from tests.cli.everyday import project
from tests.conftest import RunCli

__all__ = ["project"]


def test_one_cluster_in_apa_sorted_with_initials_for_two_zhous(
    run_cli: RunCli, project: Path
) -> None:
    # APA sorts a cluster by author; C. Zhou and J. Zhou (zhou2023instruction) are told apart
    # by initials (primary-name-with-initials), as citeproc-js prints it
    result = run_cli("cite", "zhou2023lima", "kopf2023open", "--style", "apa")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "(Köpf, 2023; C. Zhou & Liu, 2023)\n"


def test_a_cluster_without_a_sort_keeps_the_cited_order(run_cli: RunCli, project: Path) -> None:
    result = run_cli("cite", "zhou2023lima", "kopf2023open", "--style", "mla")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "(Zhou and Liu; Köpf)\n"


def test_a_numeric_style_numbers_the_cluster(run_cli: RunCli, project: Path) -> None:
    result = run_cli("cite", "kopf2023open", "zhou2023less", "--style", "ieee")
    assert result.stdout == "[1], [2]\n"
    assert "resolved: zhou2023less -> zhou2023lima" in result.stderr


def test_the_configured_style_is_the_default(run_cli: RunCli, project: Path) -> None:
    (project / "refs.toml").write_text('style = "ieee"\n')
    assert run_cli("cite", "kopf2023open").stdout == "[1]\n"
    assert run_cli("cite", "kopf2023open", "--style", "apa").stdout == "(Köpf, 2023)\n"


def test_an_unknown_key_or_style_is_exit_2(run_cli: RunCli, project: Path) -> None:
    assert run_cli("cite", "nobody2020").exit_code == 2
    assert run_cli("cite", "kopf2023open", "--style", "no-such-style").exit_code == 2

"""`refs export` end to end: formats, --store anywhere, atomic -o, exit codes, stderr only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli

STORE = (
    b"@string{acl = {ACL}}\n"
    b"@inproceedings{zhou2023lima, author={Zhou, Chunting and others},\n"
    b"  title={{LIMA}: Less Is More for Alignment}, booktitle=acl, year=2023,\n"
    b"  sources={sources/002.txt:1100#12}, ids={zhou2023}}\n"
    b"@{JUNK,\n}\n"
    b"@misc{dup, title={One}}\n@misc{DUP, title={Two}}\n"
)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "references.bib"
    path.write_bytes(STORE)
    return path


def test_csl_json_to_stdout_has_every_entry_and_custom(run_cli: RunCli, store: Path) -> None:
    result = run_cli("--store", str(store), "export", "--format", "csl-json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert [i["id"] for i in items] == ["zhou2023lima", "dup", "DUP~2"]
    custom = items[0]["custom"]
    assert custom["sources"] == [{"file": "sources/002.txt", "line": 1100, "label": "12"}]
    assert custom["ids"] == ["zhou2023"]
    assert items[0]["container-title"] == "ACL"


def test_findings_go_to_stderr_and_do_not_change_the_exit_code(
    run_cli: RunCli, store: Path
) -> None:
    result = run_cli("export", "--store", str(store), "--format", "csl-json")
    assert result.exit_code == 0
    assert f"{store}:5: warning malformed-block" in result.stderr
    assert f"{store}:8: warning repeated-key" in result.stderr
    assert "malformed" not in result.stdout


@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        pytest.param(("--format", "bibtex"), "@string{acl = {ACL}}", id="bibtex"),
        pytest.param((), "@string{acl = {ACL}}", id="bibtex-by-default"),
        pytest.param(("--format", "csl-json"), "[", id="csl-json"),
    ],
)
def test_formats(run_cli: RunCli, store: Path, args: tuple[str, ...], first_line: str) -> None:
    result = run_cli("--store", str(store), "export", *args)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == first_line


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        pytest.param("out.json", b"[", id="json-suffix"),
        pytest.param("out.bib", b"@", id="bib-suffix"),
    ],
)
def test_output_file_format_follows_its_suffix(
    run_cli: RunCli, store: Path, tmp_path: Path, name: str, starts: bytes
) -> None:
    out = tmp_path / name
    result = run_cli("--store", str(store), "export", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_bytes().startswith(starts)


def test_store_from_the_environment(
    run_cli: RunCli, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFS_STORE", str(store))
    result = run_cli("export", "--format", "csl-json")
    assert len(json.loads(result.stdout)) == 3


def test_store_after_the_command_wins(run_cli: RunCli, store: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.bib"
    other.write_bytes(b"@misc{only, title={X}}")
    result = run_cli("--store", str(store), "export", "--store", str(other), "--format", "csl-json")
    assert [i["id"] for i in json.loads(result.stdout)] == ["only"]


def test_bibtex_export_reads_back_to_the_same_entries(
    run_cli: RunCli, store: Path, tmp_path: Path
) -> None:
    from refs.store import load_store  # noqa: PLC0415

    out = tmp_path / "out.bib"
    run_cli("--store", str(store), "export", "-o", str(out))
    assert load_store(out).entries() == load_store(store).entries()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(("--store", "{missing}", "export"), "no store at", id="missing-store"),
        pytest.param(("--store", "{dir}", "export"), "is a directory", id="store-is-a-directory"),
        pytest.param(
            ("--store", "{store}", "export", "-o", "{dir}/no/such/dir/x.bib"),
            "No such file or directory",
            id="unwritable-output",
        ),
    ],
)
def test_unreadable_input_is_exit_2_with_a_message(
    run_cli: RunCli, store: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    values = {"missing": str(tmp_path / "none.bib"), "dir": str(tmp_path), "store": str(store)}
    result = run_cli(*(a.format(**values) for a in args))
    assert result.exit_code == 2
    assert "Error: " in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_format_is_a_usage_error(run_cli: RunCli, store: Path) -> None:
    result = run_cli("--store", str(store), "export", "--format", "docx")
    assert result.exit_code == 2
    assert "docx" in result.stderr


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("refs, version ")

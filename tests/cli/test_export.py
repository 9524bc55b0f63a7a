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


def test_keep_meta_export_reads_back_with_keys_sources_and_ids(
    run_cli: RunCli, store: Path, tmp_path: Path
) -> None:
    from refs.store import load_store  # noqa: PLC0415

    out = tmp_path / "out.bib"
    run_cli("--store", str(store), "export", "--keep-meta", "-o", str(out))
    meta = [(e.key, e.sources, e.ids) for e in load_store(out).entries()]
    assert meta == [(e.key, e.sources, e.ids) for e in load_store(store).entries()]


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


PAPER_STORE = (
    b"@inproceedings{zhou2023lima, author={Zhou, Chunting and others},\n"
    b"  title={LIMA: Less Is More for Alignment}, booktitle={NeurIPS}, year=2023,\n"
    b"  sources={README.md:3#12}, ids={zhou2023}, refs-flags={no-venue@README.md:3}}\n"
    b"@misc{wang2023, author={Wang, Yizhong}, title={Self-Instruct}, year=2023,\n"
    b"  eprint={2212.10560}, archiveprefix={arXiv}}\n"
    b"@misc{other2020, title={Unrelated}, year=2020}\n"
)


@pytest.fixture
def paper_store(tmp_path: Path) -> Path:
    path = tmp_path / "paper-store.bib"
    path.write_bytes(PAPER_STORE)
    return path


def exported_keys(bib: str) -> list[str]:
    return [line[line.index("{") + 1 : -1] for line in bib.splitlines() if line.startswith("@")]


def test_bibtex_is_clean_for_paper_writing_by_default(run_cli: RunCli, paper_store: Path) -> None:
    result = run_cli("--store", str(paper_store), "export")
    assert result.exit_code == 0
    assert "sources" not in result.stdout
    assert "refs-flags" not in result.stdout
    assert "ids" not in result.stdout
    assert "title = {{LIMA}: Less Is More for Alignment}" in result.stdout
    assert "journal = {arXiv preprint arXiv:2212.10560}" in result.stdout


def test_keep_meta_keeps_the_stores_own_fields(run_cli: RunCli, paper_store: Path) -> None:
    result = run_cli("--store", str(paper_store), "export", "--keep-meta")
    assert "sources = {README.md:3#12}" in result.stdout
    assert "ids = {zhou2023}" in result.stdout
    assert "refs-flags = {no-venue@README.md:3}" in result.stdout


def test_arxiv_eprint_option(run_cli: RunCli, paper_store: Path) -> None:
    result = run_cli("--store", str(paper_store), "export", "--arxiv", "eprint")
    assert "@misc{wang2023," in result.stdout
    assert "journal" not in result.stdout


def test_biblatex_keeps_ids_and_writes_dates(run_cli: RunCli, paper_store: Path) -> None:
    result = run_cli("--store", str(paper_store), "export", "--format", "biblatex")
    assert result.exit_code == 0
    assert "ids = {zhou2023}" in result.stdout
    assert "date = {2023}" in result.stdout
    assert "eprinttype = {arxiv}" in result.stdout
    assert "sources" not in result.stdout


def test_keys_select_in_store_order(run_cli: RunCli, paper_store: Path) -> None:
    result = run_cli("--store", str(paper_store), "export", "--keys", "wang2023, zhou2023lima")
    assert result.exit_code == 0
    assert exported_keys(result.stdout) == ["zhou2023lima", "wang2023"]
    assert "exported 2 entries" in result.stderr


def test_a_retired_key_resolves_and_is_reported(run_cli: RunCli, paper_store: Path) -> None:
    result = run_cli("--store", str(paper_store), "export", "--keys", "zhou2023,WANG2023")
    assert result.exit_code == 0
    # BibTeX has no aliases: each entry is written under the key the paper cites
    assert exported_keys(result.stdout) == ["zhou2023", "WANG2023"]
    assert "resolved: zhou2023 -> zhou2023lima" in result.stderr
    assert "resolved: WANG2023 -> wang2023" in result.stderr
    assert "written as zhou2023: the entry zhou2023lima" in result.stderr


def test_biblatex_keeps_the_store_key_and_ids_for_a_retired_key(
    run_cli: RunCli, paper_store: Path
) -> None:
    result = run_cli(
        "--store", str(paper_store), "export", "--format", "biblatex", "--keys", "zhou2023"
    )
    assert result.exit_code == 0
    assert exported_keys(result.stdout) == ["zhou2023lima"]
    assert "ids = {zhou2023}" in result.stdout


def test_an_old_and_a_new_key_of_one_entry_give_it_once_under_the_first(
    run_cli: RunCli, paper_store: Path
) -> None:
    result = run_cli("--store", str(paper_store), "export", "--keys", "zhou2023,zhou2023lima")
    assert result.exit_code == 1
    assert exported_keys(result.stdout) == ["zhou2023"]
    assert "zhou2023lima and zhou2023 are one entry, written once as zhou2023" in result.stderr


def test_a_missing_key_is_exit_1_and_the_rest_is_written(
    run_cli: RunCli, paper_store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "paper.bib"
    result = run_cli(
        "--store", str(paper_store), "export", "--keys", "wang2023,nobody", "-o", str(out)
    )
    assert result.exit_code == 1
    assert "no entry with key: nobody" in result.stderr
    assert exported_keys(out.read_text()) == ["wang2023"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("paper.aux", "\\relax\n\\citation{zhou2023,wang2023}\n", id="aux"),
        pytest.param("paper.tex", "\\citep[p.~3]{zhou2023}, \\citet{wang2023}", id="tex"),
        pytest.param("paper.md", "As @wang2023 shows [@zhou2023, p. 3].", id="markdown"),
    ],
)
def test_cited_in(run_cli: RunCli, paper_store: Path, tmp_path: Path, name: str, text: str) -> None:
    paper = tmp_path / name
    paper.write_text(text, encoding="utf-8")
    result = run_cli("--store", str(paper_store), "export", "--cited-in", str(paper))
    assert result.exit_code == 0, result.stderr
    assert exported_keys(result.stdout) == ["zhou2023", "wang2023"]  # as the paper cites them
    assert "resolved: zhou2023 -> zhou2023lima" in result.stderr


def test_cited_in_several_files_and_nocite_star(
    run_cli: RunCli, paper_store: Path, tmp_path: Path
) -> None:
    (tmp_path / "a.tex").write_text("\\cite{wang2023}", encoding="utf-8")
    (tmp_path / "b.tex").write_text("\\nocite{*}", encoding="utf-8")
    args = ("--cited-in", str(tmp_path / "a.tex"), "--cited-in", str(tmp_path / "b.tex"))
    result = run_cli("--store", str(paper_store), "export", *args)
    assert exported_keys(result.stdout) == ["zhou2023lima", "wang2023", "other2020"]


def test_cited_in_a_missing_key_is_exit_1(
    run_cli: RunCli, paper_store: Path, tmp_path: Path
) -> None:
    paper = tmp_path / "paper.aux"
    paper.write_text("\\citation{wang2023}\\citation{ghost2021}", encoding="utf-8")
    result = run_cli("--store", str(paper_store), "export", "--cited-in", str(paper))
    assert result.exit_code == 1
    assert "no entry with key: ghost2021" in result.stderr


def test_a_document_without_citations_is_a_warning(
    run_cli: RunCli, paper_store: Path, tmp_path: Path
) -> None:
    paper = tmp_path / "paper.tex"
    paper.write_text("no citations here", encoding="utf-8")
    result = run_cli("--store", str(paper_store), "export", "--cited-in", str(paper))
    assert result.exit_code == 0
    assert "no citations found" in result.stderr
    assert result.stdout == ""


def test_cited_in_a_file_that_does_not_exist_is_a_usage_error(
    run_cli: RunCli, paper_store: Path, tmp_path: Path
) -> None:
    missing = str(tmp_path / "none.aux")
    result = run_cli("--store", str(paper_store), "export", "--cited-in", missing)
    assert result.exit_code == 2


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("refs, version ")


def test_export_a_catalog_section(run_cli: RunCli) -> None:
    root = Path(__file__).resolve().parents[2]
    result = run_cli(
        "--store",
        str(root / "references.bib"),
        "--catalog",
        str(root / "catalog.yaml"),
        "export",
        "--section",
        "Datasets",
        "--format",
        "csl-json",
    )
    assert result.exit_code == 0, result.stderr
    ids = [item["id"] for item in json.loads(result.stdout)]
    assert 0 < len(ids) < 117
    assert len(ids) == len(set(ids))

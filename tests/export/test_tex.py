"""The exported .bib compiled by the real tools: BibTeX with natbib/plainnat, biber with
biblatex, on the shipped store (109 entries from the seed READMEs), every key cited.

What remains is understood and asserted exactly: BibTeX's "empty year" for the entries whose
source gives no year, and pdflatex's complaint about the Chinese characters of one title
(no LaTeX spelling exists; the exporter warns about both).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from refs import workflows
from refs.export import ArxivForm, ExportOptions
from refs.store import load_store
from tests.export.texrun import APT_PACKAGES, compile_bib, require_tools, typeset_text

ROOT = Path(__file__).resolve().parents[2]
STORE = ROOT / "references.bib"
_NOTED = re.compile(r"^(.*) \(\d+\): (.*)$")


def export(store: Path, fmt: str, options: ExportOptions) -> tuple[bytes, dict[str, set[str]]]:
    """The exported bytes and the exporter's warnings as {kind: keys}."""
    out = io.BytesIO()
    result = workflows.export(store, fmt, None, out, options=options)
    noted: dict[str, set[str]] = {}
    for warning in result.warnings:
        match = _NOTED.match(warning)
        assert match, warning
        noted[match[1]] = set(match[2].split(", "))
    return out.getvalue(), noted


def shipped_keys() -> list[str]:
    return [entry.key for entry in load_store(STORE).entries()]


def assert_only_unmapped_characters(
    latex_errors: list[str], noted: dict[str, set[str]], *, keep_unicode: bool = False
) -> None:
    """pdflatex fails only on characters it cannot typeset: those the exporter warned about
    or, with --unicode (meant for a UTF-8 engine), the same CJK title."""
    unmapped = noted.get("characters without a LaTeX spelling, kept as UTF-8", set())
    assert all(e.startswith("LaTeX Error: Unicode character") for e in latex_errors), latex_errors
    assert bool(latex_errors) == bool(unmapped or keep_unicode)


@pytest.mark.parametrize("form", list(ArxivForm), ids=str)
def test_bibtex_natbib_plainnat(tmp_path: Path, form: ArxivForm) -> None:
    require_tools("pdflatex", "bibtex")
    bib, noted = export(STORE, "bibtex", ExportOptions(arxiv=form))
    run = compile_bib(bib, shipped_keys(), tmp_path)
    assert run.errors == []
    no_year = noted["no year (BibTeX styles warn 'empty year')"]
    assert sorted(run.warnings) == sorted(f"empty year in {key}" for key in no_year)
    assert_only_unmapped_characters(run.latex_errors, noted)
    assert run.bbl.count("\\bibitem") == len(shipped_keys())


@pytest.mark.parametrize("keep_unicode", [False, True], ids=["latex-accents", "unicode"])
def test_biblatex_biber(tmp_path: Path, keep_unicode: bool) -> None:
    require_tools("pdflatex", "biber")
    bib, noted = export(STORE, "biblatex", ExportOptions(unicode=keep_unicode))
    run = compile_bib(bib, shipped_keys(), tmp_path, biber=True)
    assert run.errors == []
    assert run.warnings == []
    assert_only_unmapped_characters(run.latex_errors, noted, keep_unicode=keep_unicode)
    assert run.bbl.count("\\entry{") == len(shipped_keys())


def test_biber_resolves_a_retired_key_through_ids(tmp_path: Path) -> None:
    require_tools("pdflatex", "biber")
    store = tmp_path / "store.bib"
    store.write_text(
        "@inproceedings{zhou2023lima, author = {Zhou, Chunting and Liu, Pengfei},\n"
        "  title = {{LIMA}: Less Is More for Alignment}, booktitle = {NeurIPS}, year = {2023},\n"
        "  sources = {README.md:3#12}, ids = {zhou2023}}\n",
        encoding="utf-8",
    )
    bib, _ = export(store, "biblatex", ExportOptions())
    run = compile_bib(bib, ["zhou2023"], tmp_path, biber=True)
    assert (run.errors, run.warnings, run.latex_errors) == ([], [], [])
    assert "\\entry{zhou2023lima}" in run.bbl


def test_ci_and_the_readme_install_the_packages_the_skip_names() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "REFS_REQUIRE_TEX=1" in ci
    assert f"apt-get install --no-install-recommends {APT_PACKAGES}" in readme
    assert all(package in ci for package in APT_PACKAGES.split())


def test_a_paper_citing_a_renamed_key_compiles_with_bibtex(tmp_path: Path) -> None:
    """`refs rename a b`, then `refs export --cited-in paper.tex` of a paper that still cites
    `a`: BibTeX has no aliases, so the entry is written as `a`, and the PDF has no [?]."""
    require_tools("pdflatex", "bibtex")
    store = tmp_path / "store.bib"
    store.write_text(
        "@inproceedings{zhou2023lima, author = {Zhou, Chunting and Liu, Pengfei},\n"
        "  title = {{LIMA}: Less Is More for Alignment}, booktitle = {NeurIPS}, year = {2023}}\n"
        "@misc{wang2023self, author = {Wang, Yizhong}, title = {Self-Instruct}, year = {2023}}\n",
        encoding="utf-8",
    )
    workflows.rename(store, "zhou2023lima", "zhou2023limaalign")
    paper = tmp_path / "paper.tex"
    paper.write_text("\\citet{zhou2023lima} and \\citep{wang2023self}", encoding="utf-8")
    out = io.BytesIO()
    result = workflows.export(store, "bibtex", None, out, cited_in=[paper])
    assert result.written_as == {"zhou2023limaalign": "zhou2023lima"}
    tex = tmp_path / "tex"
    tex.mkdir()
    run = compile_bib(out.getvalue(), ["zhou2023lima", "wang2023self"], tex)
    assert (run.errors, run.warnings, run.latex_errors) == ([], [], [])
    assert run.bbl.count("\\bibitem") == 2
    text = typeset_text(tex)
    if text is not None:
        assert "?" not in text
        assert "Zhou and Liu" in text

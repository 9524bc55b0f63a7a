"""A .bib file or a README crafted to make a compiled paper reach outside itself: exported,
then compiled with pdflatex and BibTeX (or biber). Whatever the value, the paper reads no
secret file, writes no file, carries no launch action, and compiles without errors."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from refs import workflows
from refs.export import ExportOptions
from tests.conftest import RunCli
from tests.export.texrun import compile_bib, files_read, require_tools, typeset_text

SECRET = "TOPSECRETCONTENT"
_ENTRY_TAIL = "author = {Smith, J.}, journal = {J}, year = {2023}"

#: (the .bib text, what it is meant to do): each reaches outside only through a hole
#: the export must close.
HOSTILE_BIBS = [
    pytest.param(
        f'@article{{evil, title = "\\inp" # "ut{{secret}}", {_ENTRY_TAIL}}}',
        id="concatenated-literals",
    ),
    pytest.param(
        f'@string{{a = "\\inp"}}\n@article{{evil, title = a # "ut{{secret}}", {_ENTRY_TAIL}}}',
        id="string-then-literal",
    ),
    pytest.param(
        '@string{a = "\\inp"}\n@string{b = a # "ut"}\n'
        f'@article{{evil, title = b # "{{secret}}", {_ENTRY_TAIL}}}',
        id="string-of-strings",
    ),
    pytest.param(
        '@string{a = "\\immediate\\write"}\n'
        f'@article{{evil, title = a # "18{{touch pwned}}", {_ENTRY_TAIL}}}',
        id="write18-from-a-string",
    ),
    pytest.param(
        "@article{evil, title = {\\begin{filecontents*}{pwned}x\\end{filecontents*} T}, "
        f"{_ENTRY_TAIL}}}",
        id="filecontents",
    ),
    pytest.param(
        f"@article{{evil, title = {{\\href{{run:touch pwned}}{{Click}}}}, {_ENTRY_TAIL}}}",
        id="href-run",
    ),
    pytest.param(
        f"@article{{evil, title = {{T}}, note = {{\\url{{secret.tex}}}}, {_ENTRY_TAIL}}}",
        id="url-relative-file",
    ),
    pytest.param(
        f"@article{{evil, title = {{\\pdfstartlink user{{/S/Launch/F(pwned)}}x}}, {_ENTRY_TAIL}}}",
        id="pdfstartlink-launch",
    ),
    # what is built around a command must not stop pdflatex once the command is text
    pytest.param(
        f"@article{{evil, title = {{\\csname input\\endcsname{{secret}}}}, {_ENTRY_TAIL}}}",
        id="csname",
    ),
    pytest.param(
        f"@article{{evil, title = {{\\catcode`\\|=0 |input{{secret}}}}, {_ENTRY_TAIL}}}",
        id="catcode",
    ),
    pytest.param(
        f"@article{{evil, title = {{\\openin15=secret \\read15 to\\x \\x\\closein15}}, "
        f"{_ENTRY_TAIL}}}",
        id="openin-read",
    ),
    pytest.param(
        f"@article{{evil, title = {{\\immediate\\pdfobj file {{secret.tex}}"
        f"\\pdfrefobj\\pdflastobj}}, {_ENTRY_TAIL}}}",
        id="pdfobj-file",
    ),
    pytest.param(
        f"@article{{evil, title = {{T \\end{{document}}}}, {_ENTRY_TAIL}}}", id="end-document"
    ),
    # a value that defines or loops would hang pdflatex: no paper could be compiled
    pytest.param(
        f"@article{{evil, title = {{Again \\def\\again{{\\again}}\\again}}, {_ENTRY_TAIL}}}",
        id="def-that-calls-itself",
    ),
    pytest.param(
        f"@article{{evil, title = {{Spin \\loop\\iftrue\\repeat}}, {_ENTRY_TAIL}}}",
        id="loop-repeat",
    ),
    pytest.param(
        f"@article{{evil, title = {{\\renewcommand{{\\section}}{{x}}Renamed}}, {_ENTRY_TAIL}}}",
        id="renewcommand",
    ),
]


def _export(store: Path, fmt: str) -> tuple[bytes, list[str]]:
    out = io.BytesIO()
    result = workflows.export(store, fmt, None, out, options=ExportOptions())
    return out.getvalue(), list(result.warnings)


def _store_of(run_cli: RunCli, tmp_path: Path, bib: str) -> Path:
    (tmp_path / "evil.bib").write_text(bib + "\n", encoding="utf-8")
    store = tmp_path / "references.bib"
    result = run_cli(
        "--store",
        str(store),
        "--catalog",
        str(tmp_path / "c.yaml"),
        "import",
        str(tmp_path / "evil.bib"),
    )
    assert result.exit_code == 0, result.output
    return store


@pytest.mark.parametrize("bib", HOSTILE_BIBS)
@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_the_export_names_what_it_wrote_as_text(
    run_cli: RunCli, tmp_path: Path, bib: str, fmt: str
) -> None:
    exported, warnings = _export(_store_of(run_cli, tmp_path, bib), fmt)
    assert any("evil" in w and "written as text" in w for w in warnings), warnings
    text = exported.decode("utf-8")
    assert re.search(r"(?<!\{)\\(?:input|write|href|url|begin|pdfstartlink)\b", text) is None


@pytest.mark.parametrize("bib", HOSTILE_BIBS)
def test_a_compiled_paper_reaches_nothing_outside(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bib: str
) -> None:
    require_tools("pdflatex", "bibtex")
    monkeypatch.chdir(tmp_path)
    store = _store_of(run_cli, tmp_path, bib)
    (tmp_path / "secret.tex").write_text(SECRET + "\n", encoding="utf-8")
    exported, _ = _export(store, "bibtex")
    run = compile_bib(exported, ["evil"], tmp_path, hyperref=True)
    assert run.latex_errors == []
    assert "secret.tex" not in files_read(tmp_path)
    assert not (tmp_path / "pwned").exists()
    text = typeset_text(tmp_path)
    if text is not None:
        assert SECRET not in text
        pdf = (tmp_path / "doc.pdf").read_bytes()
        assert b"/Launch" not in pdf
        assert b"secret.tex" not in pdf.split(b"/URI")[-1][:200] or b"/URI" not in pdf


# --- control characters ---------------------------------------------------------------------

_CONTROLS = "\x1b[31m\x7f\x07\x85\x9b"
_ANY_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_control_characters_in_a_readme_title_never_reach_the_store(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFS_CATALOG", "catalog.yaml")
    (tmp_path / "README.md").write_text(
        "# Survey\n\n## References\n\n1. John Smith. **Bad \x1b[31m title \x7f here**. 2023.\n",
        encoding="utf-8",
    )
    assert run_cli("import", "README.md").exit_code in {0, 1}
    stored = (tmp_path / "references.bib").read_text(encoding="utf-8")
    assert _ANY_CONTROL.search(stored) is None
    title = re.search(r"^  title = \{(.*)\},$", stored, re.MULTILINE)
    assert title is not None
    assert title.group(1).startswith("Bad ")
    assert title.group(1).endswith(" title here")


@pytest.mark.parametrize(
    "biber", [pytest.param(False, id="bibtex"), pytest.param(True, id="biber")]
)
def test_control_characters_from_a_bib_file_compile(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, biber: bool
) -> None:
    require_tools("pdflatex", "biber" if biber else "bibtex")
    monkeypatch.chdir(tmp_path)
    store = _store_of(
        run_cli, tmp_path, f"@article{{evil, title = {{Bad{_CONTROLS} Title}}, {_ENTRY_TAIL}}}"
    )
    assert "\x1b" in store.read_text(encoding="utf-8")  # the store keeps what it read
    exported, warnings = _export(store, "biblatex" if biber else "bibtex")
    assert _ANY_CONTROL.search(exported.decode("utf-8")) is None
    assert any("control characters" in w for w in warnings)
    run = compile_bib(exported, ["evil"], tmp_path, biber=biber)
    assert run.latex_errors == []
    assert run.errors == []

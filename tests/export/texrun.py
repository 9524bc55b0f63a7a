"""Compile an exported .bib with the real tools: pdflatex + BibTeX (natbib) or + biber.

Without the tools the tests skip with the reason, unless ``REFS_REQUIRE_TEX=1`` (CI), which
turns the skip into a failure so a broken install cannot pass unnoticed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

#: The Debian packages that provide every tool and style below (README, .ci/run).
APT_PACKAGES = (
    "texlive-latex-base texlive-latex-recommended texlive-bibtex-extra biber poppler-utils"
)

NATBIB_DOCUMENT = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{natbib}
\usepackage{url}
%(hyperref)s
\begin{document}
%(cites)s
\bibliographystyle{plainnat}
\bibliography{refs}
\end{document}
"""

BIBLATEX_DOCUMENT = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage[backend=biber,style=authoryear]{biblatex}
\addbibresource{refs.bib}
%(hyperref)s
\begin{document}
%(cites)s
\printbibliography
\end{document}
"""

#: hyperref, which makes links (and launch actions) of \\href and \\url, with the PDF left
#: uncompressed so that a test can read its actions.
HYPERREF = "\\usepackage{hyperref}\n\\pdfcompresslevel=0 \\pdfobjcompresslevel=0"

_LATEX_ERROR = re.compile(r"^! (.*)$", re.MULTILINE)
_BIBTEX_WARNING = re.compile(r"^Warning--(.*)$", re.MULTILINE)
_BIBTEX_ERRORS = re.compile(r"\(There (?:were|was) (\d+) error messages?\)")
_BIBER_MESSAGE = re.compile(r"^\[\d+\] .*?(WARN|ERROR) - (.*)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class TexRun:
    """What the tools said: LaTeX errors of the final run, bibliography-tool errors, warnings."""

    latex_errors: list[str]
    errors: list[str]
    warnings: list[str]
    bbl: str


def require_tools(*names: str) -> None:
    """Skip (or, with REFS_REQUIRE_TEX=1, fail) when one of the programs is not installed."""
    absent = [name for name in names if shutil.which(name) is None]
    if not absent:
        return
    reason = f"{', '.join(absent)} not installed (apt-get install {APT_PACKAGES})"
    if os.environ.get("REFS_REQUIRE_TEX") == "1":
        pytest.fail(f"REFS_REQUIRE_TEX=1 but {reason}")
    pytest.skip(reason)


def _run(command: Sequence[str], cwd: Path) -> None:
    subprocess.run(command, cwd=cwd, capture_output=True, timeout=120, check=False)


def _latex(cwd: Path) -> list[str]:
    _run(["pdflatex", "-interaction=nonstopmode", "-draftmode", "doc.tex"], cwd)
    log = (cwd / "doc.log").read_text(encoding="utf-8", errors="replace")
    return _LATEX_ERROR.findall(log)


def cite_commands(keys: Sequence[str]) -> str:
    """One ``\\cite`` per key, so every key is cited."""
    return "\n".join(f"\\cite{{{key}}}" for key in keys)


def compile_bib(
    bib: bytes, keys: Sequence[str], cwd: Path, *, biber: bool = False, hyperref: bool = False
) -> TexRun:
    """pdflatex, then BibTeX (plainnat) or biber (biblatex), then pdflatex on the result;
    with ``hyperref``, the document loads it (see `HYPERREF`)."""
    template = BIBLATEX_DOCUMENT if biber else NATBIB_DOCUMENT
    (cwd / "refs.bib").write_bytes(bib)
    values = {"cites": cite_commands(keys), "hyperref": HYPERREF if hyperref else ""}
    (cwd / "doc.tex").write_text(template % values, encoding="utf-8")
    _latex(cwd)
    if biber:
        _run(["biber", "doc"], cwd)
        blg = (cwd / "doc.blg").read_text(encoding="utf-8", errors="replace")
        messages = _BIBER_MESSAGE.findall(blg)
        errors = [text for level, text in messages if level == "ERROR"]
        warnings = [text for level, text in messages if level == "WARN"]
    else:
        _run(["bibtex", "doc"], cwd)
        blg = (cwd / "doc.blg").read_text(encoding="utf-8", errors="replace")
        counted = _BIBTEX_ERRORS.search(blg)
        errors = [blg] if counted else []
        warnings = _BIBTEX_WARNING.findall(blg)
    latex_errors = _latex(cwd)
    bbl = (cwd / "doc.bbl").read_text(encoding="utf-8", errors="replace")
    return TexRun(latex_errors, errors, warnings, bbl)


def typeset_text(cwd: Path) -> str | None:
    """The text of the document compiled by `compile_bib`, from a real PDF (pdflatex without
    draft mode, then poppler's pdftotext), or None when pdftotext is not installed."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("REFS_REQUIRE_TEX") == "1":
            pytest.fail(f"REFS_REQUIRE_TEX=1 but pdftotext is not installed ({APT_PACKAGES})")
        return None
    _run(["pdflatex", "-interaction=nonstopmode", "doc.tex"], cwd)
    _run(["pdftotext", "-enc", "UTF-8", "doc.pdf", "doc.txt"], cwd)
    return (cwd / "doc.txt").read_text(encoding="utf-8", errors="replace")


def files_read(cwd: Path) -> str:
    """The LaTeX log of the last run: every file TeX opened is named in it, ``(./x.tex``."""
    return (cwd / "doc.log").read_text(encoding="utf-8", errors="replace")

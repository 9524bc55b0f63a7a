"""The citation keys a paper cites: LaTeX ``.aux`` files, ``.tex`` sources, Markdown (pandoc).

>>> cited_keys(r"as shown by \\citet[p.~3]{zhou2023lima, wang2023}", "tex")
['zhou2023lima', 'wang2023']
>>> cited_keys("see [@zhou2023lima; @wang2023, p. 3], mail me@example.org", "markdown")
['zhou2023lima', 'wang2023']
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Literal

from refs.citekeys.aux import aux_keys
from refs.citekeys.markdown import markdown_keys
from refs.citekeys.tex import tex_keys

#: The kinds of document keys are read from.
SourceKind = Literal["aux", "tex", "markdown"]

_SUFFIXES: dict[str, SourceKind] = {
    ".aux": "aux",
    ".tex": "tex",
    ".ltx": "tex",
    ".latex": "tex",
    ".md": "markdown",
    ".markdown": "markdown",
    ".qmd": "markdown",
    ".rmd": "markdown",
    ".pandoc": "markdown",
}

__all__ = ["SourceKind", "cited_keys", "kind_of"]


def kind_of(path: PurePath, text: str) -> SourceKind:
    """The kind of document: by suffix, else by content (an .aux holds ``\\citation``)."""
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is not None:
        return kind
    if "\\citation{" in text or "\\abx@aux@cite" in text:
        return "aux"
    if "\\begin{document}" in text or "\\cite" in text:
        return "tex"
    return "markdown"


def cited_keys(text: str, kind: SourceKind) -> list[str]:
    """The keys ``text`` cites, each once, in the order first cited."""
    if kind == "aux":
        found = aux_keys(text)
    elif kind == "tex":
        found = tex_keys(text)
    else:
        found = markdown_keys(text)
    return list(dict.fromkeys(found))

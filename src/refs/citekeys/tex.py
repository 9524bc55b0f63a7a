"""Keys from LaTeX source: ``\\cite``, ``\\citep``, ``\\citet``, ``\\parencite``,
``\\textcite``, ``\\autocite``, ``\\nocite``… with their optional arguments, several keys per
command, and biblatex's multi-cite commands (``\\cites[p.~1]{a}[p.~2]{b}``).

>>> tex_keys(r"\\citep[see][ch.~2]{a, b} \\autocites(pre)(post)[1]{c}{d} % \\cite{commented}")
['a', 'b', 'c', 'd']
"""

from __future__ import annotations

import re

#: Any command with "cite" in its name (\\citep, \\Textcite, \\citeauthor*, \\footcite…).
_COMMAND = re.compile(r"\\([A-Za-z]*[Cc]ite[A-Za-z]*)\*?")
#: Commands with "cite" in their name that take no keys.
_NOT_CITATIONS = frozenset({"citestyle", "citeindextrue", "citeindexfalse", "citeindextype"})
_COMMENT = re.compile(r"(?<!\\)%.*")


def split_keys(text: str) -> list[str]:
    """``"a, b,,c"`` -> ``['a', 'b', 'c']``."""
    return [key.strip() for key in text.split(",") if key.strip()]


def _argument_end(text: str, start: int, closing: str) -> int:
    """The index after the argument that opens at ``start``: braces nest, and a bracket or
    parenthesis inside braces (``[p.~{3]}]``) does not close an optional argument."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if char == closing and depth == 0:
            return index + 1
    return len(text)


def _arguments(text: str, position: int, *, multi: bool) -> tuple[list[str], int]:
    """The key arguments after a cite command: optional ``[…]`` (and ``(…)`` for multi-cite
    commands) skipped, each ``{…}`` read; a plain command takes one, a multi-cite several."""
    keys: list[str] = []
    while True:
        while text[position : position + 1].isspace():
            position += 1
        char = text[position : position + 1]
        if char == "[":
            position = _argument_end(text, position, "]")
        elif char == "(" and multi:
            position = _argument_end(text, position, ")")
        elif char == "{":
            end = _argument_end(text, position, "}")
            keys += split_keys(text[position + 1 : end - 1])
            position = end
            if not multi:
                return keys, position
        else:
            return keys, position


def tex_keys(text: str) -> list[str]:
    """Every cited key of a LaTeX document, in order (repeats kept); comments skipped."""
    text = _COMMENT.sub("", text)
    keys: list[str] = []
    for match in _COMMAND.finditer(text):
        name = match.group(1)
        if name.lower() in _NOT_CITATIONS:
            continue
        found, _ = _arguments(text, match.end(), multi=name.endswith("cites"))
        keys += found
    return keys

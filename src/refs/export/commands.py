"""TeX commands that reach outside the document, found in exported values and written as text.

A store may hold LaTeX copied from an untrusted ``.bib`` file; a value such as ``\\input{/etc/
passwd}`` or ``\\immediate\\write18{…}`` would be run by pdflatex or biber when the paper is
compiled. No bibliography needs to read or write files or run programs, so the export writes
each such command as text (``{\\textbackslash}input``) and says so: the value still prints,
and nothing runs. The commands are in ``tex_commands.txt``, with their sources.

>>> value, found = neutralised(r"Leak \\input{/etc/passwd}, \\textbf{ok} \\immediate\\write18{x}")
>>> print(value)
Leak {\\textbackslash}input{/etc/passwd}, \\textbf{ok} {\\textbackslash}immediate...
>>> found
('\\\\input', '\\\\immediate', '\\\\write')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from refs.bibtex import Macro
from refs.escaping import url_text
from refs.export.clean import VERBATIM_FIELDS, Notes
from refs.model import Entry

#: ``^^5c`` is a backslash to TeX (and ``^^M`` a character), whatever the value says.
_CARETS = re.compile(r"\^\^")
_NAME = re.compile(r"\\([A-Za-z@]+)")
_CARET_NOTATION = "^^ (spells any character, a backslash too)"


@lru_cache(maxsize=1)
def dangerous_commands() -> Mapping[str, str]:
    """Command name (no backslash) -> what it does, from ``tex_commands.txt``."""
    text = resources.files("refs.export").joinpath("tex_commands.txt").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("\\"):
            continue
        command, _, what = line.partition(" ")
        table[command[1:]] = what.strip()
    return MappingProxyType(table)


def _command_at(match: re.Match[str]) -> str | None:
    """The dangerous command a ``\\name`` spells: as letters only (how TeX reads a document)
    or with ``@`` (after ``\\makeatletter``); None for any other command."""
    table = dangerous_commands()
    name = match.group(1)
    letters = re.match(r"[A-Za-z]+", name)
    for candidate in (name, letters.group(0) if letters else ""):
        if candidate in table:
            return candidate
    return None


def neutralised(value: str) -> tuple[str, tuple[str, ...]]:
    """``value`` with each dangerous command written as text, and the commands found."""
    if "\\" not in value and "^^" not in value:
        return value, ()
    found: list[str] = []

    def text_of(match: re.Match[str]) -> str:
        command = _command_at(match)
        if command is None:
            return match.group(0)
        found.append(f"\\{command}")
        return "{\\textbackslash}" + match.group(0)[1:]

    value = _NAME.sub(text_of, value)
    if _CARETS.search(value):
        found.append("^^")
        value = _CARETS.sub("^{}^", value)
    return value, tuple(dict.fromkeys(found))


def _note(notes: Notes, commands: Iterable[str], key: str) -> None:
    table = dangerous_commands()
    for command in dict.fromkeys(commands):
        what = _CARET_NOTATION if command == "^^" else f"{command}: {table[command[1:]]}"
        notes.add(f"TeX command {what}; written as text, not run", key)


def safe_commands(entry: Entry, notes: Notes) -> Entry:
    """Every field of ``entry`` (internal fields too) without a command that would read or
    write a file or run a program; each one found is noted under the entry's key. In a URL
    or an identifier, typeset verbatim, the backslash is percent-encoded instead."""
    fields = dict(entry.fields)
    found: list[str] = []
    for name, value in entry.fields.items():
        safe, commands = neutralised(value)
        if commands:
            found += commands
            fields[name] = url_text(value) if name in VERBATIM_FIELDS else safe
    if not found:
        return entry
    _note(notes, found, entry.key)
    return replace(entry, fields=fields)


def safe_macro(macro: Macro, notes: Notes) -> Macro:
    """An ``@string`` definition made safe as `safe_commands` makes a field."""
    safe, commands = neutralised(macro.value)
    if not commands:
        return macro
    _note(notes, commands, f"@string{{{macro.name}}}")
    return replace(macro, value=safe)

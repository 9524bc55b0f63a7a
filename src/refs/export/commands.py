"""TeX commands that reach outside the document, found in exported values and written as text.

A store may hold LaTeX copied from an untrusted ``.bib`` file; a value such as ``\\input{/etc/
passwd}`` or ``\\immediate\\write18{…}`` would be run by pdflatex or biber when the paper is
compiled. No bibliography needs to read or write files, run programs or put actions into the
PDF, so a value that holds such a command, environment (``\\begin{filecontents*}``) or link
(``\\href{run:…}``, `refs.export.links`) is written wholly as text (``{\\textbackslash}input
{\\textbraceleft}…``), and the export says so: the value still prints as it was written,
nothing runs, and what was built around the command (``\\csname … \\endcsname``) cannot
stop pdflatex either. The commands are in ``tex_commands.txt``, with their
sources.

A value kept as a BibTeX expression is judged by what BibTeX makes of it, not piece by piece:
``"\\inp" # "ut{x}"`` is ``\\input{x}`` once joined. Such a field (or ``@string``) is written
as its resolved value, made safe, when that value holds one of the commands or when two of
its pieces join into a command name.

>>> value, found = neutralised(r"Leak \\input{/etc/passwd}, \\textbf{ok} \\immediate\\write18{x}")
>>> print(value)
Leak {\\textbackslash}input{/etc/passwd}, \\textbf{ok} {\\textbackslash}immediate...
>>> found
('\\\\input', '\\\\immediate', '\\\\write')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from refs.bibtex import MAX_CHARS, Macro, Resolved, Strings
from refs.escaping import is_safe_link, latex_text, url_text, without_controls
from refs.export.clean import VERBATIM_FIELDS, Notes
from refs.export.links import LINK_SCHEMES, safe_links
from refs.model import Entry

#: ``^^5c`` is a backslash to TeX (and ``^^M`` a character), whatever the value says.
_CARETS = re.compile(r"\^\^")
#: A command name whose backslash is not itself escaped (``\\input`` is a line break, then a
#: word).
_NAME = re.compile(r"(?<!\\)((?:\\\\)*)\\([A-Za-z@]+)")
_ENVIRONMENT = re.compile(r"(?<!\\)((?:\\\\)*)\\(?:begin|end)\s*\{\s*([^{}\s]+)\s*\}")
_BEGIN = "\\begin{"
_CARET_NOTATION = "^^ (spells any character, a backslash too)"
_LINK = "a link that opens a file or runs a program"
_JOINED = "BibTeX expression that spells a TeX command once joined; written as its value"
_CUT = f"value longer than {MAX_CHARS:,} characters once expanded; cut there"
_CONTROLS = "control characters, which pdflatex rejects; dropped"
#: The fields a style prints as a link (``\\url{…}`` in plainnat, biblatex's ``url``):
#: one whose target opens a file or runs a program is left out of the export.
_PRINTED_LINKS = frozenset({"url"})
_UNSAFE_URL = "field {name} links to a file or program ({target}); left out"


@dataclass(frozen=True, slots=True)
class _Table:
    """``tex_commands.txt``: command name (no backslash) -> what it does; environments alike."""

    commands: Mapping[str, str]
    environments: Mapping[str, str]


@lru_cache(maxsize=1)
def _table() -> _Table:
    text = resources.files("refs.export").joinpath("tex_commands.txt").read_text("utf-8")
    commands: dict[str, str] = {}
    environments: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("\\"):
            continue
        name, _, what = line.partition(" ")
        if name.startswith(_BEGIN) and name.endswith("}"):
            environments[name[len(_BEGIN) : -1]] = what.strip()
        else:
            commands[name[1:]] = what.strip()
    # \filecontents … \endfilecontents is the environment too, spelled as commands
    for name, what in environments.items():
        if name.isalpha():
            commands.setdefault(name, what)
    return _Table(MappingProxyType(commands), MappingProxyType(environments))


def dangerous_commands() -> Mapping[str, str]:
    """Command name (no backslash) -> what it does, from ``tex_commands.txt``."""
    return _table().commands


def dangerous_environments() -> Mapping[str, str]:
    """Environment name -> what it does, from ``tex_commands.txt``."""
    return _table().environments


def _command_at(name: str) -> str | None:
    """The dangerous command a ``\\name`` spells: as letters only (how TeX reads a document)
    or with ``@`` (after ``\\makeatletter``); None for any other command."""
    table = dangerous_commands()
    letters = re.match(r"[A-Za-z]+", name)
    for candidate in (name, letters.group(0) if letters else ""):
        if candidate in table:
            return candidate
    return None


def neutralised(value: str) -> tuple[str, tuple[str, ...]]:
    """``value`` with each dangerous command, environment and link written as text, and what
    was found (``\\input``, ``\\begin{filecontents}``, ``\\href{run:…}``, ``^^``)."""
    if "\\" not in value and "^^" not in value:
        return value, ()
    value, found = safe_links(value)
    environments = dangerous_environments()

    def environment_text(match: re.Match[str]) -> str:
        if match.group(2) not in environments:
            return match.group(0)
        found.append(f"\\begin{{{match.group(2)}}}")
        return match.group(1) + "{\\textbackslash}" + match.group(0)[len(match.group(1)) + 1 :]

    def command_text(match: re.Match[str]) -> str:
        command = _command_at(match.group(2))
        if command is None:
            return match.group(0)
        found.append(f"\\{command}")
        return match.group(1) + "{\\textbackslash}" + match.group(2)

    value = _ENVIRONMENT.sub(environment_text, value)
    value = _NAME.sub(command_text, value)
    if _CARETS.search(value):
        found.append("^^")
        value = _CARETS.sub("^{}^", value)
    return value, tuple(dict.fromkeys(found))


def _what(found: str) -> str:
    if found == "^^":
        return _CARET_NOTATION
    if found.startswith(_BEGIN):
        return f"{found}: {dangerous_environments()[found[len(_BEGIN) : -1]]}"
    if found.startswith(("\\href", "\\url")):
        return f"{found}: {_LINK}"
    return f"{found}: {dangerous_commands()[found[1:]]}"


def _note(notes: Notes, found: Iterable[str], key: str) -> None:
    for item in dict.fromkeys(found):
        notes.add(f"TeX command {_what(item)}; written as text, not run", key)


@dataclass
class _Made:
    """What making one value safe found, for the notes."""

    found: list[str]
    dropped: list[str] = field(default_factory=list)
    joined: bool = False
    cut: bool = False
    controls: bool = False


def _safe_value(value: str, *, verbatim: bool, made: _Made) -> str:
    """A literal value without control characters or commands that reach outside; in a URL
    or an identifier, typeset verbatim, the backslash is percent-encoded instead."""
    clean = without_controls(value)
    made.controls |= clean != value
    _, found = neutralised(clean)
    made.found += found
    if not found:
        return clean
    # The whole value as text, not just the commands found: what was built around them
    # (``\endcsname``, ``\x`` of a ``\def``, ``\pdfrefobj``) would stop pdflatex.
    return url_text(clean) if verbatim else latex_text(clean)


def _safe_expression(
    expression: str, strings: Strings, *, verbatim: bool, made: _Made
) -> tuple[str, bool]:
    """An expression kept as it is when what it resolves to is safe, else its resolved value
    made safe; and whether it is still an expression."""
    return _judged(strings.resolve(expression), expression, verbatim=verbatim, made=made)


def _judged(
    resolved: Resolved, expression: str, *, verbatim: bool, made: _Made
) -> tuple[str, bool]:
    text = without_controls(resolved.text)
    _, found = neutralised(text)
    if not found and not resolved.joins_command:
        clean = without_controls(expression)
        made.controls |= clean != expression
        return clean, True
    made.joined = True
    made.cut |= resolved.cut
    return _safe_value(resolved.text, verbatim=verbatim, made=made), False


def _report(notes: Notes, made: _Made, key: str) -> None:
    _note(notes, made.found, key)
    if made.joined:
        notes.add(_JOINED, key)
    if made.cut:
        notes.add(_CUT, key)
    if made.controls:
        notes.add(_CONTROLS, key)
    for note in made.dropped:
        notes.add(note, key)


def _unsafe_target(value: str) -> str | None:
    """The first link of a link field that is not to the web (`LINK_SCHEMES`), shortened."""
    for link in value.split():
        if not is_safe_link(link, LINK_SCHEMES, relative=False):
            return link if len(link) <= 40 else link[:39] + "…"
    return None


def safe_commands(entry: Entry, notes: Notes, strings: Strings | None = None) -> Entry:
    """Every field of ``entry`` (internal fields too) without a control character or a
    command, environment or link that would read or write a file, run a program or act in
    the PDF; each one found is noted under the entry's key. A field kept as a BibTeX
    expression is judged by its value resolved against ``strings``."""
    strings = strings if strings is not None else Strings.of(())
    fields = dict(entry.fields)
    macros = set(entry.macros)
    made = _Made([])
    for name, value in entry.fields.items():
        verbatim = name in VERBATIM_FIELDS
        if name in entry.macros:
            fields[name], still = _safe_expression(value, strings, verbatim=verbatim, made=made)
            if not still:
                macros.discard(name)
        else:
            fields[name] = _safe_value(value, verbatim=verbatim, made=made)
        if name not in _PRINTED_LINKS:
            continue
        link = strings.resolve(fields[name]).text if name in macros else fields[name]
        target = _unsafe_target(link)
        if target is not None:
            del fields[name]
            macros.discard(name)
            made.dropped.append(_UNSAFE_URL.format(name=name, target=target))
    if fields == entry.fields and macros == entry.macros:
        return entry
    _report(notes, made, entry.key)
    return replace(entry, fields=fields, macros=frozenset(macros))


def safe_macro(macro: Macro, notes: Notes, strings: Strings | None = None) -> Macro:
    """An ``@string`` definition made safe as `safe_commands` makes a field: an expression
    whose value (resolved against ``strings``) is unsafe is written as that value, safe."""
    made = _Made([])
    if macro.is_expression:
        table = strings if strings is not None else Strings.of([macro])
        value, still = _judged(table.value_of(macro), macro.value, verbatim=False, made=made)
    else:
        value, still = _safe_value(macro.value, verbatim=False, made=made), False
    if value == macro.value and still == macro.is_expression:
        return macro
    _report(notes, made, f"@string{{{macro.name}}}")
    return replace(macro, value=value, is_expression=still)

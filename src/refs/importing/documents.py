"""What an imported document holds, as occurrences: an entry-to-be, where it was, its flags;
and the ``@string`` definitions its BibTeX brings along."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from refs.bibtex import BlockKind, InvalidEntry, Macro, read_bib, validate
from refs.document import Document
from refs.errors import Problem
from refs.importing.meta import RAW_FIELD, protect_raw
from refs.model import Entry, SourceLocation
from refs.parsing import parse_document

#: One line, without its break (``\\n``, ``\\r\\n`` or a lone ``\\r``).
_LINE = re.compile(r"[^\r\n]*")
#: The flag of an occurrence kept only as its raw text.
UNPARSED = "unparsed"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One reference occurrence: the entry it reads as, and whether it came from BibTeX (whose
    key is kept) or from text (keyed by refs)."""

    entry: Entry
    source: SourceLocation
    flags: tuple[str, ...] = ()
    from_bibtex: bool = False


@dataclass(frozen=True, slots=True)
class Definition:
    """An ``@string`` definition of an imported document, and where it was."""

    macro: Macro
    source: SourceLocation


@dataclass(frozen=True, slots=True)
class Reading:
    """What a document holds: its occurrences and definitions, in order, and what was wrong."""

    occurrences: tuple[Occurrence, ...] = ()
    definitions: tuple[Definition, ...] = ()
    problems: tuple[Problem, ...] = ()
    #: A Markdown / HTML / text document as parsed (None for a .bib file).
    document: Document | None = field(default=None, compare=False)


def is_bibtex(text: str) -> bool:
    """True when the document is a .bib file: its first line that is not blank or a ``%``
    comment starts an ``@entry``. Documents are told apart by content, not by suffix.
    Only the lines up to that one are looked at; ``\\r`` ends a line too."""
    pos = 0
    while pos <= len(text):
        line = _LINE.match(text, pos)
        assert line is not None  # the pattern accepts the empty string
        stripped = line.group().strip()
        if stripped and not stripped.startswith("%"):
            return stripped.startswith("@")
        pos = line.end() + 1
    return False


def _raw_occurrence(raw: str, source: SourceLocation) -> Occurrence:
    """An occurrence nothing could be read from: an entry that keeps its raw text, flagged."""
    entry = Entry("?", "misc", {RAW_FIELD: protect_raw(raw)})
    return Occurrence(entry, source, (UNPARSED,))


def bib_reading(text: str, file: str, first_line: int = 1) -> Reading:
    """The entries and ``@string`` definitions of BibTeX text, each with its line in the
    document. A block BibTeX would reject, or an entry the store could not write back, is kept
    as an entry holding its raw text, flagged ``unparsed``; an ``@preamble`` is reported."""
    data = text.encode("utf-8")
    parsed = read_bib(data, file)
    shift = first_line - 1
    problems = [replace(p, line=p.line + shift) for p in parsed.problems]
    problems = [p for p in problems if p.code != "malformed-block"]  # said again below, truer
    found: list[Occurrence] = []
    definitions: list[Definition] = []
    for block in parsed.blocks:
        source = SourceLocation(file, block.line + shift)
        # the blank lines before the next block are not the block's text
        raw = data[block.start : block.end].decode("utf-8", "replace").rstrip()
        if block.kind is BlockKind.STRING and block.name is not None:
            macro = Macro(block.name, block.value or "", block.is_expression)
            definitions.append(Definition(macro, source))
        elif block.kind is BlockKind.PREAMBLE:
            problems.append(_preamble_problem(source))
        elif block.kind is BlockKind.MALFORMED:
            found.append(_raw_occurrence(raw, source))
            problems.append(_kept_raw(source, f"{block.value}"))
        elif block.entry is not None:
            try:
                validate(block.entry)
            except InvalidEntry as error:
                found.append(_raw_occurrence(raw, source))
                problems.append(_kept_raw(source, str(error)))
            else:
                found.append(Occurrence(block.entry, source, from_bibtex=True))
    return Reading(tuple(found), tuple(definitions), tuple(problems))


def _kept_raw(source: SourceLocation, reason: str) -> Problem:
    message = (
        f"{reason}; kept as raw text in an entry flagged {UNPARSED!r} (field {RAW_FIELD}: "
        "unpaired braces and control characters spelled as LaTeX, the rest as it is)"
    )
    return Problem(source.file, source.line, "malformed-block", message)


def _preamble_problem(source: SourceLocation) -> Problem:
    # a preamble is LaTeX that runs in every document citing the store: from a file refs was
    # given to read, it is not carried into the store, where nobody would see it
    message = (
        "@preamble not imported: it is LaTeX code that would run in every document citing the "
        "store; copy it into your document yourself if you trust it"
    )
    return Problem(source.file, source.line, "preamble-not-imported", message)


def _record_entry(
    fields: dict[str, str], entry_type: str, raw: str, flags: tuple[str, ...]
) -> tuple[Entry, tuple[str, ...]]:
    """A record's fields as an entry; one that BibTeX could not hold keeps only its raw text."""
    if UNPARSED in flags or not fields.get("title"):
        fields = {**fields, RAW_FIELD: protect_raw(raw)}
    entry = Entry("?", entry_type, fields)
    try:
        validate(replace(entry, key="check"))
    except InvalidEntry:
        entry = Entry("?", "misc", {RAW_FIELD: protect_raw(raw)})
        flags = (*flags, UNPARSED)
    return entry, flags


def text_reading(text: str, file: str) -> Reading:
    """Every reference occurrence of a Markdown / HTML / text document, and the definitions of
    the BibTeX blocks it embeds."""
    result = parse_document(text, file)
    problems = list(result.problems)
    found = []
    definitions: list[Definition] = []
    for record in result.records:
        entry, flags = _record_entry(
            dict(record.fields), record.entry_type, record.raw, record.flags
        )
        found.append(Occurrence(entry, record.source, flags))
    for embedded in result.bibtex:
        more = bib_reading(embedded.text, file, embedded.line)
        found.extend(more.occurrences)
        definitions.extend(more.definitions)
        problems.extend(more.problems)
    return Reading(tuple(found), tuple(definitions), tuple(problems), result.document)

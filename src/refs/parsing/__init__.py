"""Read survey documents (Markdown, HTML, plain text) into reference records with provenance.

The pipeline: `refs.document.parse` reads the text into one document model, `find_candidates`
picks the reference occurrences among its blocks, and each runs through `PARSE_STEPS`. A block
of a reference section that yields no occurrence is reported (``unread-reference``). No I/O:
the caller reads the file.

>>> result = parse_document("[1] Zhou, C. and Liu, P. **LIMA: Less Is More**. 2023.", "README.md")
>>> record = result.records[0]
>>> str(record.source), record.fields["title"], record.fields["author"]
('README.md:1 [1]', '{LIMA}: Less Is More', 'Zhou, C. and Liu, P.')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from refs.document import parse
from refs.errors import Problem, Severity
from refs.parsing.candidates import Candidate, find_candidates
from refs.parsing.record import EmbeddedBibtex, ParseResult, Record, Shape
from refs.parsing.steps import PARSE_STEPS, Draft, Step, bibtex_value, to_record

__all__ = [
    "PARSE_STEPS",
    "EmbeddedBibtex",
    "ParseResult",
    "Record",
    "Shape",
    "Step",
    "parse_candidate",
    "parse_document",
]

_MESSAGES = {
    "no-title": "no title found",
    "no-year": "no year found",
    "unparsed": "could not read this reference; its raw text is kept",
    "label-reused": "this label is used by another reference of the document too",
}


def parse_candidate(
    candidate: Candidate, file: str, steps: tuple[Step, ...] = PARSE_STEPS
) -> Record:
    """Run one candidate occurrence through ``steps``."""
    draft = Draft(candidate)
    for step in steps:
        draft = step(draft)
    record = to_record(draft, file)
    if candidate.short_name and "shorttitle" not in record.fields:
        # a table row's name cell (``| WebGPT | … | [Paper](…) |``): the work's short name
        fields = {**record.fields, "shorttitle": bibtex_value("shorttitle", candidate.short_name)}
        return replace(record, fields=fields)
    return record


def parse_document(text: str, file: str, steps: tuple[Step, ...] = PARSE_STEPS) -> ParseResult:
    """Every reference occurrence of a document, embedded BibTeX entries, and problems.

    ``file`` is only recorded (in each record's ``source``), never opened.
    """
    found = find_candidates(file, parse(text))
    candidates = list(found.candidates)
    records = [parse_candidate(candidate, file, steps) for candidate in candidates]
    records = _flag_reused_labels(records, candidates)
    problems = [p for record in records for p in _problems(record)]
    problems = sorted([*problems, *found.unread], key=lambda p: p.line)
    return ParseResult(tuple(records), found.bibtex, tuple(problems))


def _flag_reused_labels(records: list[Record], candidates: list[Candidate]) -> list[Record]:
    """Two ``[3]`` entries in one reference list: keep both, flag both.

    Only ``[N]`` / ``<a id>`` entries count: Markdown lists are often numbered ``1.`` throughout.
    """
    listed = [c.is_listed for c in candidates]
    labels = Counter(
        r.source.label for r, is_listed in zip(records, listed, strict=True) if is_listed
    )
    return [
        _with_flag(r, "label-reused") if is_listed and labels[r.source.label] > 1 else r
        for r, is_listed in zip(records, listed, strict=True)
    ]


def _with_flag(record: Record, flag: str) -> Record:
    return Record(
        record.source,
        record.entry_type,
        record.fields,
        record.raw,
        (*record.flags, flag),
        record.shape,
    )


def _problems(record: Record) -> list[Problem]:
    out = []
    for flag in record.flags:
        message = _MESSAGES.get(flag, flag)
        if flag == "id-mismatch":
            message = "an identifier printed in the text differs from the one in the entry's link"
        severity = Severity.INFO if flag == "no-year" else Severity.WARNING
        out.append(Problem(record.source.file, record.source.line, flag, message, severity))
    return out

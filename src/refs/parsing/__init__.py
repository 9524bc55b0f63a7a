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

from dataclasses import replace

from refs.document import Fence, parse
from refs.errors import Problem, Severity
from refs.parsing.candidates import Candidate, find_candidates
from refs.parsing.numbering import Numbered, cites_numbers, number_labels, reused_labels
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
    document = parse(text)
    found = find_candidates(file, document)
    candidates = list(found.candidates)
    records = [parse_candidate(candidate, file, steps) for candidate in candidates]
    cited = cites_numbers(
        "\n".join(block.lines) for block in document.blocks if not isinstance(block, Fence)
    )
    paths = [document.section_of(candidate.line).path for candidate in candidates]
    records = _labelled(records, candidates, paths, cited)
    problems = [p for record in records for p in _problems(record)]
    problems = sorted([*problems, *found.unread], key=lambda p: p.line)
    return ParseResult(tuple(records), found.bibtex, tuple(problems), document)


def _labelled(
    records: list[Record], candidates: list[Candidate], paths: list[tuple[str, ...]], cited: bool
) -> list[Record]:
    """Each record keeps the label `refs.parsing.numbering` gives it; two entries of one
    numbering with the same label keep both, flagged ``label-reused``."""
    facts = [
        Numbered(c.label, c.label is not None and not c.is_listed, path)
        for c, path in zip(candidates, paths, strict=True)
    ]
    labels = number_labels(facts, cited)
    out = []
    for record, label, reused in zip(records, labels, reused_labels(labels), strict=True):
        kept = record
        if label != record.source.label:
            kept = replace(record, source=replace(record.source, label=label))
        out.append(_with_flag(kept, "label-reused") if reused else kept)
    return out


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

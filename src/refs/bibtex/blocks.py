"""The pieces a .bib file is made of, each with its byte span and start line."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from refs.errors import Problem
from refs.model import Entry


class BlockKind(StrEnum):
    """What a span of a .bib file is."""

    ENTRY = "entry"
    STRING = "string"
    PREAMBLE = "preamble"
    COMMENT = "comment"  # an explicit @comment{…}
    TEXT = "text"  # anything between blocks: BibTeX ignores it, we keep it
    MALFORMED = "malformed"  # an @… that BibTeX would reject; kept verbatim


@dataclass(frozen=True, slots=True)
class Block:
    """One span ``data[start:end]`` of a .bib file, starting at 1-based ``line``.

    ``entry`` is set for entries; ``name`` and ``value`` for ``@string`` (``value`` is then the
    macro's value, or its expression when ``is_expression``) and ``value`` for ``@preamble``.
    """

    kind: BlockKind
    start: int
    end: int
    line: int
    entry: Entry | None = None
    name: str | None = None
    value: str | None = None
    is_expression: bool = False


@dataclass(frozen=True, slots=True)
class Macro:
    """An ``@string`` definition: ``value`` is literal text, or a BibTeX expression when
    ``is_expression`` (``acl # " 2020"``)."""

    name: str
    value: str
    is_expression: bool = False


@dataclass(frozen=True, slots=True)
class ParsedBib:
    """A .bib file cut into blocks that cover every byte, in order, and what was wrong with it."""

    blocks: tuple[Block, ...]
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def entries(self) -> list[Entry]:
        """The entries, in file order (repeated keys included)."""
        return [b.entry for b in self.blocks if b.entry is not None]

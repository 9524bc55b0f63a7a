"""Cut a document into blocks (list items, paragraphs, tables, code fences) with their lines.

No longer used by `refs.parsing` (which reads `refs.document`): still used by refs.catalog
(`extract`, `sections`, `grid`), refs.sync (`references`) and refs.check (`document_checks`),
until they read `refs.document` too; then this module goes.

This is the dumb splitter: it knows Markdown's block structure (and the HTML that READMEs
mix into it) but nothing about references. Every block keeps its 1-based first line and its
lines verbatim, so later steps can point back into the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from refs.parsing.labels import ANCHOR, HTML_ITEM, LABEL


class BlockKind(StrEnum):
    """What a block is, structurally."""

    ITEM = "item"  # a bullet, an ordered-list item, or a ``[N]`` / ``<a id>`` labelled entry
    PARAGRAPH = "paragraph"
    FENCE = "fence"
    PIPE_TABLE = "pipe-table"
    HTML_TABLE = "html-table"


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive lines of one structural unit, starting at ``line`` (1-based).

    For items, ``marker`` is the bullet or number that opened it (``-``, ``3.``, ``[3]``),
    ``label`` the number it carries (``"3"``) or None, and ``indent`` its nesting depth in
    columns. For fences, ``info`` is the info string (``bibtex``).
    """

    kind: BlockKind
    line: int
    lines: tuple[str, ...]
    marker: str = ""
    label: str | None = None
    indent: int = 0
    info: str = ""

    @property
    def text(self) -> str:
        """The block's lines joined with newlines, verbatim."""
        return "\n".join(self.lines)


_FENCE = re.compile(r"^\s*+(`{3,}|~{3,})\s*+([\w+-]*)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
#: What opens an ATX heading that has a title: ``## `` (a bare ``##`` is a separator only).
_HEADING_OPENING = re.compile(r"\s{0,3}(#{1,6})\s")


@dataclass(frozen=True, slots=True)
class Heading:
    """An ATX heading: its level (the number of ``#``) and its title as printed."""

    level: int
    title: str


def read_heading(line: str) -> Heading | None:  # still used by refs.check
    """The heading ``line`` opens, its closing ``#`` sequence and the space around it dropped.

    String methods, not one pattern: a pattern that backtracks between the title and the
    closing ``#``s is cubic in a run of spaces.

    >>> read_heading("## Models ##"), read_heading("##"), read_heading("#hashtag")
    (Heading(level=2, title='Models'), None, None)
    """
    opening = _HEADING_OPENING.match(line)
    if opening is None:
        return None
    title = line[opening.end() :].strip().rstrip("#").rstrip()
    return Heading(len(opening.group(1)), title)


def outline(lines: Iterable[str]) -> Iterator[Heading | None]:  # still used by catalog, sync
    """For each line, the heading it opens, or None; lines of fenced code open none.

    >>> [h and h.title for h in outline(["# A", "```", "# not", "```", "text"])]
    ['A', None, None, None, None]
    """
    fence = ""
    for line in lines:
        marker = _FENCE.match(line)
        if marker and (not fence or marker.group(1).startswith(fence)):
            fence = "" if fence else marker.group(1)[0] * 3
            yield None
        else:
            yield None if fence else read_heading(line)


_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
#: ``[3]`` / ``<a id="ref3">`` / ``<li id="ref-3">`` labels: one definition, in refs.parsing.labels.
_LABEL, _ANCHOR, _HTML_ITEM = LABEL, ANCHOR, HTML_ITEM
#: ``- ``, ``* ``, ``+ ``, optionally followed by a number: ``- 3) ``.
_BULLET = re.compile(r"^(?P<indent>\s*)[-*+](?:\s+(?P<label>\d{1,3})[.)])?(?:\s+|$)")
#: An HTML list item, its text on the same line or the next: ``<li>``, ``<li id="ref-3">``.
#: An ``id`` ending in a number labels the item, as an ``<a id>`` anchor does.
_HTML_ITEM = re.compile(
    r"^(?P<indent>\s*)<li(?:\s[^>]*?(?:id|name)=[\"']?[A-Za-z_-]*(?P<label>\d{1,4})[\"']?)?"
    r"(?:\s[^>]*)?>\s*",
    re.IGNORECASE,
)
#: ``3. `` or ``3) ``.
_ORDERED = re.compile(r"^(?P<indent>\s*)(?P<label>\d{1,4})[.)](?:\s+|$)")
#: ``|---|:--:|``; possessive, so that a line of spaces is not split between the ``\s*`` runs.
_SEPARATOR = re.compile(r"^\s*+\|?\s*+:?-{2,}+:?\s*+(?:\|\s*+:?-{2,}+:?\s*+)*+\|?\s*+$")


def _item_start(line: str) -> re.Match[str] | None:
    for pattern in (_LABEL, _ANCHOR, _HTML_ITEM, _BULLET, _ORDERED):
        match = pattern.match(line)
        if match:
            return match
    return None


def _is_pipe_row(line: str) -> bool:
    return line.count("|") >= 1 and ("|" in line.strip()[:1] or line.count("|") >= 2)


def _is_boundary(lines: list[str], i: int) -> bool:
    """True when line ``i`` cannot continue the block before it."""
    line = lines[i]
    return (
        not line.strip()
        or bool(_HEADING.match(line) or _FENCE.match(line) or _RULE.match(line))
        or "<table" in line.lower()
        or _starts_pipe_table(lines, i)
        or _starts_item(line)
    )


def _starts_item(line: str) -> bool:
    """True when ``line`` opens a list item, even in the middle of a block.

    A wrapped citation line may start with its year (``2023. **Title**``): inside a block,
    a number that reads as a year does not open an ordered-list item.
    """
    match = _item_start(line)
    if match is None:
        return False
    return not (match.re is _ORDERED and 1900 <= int(match.group("label")) <= 2099)


def _starts_pipe_table(lines: list[str], i: int) -> bool:
    return (
        i + 1 < len(lines)
        and _is_pipe_row(lines[i])
        and _SEPARATOR.match(lines[i + 1]) is not None
        and "|" in lines[i + 1]
    )


def _width(indent: str) -> int:
    return len(indent.replace("\t", "    "))


def split_blocks(text: str) -> list[Block]:  # still used by refs.catalog and refs.sync
    """Cut ``text`` into blocks; blank lines, headings and rules separate them.

    >>> [(b.kind.value, b.line, b.label) for b in split_blocks("# Refs\\n\\n[1] A. B.\\nC.\\n")]
    [('item', 3, '1')]
    """
    lines = [line.rstrip("\r") for line in text.split("\n")]
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or _HEADING.match(line) or _RULE.match(line):
            i += 1
        elif line.lstrip().startswith("<!--"):
            i = _skip_comment(lines, i)
        elif fence := _FENCE.match(line):
            i = _take_fence(lines, i, fence, blocks)
        elif "<table" in line.lower():
            i = _take_until(lines, i, "</table>", BlockKind.HTML_TABLE, blocks)
        elif _starts_pipe_table(lines, i):
            end = i + 2
            while end < len(lines) and _is_pipe_row(lines[end]):
                end += 1
            blocks.append(Block(BlockKind.PIPE_TABLE, i + 1, tuple(lines[i:end])))
            i = end
        else:
            i = _take_item_or_paragraph(lines, i, blocks)
    return blocks


def _skip_comment(lines: list[str], i: int) -> int:
    while i < len(lines) and "-->" not in lines[i]:
        i += 1
    return i + 1


def _take_fence(lines: list[str], i: int, fence: re.Match[str], blocks: list[Block]) -> int:
    mark = fence.group(1)
    end = i + 1
    while end < len(lines) and not lines[end].strip().startswith(mark):
        end += 1
    # The block's lines are the fence's content; its line is the first content line.
    blocks.append(Block(BlockKind.FENCE, i + 2, tuple(lines[i + 1 : end]), info=fence.group(2)))
    return end + 1


def _take_until(lines: list[str], i: int, closer: str, kind: BlockKind, out: list[Block]) -> int:
    end = i
    while end < len(lines) and closer not in lines[end].lower():
        end += 1
    out.append(Block(kind, i + 1, tuple(lines[i : end + 1])))
    return end + 1


def _take_item_or_paragraph(lines: list[str], i: int, blocks: list[Block]) -> int:
    start = _item_start(lines[i])
    end = i + 1
    while end < len(lines) and not _is_boundary(lines, end):
        end += 1
    if start is None:
        blocks.append(Block(BlockKind.PARAGRAPH, i + 1, tuple(lines[i:end])))
    else:
        blocks.append(
            Block(
                BlockKind.ITEM,
                i + 1,
                tuple(lines[i:end]),
                marker=start.group(0).strip(),
                label=start.group("label"),
                indent=_width(start.group("indent")),
            )
        )
    return end

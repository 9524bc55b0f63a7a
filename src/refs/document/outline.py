"""What the Markdown and HTML walks share while they build: the lines, the sections so far."""

from __future__ import annotations

import re

from refs.document.model import Section

#: Line ends as CommonMark reads them (markdown-it normalises ``\r\n`` and ``\r`` to ``\n``).
_LINE_END = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> tuple[str, ...]:
    """The lines of ``text`` without their ends, as CommonMark numbers them.

    >>> split_lines("a\\r\\nb\\rc\\n")
    ('a', 'b', 'c')
    """
    lines = _LINE_END.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


class Outline:
    """The document's lines and its headings so far, in document order.

    Blocks are built in document order, so the section a block starts in is the one opened
    last (`current`) when the block opens.
    """

    def __init__(self, lines: tuple[str, ...]) -> None:
        self.lines = lines
        self._headings: list[tuple[int, str, int]] = []  # level, title, line

    @property
    def current(self) -> int:
        """The index of the section in force now."""
        return len(self._headings)

    def at(self, line: int, end_line: int) -> tuple[int, int, tuple[str, ...], int]:
        """A block's location fields for lines ``line`` to ``end_line``, in the current section;
        ``end_line`` is kept within the document and never before ``line``."""
        end_line = max(line, min(end_line, len(self.lines)))
        return line, end_line, self.lines[line - 1 : end_line], self.current

    def open_section(self, level: int, title: str, line: int) -> int:
        """Record a heading; the index of the section it opens."""
        self._headings.append((level, title, line))
        return len(self._headings)

    def sections(self) -> tuple[Section, ...]:
        """Every section, section 0 (before the first heading) first."""
        first = self._headings[0][2] if self._headings else len(self.lines) + 1
        out = [Section(0, "", (), 1, first - 1)]
        stack: list[tuple[int, str]] = []
        for index, (level, title, line) in enumerate(self._headings):
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
            is_last = index + 1 == len(self._headings)
            end = len(self.lines) if is_last else self._headings[index + 1][2] - 1
            out.append(Section(level, title, tuple(t for _, t in stack), line, max(end, line)))
        return tuple(out)

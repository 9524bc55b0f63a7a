"""Read .bib bytes into blocks, the way BibTeX itself reads them.

A hand-written splitter rather than bibtexparser's, for two reasons: BibTeX's brace rule (a
backslash does *not* escape a brace; bibtexparser 2.x treats ``\\{`` as escaped and so disagrees
with BibTeX on ~10% of the ACL Anthology) and speed/memory on 100k-entry stores (we work on the
bytes, decode only values, and keep every block's original bytes by offset instead of by copy).
bibtexparser stays the oracle in the tests. Every byte of the input lands in exactly one block.

Linear in the input: every scan moves forward, and a block that is never closed is cut where
the next line starts a block (bibtexparser's rule). A value may run past such a line, as BibTeX
allows, until one block has done so and then turned out broken: from there on each block ends
before the next block line, so one runaway value costs one pass over the file, not one per block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType

from refs.bibtex.blocks import Block, BlockKind, ParsedBib
from refs.bibtex.meta import IDS_FIELD, SOURCES_FIELD, parse_ids, parse_sources
from refs.bibtex.write import unsafe_key_character
from refs.errors import Problem
from refs.model import Entry, SourceLocation

_HEAD = re.compile(rb"@[ \t\r\n]*+([A-Za-z][A-Za-z0-9_:-]*+)?[ \t\r\n]*+([{(])")
_SPACE = re.compile(rb"[ \t\r\n]*")
_KEY_BRACE = re.compile(rb"[ \t\r\n]*([^\s,{}]*)[ \t\r\n]*")
_KEY_PAREN = re.compile(rb"[ \t\r\n]*([^\s,{}()]*)[ \t\r\n]*")
_FIELD = re.compile(rb"[\s,]*([^\s=,{}()\"#%]+)[ \t\r\n]*=[ \t\r\n]*")
#: The common case in one match: ``name = {value without inner braces}`` or ``name = 2020``.
_SIMPLE_FIELD = re.compile(
    rb"[\s,]*([^\s=,{}()\"#%]+)[ \t\r\n]*=[ \t\r\n]*(?:\{([^{}]*)\}|([0-9]+))[ \t\r\n]*+(?!#)"
)
_SEPARATOR = re.compile(rb"[ \t\r\n]*(,?)[\s,]*")
_BARE = re.compile(rb"[^\s,#{}\"()=]+")
#: A line that starts a block: where a block that is never closed is cut.
_BLOCK_LINE = re.compile(rb"[\n\r][ \t]*+@[ \t\r\n]*+[A-Za-z][A-Za-z0-9_:-]*+[ \t\r\n]*+[{(]")
_QUOTE_OR_BRACE = re.compile(rb'["{}]')


_STORE_FIELDS = (SOURCES_FIELD, IDS_FIELD)


@dataclass
class _EntryParts:
    """What an entry's fields add up to while they are read."""

    fields: dict[str, str] = field(default_factory=dict)
    macros: set[str] = field(default_factory=set)
    sources: tuple[SourceLocation, ...] = ()
    ids: tuple[str, ...] = ()
    #: How many times each field name was repeated so far (its copies get numbered names).
    repeats: dict[str, int] = field(default_factory=dict)


class _Malformed(Exception):
    """Raised inside the block parser; turned into a MALFORMED block with this message."""


def _close_brace(data: bytes, opening: int, limit: int) -> int:
    """The offset just past the brace matching ``data[opening] == b'{'``, or -1 when it is not
    closed before ``limit``. Each byte is looked at once: the next ``}`` found is kept until
    the scan passes it."""
    depth = 1
    i = opening + 1
    close = data.find(b"}", i, limit)
    while close >= 0:
        inner = data.find(b"{", i, close)
        if inner >= 0:
            depth += 1
            i = inner + 1
            continue
        depth -= 1
        if depth == 0:
            return close + 1
        i = close + 1
        close = data.find(b"}", i, limit)
    return -1


class _Reader:
    """Parses one .bib buffer; a class only to share the buffer, the problem list and where the
    block being read may end."""

    def __init__(self, data: bytes, file: str) -> None:
        self.data = data
        self.file = file
        self.problems: list[Problem] = []
        self.bad_utf8 = False
        self.field_names: dict[bytes, str] = {}
        self.has_cr = b"\r" in data
        #: True once a block ran past the next block line and then turned out broken.
        self.bounded = False
        # the block being read: its offset and line, where its scans must stop, how far they got
        self.at = 0
        self.line = 1
        self.end = len(data)
        self.reach = 0
        # the last search for a block line: (searched from, offset of its '\n' or len(data))
        self._block_line = (len(data), len(data))

    def text(self, start: int, end: int) -> str:
        chunk = self.data[start:end]
        try:
            return chunk.decode("utf-8")
        except UnicodeDecodeError:
            self.bad_utf8 = True
            return chunk.decode("utf-8", "surrogateescape")

    def problem(self, line: int, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, code, message))

    def breaks(self, start: int, end: int) -> int:
        """Line breaks in ``data[start:end]``: ``\\n``, ``\\r\\n`` and a lone ``\\r`` (old Mac
        files) each count once. Callers cut only before an '@', never inside a ``\\r\\n``."""
        newlines = self.data.count(b"\n", start, end)
        if not self.has_cr:
            return newlines
        return newlines + self.data.count(b"\r", start, end) - self.data.count(b"\r\n", start, end)

    def next_block_line(self, at: int) -> int:
        """Where the first line after ``at`` that starts a block begins (len(data) if none).
        Blocks are read in order, so the last search answers most questions."""
        searched, newline = self._block_line
        if not searched <= at + 1 <= newline:
            match = _BLOCK_LINE.search(self.data, at + 1)
            newline = match.start() if match else len(self.data)
            self._block_line = (at + 1, newline)
        return min(newline + 1, len(self.data))

    def cut(self) -> str:
        """Where the block being read had to end, for messages."""
        if self.end >= len(self.data):
            return "the end of the file"
        return f"line {self.line + self.breaks(self.at, self.end)}, where the next block starts"

    # -- values ------------------------------------------------------------------------------

    def close_brace(self, opening: int) -> int:
        end = _close_brace(self.data, opening, self.end)
        self.reach = max(self.reach, end if end > 0 else self.end)
        return end

    def close_quote(self, opening: int) -> int:
        """The offset just past the ``"`` that ends a quoted value (the first at brace depth 0),
        or -1 when there is none before the block's end; `_Malformed` when a brace closes more
        than was opened (BibTeX's "unbalanced braces")."""
        data = self.data
        depth = 0
        for match in _QUOTE_OR_BRACE.finditer(data, opening + 1, self.end):
            char = data[match.start()]
            if char == 0x22 and depth == 0:  # "
                self.reach = max(self.reach, match.end())
                return match.end()
            if char == 0x7B:  # {
                depth += 1
            elif char == 0x7D:  # }
                if depth == 0:
                    self.reach = max(self.reach, match.end())
                    msg = "unbalanced braces in a quoted value: '}' closes more than was opened"
                    raise _Malformed(msg)
                depth -= 1
        self.reach = self.end
        return -1

    def value(self, pos: int) -> tuple[str, bool, int]:
        """A field value at ``pos`` -> (content or expression, is_expression, offset after it)."""
        data = self.data
        start = pos
        parts = 0
        literal = ""
        is_expression = False
        while True:
            if pos >= self.end:
                msg = f"a value runs to {self.cut()}"
                raise _Malformed(msg)
            char = data[pos]
            if char == 0x7B:  # {
                end = self.close_brace(pos)
                if end < 0:
                    msg = f"unbalanced braces in a value: still open at {self.cut()}"
                    raise _Malformed(msg)
                literal = self.text(pos + 1, end - 1)
            elif char == 0x22:  # "
                end = self.close_quote(pos)
                if end < 0:
                    msg = f"unterminated quoted value: still open at {self.cut()}"
                    raise _Malformed(msg)
                literal = self.text(pos + 1, end - 1)
            else:
                match = _BARE.match(data, pos, self.end)
                if match is None:
                    msg = f"unexpected {chr(char)!r} where a value should start"
                    raise _Malformed(msg)
                end = match.end()
                literal = self.text(pos, end)
                if not literal.isdigit():
                    is_expression = True
            parts += 1
            pos = _SPACE.match(data, end, self.end).end()  # type: ignore[union-attr]
            if pos < self.end and data[pos] == 0x23:  # '#': concatenation
                is_expression = True
                pos = _SPACE.match(data, pos + 1, self.end).end()  # type: ignore[union-attr]
                continue
            if is_expression or parts > 1:
                return self.text(start, end), True, pos
            return literal, False, pos

    # -- blocks ------------------------------------------------------------------------------

    def key(self, body: int, closer: int) -> tuple[str, int]:
        """The entry key after the opening delimiter at ``body``, and the offset after it."""
        key_re = _KEY_BRACE if closer == 0x7D else _KEY_PAREN
        match = key_re.match(self.data, body, self.end)
        assert match is not None  # the pattern accepts the empty string
        key = self.text(match.start(1), match.end(1))
        if not key:
            msg = "entry has no key"
            raise _Malformed(msg)
        if (char := unsafe_key_character(key)) is not None:
            msg = f"entry key {key!r} holds the control or invisible character {char!r}"
            raise _Malformed(msg)
        return key, match.end()

    def entry(self, at: int, body: int, closer: int, entry_type: str, line: int) -> Block:
        data = self.data
        key, pos = self.key(body, closer)
        parts = _EntryParts()
        fields, macros = parts.fields, parts.macros
        if pos < self.end and data[pos] == 0x2C:  # ','
            pos += 1
        elif pos >= self.end or data[pos] != closer:
            msg = f"expected ',' after the key {key!r}"
            raise _Malformed(msg)
        names = self.field_names
        while True:
            simple = _SIMPLE_FIELD.match(data, pos, self.end)
            if simple is not None:
                raw_name = simple.group(1)
                name = names.get(raw_name) or self.field_name(raw_name)
                start, end = simple.span(2) if simple.start(2) >= 0 else simple.span(3)
                value, is_expression, pos = self.text(start, end), False, simple.end()
            else:
                pos = _SEPARATOR.match(data, pos, self.end).end()  # type: ignore[union-attr]
                if pos < self.end and data[pos] == closer:
                    break
                if pos >= self.end:
                    msg = f"entry {key!r} is not closed before {self.cut()}"
                    raise _Malformed(msg)
                assignment = _FIELD.match(data, pos, self.end)
                if assignment is None:
                    msg = f"entry {key!r}: expected a field name or the end of the entry"
                    raise _Malformed(msg)
                name = self.field_name(assignment.group(1))
                value, is_expression, pos = self.value(assignment.end())
            if name in fields or name in _STORE_FIELDS:
                self.special_field(parts, key, line, name, (value, is_expression))
            else:
                fields[name] = value
                if is_expression:
                    macros.add(name)
            if pos >= self.end:
                msg = f"entry {key!r} is not closed before {self.cut()}"
                raise _Malformed(msg)
            if data[pos] not in (0x2C, closer):
                msg = f"entry {key!r}: expected ',' after field {name!r}"
                raise _Malformed(msg)
        # a read-only view of a dict nobody else holds: Entry keeps it without a copy
        entry = Entry(
            key, entry_type, MappingProxyType(fields), parts.sources, parts.ids, frozenset(macros)
        )
        return Block(BlockKind.ENTRY, at, pos + 1, line, entry=entry)

    def field_name(self, raw: bytes) -> str:
        name = raw.decode("ascii", "replace").lower()
        self.field_names[raw] = name
        return name

    def special_field(
        self, parts: _EntryParts, key: str, line: int, name: str, value: tuple[str, bool]
    ) -> None:
        """The store's own fields, and repeated fields (kept under another name, reported)."""
        text, is_expression = value
        if name == SOURCES_FIELD and not is_expression and not parts.sources:
            parts.sources, bad = parse_sources(text)
            for item in bad:
                self.problem(line, "bad-source", f"entry {key!r}: unreadable source {item!r}")
            return
        if name == IDS_FIELD and not is_expression and not parts.ids:
            parts.ids = parse_ids(text)
            return
        # title_duplicate, then title_duplicate2, 3 …: numbered, so n repeats cost O(n)
        count = parts.repeats.get(name, 0) + 1
        duplicate = f"{name}_duplicate" if count == 1 else f"{name}_duplicate{count}"
        while duplicate in parts.fields:
            count += 1
            duplicate = f"{name}_duplicate{count}"
        parts.repeats[name] = count
        self.problem(
            line,
            "repeated-field",
            f"entry {key!r}: field {name!r} given twice; BibTeX uses the first, "
            f"the other is kept as {duplicate!r}",
        )
        parts.fields[duplicate] = text
        if is_expression:
            parts.macros.add(duplicate)

    def string(self, at: int, body: int, closer: int, line: int) -> Block:
        assignment = _FIELD.match(self.data, body, self.end)
        if assignment is None:
            msg = "@string without 'name = value'"
            raise _Malformed(msg)
        name = assignment.group(1).decode("ascii", "replace").lower()
        value, is_expression, pos = self.value(assignment.end())
        pos = _SEPARATOR.match(self.data, pos, self.end).end()  # type: ignore[union-attr]
        if pos >= self.end or self.data[pos] != closer:
            msg = f"@string {name!r} does not end after its value"
            raise _Malformed(msg)
        return Block(
            BlockKind.STRING, at, pos + 1, line, name=name, value=value, is_expression=is_expression
        )

    def delimited(self, kind: BlockKind, at: int, opening: int, line: int) -> Block:
        """@preamble / @comment: the block runs to the matching brace or parenthesis."""
        data = self.data
        if data[opening] == 0x7B:
            end = self.close_brace(opening)
        else:
            end = data.find(b")", opening, self.end) + 1
        if end <= 0:
            msg = f"@{kind} is not closed before {self.cut()}"
            raise _Malformed(msg)
        return Block(kind, at, end, line, value=self.text(opening + 1, end - 1))

    def block(self, at: int, line: int) -> Block | None:
        """The block starting at the '@' at ``at``; None when that '@' starts nothing."""
        head = _HEAD.match(self.data, at)
        if head is None:
            return None
        self.at, self.line, self.reach = at, line, at
        self.end = self.next_block_line(at) if self.bounded else len(self.data)
        raw_type = head.group(1)
        opening = head.end() - 1
        closer = 0x7D if self.data[opening] == 0x7B else 0x29
        if raw_type is None:
            msg = "no entry type after '@'"
            raise _Malformed(msg)
        entry_type = raw_type.decode("ascii").lower()
        if entry_type == "comment":
            return self.delimited(BlockKind.COMMENT, at, opening, line)
        if entry_type == "preamble":
            return self.delimited(BlockKind.PREAMBLE, at, opening, line)
        if entry_type == "string":
            return self.string(at, head.end(), closer, line)
        return self.entry(at, head.end(), closer, entry_type, line)

    def malformed_end(self, at: int) -> int:
        """Where a rejected block ends: its matching brace if it has one before the next line
        that starts a block, else that line (BibTeX skips to the next '@'; a line start is a
        safer resync). A block whose scans went past that line and failed all the same makes
        the reader bounded from here on: that failure cost one pass, the next ones cost none."""
        limit = self.next_block_line(at)
        if self.reach > limit:
            self.bounded = True
        head = _HEAD.match(self.data, at)
        if head is not None and self.data[head.end() - 1] == 0x7B:
            end = _close_brace(self.data, head.end() - 1, limit)
            if end > 0:
                return end
        return limit


def read_bib(data: bytes, file: str = "<bib>") -> ParsedBib:
    """Cut .bib bytes into blocks covering every byte, with entries parsed and problems listed.

    >>> parsed = read_bib(b"@misc{k, title = {T}}\\n")
    >>> [(b.kind.value, b.line) for b in parsed.blocks]
    [('entry', 1), ('text', 1)]
    """
    reader = _Reader(data, file)
    blocks: list[Block] = []
    pos = 0  # everything before pos is in a block
    line = 1  # line of pos
    search = 0
    counted = 0  # newlines counted up to here
    while True:
        at = data.find(b"@", search)
        if at < 0:
            break
        line += reader.breaks(counted, at)
        counted = at
        try:
            block = reader.block(at, line)
        except _Malformed as error:
            end = reader.malformed_end(at)
            block = Block(BlockKind.MALFORMED, at, end, line, value=str(error))
            reader.problem(line, "malformed-block", f"{error}; kept verbatim")
        if block is None:
            search = at + 1
            continue
        if at > pos:
            blocks.append(Block(BlockKind.TEXT, pos, at, line - reader.breaks(pos, at)))
        blocks.append(block)
        pos = search = block.end
    if pos < len(data):
        # the last '@' seen may lie after pos (an '@' that started nothing)
        if counted > pos:
            line -= reader.breaks(pos, counted)
        else:
            line += reader.breaks(counted, pos)
        blocks.append(Block(BlockKind.TEXT, pos, len(data), line))
    if reader.bad_utf8:
        reader.problem(1, "not-utf8", "the file is not valid UTF-8; odd bytes are kept as they are")
    _report_repeated_keys(blocks, reader)
    return ParsedBib(tuple(blocks), tuple(reader.problems))


def _report_repeated_keys(blocks: list[Block], reader: _Reader) -> None:
    first_line: dict[str, int] = {}
    for block in blocks:
        if block.entry is None:
            continue
        folded = block.entry.key.casefold()
        if folded in first_line:
            reader.problem(
                block.line,
                "repeated-key",
                f"key {block.entry.key!r} already used at line {first_line[folded]}; "
                "both entries are kept",
            )
        else:
            first_line[folded] = block.line

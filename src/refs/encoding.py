"""Bytes of a document -> text, the one way every reader of refs does it.

A byte-order mark names the encoding (UTF-8, UTF-16 or UTF-32, either byte order); text without
one is UTF-8, and bytes that are not UTF-8 are read as Windows-1252 (what a "Latin-1" file on
the web almost always is), with a warning at the first of them. Line breaks become ``\\n``
wherever a reader of the file sees one (``\\r\\n``, ``\\r`` or ``\\n``), so line numbers count
the lines an editor shows. Binary data is refused rather than read as junk: POSIX defines a
text file as one without NUL characters, and ``git`` and ``grep`` tell binary files by the same
sign; only UTF-16/32 text, which is full of NUL bytes, is told by its mark instead.

>>> decode_text(b"caf\\xe9\\r\\nbar", "notes.md")[0]
'café\\nbar'
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from refs.errors import Problem, UnreadableInput

#: Byte-order marks and the codec each names; UTF-32 LE first, as its mark begins with UTF-16 LE's.
BYTE_ORDER_MARKS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
#: The code of the warning about a store file that is not UTF-8 on disk.
STORE_ENCODING = "store-encoding"


def _cp1252(byte: int) -> str:
    """The Windows-1252 character of a byte; the five it leaves undefined read as Latin-1."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


#: Each byte that is not UTF-8, as ``surrogateescape`` keeps it (U+DC00 + byte) -> its character.
_CP1252 = {0xDC00 + byte: _cp1252(byte) for byte in range(0x80, 0x100)}


class BinaryInput(UnreadableInput):
    """Input that is binary data (a program, an image, an archive), not a text document."""

    def __init__(self, file: str, line: int) -> None:
        super().__init__(f"{file}:{line}: binary data, not a text document")


def byte_order_mark(data: bytes) -> tuple[bytes, str, str] | None:
    """The (mark, codec, name) the data starts with, or None."""
    for entry in BYTE_ORDER_MARKS:
        if data.startswith(entry[0]):
            return entry
    return None


def _line_after(before: str) -> int:
    """The 1-based line that follows the text ``before``, counting ``\\r\\n``, ``\\r`` and
    ``\\n`` as one break each (what an editor shows as lines)."""
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _decode(data: bytes, file: str) -> tuple[str, list[Problem]]:
    """The text before line breaks are normalised, and what was odd about its encoding."""
    mark = byte_order_mark(data)
    if mark is not None and mark[1] != "utf-8":
        bom, codec, name = mark
        body = data[len(bom) :]
        try:
            return body.decode(codec), []
        except UnicodeDecodeError as error:
            line = _line_after(body[: error.start].decode(codec, "replace"))
            message = f"not valid {name}; the odd bytes are replaced by U+FFFD"
            return body.decode(codec, "replace"), [Problem(file, line, "bad-encoding", message)]
    body = data[len(mark[0]) :] if mark is not None else data
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = _line_after(body[: error.start].decode("utf-8"))
    # only the bytes that are not UTF-8 are read as cp1252: a Latin-1 file reads whole, and
    # the UTF-8 characters of a file that mixes both stay what they are
    text = body.decode("utf-8", "surrogateescape").translate(_CP1252)
    message = "not valid UTF-8; the bytes that are not were read as Windows-1252 (cp1252)"
    return text, [Problem(file, line, "not-utf8", message)]


def refuse_binary(text: str, file: str) -> None:
    """Raise `BinaryInput` when decoded ``text`` holds a NUL character."""
    nul = text.find("\0")
    if nul >= 0:
        raise BinaryInput(file, _line_after(text[:nul]))


def decode_text(
    data: bytes, file: str, *, keep_line_ends: bool = False
) -> tuple[str, list[Problem]]:
    """A document's text with ``\\n`` line breaks, and warnings about its encoding.

    Raises `BinaryInput` (``file:line: binary data, not a text document``) for binary data.
    With ``keep_line_ends`` the breaks stay as they are (the .bib reader counts a lone ``\\r``
    itself, and a value keeps its ``\\r\\n``).

    >>> decode_text("\\ufeffa\\rb".encode("utf-16-le"), "r.md")
    ('a\\nb', [])
    """
    text, problems = _decode(data, file)
    refuse_binary(text, file)
    return (text if keep_line_ends else normalise_line_ends(text)), problems


def normalise_line_ends(text: str) -> str:
    """``\\r\\n`` and a lone ``\\r`` as ``\\n``: one break wherever an editor shows one."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def store_bytes(data: bytes, file: str) -> tuple[bytes, list[Problem]]:
    """A store file's bytes as the store keeps them: UTF-8. BOM-marked UTF-16/32 and text that
    is not UTF-8 (read as cp1252, as documents are) are transcoded, with a warning: the next
    write is UTF-8 throughout (editing such a file in place would leave it in two encodings).
    Raises `BinaryInput` for binary data."""
    mark = byte_order_mark(data)
    if mark is None or mark[1] == "utf-8":
        nul = data.find(b"\0")
        if nul >= 0:
            raise BinaryInput(file, _line_after(data[:nul].decode("latin-1")))
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return data, []
    text, problems = _decode(data, file)
    refuse_binary(text, file)
    name = mark[2] if mark is not None else "not UTF-8"
    warning = f"the store is {name}; it is read as such and its next write is UTF-8"
    if mark is None:
        warning = "the store is not UTF-8 (read as cp1252); its next write is UTF-8"
    return text.encode("utf-8", "surrogateescape"), [
        *problems,
        Problem(file, 1, STORE_ENCODING, warning),
    ]


class NotRewritable(UnreadableInput):
    """A document refs can read but would not write back as it found it (not UTF-8 and no
    byte-order mark: its bytes would end up in two encodings)."""


@dataclass(frozen=True, slots=True)
class Layout:
    """How a document's text is stored, so it can be written back the same way: its
    byte-order mark and codec, and whether its lines end in a lone ``\\r``."""

    mark: bytes = b""
    codec: str = "utf-8"
    lone_cr: bool = False

    def encode(self, text: str) -> bytes:
        """``text`` (lines as `editable_text` gave them) as the file's bytes."""
        if self.lone_cr:
            text = text.replace("\n", "\r")
        return self.mark + text.encode(self.codec, "surrogateescape")


def editable_text(data: bytes, file: str) -> tuple[str, Layout]:
    """A document's text for rewriting in place, with its line ends kept (``\\r\\n`` stays;
    a file whose lines end in a lone ``\\r`` is given with ``\\n``), and how to encode it back.

    Raises `BinaryInput` for binary data and `NotRewritable` for text that is not UTF-8 and
    carries no byte-order mark.

    >>> editable_text(codecs.BOM_UTF16_LE + "a\\r\\nb".encode("utf-16-le"), "r.md")[0]
    'a\\r\\nb'
    """
    mark = byte_order_mark(data)
    bom, codec = (mark[0], mark[1]) if mark is not None else (b"", "utf-8")
    body = data[len(bom) :]
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        line = _line_after(body[: error.start].decode(codec, "replace"))
        msg = (
            f"{file}:{line}: not {codec.upper().replace('-LE', '').replace('-BE', '')} text; "
            "refs writes documents back in their own encoding: convert it to UTF-8 first"
        )
        raise NotRewritable(msg) from None
    refuse_binary(text, file)
    lone_cr = "\r" in text and "\n" not in text
    return (text.replace("\r", "\n") if lone_cr else text), Layout(bom, codec, lone_cr)

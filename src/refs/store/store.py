"""The canonical .bib store on disk: load (cold or from the index), edit by key, save atomically.

Untouched blocks are written back byte for byte and in their order; new or edited entries are
written in the canonical layout, new ones inserted in key order, so one change is a small diff;
new ``@string`` definitions go before the first entry, where every entry can use them.

The store is UTF-8: a store file in BOM-marked UTF-16/32 is read as such (and its next write is
UTF-8); one that is not UTF-8 is kept byte for byte; a binary file is refused.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from refs.bibtex import (
    BlockKind,
    Macro,
    ParsedBib,
    format_entry,
    format_macro,
    read_bib,
    validate,
    validate_macro,
)
from refs.encoding import store_bytes
from refs.errors import Problem, StoreChanged, UnreadableInput
from refs.model import Entry
from refs.project import open_regular
from refs.store.digests import Stamp, remember, remembered, stamp
from refs.store.files import atomic_write, read_or_none
from refs.store.index import load_index, save_index
from refs.store.locks import locked, real_path


def content_digest(data: bytes) -> str:
    """The content key of a store: what the warm-load index and change detection use."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class Store:
    """A .bib file read into blocks, plus the edits made since (kept apart until saved)."""

    def __init__(self, path: Path, data: bytes, parsed: ParsedBib, digest: str | None) -> None:
        self.path = path
        #: The store's content as UTF-8 (a UTF-16/32 file transcoded); blocks index into it.
        self.data = data
        self.blocks = parsed.blocks
        self.problems: tuple[Problem, ...] = parsed.problems
        #: Digest of the file's bytes on disk as read; None when the file did not exist.
        self.digest = digest
        self._replaced: dict[int, Entry | None] = {}
        self._added: dict[str, Entry] = {}
        self._added_macros: dict[str, Macro] = {}
        self._by_key: dict[str, int] = {}
        self._defined: dict[str, Macro] = {}  # the last definition of each macro in the file
        for index, block in enumerate(self.blocks):
            if block.entry is not None:
                self._by_key.setdefault(block.entry.key.casefold(), index)
            elif block.kind is BlockKind.STRING and block.name is not None:
                macro = Macro(block.name, block.value or "", block.is_expression)
                self._defined[block.name.casefold()] = macro

    # -- reading -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries())

    def entries(self) -> list[Entry]:
        """Every entry, repeated keys included, in the order the file will be written."""
        if not self.is_modified:
            return [b.entry for b in self.blocks if b.entry is not None]
        return [entry for entry, _ in self._layout() if entry is not None]

    def get(self, key: str) -> Entry | None:
        """The entry with this key (case-insensitively; the first one if the key is repeated)."""
        folded = key.casefold()
        if folded in self._added:
            return self._added[folded]
        index = self._by_key.get(folded)
        if index is None:
            return None
        if index in self._replaced:
            return self._replaced[index]
        return self.blocks[index].entry

    @property
    def macros(self) -> list[Macro]:
        """The ``@string`` definitions, in file order (the ones added since read last)."""
        in_file = [
            Macro(b.name, b.value, b.is_expression)
            for b in self.blocks
            if b.kind is BlockKind.STRING and b.name is not None and b.value is not None
        ]
        return [*in_file, *self._added_macros.values()]

    @property
    def is_modified(self) -> bool:
        """True when there are edits not yet saved."""
        return bool(self._replaced or self._added or self._added_macros)

    # -- editing -----------------------------------------------------------------------------

    def put(self, entry: Entry) -> None:
        """Add ``entry``, or replace the entry with its key (compared case-insensitively)."""
        validate(entry)
        folded = entry.key.casefold()
        index = self._by_key.get(folded)
        if index is not None and self._replaced.get(index, self.blocks[index].entry) is not None:
            self._replaced[index] = entry
        else:
            self._added[folded] = entry

    def add_macro(self, macro: Macro) -> Macro | None:
        """Define the ``@string`` macro, unless the store has it: None when it is added or the
        store has the same definition, else the store's own definition, which is kept.

        Raises `InvalidEntry` for a definition that cannot be written to read back the same.
        """
        validate_macro(macro)
        folded = macro.name.casefold()
        current = self._defined.get(folded) or self._added_macros.get(folded)
        if current is None:
            self._added_macros[folded] = macro
            return None
        same = (current.value, current.is_expression) == (macro.value, macro.is_expression)
        return None if same else current

    def remove(self, key: str) -> Entry:
        """Remove the entry with this key and return it; `KeyError` if there is none."""
        folded = key.casefold()
        if folded in self._added:
            return self._added.pop(folded)
        current = self.get(key)
        index = self._by_key.get(folded)
        if current is None or index is None:
            raise KeyError(key)
        self._replaced[index] = None
        return current

    # -- writing -----------------------------------------------------------------------------

    def _insertion_points(self) -> dict[int, list[Entry]]:
        """Where new entries go: before the first entry whose key sorts after theirs."""
        positions: list[int] = []
        running_max: list[str] = []
        for index, block in enumerate(self.blocks):
            if block.entry is not None:
                folded = block.entry.key.casefold()
                if not running_max or folded > running_max[-1]:
                    positions.append(index)
                    running_max.append(folded)
        points: dict[int, list[Entry]] = {}
        for folded in sorted(self._added):
            at = bisect.bisect_right(running_max, folded)
            where = positions[at] if at < len(positions) else len(self.blocks)
            points.setdefault(where, []).append(self._added[folded])
        return points

    def _macro_lines(self) -> bytes:
        return b"".join(
            format_macro(m).encode("utf-8", "surrogateescape") + b"\n"
            for m in self._added_macros.values()
        )

    def _layout(self) -> Iterator[tuple[Entry | None, bytes | None]]:
        """The file to write, piece by piece: (entry, its original bytes or None to format)."""
        points = self._insertion_points() if self._added else {}
        first_entry = next(
            (i for i, b in enumerate(self.blocks) if b.kind is BlockKind.ENTRY), len(self.blocks)
        )
        skip_space = False
        for index, block in enumerate(self.blocks):
            if index == first_entry and self._added_macros:
                at_line_start = block.start == 0 or self.data[block.start - 1] == 0x0A
                yield None, (b"" if at_line_start else b"\n") + self._macro_lines() + b"\n"
            for entry in points.get(index, ()):
                yield entry, None
                yield None, b"\n\n"
            chunk = self.data[block.start : block.end]
            if skip_space and block.kind is BlockKind.TEXT and not chunk.strip():
                skip_space = False
                continue
            skip_space = False
            if index not in self._replaced:
                yield block.entry, chunk
            elif (replacement := self._replaced[index]) is not None:
                yield replacement, None
            else:
                skip_space = True
        tail = points.get(len(self.blocks), [])
        macros_last = first_entry == len(self.blocks) and bool(self._added_macros)
        if (tail or macros_last) and self.data and not self.data.endswith(b"\n\n"):
            yield None, b"\n" if self.data.endswith(b"\n") else b"\n\n"
        if macros_last:
            yield None, self._macro_lines() + (b"\n" if tail else b"")
        for number, entry in enumerate(tail):
            yield None, b"\n" if number else b""
            yield entry, None
            yield None, b"\n"

    def to_bytes(self) -> bytes:
        """The file's new content: untouched blocks byte for byte, edits in canonical layout."""
        if not self.is_modified:
            return self.data
        pieces: list[bytes] = []
        for entry, chunk in self._layout():
            if chunk is not None:
                pieces.append(chunk)
            elif entry is not None:
                pieces.append(format_entry(entry).encode("utf-8", "surrogateescape"))
        return b"".join(pieces)


def _read_with_stamp(path: Path) -> tuple[bytes, Stamp] | None:
    """The file's bytes and the stamp of exactly those bytes (taken from the open file after
    reading it, so a write in between shows as a changed stamp); None when it is absent."""
    if path.is_dir():
        msg = f"{path}: is a directory, not a .bib file"
        raise UnreadableInput(msg)
    try:
        with open_regular(path) as handle:  # a FIFO or a device as --store is refused, not read
            data = handle.read()
            return data, stamp(os.fstat(handle.fileno()))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        msg = f"{path}: is a directory, not a .bib file"
        raise UnreadableInput(msg) from None
    except OSError as error:
        msg = f"{path}: cannot read the store: {error.strerror}"
        raise UnreadableInput(msg) from None


def store_digest(path: Path, cache_dir: Path | None = None) -> str | None:
    """The content digest of the store at ``path`` (None when absent), from the memo when the
    file is unchanged since it was last hashed: a search needs no more than this."""
    try:
        current = stamp(path.stat())
    except FileNotFoundError:
        return None
    digest = remembered(cache_dir, path, current)
    if digest is not None:
        return digest
    read = _read_with_stamp(path)
    if read is None:
        return None
    data, current = read
    digest = content_digest(data)
    remember(cache_dir, path, current, digest)
    return digest


def load_store(path: Path, cache_dir: Path | None = None) -> Store:
    """Read the store at ``path`` (an absent file is an empty store).

    With ``cache_dir``, an unchanged store is read from its index instead of parsed again.
    Raises `refs.encoding.BinaryInput` when the file is binary data.
    """
    read = _read_with_stamp(path)
    if read is None:
        return Store(path, b"", ParsedBib(()), None)
    on_disk, current = read
    # change detection and the index are keyed by the bytes on disk; blocks index into ``data``
    data, encoding_problems = store_bytes(on_disk, str(path))
    digest = remembered(cache_dir, path, current)
    if digest is None:
        digest = content_digest(on_disk)
        remember(cache_dir, path, current, digest)
    parsed = load_index(cache_dir, digest, str(path)) if cache_dir is not None else None
    if parsed is None:
        parsed = read_bib(data, str(path))
        if cache_dir is not None:
            save_index(cache_dir, digest, parsed)
    store = Store(path, data, parsed, digest)
    store.problems = (*encoding_problems, *store.problems)
    return store


def save_store(store: Store, cache_dir: Path | None = None) -> bool:
    """Write the store's edits atomically, under its lock; False when there was nothing to
    write. No undo step is recorded: commands write through `refs.store.transactions`.

    Raises `StoreChanged` when the file changed on disk since it was read (no lost updates).
    """
    if not store.is_modified:
        return False
    with locked([store.path], cache_dir):
        check_unchanged(store)
        atomic_write(store.path, store.to_bytes())
    return True


def check_unchanged(store: Store) -> None:
    """Raise `StoreChanged` when the file changed on disk since ``store`` was read (an editor,
    a tool that ignores refs' lock): writing would lose that change."""
    on_disk = read_or_none(real_path(store.path))
    digest = None if on_disk is None else content_digest(on_disk)
    if digest != store.digest:
        msg = f"{store.path}: changed on disk since it was read; nothing written, run again"
        raise StoreChanged(msg)


@contextlib.contextmanager
def edit_store(path: Path, cache_dir: Path | None = None) -> Iterator[Store]:
    """Load, edit and save the store while holding its lock: concurrent edits queue up. No undo
    step is recorded (commands use `refs.store.transactions`).

    >>> with edit_store(Path("references.bib")) as store:  # doctest: +SKIP
    ...     store.put(entry)
    """
    with locked([path], cache_dir):
        store = load_store(path, cache_dir)
        yield store
        if store.is_modified:
            check_unchanged(store)
            atomic_write(path, store.to_bytes())

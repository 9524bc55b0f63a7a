"""A person's decisions that two entries are different works, kept beside the store.

``references.bib.not-duplicates`` holds one pair of keys per line, separated by blanks;
``#`` starts a comment. Keys compare case-insensitively, and a decision follows an entry
through merges (its retired keys in ``ids`` count as its names)::

    # refs dedupe --not-duplicate KEY KEY
    honovich2022unnatural mishra2022unnatural
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from refs.errors import RefsError, UnreadableInput
from refs.model import Entry
from refs.project import Refusal, Refused, read_regular

SUFFIX = ".not-duplicates"
_HEADER = "# refs dedupe: pairs of keys that name different works (refs dedupe --not-duplicate)\n"


class UnknownKey(RefsError):
    """A key given on the command line that no entry of the store has."""


def check_keys(entries: Sequence[Entry], pairs: Sequence[tuple[str, str]], store: str) -> None:
    """Raise `UnknownKey` unless each pair names two different entries (keys or retired keys)."""
    known = {key.casefold() for e in entries for key in (e.key, *e.ids)}
    for first, second in pairs:
        for key in (first, second):
            if key.casefold() not in known:
                msg = f"{store}: no entry has the key {key!r} (--not-duplicate)"
                raise UnknownKey(msg)
        if first.casefold() == second.casefold():
            msg = f"--not-duplicate needs two different keys, got {first!r} twice"
            raise UnknownKey(msg)


def decisions_path(store_path: Path) -> Path:
    """The decisions file of a store: ``references.bib`` -> ``references.bib.not-duplicates``."""
    return store_path.with_name(store_path.name + SUFFIX)


def _pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a.casefold(), b.casefold()))


@dataclass(frozen=True)
class Distinct:
    """Pairs of keys declared to be different works."""

    pairs: tuple[tuple[str, str], ...] = ()
    _folded: frozenset[frozenset[str]] = field(default=frozenset(), repr=False)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> Distinct:
        unique = sorted({tuple(sorted((a, b), key=str.casefold)) for a, b in pairs})
        as_pairs = tuple((a, b) for a, b in unique)
        return cls(as_pairs, frozenset(_pair(a, b) for a, b in as_pairs))

    def separates(self, x: Entry, y: Entry) -> bool:
        """True when a decision says ``x`` and ``y`` are different works."""
        if not self._folded:
            return False
        names_x = (x.key, *x.ids)
        names_y = (y.key, *y.ids)
        return any(_pair(a, b) in self._folded for a in names_x for b in names_y)


#: The largest decisions file read (a pair of keys is a line: millions of decisions fit).
DECISIONS_LIMIT = 64 * 2**20


def read_decisions(path: Path) -> Distinct:
    """The decisions in ``path``; none when the file is absent. The file lies beside the store
    in the store's repository, so it is data: a symlink (it could point anywhere, and refs
    writes this file), a FIFO, a device or a huge file is refused, not read."""
    if path.is_symlink():
        raise Refused(str(path), Refusal.NOT_REGULAR, "(a symbolic link: it could point anywhere)")
    try:
        text = read_regular(path, DECISIONS_LIMIT).decode("utf-8")
    except FileNotFoundError:
        return Distinct()
    except (OSError, UnicodeDecodeError) as error:
        msg = f"{path}: cannot read the not-duplicate decisions: {error}"
        raise UnreadableInput(msg) from None
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 2:
            msg = f"{path}:{number}: expected two keys separated by a blank, got {line.strip()!r}"
            raise UnreadableInput(msg)
        pairs.append((words[0], words[1]))
    return Distinct.of(pairs)


def format_decisions(distinct: Distinct) -> bytes:
    """The decisions file's content: a header comment, then one sorted pair per line."""
    body = "".join(f"{a} {b}\n" for a, b in distinct.pairs)
    return (_HEADER + body).encode("utf-8")

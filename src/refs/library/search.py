"""The search index: an SQLite FTS5 table of the store's entries, under the cache directory,
keyed by the store's content digest (so any edit, by any tool, makes a new one).

Built on first use from the parsed store, reused while the store is unchanged. Tokens are
Unicode-folded by FTS5 (``remove_diacritics 2``), so ``kopf`` finds ``Köpf`` and ``K{\\"o}pf``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refs.library.records import SearchRecord, record_of
from refs.model import Entry

#: Bump when the table layout changes.
SEARCH_FORMAT = 1
#: How many search indexes to keep (one per store content seen recently).
KEEP = 4
#: The searchable columns, and how much a match in each weighs (FTS5 bm25 weights).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("key", 8.0),
    ("title", 4.0),
    ("author", 3.0),
    ("year", 1.0),
    ("venue", 1.5),
    ("id", 8.0),
)
_COLUMN_NAMES = frozenset(name for name, _ in COLUMNS)
#: ``field:value`` in a query restricts a term to one column (``author:zhou year:2023``).
_FIELD_TERM = re.compile(r"^(?P<field>[a-z]+):(?P<value>.+)$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the entry's record and its rank score (higher is better)."""

    record: SearchRecord
    score: float

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of one ``refs search --json`` result."""
        return {**self.record.as_dict(), "score": round(self.score, 4)}


def _index_path(cache_dir: Path, digest: str) -> Path:
    return cache_dir / "search-index" / f"{digest}-v{SEARCH_FORMAT}.sqlite"


def _create(connection: sqlite3.Connection, entries: Iterable[Entry]) -> None:
    columns = ", ".join(name for name, _ in COLUMNS)
    connection.execute(
        f"CREATE VIRTUAL TABLE entry USING fts5({columns}, record UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    connection.executemany(
        f"INSERT INTO entry (rowid, {columns}, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (_row(position, entry) for position, entry in enumerate(entries)),
    )
    connection.execute("INSERT INTO entry (entry) VALUES ('optimize')")
    connection.commit()


def _row(position: int, entry: Entry) -> tuple[Any, ...]:
    record = record_of(entry)
    keys = " ".join((record.key, *record.aliases))
    ids = " ".join(f"{kind} {value}" for kind, value in record.identifiers)
    return (
        position,
        keys,
        record.title,
        " ; ".join(record.authors),
        record.year,
        record.venue,
        ids,
        json.dumps(record.as_dict(), ensure_ascii=False),
    )


@contextlib.contextmanager
def search_index(
    entries: Iterable[Entry] | None, digest: str | None, cache_dir: Path | None
) -> Iterator[Searcher]:
    """A searcher over ``entries``: the cached index for ``digest`` when there is one, else one
    built now (and cached when there is a cache directory). ``entries`` may be None only when
    the caller knows the index exists (see `has_index`)."""
    if cache_dir is None or digest is None:
        connection = sqlite3.connect(":memory:")
        _create(connection, entries or ())
    else:
        path = _index_path(cache_dir, digest)
        if not path.exists():
            _build(path, entries or ())
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield Searcher(connection)
    finally:
        connection.close()


def has_index(cache_dir: Path | None, digest: str | None) -> bool:
    """True when a search index for the store content ``digest`` is cached."""
    return cache_dir is not None and digest is not None and _index_path(cache_dir, digest).exists()


def _build(path: Path, entries: Iterable[Entry]) -> None:
    """Write the index beside its final name, then rename: readers never see half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(partial)
        try:
            _create(connection, entries)
        finally:
            connection.close()
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    _prune(path.parent)


def _prune(directory: Path) -> None:
    indexes = sorted(directory.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in indexes[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


def match_expression(query: str) -> str:
    """The FTS5 expression of a user query: every term must match, as a prefix; ``field:value``
    restricts a term to a column (key, title, author, year, venue, id).

    >>> match_expression('author:Köpf attention')
    'author : "Köpf"* "attention"*'
    """
    terms = []
    for term in query.split():
        match = _FIELD_TERM.match(term)
        column, word = None, term
        if match and match.group("field") in _COLUMN_NAMES:
            column, word = match.group("field"), match.group("value")
        if not _WORD.search(word):
            continue  # punctuation alone matches nothing and would be a syntax error
        phrase = '"' + word.replace('"', '""') + '"*'
        terms.append(f"{column} : {phrase}" if column else phrase)
    return " ".join(terms)


class Searcher:
    """Queries over one open index."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def all(self) -> list[SearchRecord]:
        """Every entry, in store order."""
        rows = self._connection.execute("SELECT record FROM entry ORDER BY rowid")
        return [SearchRecord.from_dict(json.loads(record)) for (record,) in rows]

    def filter(self, query: str) -> list[SearchRecord]:
        """The entries matching ``query``, in store order."""
        expression = match_expression(query)
        if not expression:
            return []
        rows = self._connection.execute(
            "SELECT record FROM entry WHERE entry MATCH ? ORDER BY rowid", (expression,)
        )
        return [SearchRecord.from_dict(json.loads(record)) for (record,) in rows]

    def search(self, query: str, limit: int | None = None) -> list[SearchHit]:
        """The entries matching ``query``, best first: an exact key first, then by BM25 over
        the weighted columns, then newest first."""
        expression = match_expression(query)
        if not expression:
            return []
        weights = ", ".join(str(weight) for _, weight in COLUMNS)
        rows = self._connection.execute(
            f"SELECT record, bm25(entry, {weights}) AS rank FROM entry WHERE entry MATCH ? "
            "ORDER BY rank LIMIT ?",
            (expression, -1 if limit is None else max(limit * 4, 50)),
        )
        wanted = query.strip().casefold()
        hits = []
        for record_json, rank in rows:
            record = SearchRecord.from_dict(json.loads(record_json))
            exact = wanted in {record.key.casefold(), *(a.casefold() for a in record.aliases)}
            hits.append(SearchHit(record, -float(rank) + (100.0 if exact else 0.0)))
        hits.sort(key=lambda h: (-h.score, -_year(h.record.year), h.record.key.casefold()))
        return hits if limit is None else hits[:limit]


def _year(text: str) -> int:
    digits = text[:4]
    return int(digits) if digits.isdigit() else 0

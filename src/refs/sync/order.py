"""Which number each work gets: the order the catalog first cites them, grouped under the
heading path of the first row citing them.

A row's ``section`` is its heading path followed by its table's first header, so the heading
path is ``section[:-1]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from refs.catalog import Item, in_section
from refs.document import Document
from refs.model import Entry
from refs.render.readme import ReadmeGroup
from refs.sync.references import is_reference_heading

#: Where a document lists an entry: the document's name and the heading path there.
Listed = tuple[str, tuple[str, ...]]


def heading_path(item: Item) -> tuple[str, ...]:
    """The headings a row sits under (its section without the table's header)."""
    return item.section[:-1]


def cited_keys(items: Iterable[Item]) -> Iterator[tuple[str, tuple[str, ...], str]]:
    """Every (key, heading path, document) the rows cite, by document then line; the name
    cell before the other cells of its row. Keys repeat; the caller keeps the first."""
    for item in sorted(items, key=lambda item: (item.file, item.line)):
        cells = [(item.line, item.cites), *((cell.line, cell.cites) for cell in item.related)]
        for _, cites in sorted(cells, key=lambda cell: cell[0]):
            for key in cites:
                yield key, heading_path(item), item.file


def relative(path: tuple[str, ...], base: tuple[str, ...]) -> tuple[str, ...]:
    """``path`` without the leading headings it shares with ``base``.

    >>> relative(("Survey", "Models", "Open"), ("Survey", "References"))
    ('Models', 'Open')
    """
    shared = 0
    for mine, theirs in zip(path, base, strict=False):
        if mine != theirs:
            break
        shared += 1
    return path[shared:]


def common_prefix(paths: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """The headings every path starts with (a README's title, say)."""
    if not paths:
        return ()
    prefix = paths[0]
    for path in paths[1:]:
        prefix = prefix[: len(prefix) - len(relative(prefix, path))]
    return prefix


def group_keys(
    ordered: Iterable[tuple[str, tuple[str, ...]]], base: tuple[str, ...] | None = None
) -> list[ReadmeGroup]:
    """(key, heading path) pairs -> groups in order of first appearance; each key in the
    group of its first pair. Paths are made relative to ``base`` (default: what they share).
    """
    first: dict[str, tuple[str, ...]] = {}
    for key, path in ordered:
        first.setdefault(key, path)
    if base is None:
        base = common_prefix([path for path in first.values() if path])
    groups: dict[tuple[str, ...], list[str]] = {}
    for key, path in first.items():
        groups.setdefault(relative(path, base) if path else (), []).append(key)
    return [ReadmeGroup(heading, tuple(keys)) for heading, keys in groups.items()]


def listed_headings(
    entries: Iterable[Entry], documents: Mapping[str, Document]
) -> dict[str, Listed]:
    """Each entry's document and heading path where it is first listed (the first of its
    sources in ``documents``, by name then line), in that order; headings down to a References
    heading are left out (the heading of a reference list is no group).

    >>> from refs.document import parse
    >>> from refs.model import SourceLocation
    >>> doc = parse("# Survey\\n\\n## Agents\\n\\n- A. Kim. Title. 2023.\\n")
    >>> listed_headings([Entry("kim", "misc", {}, (SourceLocation("R.md", 5),))], {"R.md": doc})
    {'kim': ('R.md', ('Survey', 'Agents'))}
    """
    found: list[tuple[tuple[str, int], str, tuple[str, ...]]] = []
    for entry in entries:
        places = sorted((s.file, s.line) for s in entry.sources if s.file in documents)
        if places:
            file, line = places[0]
            document = documents[file]
            path = document.section_of(line).path if 0 < line <= len(document.lines) else ()
            found.append((places[0], entry.key, _under_references(path)))
    return {key: (place[0], path) for place, key, path in sorted(found)}


def _under_references(path: tuple[str, ...]) -> tuple[str, ...]:
    """The headings below a References heading in ``path`` (its own grouping), else ``path``."""
    for depth in range(len(path) - 1, -1, -1):
        if is_reference_heading(path[depth]):
            return path[depth + 1 :]
    return path


def readme_groups(
    items: Sequence[Item],
    store_keys: Sequence[str],
    section: str | None = None,
    listed: Mapping[str, Listed] | None = None,
) -> list[ReadmeGroup]:
    """The `refs render --readme` groups: what the rows (of ``section``) cite, in citation
    order under their headings, then the other keys of ``store_keys`` in the order and under
    the headings their documents list them (``listed``, `listed_headings`), then in store
    order those no document lists (no heading). The headings all of a document's rows share
    (or, without rows, all its listed entries: its title) are left out."""
    listed = listed or {}
    paths: dict[str, list[tuple[str, ...]]] = {}  # each document's headings, in one pass
    for item in items:
        paths.setdefault(item.file, []).append(heading_path(item))
    known = set(store_keys)
    lists: dict[str, list[tuple[str, ...]]] = {}
    for key, (file, path) in listed.items():
        if key in known and file not in paths and path:  # with rows: the rows' headings
            lists.setdefault(file, []).append(path)
    prefixes = {file: common_prefix(found) for file, found in {**lists, **paths}.items()}
    chosen = [item for item in items if section is None or in_section(item, section)]
    cited = [
        (key, relative(path, prefixes[file]))
        for key, path, file in cited_keys(chosen)
        if key in known
    ]
    seen = {key for key, _ in cited}
    rest: list[tuple[str, tuple[str, ...]]] = []
    for key in [*(key for key in listed if key in known), *store_keys]:  # as documents list them
        if key in seen:
            continue
        seen.add(key)
        file, path = listed.get(key, ("", ()))
        rest.append((key, relative(path, prefixes[file]) if file in prefixes else ()))
    return group_keys([*cited, *rest], base=())

"""Which number each work gets: the order the catalog first cites them, grouped under the
heading path of the first row citing them.

A row's ``section`` is its heading path followed by its table's first header, so the heading
path is ``section[:-1]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from refs.catalog import Item, in_section
from refs.render.readme import ReadmeGroup


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


def readme_groups(
    items: Sequence[Item], store_keys: Sequence[str], section: str | None = None
) -> list[ReadmeGroup]:
    """The `refs render --readme` groups: what the rows (of ``section``) cite, in citation
    order under their headings (without the headings all rows of their document share, such
    as its title), then the other keys of ``store_keys`` in store order (no heading)."""
    paths: dict[str, list[tuple[str, ...]]] = {}  # each document's rows, grouped in one pass
    for item in items:
        paths.setdefault(item.file, []).append(heading_path(item))
    prefixes = {file: common_prefix(found) for file, found in paths.items()}
    chosen = [item for item in items if section is None or in_section(item, section)]
    known = set(store_keys)
    cited = [
        (key, relative(path, prefixes[file]))
        for key, path, file in cited_keys(chosen)
        if key in known
    ]
    seen = {key for key, _ in cited}
    rest: list[tuple[str, tuple[str, ...]]] = [(key, ()) for key in store_keys if key not in seen]
    return group_keys([*cited, *rest], base=())

"""catalog.yaml -> `Catalog`, for a file that may come from anyone.

The YAML is composed without aliases (refs never writes them, and expanding them is how a
500-byte file costs gigabytes), with bounded nesting and size, and every value is checked for
the shape refs writes, so a hostile or hand-broken catalog is one ``catalog.yaml:LINE: …``
message, never a traceback or a silent guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NoReturn, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from refs.catalog.model import Catalog, CitedCell, Item
from refs.errors import UnreadableInput

#: The largest catalog read. The shipped one, for five surveys, is 57 KB; this leaves room for
#: thousands of documents while refusing a file no one could have meant as a catalog.
CATALOG_LIMIT = 256 * 2**20
#: The deepest nesting read: refs writes five levels (items, item, related, cell, labels).
MAX_DEPTH = 16

_YAML = "tag:yaml.org,2002:"
#: Scalars read as text: what refs writes (strings), and what a person may type for one.
_TEXT_TAGS = frozenset(_YAML + kind for kind in ("str", "int", "float", "bool", "timestamp"))
_NULL = _YAML + "null"
_WHOLE = re.compile(r"[0-9]+")

T = TypeVar("T")


class _Composer(yaml.SafeLoader):
    """PyYAML's safe composer, refusing aliases and nesting deeper than `MAX_DEPTH`."""

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text)
        self._name = name
        self._depth = 0

    def _refuse(self, event: yaml.Event, problem: str) -> NoReturn:
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        msg = f"{self._name}:{line}: {problem}"
        raise UnreadableInput(msg)

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            self._refuse(
                event, f"an alias (*{event.anchor}) is not allowed (refs never writes one)"
            )
        if self._depth >= MAX_DEPTH:
            self._refuse(event, f"nested more than {MAX_DEPTH} levels deep")
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        return node


class _Reader:
    """Reads the composed nodes of one catalog file; every error names the file and line."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, node: Node, message: str) -> NoReturn:
        msg = f"{self.name}:{node.start_mark.line + 1}: {message}"
        raise UnreadableInput(msg)

    def is_null(self, node: Node | None) -> bool:
        return node is None or (isinstance(node, ScalarNode) and node.tag == _NULL)

    def text(self, node: Node, where: str) -> str:
        if not isinstance(node, ScalarNode) or node.tag not in _TEXT_TAGS:
            self.fail(node, f"{where} must be text")
        return str(node.value)

    def whole(self, node: Node, where: str) -> int:
        if not isinstance(node, ScalarNode) or not _WHOLE.fullmatch(node.value):
            self.fail(node, f"{where} must be a whole number")
        return int(node.value)

    def mapping(self, node: Node | None, where: str) -> dict[str, Node]:
        """A mapping's values by key; null is empty. A key given twice is refused: YAML
        would keep the last silently, and what the first held (a hand-merged catalog's
        half) would be lost."""
        if node is None or self.is_null(node):
            return {}
        if not isinstance(node, MappingNode):
            self.fail(node, f"{where} must be a mapping")
        out: dict[str, Node] = {}
        for key_node, value in node.value:
            key = self.text(key_node, f"a key of {where}")
            if key in out:
                self.fail(key_node, f"{key!r} is given twice in {where}")
            out[key] = value
        return out

    def sequence(self, node: Node | None, where: str) -> list[Node]:
        if node is None or self.is_null(node):
            return []
        if not isinstance(node, SequenceNode):
            self.fail(node, f"{where} must be a list")
        return list(node.value)

    def texts(self, node: Node | None, where: str) -> tuple[str, ...]:
        return tuple(
            self.text(value, f"{where}[{i}]") for i, value in enumerate(self.sequence(node, where))
        )

    def text_mapping(self, node: Node | None, where: str) -> dict[str, str]:
        return {
            key: self.text(value, f"{where}.{key}")
            for key, value in self.mapping(node, where).items()
        }

    def optional(
        self, fields: dict[str, Node], key: str, read: Callable[[Node, str], T], where: str
    ) -> T | None:
        node = fields.get(key)
        return None if node is None or self.is_null(node) else read(node, f"{where}.{key}")

    def cell(self, node: Node, where: str) -> CitedCell:
        if not isinstance(node, MappingNode):
            self.fail(node, f"{where} must be a mapping")
        fields = self.mapping(node, where)
        return CitedCell(
            column=self.optional(fields, "column", self.text, where) or "",
            name=self.optional(fields, "name", self.text, where) or "",
            line=self.optional(fields, "line", self.whole, where) or 0,
            labels=self.texts(fields.get("labels"), f"{where}.labels"),
            cites=self.texts(fields.get("cites"), f"{where}.cites"),
            flags=self.texts(fields.get("flags"), f"{where}.flags"),
        )

    def item(self, node: Node, where: str) -> Item:
        if not isinstance(node, MappingNode):
            self.fail(node, f"{where} must be a mapping")
        fields = self.mapping(node, where)
        source = self.mapping(fields.get("source"), f"{where}.source")
        related = self.sequence(fields.get("related"), f"{where}.related")
        return Item(
            name=self.optional(fields, "name", self.text, where) or "",
            section=self.texts(fields.get("section"), f"{where}.section"),
            file=self.optional(source, "file", self.text, f"{where}.source") or "",
            line=self.optional(source, "line", self.whole, f"{where}.source") or 0,
            labels=self.texts(fields.get("labels"), f"{where}.labels"),
            cites=self.texts(fields.get("cites"), f"{where}.cites"),
            links=self.text_mapping(fields.get("links"), f"{where}.links"),
            attributes=self.text_mapping(fields.get("attributes"), f"{where}.attributes"),
            related=tuple(
                self.cell(cell, f"{where}.related[{i}]") for i, cell in enumerate(related)
            ),
            flags=self.texts(fields.get("flags"), f"{where}.flags"),
        )

    def catalog(self, root: Node | None) -> Catalog:
        if root is None or self.is_null(root):
            return Catalog()
        if not isinstance(root, MappingNode):
            self.fail(root, "not a refs catalog: expected a mapping with documents and items")
        top = self.mapping(root, "the catalog")
        documents = {}
        for file, stamp in self.mapping(top.get("documents"), "documents").items():
            where = f"documents[{file!r}]"
            digest = self.optional(self.mapping(stamp, where), "sha256", self.text, where)
            documents[file] = digest or ""
        items = self.sequence(top.get("items"), "items")
        return Catalog(
            documents, tuple(self.item(item, f"items[{i}]") for i, item in enumerate(items))
        )


def parse_catalog(data: bytes, name: str) -> Catalog:
    """Catalog YAML -> `Catalog`; raises `UnreadableInput` naming the file (and line).

    >>> parse_catalog(b"items: [{name: A, source: {file: R.md, line: 3}}]", "c.yaml").items[0].line
    3
    >>> parse_catalog(b"a: &x [1]\\nitems: *x\\n", "c.yaml")
    Traceback (most recent call last):
    refs.errors.UnreadableInput: c.yaml:2: an alias (*x) is not allowed (refs never writes one)
    """
    if len(data) > CATALOG_LIMIT:
        msg = f"{name}: larger than {CATALOG_LIMIT // 2**20} MiB; not a catalog refs wrote"
        raise UnreadableInput(msg)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        msg = f"{name}: not a refs catalog: not UTF-8 text (byte {error.start + 1})"
        raise UnreadableInput(msg) from None
    composer: _Composer | None = None
    try:
        composer = _Composer(text, name)
        root = composer.get_single_node()
    except yaml.YAMLError as error:
        msg = f"{name}:{_line_of(error, text)}: not valid YAML: {_problem(error)}"
        raise UnreadableInput(msg) from None
    finally:
        if composer is not None:
            composer.dispose()
    return _Reader(name).catalog(root)


def _line_of(error: yaml.YAMLError, text: str) -> int:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow
        return text.count("\n", 0, error.position) + 1
    return 0


def _problem(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.reader.ReaderError):
        return f"character {error.character!r} is not allowed"
    return str(getattr(error, "problem", None) or error)

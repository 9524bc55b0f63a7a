"""A BibTeX expression resolved against ``@string`` macros: ``acl # " 2020"`` -> its text.

The one definition of what BibTeX makes of ``name = a # "x" # {y}``: literals joined, macros
replaced by their values (a macro may itself be an expression over other macros), the month
macros ``jan``…``dec`` built in, and an unknown macro kept as its name. Two things differ from
BibTeX on purpose. Definitions are not read in file order: a store's macros have no order a
user sees, so a macro may use one defined after it; a macro that takes part in a cycle keeps
its name, as an unknown one does. And a value stops at `MAX_CHARS`: ``@string{b = a # a}``,
``@string{c = b # b}``… doubles at every line, and forty lines would not fit in memory.
Past the limit the value is cut (its braces closed) and `Resolved.cut` says so; the callers
warn. Macros are kept as ropes (the pieces, and their length), so nothing is built until a
value is asked for, and then no more than the limit.

>>> strings = Strings.of([Macro("a", "\\\\inp"), Macro("b", 'a # "ut"', is_expression=True)])
>>> resolved = strings.resolve('b # "{x}" # " " # jan')
>>> resolved.text
'\\\\input{x} January'
>>> strings.resolve('a # "ut"').joins_command, strings.resolve('a # " x"').joins_command
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from refs.bibtex.blocks import Macro

#: The most characters one resolved value may have (a million: any real title, abstract or
#: venue fits a thousand times over).
MAX_CHARS = 1_000_000

#: BibTeX's month macros, as the standard styles define them (plain.bst: ``MACRO {jan}
#: {"January"}`` …).
MONTH_MACROS: Mapping[str, str] = MappingProxyType(
    {
        name[:3]: name.capitalize()
        for name in (
            "january february march april may june july august september october november december"
        ).split()
    }
)

#: A command name still open at the end of a piece: ``\\inp`` may become ``\\input``.
_OPEN_COMMAND = re.compile(r"\\[A-Za-z@]*\Z")
_LETTER = re.compile(r"[A-Za-z@]")
#: Macros up to this length are built once and reused whole.
_SMALL = 4096
#: How much of the text before a join is looked at for a command name still open.
_TAIL = 256


@dataclass(frozen=True, slots=True)
class _Name:
    """A macro's name in an expression (lower-cased: BibTeX's names are case-insensitive)."""

    name: str
    spelled: str  # as written, for an unknown macro, which keeps its name


@dataclass(frozen=True, slots=True)
class Resolved:
    """The text an expression stands for. ``joins_command``: two pieces join into a command
    name (``"\\inp" # "ut"``), which no piece shows alone. ``cut``: the text was longer than
    `MAX_CHARS` and stops there."""

    text: str
    joins_command: bool = False
    cut: bool = False


def pieces(expression: str) -> list[str | _Name]:
    """The literals and macro names of an expression, in order.

    >>> pieces('acl # " 2020" # {x}')
    [_Name(name='acl', spelled='acl'), ' 2020', 'x']
    """
    parts: list[str | _Name] = []
    i, n = 0, len(expression)
    while i < n:
        char = expression[i]
        if char.isspace() or char == "#":
            i += 1
        elif char in '"{':
            end = _literal_end(expression, i)
            parts.append(expression[i + 1 : end - 1] if end <= n else expression[i + 1 :])
            i = end
        else:
            j = i
            while j < n and not expression[j].isspace() and expression[j] not in '#"{':
                j += 1
            spelled = expression[i:j]
            parts.append(_Name(spelled.lower(), spelled))
            i = j
    return parts


def _literal_end(expression: str, start: int) -> int:
    """Index past the ``"…"`` or ``{…}`` literal opening at ``start`` (n + 1 if unclosed)."""
    closing = '"' if expression[start] == '"' else "}"
    depth = 0
    for i in range(start + 1, len(expression)):
        char = expression[i]
        if char == "{":
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
        elif char == closing and depth == 0:
            return i + 1
    return len(expression) + 1


class Strings:
    """A store's ``@string`` macros, resolved on demand: each macro is read once, its length
    known before any text is built (`MAX_CHARS` bounds what is built)."""

    def __init__(self, definitions: Mapping[str, list[str | _Name]], limit: int) -> None:
        self._limit = limit
        self._pieces = definitions
        self._cyclic = _on_cycles(definitions)
        #: Each macro's length, capped at limit + 1 (a doubling chain stays a small number).
        self._length: dict[str, int] = {}
        #: The text of each macro no longer than `_SMALL`, built once, so that a long value
        #: is put together from pieces of that size, not from one-letter ones.
        self._small: dict[str, Resolved] = {}
        for name in definitions:
            self._measure(name)

    @classmethod
    def of(cls, macros: Iterable[Macro], *, limit: int = MAX_CHARS) -> Strings:
        """The table of ``macros``; of two definitions of one name, the later wins (BibTeX)."""
        definitions: dict[str, list[str | _Name]] = {
            macro.name.lower(): pieces(macro.value) if macro.is_expression else [macro.value]
            for macro in macros
        }
        return cls(definitions, limit)

    @classmethod
    def of_text(cls, values: Mapping[str, str], *, limit: int = MAX_CHARS) -> Strings:
        """The table of macros whose values are literal text (``{"acl": "Proc. of ACL"}``)."""
        definitions: dict[str, list[str | _Name]] = {
            name.lower(): [value] for name, value in values.items()
        }
        return cls(definitions, limit)

    def _uses(self, name: str) -> list[str]:
        """The defined macros ``name``'s value uses (none for a macro on a cycle)."""
        if name in self._cyclic:
            return []
        return [p.name for p in self._pieces[name] if isinstance(p, _Name) and p.name in self]

    def too_long(self) -> list[str]:
        """The macros whose value is longer than the limit (and so is cut), by name."""
        return [name for name, length in self._length.items() if length > self._limit]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._pieces

    def _measure(self, root: str) -> None:
        """The lengths of ``root`` and of what it uses, in post-order. Iterative: a chain of
        a thousand macros is no deep recursion."""
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            name, used_done = stack.pop()
            if name in self._length:
                continue
            if name in self._cyclic:  # it keeps its name, wherever it is used
                self._length[name] = len(name)
                continue
            if used_done:
                total = sum(self._piece_length(p) for p in self._pieces[name])
                self._length[name] = min(total, self._limit + 1)
                if total <= _SMALL:
                    self._small[name] = self._build(self._pieces[name])
                continue
            stack.append((name, True))
            stack.extend((used, False) for used in self._uses(name) if used not in self._length)

    def _piece_length(self, part: str | _Name) -> int:
        if isinstance(part, str):
            return len(part)
        if part.name in self._cyclic or part.name not in self._pieces:
            return len(self._unknown(part))
        return self._length[part.name]

    @staticmethod
    def _unknown(part: _Name) -> str:
        return MONTH_MACROS.get(part.name, part.spelled)

    def resolve(self, expression: str) -> Resolved:
        """What BibTeX makes of ``expression`` (a field's or a macro's)."""
        return self._build(pieces(expression))

    def value_of(self, macro: Macro) -> Resolved:
        """What ``macro``'s value resolves to, its own name as it is defined here."""
        if not macro.is_expression:
            return self._build([macro.value])
        if macro.name.lower() in self._cyclic:
            return Resolved(macro.name)
        return self.resolve(macro.value)

    def _build(self, parts: list[str | _Name]) -> Resolved:
        """The text of ``parts``, depth first, until the limit; zero-length macros are
        skipped whole, so an exponential tree of empty strings costs nothing."""
        out: list[str] = []
        size = 0
        tail = ""
        joins = False
        stack: list[list[str | _Name]] = [list(reversed(parts))]
        while stack and size <= self._limit:
            frame = stack[-1]
            if not frame:
                stack.pop()
                continue
            part = frame.pop()
            if isinstance(part, _Name):
                if part.name in self._small:
                    small = self._small[part.name]
                    joins = joins or small.joins_command
                    part = small.text
                elif part.name in self._pieces and part.name not in self._cyclic:
                    stack.append(list(reversed(self._pieces[part.name])))
                    continue
                else:
                    part = self._unknown(part)
            if not part:
                continue
            if _LETTER.match(part) and _OPEN_COMMAND.search(tail):
                joins = True
            out.append(part)
            size += len(part)
            tail = (tail + part)[-_TAIL:]
        text = "".join(out)
        if len(text) <= self._limit:
            return Resolved(text, joins)
        return Resolved(_closed(text[: self._limit]), joins, cut=True)


def _on_cycles(definitions: Mapping[str, list[str | _Name]]) -> frozenset[str]:
    """The macros that take part in a cycle of definitions (``a = b``, ``b = a # "x"``):
    Tarjan's strongly connected components, iteratively."""
    graph = {
        name: [p.name for p in parts if isinstance(p, _Name) and p.name in definitions]
        for name, parts in definitions.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    component: list[str] = []
    cyclic: set[str] = set()
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            name, edge = work.pop()
            if edge == 0:
                index[name] = low[name] = len(index)
                component.append(name)
                on_stack.add(name)
            if edge < len(graph[name]):
                work.append((name, edge + 1))
                used = graph[name][edge]
                if used not in index:
                    work.append((used, 0))
                elif used in on_stack:
                    low[name] = min(low[name], index[used])
                continue
            if work:  # back in the caller: pass the low link up
                caller = work[-1][0]
                low[caller] = min(low[caller], low[name])
            if low[name] == index[name]:
                members = []
                while True:
                    member = component.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == name:
                        break
                if len(members) > 1 or name in graph[name]:
                    cyclic.update(members)
    return frozenset(cyclic)


def _closed(text: str) -> str:
    """``text`` cut anywhere, its braces paired again: unmatched ``}`` dropped, open ones
    closed, a trailing backslash dropped (it would escape the closing brace's meaning)."""
    text = text.removesuffix("\\")
    kept: list[str] = []
    depth = 0
    for char in text:
        if char == "}":
            if depth == 0:
                continue
            depth -= 1
        elif char == "{":
            depth += 1
        kept.append(char)
    return "".join(kept) + "}" * depth

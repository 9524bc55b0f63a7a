"""Export as CSL-JSON: one item per entry, ``id`` = key, streamed one item per line."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import IO

from refs.bibtex import Macro
from refs.bibtex.expressions import MAX_CHARS, Strings
from refs.csl_json import CslItem, iter_csl
from refs.model import Entry


def csl_items(
    entries: Sequence[Entry], macros: Sequence[Macro], warnings: list[str]
) -> Iterator[CslItem]:
    """The store's entries as CSL-JSON items, in store order. A repeated key gets a
    ``~2``-style id so citeproc can tell the entries apart (both are kept); each such rename,
    and each macro whose value is too long to expand whole, is appended to ``warnings``."""
    strings = Strings.of(macros)
    seen: dict[str, int] = {}
    for entry, item in zip(entries, iter_csl(entries, strings), strict=True):
        folded = entry.key.casefold()
        seen[folded] = seen.get(folded, 0) + 1
        if seen[folded] > 1:
            item["id"] = f"{entry.key}~{seen[folded]}"
            warnings.append(f"repeated key {entry.key!r} exported with id {item['id']!r}")
        yield item
    warnings.extend(too_long_warning(name) for name in strings.too_long())


def too_long_warning(name: str) -> str:
    """What the user is told of a macro whose value is cut at the limit."""
    return f"@string {name!r} expands to more than {MAX_CHARS:,} characters; its value is cut there"


def write_csl_json(entries: Sequence[Entry], macros: Sequence[Macro], out: IO[bytes]) -> list[str]:
    """Write a CSL-JSON array, one item per line; returns the warnings for the user."""
    warnings: list[str] = []
    encode = json.JSONEncoder(ensure_ascii=False).encode
    out.write(b"[")
    for number, item in enumerate(csl_items(entries, macros, warnings)):
        out.write(b"\n" if number == 0 else b",\n")
        out.write(encode(item).encode("utf-8", "surrogateescape"))
    out.write(b"\n]\n" if entries else b"]\n")
    return warnings

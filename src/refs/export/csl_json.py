"""Export as CSL-JSON: one item per entry, ``id`` = key, streamed one item per line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from refs.bibtex import Macro
from refs.csl_json import iter_csl
from refs.model import Entry


def write_csl_json(entries: Sequence[Entry], macros: Sequence[Macro], out: IO[bytes]) -> list[str]:
    """Write a CSL-JSON array. A repeated key gets a ``~2``-style id so citeproc can tell the
    entries apart (both are exported); each such rename is returned as a warning."""
    strings = {m.name: m.value for m in macros}
    warnings: list[str] = []
    seen: dict[str, int] = {}
    out.write(b"[")
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for number, (entry, item) in enumerate(zip(entries, iter_csl(entries, strings), strict=True)):
        folded = entry.key.casefold()
        seen[folded] = seen.get(folded, 0) + 1
        if seen[folded] > 1:
            item["id"] = f"{entry.key}~{seen[folded]}"
            warnings.append(f"repeated key {entry.key!r} exported with id {item['id']!r}")
        out.write(b"\n" if number == 0 else b",\n")
        out.write(encode(item).encode("utf-8", "surrogateescape"))
    out.write(b"\n]\n" if entries else b"]\n")
    return warnings

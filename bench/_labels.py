"""Hand labels for the held-out parse sets, located by markers: shared by their make_labels.

Each occurrence names a marker, a substring that occurs on exactly one line of its document (the
line where the occurrence starts); a leading ``^`` anchors it at the line start. Nothing here
runs the parser.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def R(  # noqa: N802, PLR0917  (short constructor: one occurrence per labelled row)
    marker: str,
    label: str | None,
    title: str | None,
    authors: list[str],
    year: int | None,
    venue: str | None = None,
    arxiv: str | None = None,
    doi: str | None = None,
) -> dict[str, Any]:
    """One labelled occurrence, located by ``marker``."""
    return {
        "marker": marker,
        "label": label,
        "title": title,
        "authors": authors,
        "year": year,
        "venue": venue,
        "arxiv": arxiv,
        "doi": doi,
    }


def find(lines: list[str], marker: str) -> int:
    """The 1-based number of the one line holding ``marker``."""
    if marker.startswith("^"):
        hits = [i for i, text in enumerate(lines, 1) if text.startswith(marker[1:])]
    else:
        hits = [i for i, text in enumerate(lines, 1) if marker in text]
    assert len(hits) == 1, (marker, hits)
    return hits[0]


def write_labels(here: Path, docs: dict[str, Any]) -> None:
    """Write ``here/labels/<doc>.yaml`` for each document of ``docs``."""
    (here / "labels").mkdir(exist_ok=True)
    for name, doc in docs.items():
        lines = (here / name).read_text(encoding="utf-8").splitlines()
        bib = [find(lines, "^" + m) for m in doc["bibtex"]]
        out = [f"file: {name}", f"bibtex: {json.dumps(bib)}", "occurrences:"]
        seen = set()
        for o in doc["occ"]:
            line = find(lines, o["marker"])
            assert line not in seen, (name, line)
            seen.add(line)
            fields = {"line": line, **{k: v for k, v in o.items() if k != "marker"}}
            body = ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items())
            out.append(f"- {{{body}}}")
        (here / "labels" / name.replace(".md", ".yaml")).write_text(
            "\n".join(out) + "\n", encoding="utf-8"
        )
        print(name, len(doc["occ"]), "occurrences,", len(bib), "bibtex")

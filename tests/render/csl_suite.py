"""The CSL processor test-suite (../shared/csl-test-suite/humans) driven through refs.render.

Fixtures whose MODE is ``citation`` or ``bibliography`` and that need no ``CITATIONS`` section
(795 of 845), HTML output, trimmed exact equality — the measure of
../shared/csl-test-suite/README.md (citeproc-js 99.4%, citeproc-py 0.11.1 as it is 62.5%).

    python -m tests.render.csl_suite            # pass rate by fixture group
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refs.render.engine import RenderedEntry, process
from refs.render.formats import to_html, to_html_entry

SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "csl-test-suite" / "humans"
KNOWN_FAILURES = Path(__file__).with_name("known_failures.txt")

_SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n<<=+ \1 =+<<", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Fixture:
    """One test-suite fixture."""

    name: str
    mode: str
    result: str
    csl: str
    items: list[dict[str, Any]]
    citation_items: list[list[dict[str, Any]]] | None
    bibentries: list[list[str]] | None

    @property
    def group(self) -> str:
        return self.name.split("_", 1)[0]


def fixtures() -> Iterator[Fixture]:
    """The fixtures this runner drives, sorted by name."""
    for path in sorted(SUITE.glob("*.txt")):
        sections = dict(_SECTION.findall(path.read_text(encoding="utf-8")))
        mode = sections.get("MODE", "").strip()
        if mode not in {"citation", "bibliography"} or "CITATIONS" in sections:
            continue
        cited = sections.get("CITATION-ITEMS")
        bibentries = sections.get("BIBENTRIES")
        yield Fixture(
            path.stem,
            mode,
            sections["RESULT"],
            sections["CSL"],
            json.loads(sections["INPUT"]),
            json.loads(cited) if cited else None,
            json.loads(bibentries) if bibentries else None,
        )


def run(fixture: Fixture) -> str:
    """What refs renders for the fixture, in the suite's HTML layout."""
    items = [{"type": "book", **item} for item in fixture.items]
    for number, item in enumerate(items):
        item.setdefault("id", number)
    clusters = fixture.citation_items
    if clusters is None and fixture.bibentries:
        clusters = [[{"id": key} for key in fixture.bibentries[-1]]]
    if clusters is None:
        # as the suite's runner does: cites made from the inputs in bibliography order
        everything = [{"id": item["id"]} for item in _bibliography_order(items, fixture)]
        clusters = [everything] if fixture.mode == "citation" else [[c] for c in everything]
    processed = process(
        items,
        fixture.csl.encode("utf-8"),
        None,
        clusters,
        bibliography=fixture.mode == "bibliography",
    )
    if fixture.mode == "citation":
        return "\n".join(map(to_html, processed.citations)).replace("&amp;", "&#38;")
    return _bibliography_html(processed.entries)


def _bibliography_order(items: list[dict[str, Any]], fixture: Fixture) -> list[dict[str, Any]]:
    """The items sorted as the style's bibliography sorts them (input order without one)."""
    style = fixture.csl.encode("utf-8")
    try:
        entries = process(items, style, None).entries
    except Exception:  # no bibliography, or one the engine cannot render: input order
        return items
    rank = {entry.id: i for i, entry in enumerate(entries)}
    return sorted(items, key=lambda item: rank.get(str(item["id"]), len(rank)))


def _bibliography_html(entries: tuple[RenderedEntry, ...]) -> str:
    lines = ['<div class="csl-bib-body">', *(to_html_entry(entry) for entry in entries), "</div>"]
    return "\n".join(lines).replace("&amp;", "&#38;")


def passes(fixture: Fixture) -> bool:
    """True when refs renders the fixture's RESULT exactly (after trimming)."""
    try:
        return run(fixture).strip() == fixture.result.strip()
    except Exception:
        return False


def known_failures() -> set[str]:
    """The ratchet: fixtures allowed to fail."""
    lines = KNOWN_FAILURES.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def main() -> None:
    total: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    failures = []
    for fixture in fixtures():
        total[fixture.group] += 1
        if not passes(fixture):
            failed[fixture.group] += 1
            failures.append(fixture.name)
    passed = sum(total.values()) - len(failures)
    print(f"passed {passed} / {sum(total.values())} ({passed / sum(total.values()):.1%})")
    for group, count in failed.most_common():
        print(f"  {group:14} failed {count:3} / {total[group]}")
    if "--write-known-failures" in sys.argv:
        header = "# CSL test-suite fixtures refs.render may fail (tests/render/test_csl_suite.py)\n"
        KNOWN_FAILURES.write_text(header + "".join(f"{n}\n" for n in failures), encoding="utf-8")


if __name__ == "__main__":
    main()

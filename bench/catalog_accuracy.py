"""Catalog accuracy on 002's catalog rows: are citations resolved to the right entry, and does
`refs check` report exactly the anomalies a reader finds?

    python bench/catalog_accuracy.py

Imports the seeds (as `make data` does) into a temporary directory, then scores the catalog rows
of the labelled document against bench/labels/catalog/ (labelled by reading the seed):

- resolved right: the row cites exactly one entry and it is the labelled work (matched by arXiv
  id, title words, first author, or printed URL), or it cites nothing and is labelled so;
- flagged: each row labelled with anomalies has an error of those codes at its lines;
- false errors: errors at the lines of rows labelled consistent.

Bar: resolved right >= 0.97, every anomalous row flagged, no false errors.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from refs.catalog import Item, entry_identity, load_catalog
from refs.errors import Severity
from refs.latex import to_unicode
from refs.model import Entry
from refs.store import load_store
from refs.workflows import check, import_documents

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "labels" / "catalog"
BAR_RESOLVED = 0.97


def _matches(entry: Entry, work: Mapping[str, str]) -> bool:
    ids = {value for _, value in entry_identity(entry).every}
    if "arxiv" in work and work["arxiv"] not in ids:
        return False
    if "url" in work and work["url"].casefold() not in entry.get("url").casefold():
        return False
    # the title as printed, whatever case protection (``{ChatGPT}``) the store gave it
    if (
        "title" in work
        and work["title"].casefold() not in to_unicode(entry.get("title")).casefold()
    ):
        return False
    return "author" not in work or work["author"].casefold() in entry.get("author").casefold()


def _is_right(item: Item | None, work: Mapping[str, str] | None, store: dict[str, Entry]) -> bool:
    if item is None:
        return False
    if work is None:
        return not item.cites
    return len(item.cites) == 1 and item.cites[0] in store and _matches(store[item.cites[0]], work)


def _score(labels: dict[str, Any], workdir: Path) -> bool:
    document = labels["document"]
    store = {e.key: e for e in load_store(workdir / "references.bib").entries()}
    items = {i.line: i for i in load_catalog(workdir / "catalog.yaml").items_of(document)}
    result = check(workdir / "references.bib", workdir / "catalog.yaml")
    errors: dict[int, set[str]] = {}
    for finding in result.findings:
        if finding.file == document and finding.severity is Severity.ERROR:
            errors.setdefault(finding.line, set()).add(finding.code)
    rows = labels["rows"]
    right, wrong, unflagged, false_errors = 0, [], [], []
    for row in rows:
        item = items.get(row["line"])
        if _is_right(item, row["work"], store):
            right += 1
        else:
            wrong.append(f"{row['line']} {row['row']}: cites {item.cites if item else 'no item'}")
        lines = {row["line"]} | ({c.line for c in item.related} if item else set())
        found = set().union(*(errors.get(line, set()) for line in lines))
        expected = set(row.get("anomalies") or ())
        if expected - found:
            unflagged.append(f"{row['line']} {row['row']}: missing {sorted(expected - found)}")
        if found - expected:
            false_errors.append(f"{row['line']} {row['row']}: {sorted(found - expected)}")
    anomalous = sum(bool(row.get("anomalies")) for row in rows)
    share = right / len(rows)
    print(f"{document}: {len(rows)} labelled rows, {len(items)} catalog items")
    print(f"  resolved right: {right}/{len(rows)} = {share:.3f} (bar {BAR_RESOLVED})")
    print(f"  anomalous rows flagged: {anomalous - len(unflagged)}/{anomalous}")
    print(f"  false errors on consistent rows: {len(false_errors)}")
    for line in wrong + unflagged + false_errors:
        print(f"    {line}")
    reported: dict[str, int] = {}
    for finding in result.findings:
        key = f"{finding.severity} {finding.code}"
        reported[key] = reported.get(key, 0) + 1
    print(
        "  refs check reports (all documents): "
        + ", ".join(f"{n} {code}" for code, n in sorted(reported.items()))
    )
    for finding in result.findings:
        if finding.file == document and finding.severity is Severity.ERROR:
            print(f"    {finding}")
    return share >= BAR_RESOLVED and not unflagged and not false_errors


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        shutil.copytree(ROOT / "sources", workdir / "sources")
        here = Path.cwd()
        os.chdir(workdir)  # documents are named as given to refs import, relative to here
        try:
            seeds = sorted(str(p.relative_to(workdir)) for p in workdir.glob("sources/[0-9]*.md"))
            documents = [(name, Path(name).read_bytes()) for name in seeds]
            import_documents(Path("references.bib"), documents, catalog_path=Path("catalog.yaml"))
            ok = all(
                _score(yaml.safe_load(path.read_text(encoding="utf-8")), workdir)
                for path in sorted(LABELS.glob("*.yaml"))
            )
        finally:
            os.chdir(here)
    print("bar met" if ok else "bar NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

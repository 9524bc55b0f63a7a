"""Draw the real same-work candidate pairs that a blind judge labels for `dedupe_accuracy.py`.

    python bench/dedupe_real_draw.py
    # writes bench/labels/dedupe/real-entries.bib.gz and bench/.out/real-candidates.yaml

The entries are real: each README of ../shared/readmes/ and bench/readmes/fresh/docs/ (the
four documents of the never-fixed `unseen` parsing set left out) imported into a store of its
own, as `refs import` makes it, plus the entries of two bench files (acl-anthology,
ml-conferences) whose title is a README entry's title or its head before a colon — the
published versions of papers the READMEs cite as preprints. They are frozen in
``real-entries.bib`` so the set does not move when the parser changes.

Candidate pairs come from a blocking that knows nothing of `refs dedupe`: a shared arXiv id
or DOI; titles of three words or more at rapidfuzz ratio >= 80; one title the other's head
(before ``:``, `` - `` or ``(``). Judges who never saw refs' verdict or code labelled every
candidate pair same / not the same work (``real-pairs.yaml``; first a sample of 1,402, then the
other 1,890, in a shuffled order). Mixed into the second batch were the 10 pairs that refs
dedupe (main at 63ea5e3) merged outside the blocking, so that every merge it made was judged.
Last, one more judge labelled the 20 pairs of equal two-word titles (the blocking's titles
have three words or more), among them the 13 that refs merged after a change of this session.
A pair a later version merges outside all of them is reported as ``unjudged`` by the scorer and
counted against its precision. The set was drawn once, with the parser of the commit that
added this script: rerunning it after parser changes draws another set.
"""

from __future__ import annotations

import gzip
import re
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from _measure import BENCH_DATA
from refs.bibtex import read_bib
from refs.bibtex.write import format_entry
from refs.model import Entry
from refs.store import load_store
from refs.workflows import import_documents

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "labels" / "dedupe"
CANDIDATES = ROOT / "bench" / ".out" / "real-candidates.yaml"
UNSEEN = {p.stem for p in (ROOT / "bench" / "readmes" / "unseen").glob("*.yaml")}
DOCS = [
    p
    for folder in (
        ROOT.parent / "shared" / "readmes",
        ROOT / "bench" / "readmes" / "fresh" / "docs",
    )
    for p in sorted(folder.glob("*__*.md"))
    if p.stem not in UNSEEN
]
BENCH_FILES = ("acl-anthology", "ml-conferences")
_ARXIV = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s,}]+)")


def fold(text: str) -> str:
    text = re.sub(r"\\[a-zA-Z]+", " ", text).replace("{", "").replace("}", "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def head(title: str) -> str:
    return fold(re.split(r":|\s[-–—]\s|\(", title, maxsplit=1)[0])


def strong_ids(entry: Entry) -> set[str]:
    text = " ".join(entry.get(f) for f in ("eprint", "url", "journal", "note", "doi", "arxiv"))
    found = {f"arxiv:{m}" for m in _ARXIV.findall(text)}
    found |= {f"doi:{m.lower().rstrip('.')}" for m in _DOI.findall(text)}
    return found


def readme_entries() -> list[Entry]:
    entries: list[Entry] = []
    for n, doc in enumerate(DOCS):
        with tempfile.TemporaryDirectory() as tmp:
            store = Path(tmp) / "references.bib"
            import_documents(store, [(doc.name, doc.read_bytes())])
            entries.extend(
                Entry(f"r{n:02d}-{e.key}", e.entry_type, e.fields, e.sources)
                for e in load_store(store).entries()
            )
    return entries


def bench_entries(wanted: dict[str, list[int]]) -> list[Entry]:
    found: list[Entry] = []
    per_title: dict[str, int] = defaultdict(int)
    for name in BENCH_FILES:
        parsed = read_bib(gzip.decompress((BENCH_DATA / f"{name}.bib.gz").read_bytes()), name)
        for n, e in enumerate(parsed.entries):
            title = fold(e.get("title"))
            hit = title if title in wanted else head(e.get("title"))
            if hit in wanted and per_title[hit] < 2 and len(hit.split()) >= 2:
                per_title[hit] += 1
                found.append(Entry(f"b-{name}-{n}", e.entry_type, e.fields))
    return found


def candidates(entries: list[Entry]) -> list[tuple[int, int, str]]:
    pairs: dict[tuple[int, int], str] = {}
    by_id: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        for ident in strong_ids(e):
            by_id[ident].append(i)
    for ident, members in by_id.items():
        for a in members:
            for b in members:
                if a < b:
                    pairs.setdefault((a, b), f"shared {ident}")
    titles = [t if len(t.split()) >= 3 else "" for t in (fold(e.get("title")) for e in entries)]
    heads = [head(e.get("title")) for e in entries]
    for a in range(len(entries)):
        if not titles[a]:
            continue
        for _, score, b in process.extract(
            titles[a], titles, scorer=fuzz.ratio, score_cutoff=80, limit=None
        ):
            if b > a and titles[b]:
                pairs.setdefault((a, b), f"title ratio {score:.0f}")
        for b in range(a + 1, len(entries)):
            if not titles[b] or (a, b) in pairs:
                continue
            a_head = len(heads[a].split()) >= 2 and heads[a] in (heads[b], titles[b])
            b_head = len(heads[b].split()) >= 2 and heads[b] == titles[a]
            if a_head or b_head:
                pairs.setdefault((a, b), "title head")
    return [(a, b, why) for (a, b), why in sorted(pairs.items())]


def describe(entry: Entry) -> dict[str, object]:
    shown: dict[str, object] = {"key": entry.key, "type": entry.entry_type}
    for name in ("title", "author", "year", "journal", "booktitle", "eprint", "doi", "url"):
        if entry.get(name):
            shown[name] = entry.get(name)
    if entry.sources:
        shown["printed at"] = str(entry.sources[0])
    return shown


def main() -> None:
    readme = readme_entries()
    wanted: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(readme):
        for t in {fold(e.get("title")), head(e.get("title"))}:
            if t:
                wanted[t].append(i)
    entries = readme + bench_entries(wanted)
    pairs = candidates(entries)
    OUT.mkdir(parents=True, exist_ok=True)
    text = "".join(format_entry(e) + "\n" for e in entries)
    (OUT / "real-entries.bib.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    doc = {
        "about": "candidate pairs for blind judges: same work (true/false), or null and a note",
        "documents": [d.name for d in DOCS],
        "pairs": [
            {"a": describe(entries[a]), "b": describe(entries[b]), "why": why, "same": None}
            for a, b, why in pairs
        ],
    }
    CANDIDATES.parent.mkdir(parents=True, exist_ok=True)
    CANDIDATES.write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
    print(f"{len(DOCS)} documents, {len(readme)} README entries, {len(entries) - len(readme)} more")
    print(f"{len(pairs)} candidate pairs")


if __name__ == "__main__":
    main()

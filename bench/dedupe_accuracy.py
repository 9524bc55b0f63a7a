"""Duplicate detection precision and recall on a labelled set, next to an exact baseline.

    python bench/dedupe_accuracy.py [--per-file 1500] [--seed 4]

Two labelled sets, scored on pairs of entries (a predicted pair: both in one cluster):

- seeds: the store `refs import sources/[0-9]*.md` makes (the shipped references.bib before
  `make data` merges it) against bench/labels/dedupe/seeds.yaml (hand labels);
- synthetic: real entries of ../shared/bench-data (acl-anthology, ml-conferences, aps-pre),
  each with at most one copy made the way copies differ in real lists (case and punctuation,
  initials, dropped or added authors, arXiv vs venue version a year apart, abbreviations,
  LaTeX accents, a typo; a short title beside the full one, one-letter edits, a dropped
  article, a preprint a year earlier), mixed with hard negatives made from the same entries
  (same title with other authors or years, the short title by other authors, parts of one
  series, volumes of one series, generic titles). A fixed random seed.

Recall is reported per variant kind and false merges per hard-negative kind.

The baseline does what bibtex-tidy's ``--duplicates`` does: equal DOI (alphanumerics), or equal
first author + title (alphanumerics) + number.
"""

from __future__ import annotations

import argparse
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from _dedupe_real import closed_pairs, real_line, real_set
from _measure import bench_file
from refs.bibtex import read_bib
from refs.dedupe import find_duplicates
from refs.model import Entry
from refs.store import load_store
from refs.workflows import import_documents

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "labels" / "dedupe" / "seeds.yaml"
FILES = ("acl-anthology", "ml-conferences", "aps-pre")
BAR_PRECISION, BAR_RECALL = 0.99, 0.95

Pair = tuple[int, int]


# -- scoring ---------------------------------------------------------------------------------


def pairs_of(groups: Iterable[Iterable[int]]) -> set[Pair]:
    found: set[Pair] = set()
    for group in groups:
        members = sorted(set(group))
        found.update((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
    return found


def refs_pairs(entries: Sequence[Entry]) -> set[Pair]:
    index = {id(e): i for i, e in enumerate(entries)}
    report = find_duplicates(entries)
    return pairs_of([index[id(e)] for e in c.members] for c in report.clusters)


def _alnum(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", folded)


def baseline_pairs(entries: Sequence[Entry]) -> set[Pair]:
    """bibtex-tidy's exact keys: DOI, or first author + title + number."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        if doi := _alnum(entry.get("doi")):
            groups[f"doi:{doi}"].append(i)
        authors = entry.names("author")
        first = _alnum(authors[0].last) if authors else ""
        title = _alnum(entry.get("title"))
        if title:
            groups[f"cite:{first}:{title}:{entry.get('number')}"].append(i)
    return closed_pairs(len(entries), ((g[0], other) for g in groups.values() for other in g[1:]))


def score(predicted: set[Pair], truth: set[Pair]) -> tuple[float, float, int, int]:
    hits = len(predicted & truth)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(truth) if truth else 1.0
    return precision, recall, len(predicted - truth), len(truth - predicted)


# -- the seeds -------------------------------------------------------------------------------


def _imported_seeds() -> list[Entry]:
    """The entries of sources/ as import alone makes them: the duplicates still apart."""
    with __import__("tempfile").TemporaryDirectory() as tmp:
        store = Path(tmp) / "references.bib"
        seeds = sorted((ROOT / "sources").glob("[0-9]*.md"))
        import_documents(store, [(f"sources/{p.name}", p.read_bytes()) for p in seeds])
        return load_store(store).entries()


def seed_set() -> tuple[list[Entry], set[Pair]]:
    entries = _imported_seeds()
    where = {(s.file, s.line): i for i, e in enumerate(entries) for s in e.sources}
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    groups = []
    for work in labels["same_work"]:
        indices = []
        for occurrence in work["occurrences"]:
            file, _, line = occurrence.rpartition(":")
            indices.append(where[(file, int(line))])
        groups.append(indices)
    return entries, pairs_of(groups)


# -- the synthetic set -----------------------------------------------------------------------

_GENERIC = ["Introduction", "Preface", "Discussion", "Session 3: Parsing", "Invited Talk"]


def _bases(per_file: int, rng: random.Random) -> list[Entry]:
    """Real entries with a title, authors and a year whose title is unique in their file."""
    chosen: list[Entry] = []
    seen_titles: set[str] = set()
    with __import__("tempfile").TemporaryDirectory() as tmp:
        for name in FILES:
            data = bench_file(name, Path(tmp)).read_bytes()
            entries = [b.entry for b in read_bib(data).blocks if b.entry is not None]
            counts: dict[str, int] = defaultdict(int)
            for entry in entries:
                counts[_alnum(entry.get("title"))] += 1
            usable = [
                e
                for e in entries
                if e.get("author")
                and e.get("year").isdigit()
                and len(_alnum(e.get("title"))) > 12
                and counts[_alnum(e.get("title"))] == 1
                and "\\{" not in e.get("title")
            ]
            picked = rng.sample(usable, per_file)
            # short titles are where variants and look-alikes are hardest: a fifth more of them
            taken = {id(e) for e in picked}
            short = [e for e in usable if _is_short(e.get("title")) and id(e) not in taken]
            picked += rng.sample(short, min(len(short), per_file // 5))
            for entry in picked:
                title = _alnum(entry.get("title"))
                if title not in seen_titles:
                    seen_titles.add(title)
                    chosen.append(entry)
    return chosen


def _initials(author: str) -> str:
    names = []
    for person in Entry("x", "misc", {"author": author}).names("author"):
        given = " ".join(f"{part[0]}." for part in person.first.split() if part[:1].isalpha())
        last = f"{person.von} {person.last}".strip()
        names.append(f"{last}, {given}" if given else last)
    return " and ".join(names)


def _authors(author: str) -> list[str]:
    return [a.strip() for a in re.split(r"\s+and\s+", author) if a.strip()]


#: Where a title's short form ends: a colon, a dash, an opening parenthesis.
_HEAD = re.compile(r"\s*(?::|\u2014|\u2013|\s-{1,2}\s|\()")
_ARTICLE = re.compile(r"^(?:A|An|The)\s+", re.IGNORECASE)


def short_head(title: str) -> str:
    """The title up to its first colon, dash or parenthesis; "" when it has none."""
    found = _HEAD.search(title)
    return title[: found.start()].strip() if found and found.start() > 0 else ""


def _is_short(title: str) -> bool:
    return len(title.split()) <= 4


def _one_letter(title: str, rng: random.Random) -> str:
    """Singular <-> plural of one word."""
    words = title.split()
    nouns = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not nouns:
        return title
    i = rng.choice(nouns)
    words[i] = words[i][:-1] if words[i].endswith("s") else words[i] + "s"
    return " ".join(words)


def _dropped_article(title: str) -> str:
    if _ARTICLE.match(title):
        return _ARTICLE.sub("", title, count=1)
    for article in (" the ", " a ", " an "):
        if article in title:
            return title.replace(article, " ", 1)
    return f"The {title}" if title[:1].isupper() else f"the {title}"


_ACCENTS = {"é": "{\\'e}", "ü": '{\\"u}', "ö": '{\\"o}', "á": "{\\'a}", "ç": "{\\c c}"}


def _variant(entry: Entry, kind: str, rng: random.Random, key: str) -> Entry:
    fields = dict(entry.fields)
    title = fields["title"]
    if kind == "case":
        fields["title"] = rng.choice([title.upper(), title.lower(), title.title()])
    elif kind == "punctuation":
        fields["title"] = title.replace(":", " -").replace("-", " ").rstrip(".") + "."
    elif kind == "initials":
        fields["author"] = _initials(fields["author"])
    elif kind == "dropped-authors":
        names = _authors(fields["author"])
        fields["author"] = " and ".join([*names[: max(1, len(names) // 2)], "others"])
    elif kind == "added-author":
        fields["author"] += " and Smith, John"
    elif kind == "arxiv-version":
        for name in ("booktitle", "pages", "volume", "number", "doi", "publisher", "url"):
            fields.pop(name, None)
        fields["journal"] = "arXiv preprint"
        fields["year"] = str(int(fields["year"]) - rng.choice([0, 1]))
        made = f"{rng.randint(1000, 2399)}.{rng.randint(10000, 99999)}"
        if "arxiv" not in fields:
            fields.setdefault("eprint", made)  # a paper on arXiv already keeps its id
        fields["archiveprefix"] = "arXiv"
        return Entry(key, "misc", fields)
    elif kind == "abbreviations":
        fields["author"] = _initials(fields["author"])
        fields["title"] = title.replace(" and ", " & ")
        for name in ("booktitle", "journal"):
            if name in fields:
                fields[name] = "".join(w[0] for w in fields[name].split() if w[:1].isupper())
    elif kind == "latex":
        for plain, latex in _ACCENTS.items():
            fields["author"] = fields["author"].replace(plain, latex)
            title = title.replace(plain, latex)
        fields["title"] = re.sub(r"\b([A-Z]{2,})\b", r"{\1}", title)
    elif kind == "short-title":
        fields["title"] = short_head(title)
    elif kind == "one-letter":
        fields["title"] = _one_letter(title, rng)
    elif kind == "dropped-article":
        fields["title"] = _dropped_article(title)
    elif kind == "case-short":
        fields["title"] = rng.choice([title.upper(), title.lower()])
    elif kind == "preprint-short":
        for name in ("booktitle", "pages", "volume", "number", "doi", "publisher", "url"):
            fields.pop(name, None)
        fields["year"] = str(int(fields["year"]) - 1)
        fields["howpublished"] = "Preprint"
        return Entry(key, "misc", fields)
    elif kind == "typo":
        words = title.split()
        long = [i for i, w in enumerate(words) if len(w) > 6 and w.isalpha()]
        if long:
            i = rng.choice(long)
            cut = rng.randrange(1, len(words[i]) - 1)
            words[i] = words[i][:cut] + words[i][cut + 1 :]
        fields["title"] = " ".join(words)
    return Entry(key, entry.entry_type, fields)


_KINDS = (
    "case",
    "punctuation",
    "initials",
    "dropped-authors",
    "added-author",
    "arxiv-version",
    "abbreviations",
    "latex",
    "typo",
    "short-title",
    "one-letter",
    "dropped-article",
    "case-short",
    "preprint-short",
)
#: Kinds made only of some titles: with a short form, with a long word, short themselves.
_APPLIES = {
    "short-title": lambda title: bool(short_head(title)),
    "one-letter": lambda title: any(len(w) > 4 and w.isalpha() for w in title.split()),
    "case-short": _is_short,
    "preprint-short": _is_short,
}


def _kind_for(n: int, title: str) -> str:
    """The n-th kind in turn, or the next one that applies to ``title``; a title with a short
    form is cut to it more often (a quarter of them: READMEs cite by short title a lot)."""
    if n % 4 == 0 and short_head(title):
        return "short-title"
    for step in range(len(_KINDS)):
        kind = _KINDS[(n + step) % len(_KINDS)]
        if _APPLIES.get(kind, lambda _: True)(title):
            return kind
    return _KINDS[0]


_NEGATIVE_KINDS = (
    "other-authors",
    "other-year",
    "series",
    "generic",
    "short-other-authors",
    "series-volume",
    "follow-up",
)


def _negatives(base: Entry, other: Entry, rng: random.Random, key: str) -> tuple[str, list[Entry]]:
    """Look-alikes of ``base`` that are other works, and the kind made."""
    fields = dict(base.fields)
    kind = rng.choice(_NEGATIVE_KINDS)
    for name in ("doi", "url", "pages", "volume", "eprint"):
        fields.pop(name, None)
    if kind == "other-authors":
        fields["author"] = other.get("author")
        return kind, [Entry(key, base.entry_type, fields)]
    if kind == "short-other-authors":
        head = short_head(fields["title"]) or fields["title"]
        fields.update(title=head, author=other.get("author"))
        return kind, [Entry(key, base.entry_type, fields)]
    if kind == "follow-up":
        # a later paper that adds an author and takes the earlier title as its short one
        subtitle = short_head(other.get("title")) or other.get("title")
        fields["title"] = f"{fields['title']}: {subtitle}"
        fields["author"] = f"Newcomer, Alex and {fields['author']}"
        fields["year"] = str(int(fields["year"]) + 1)
        for name in ("arxiv", "arxivid", "note", "howpublished"):
            fields.pop(name, None)  # its own identifiers, not the earlier paper's
        return kind, [Entry(key, base.entry_type, fields)]
    if kind == "series-volume":
        # a volume of a series of workshops, edited by the base's authors (on another topic)
        topic = short_head(other.get("title")) or other.get("title")
        volume = {"title": f"Proceedings of the Workshop on {topic}", "year": fields["year"]}
        volume["editor"] = fields["author"]
        first, second = {**volume, "volume": "1"}, {**volume, "volume": "2"}
        return kind, [Entry(key, "proceedings", first), Entry(key + "b", "proceedings", second)]
    if kind == "other-year":
        fields["year"] = str(int(fields["year"]) + rng.choice([-5, -3, 2, 4]))
        return kind, [Entry(key, base.entry_type, fields)]
    if kind == "series":
        first = {**fields, "title": f"{fields['title']}, Part 1"}
        second = {**fields, "title": f"{fields['title']}, Part 2"}
        return kind, [
            Entry(key, base.entry_type, first),
            Entry(key + "b", base.entry_type, second),
        ]
    generic = rng.choice(_GENERIC)
    return kind, [
        Entry(
            key,
            "inproceedings",
            {"title": generic, "year": fields["year"], "author": base.get("author"), "volume": "1"},
        ),
        Entry(
            key + "b",
            "inproceedings",
            {
                "title": generic,
                "year": fields["year"],
                "author": other.get("author"),
                "volume": "2",
            },
        ),
    ]


@dataclass
class Synthetic:
    """The synthetic set: entries, true pairs, and which kind made each pair or look-alike."""

    entries: list[Entry]
    truth: set[Pair]
    #: variant kind -> its true pairs
    variants: dict[str, set[Pair]]
    #: hard-negative kind -> the indices it made (and the base they imitate)
    negatives: dict[str, set[int]]


def synthetic_set(per_file: int, seed: int) -> Synthetic:
    rng = random.Random(seed)
    bases = _bases(per_file, rng)
    entries: list[Entry] = list(bases)
    variants: dict[str, set[Pair]] = defaultdict(set)
    negatives: dict[str, set[int]] = defaultdict(set)
    for n, base in enumerate(bases):
        roll = rng.random()
        if roll < 0.45:
            kind = _kind_for(n, base.get("title"))
            entries.append(_variant(base, kind, rng, f"copy{n}"))
            variants[kind].add((n, len(entries) - 1))
        elif roll < 0.7:
            kind, made = _negatives(base, rng.choice(bases), rng, f"neg{n}")
            negatives[kind].update(range(len(entries), len(entries) + len(made)))
            negatives[kind].add(n)
            entries.extend(made)
    truth = set().union(*variants.values())
    return Synthetic(entries, truth, dict(variants), dict(negatives))


# -- report ----------------------------------------------------------------------------------


def _line(name: str, predicted: set[Pair], truth: set[Pair]) -> str:
    precision, recall, false_pos, false_neg = score(predicted, truth)
    return (
        f"  {name:28} precision {precision:.4f}  recall {recall:.4f}  "
        f"(pairs: {len(truth)} true, {false_pos} false merges, {false_neg} missed)"
    )


def _kind_lines(refs: set[Pair], synthetic: Synthetic) -> list[str]:
    """Recall per variant kind; false merges that touch each kind of look-alike."""
    lines = ["  recall per variant kind:"]
    for kind, pairs in sorted(synthetic.variants.items()):
        hits = len(pairs & refs)
        lines.append(f"    {kind:20} {hits / len(pairs):.4f}  ({hits}/{len(pairs)})")
    false = refs - synthetic.truth
    lines.append("  false merges per hard-negative kind:")
    for kind, made in sorted(synthetic.negatives.items()):
        count = sum(1 for a, b in false if a in made or b in made)
        lines.append(f"    {kind:20} {count}  (of {len(made)} entries)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-file", type=int, default=1500, help="real entries per bench file")
    parser.add_argument("--seed", type=int, default=4, help="random seed (fixed by default)")
    parser.add_argument("--show", type=int, default=5, help="missed and false pairs to print")
    args = parser.parse_args()
    seeds, seed_truth = seed_set()
    print(f"seeds: {len(seeds)} entries imported from sources/, {len(seed_truth)} duplicate pairs")
    print(_line("refs dedupe", refs_pairs(seeds), seed_truth))
    print(_line("exact baseline (bibtex-tidy)", baseline_pairs(seeds), seed_truth))
    synthetic = synthetic_set(args.per_file, args.seed)
    entries, truth = synthetic.entries, synthetic.truth
    made = {kind: len(pairs) for kind, pairs in sorted(synthetic.variants.items())}
    print(f"\nsynthetic: {len(entries)} entries, {len(truth)} duplicate pairs; made: {made}")
    refs = refs_pairs(entries)
    print(_line("refs dedupe", refs, truth))
    print(_line("exact baseline (bibtex-tidy)", baseline_pairs(entries), truth))
    print("\n".join(_kind_lines(refs, synthetic)))
    real = real_set()
    print(
        f"\nreal (bench/labels/dedupe/real-pairs.yaml): {len(real.entries)} entries of READMEs "
        f"and bench files, {len(real.truth)} same-work pairs judged blind"
    )
    real_refs = refs_pairs(real.entries)
    print(real_line("refs dedupe", real_refs, real))
    print(real_line("exact baseline (bibtex-tidy)", baseline_pairs(real.entries), real))
    all_truth = truth | {(a + len(entries), b + len(entries)) for a, b in seed_truth}
    all_refs = refs | {(a + len(entries), b + len(entries)) for a, b in refs_pairs(seeds)}
    precision, recall, _, _ = score(all_refs, all_truth)
    verdict = "meets" if precision >= BAR_PRECISION and recall >= BAR_RECALL else "MISSES"
    print(
        f"\nrefs dedupe, seeds and synthetic: precision {precision:.4f} recall {recall:.4f} "
        f"({verdict} the bar: precision >= {BAR_PRECISION}, recall >= {BAR_RECALL})"
    )
    right = len(real_refs & real.truth)
    real_precision = right / len(real_refs) if real_refs else 1.0
    real_recall = right / len(real.truth) if real.truth else 1.0
    verdict = "meets" if real_precision >= BAR_PRECISION and real_recall >= BAR_RECALL else "MISSES"
    print(
        f"refs dedupe, real: precision {real_precision:.4f} recall {real_recall:.4f} "
        f"({verdict} the bar)"
    )
    for a, b in sorted(real.truth - real_refs)[: args.show]:
        print(f"  real, missed: {real.entries[a].key} / {real.entries[b].key}")
    for a, b in sorted(real_refs & real.apart)[: args.show]:
        print(f"  real, false merge: {real.entries[a].key} / {real.entries[b].key}")
    for a, b in sorted(truth - refs)[: args.show]:
        print(f"  missed: {entries[a].get('title')!r} / {entries[b].get('title')!r}")
    for a, b in sorted(refs - truth)[: args.show]:
        print(
            f"  false merge: {entries[a].key} {entries[a].get('title')!r} / "
            f"{entries[b].key} {entries[b].get('title')!r}"
        )


if __name__ == "__main__":
    main()

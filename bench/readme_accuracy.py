"""How well the whole import reads real survey READMEs, scored on hand labels made blind.

The documents are real READMEs of public repositories (``../shared/readmes/``, see its
``SOURCES.md``, and ``bench/readmes/fresh/docs/``, see ``bench/readmes/fresh/SOURCES.md``); the
labels were written by people who never read the parser, from the printed text: fields as
printed, the exact line where each occurrence starts. Three sets:

- ``real`` (``bench/readmes/labels/``): documents the parser may be improved against;
- ``unseen`` (``bench/readmes/unseen/``): documents nobody fixes against. Their figures are the
  honest estimate for a README refs has never seen; report them apart;
- ``fresh`` (``bench/readmes/fresh/``): documents fetched later for shapes the first sets lack
  (plain-text citation styles, venue-bullets under year headings), scored blind once before any
  fix and then fixed against, like ``real``.

The measure is the pipeline a user runs, not the parser alone: every document of the set is
imported into one fresh store (``refs import``), then ``refs dedupe --apply``; each labelled
occurrence is looked up by its provenance (``file:line``) and scored on the entry that holds it,
read as CSL-JSON (`refs.csl_json.entry_to_csl`) for title, authors, year and container title, and
through the entry's identifiers for arXiv, DOI, ACL Anthology and OpenReview.

A field counts where the label or the entry has a value (both empty is no evidence either way;
the venue counts only where one is printed: ``arXiv`` read from an arXiv link is no error);
a year where none is printed is no error when it is the year the printed arXiv id states
(``2401.01339``: 2024) or the year of the heading the occurrence is listed under (``## 2018``);
a title, year, authors or identifier where none is printed is no error when the entry also
holds another occurrence (of this document or another of the set), which may print them
(``--strict`` counts them); authors are scored as the exact sequence of family names, ``et al.``
as a final ``others`` (a printed list ending in ``et al.`` is right when the entry's list opens
with the printed names: a merge may complete it); arXiv ids are compared without their version
(``v2``); an entry is whole when title, year, authors and every identifier are
right. Same-work pairs: two labelled occurrences are one work when they share an arXiv id or
DOI (unless labelled ``copied_link``: a row that copied its neighbour's paper link), or title and
year with the same first author where both print one; the import says so by storing them in one
entry.

Run: ``.venv/bin/python bench/readme_accuracy.py [--set real|unseen|fresh|both] [-v] [--strict]``.
"""

from __future__ import annotations

import argparse
import itertools
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from refs.bibtex import read_bib
from refs.csl_json import entry_to_csl
from refs.latex import to_unicode
from refs.model import Entry
from refs.parsing.identifiers import year_from_identifiers

ROOT = Path(__file__).resolve().parent.parent
READMES = ROOT.parent / "shared" / "readmes"
SETS = {
    "real": ROOT / "bench" / "readmes" / "labels",
    "unseen": ROOT / "bench" / "readmes" / "unseen",
    "fresh": ROOT / "bench" / "readmes" / "fresh",
}
#: Where each set's documents are (a set's labels name them by file name).
DOCUMENTS = {
    "real": READMES,
    "unseen": READMES,
    "fresh": ROOT / "bench" / "readmes" / "fresh" / "docs",
}
IDENTIFIERS = ("arxiv", "doi", "acl", "openreview")
FIELDS = ("title", "year", "venue", "authors", *IDENTIFIERS)
#: The fields an entry must have right to be whole (the venue is printed too loosely to judge).
WHOLE = ("title", "year", "authors", *IDENTIFIERS)
#: Fields a merge brings from another occurrence: where this occurrence prints none and the entry
#: also holds another occurrence, the entry's value is that occurrence's, not an error (a venue
#: not printed is never judged).
MERGEABLE = ("title", "year", "authors", *IDENTIFIERS)
#: The bar of the issue that asked for this measure (unseen READMEs).
BAR = {
    "coverage": 0.97,
    "title": 0.95,
    "year": 0.95,
    "arxiv": 0.97,
    "doi": 0.95,
    "acl": 0.95,
    "openreview": 0.95,
    "authors": 0.85,
    "whole": 0.80,
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014", "''\"\"--"))
    return re.sub(r"\s+", " ", text).strip().casefold()


def norm_title(value: object) -> str | None:
    """Case, white space, quotes, braces and the end's punctuation do not count."""
    if not value:
        return None
    # CSL-JSON's rich text (``<span class="nocase">``, ``<i>``) is markup, not title
    text = _fold(re.sub(r"</?(?:span|i|b|sup|sub)\b[^>]*>", "", str(value)))
    text = text.replace("{", "").replace("}", "")
    return text.strip(" \"'").rstrip(".:,;").strip(" \"'") or None


def norm_venue(value: object) -> str | None:
    """Any arXiv venue is "arxiv"; case, punctuation, years, apostrophe years and a leading
    "In" do not count."""
    if not value:
        return None
    folded = _fold(str(value))
    if "arxiv" in folded:
        return "arxiv"
    folded = re.sub(r"^in\s+", "", folded)
    folded = re.sub(r"(?<!\d)(?:19|20)\d{2}(?!\d)|'\s?\d{2}\b", " ", folded)
    return re.sub(r"[^\w]+", " ", folded).strip() or None


def family(name: str) -> str:
    """The last word of a name as printed (``Smith, J.`` -> ``smith``), accents folded."""
    text = _fold(name.replace("{", "").replace("}", ""))
    if "," in text:
        text = text.split(",", 1)[0]
    words = re.findall(r"[\w'-]+", text)
    return words[-1] if words else ""


def label_families(authors: Iterable[str]) -> tuple[str, ...]:
    return tuple(
        "others" if a.strip().casefold() in {"others", "et al.", "et al"} else family(a)
        for a in authors
    )


def entry_families(entry: Entry) -> tuple[str, ...]:
    out = []
    for person in entry.names("author"):
        if person.is_others:
            out.append("others")
        else:
            out.append(family(to_unicode(person.last)))
    return tuple(out)


def predicted(entry: Entry) -> dict[str, Any]:
    """The entry in the labels' terms, from its CSL-JSON and its identifiers."""
    item: dict[str, Any] = dict(entry_to_csl(entry))
    ids = entry.identifiers
    issued = (item.get("issued") or {}).get("date-parts") or [[None]]
    year = issued[0][0] if issued[0] else None
    return {
        "title": item.get("title"),
        "year": int(str(year)) if str(year or "").isdigit() else None,
        "venue": item.get("container-title") or item.get("publisher"),
        "authors": entry_families(entry),
        "arxiv": ids.arxiv,
        "doi": ids.doi,
        "acl": ids.acl,
        "openreview": ids.openreview,
    }


def arxiv_year(arxiv: object) -> int | None:
    """The year a printed new-style arXiv id states (``2401.01339``: 2024), or None."""
    year = year_from_identifiers(_versionless(str(arxiv).strip()) if arxiv else None, ())
    return int(year) if year else None


def wanted(occ: Mapping[str, Any]) -> dict[str, Any]:
    def low(value: object) -> str | None:
        return str(value).strip().casefold() if value else None

    return {
        "title": occ.get("title"),
        "year": int(occ["year"]) if str(occ.get("year") or "").isdigit() else None,
        "venue": occ.get("venue"),
        "authors": label_families(occ.get("authors") or []),
        "arxiv": low(occ.get("arxiv")),
        "doi": low(occ.get("doi")),
        "acl": low(occ.get("acl")),
        "openreview": occ.get("openreview"),
    }


def same(name: str, want: Any, got: Any) -> bool:
    if name == "title":
        return norm_title(want) == norm_title(got)
    if name == "venue":
        return norm_venue(want) == norm_venue(got)
    if name == "arxiv":
        return _versionless(want) == _versionless(got)
    if name in {"doi", "acl"}:
        return (str(want).casefold() if want else None) == (str(got).casefold() if got else None)
    if name == "authors" and want and want[-1] == "others" and len(got) >= len(want) - 1:
        # "G. Hinton et al." is right when the entry's list opens with the printed names: a
        # merge that completed the truncated list lost nothing.
        return bool(got[: len(want) - 1] == want[:-1])
    return bool(want == got)


def _versionless(arxiv: object) -> str | None:
    """An arXiv id without its version: ``1601.06759v2`` and ``1601.06759`` name one work."""
    return re.sub(r"v\d+$", "", str(arxiv).casefold()) if arxiv else None


def _empty(value: Any) -> bool:
    return value in (None, "", ())


@dataclass
class Score:
    """Running totals of one document, or of a set."""

    labelled: int = 0
    found: int = 0
    judged: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    whole: int = 0
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.labelled += other.labelled
        self.found += other.found
        self.judged.update(other.judged)
        self.right.update(other.right)
        self.whole += other.whole
        self.missing += other.missing
        self.errors += other.errors

    def figures(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {
            "coverage": self.found / self.labelled if self.labelled else None
        }
        for name in FIELDS:
            out[name] = self.right[name] / self.judged[name] if self.judged[name] else None
        out["whole"] = self.whole / self.found if self.found else None
        return out


@dataclass(frozen=True)
class Occurrence:
    file: str
    line: int
    label: Mapping[str, Any]
    rank: int = 0  # its place among the labelled occurrences that start on the same line

    @property
    def place(self) -> tuple[str, int, int]:
        return (self.file, self.line, self.rank)


def load_labels(folder: Path) -> list[tuple[str, list[Occurrence]]]:
    """Each label file of ``folder``: its document's name and its occurrences."""
    out = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = data["file"]
        ranks: Counter[int] = Counter()
        occurrences = []
        for o in data["occurrences"]:
            occurrences.append(Occurrence(name, int(o["line"]), o, ranks[int(o["line"])]))
            ranks[int(o["line"])] += 1
        out.append((name, occurrences))
    return out


def import_all(
    names: list[str], work: Path, documents: Path = READMES
) -> tuple[list[Entry], dict[str, float]]:
    """Import every document into one store in ``work``, dedupe it, return its entries and the
    seconds each command took."""
    refs = [sys.executable, "-m", "refs"]
    seconds: dict[str, float] = {}
    for name in names:
        shutil.copyfile(documents / name, work / name)
    for name in names:
        start = time.perf_counter()
        subprocess.run([*refs, "import", name], cwd=work, check=False, capture_output=True)
        seconds[name] = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([*refs, "dedupe", "--apply"], cwd=work, check=False, capture_output=True)
    seconds["dedupe --apply"] = time.perf_counter() - start
    store = work / "references.bib"
    entries = list(read_bib(store.read_bytes()).entries) if store.exists() else []
    return entries, seconds


def placed(
    entries: Sequence[Entry], occurrences: Iterable[Occurrence]
) -> dict[tuple[str, int, int], Entry]:
    """The entry each labelled occurrence was read into, found by the line it starts on. Two
    works printed on one line (``[A](a.pdf) (1981) and [B](b.pdf) (1990)``) are told apart by
    title: each label takes the entry of that line whose title is closest to its own."""
    by_line: dict[tuple[str, int], list[Entry]] = defaultdict(list)
    for entry in entries:
        for source in entry.sources:
            if entry not in by_line[(source.file, source.line)]:
                by_line[(source.file, source.line)].append(entry)
    at: dict[tuple[str, int, int], Entry] = {}
    for occ in occurrences:
        found = by_line.get((occ.file, occ.line), [])
        if len(found) > 1:
            title = norm_title(occ.label.get("title")) or ""
            found = sorted(
                found, key=lambda e: -fuzz.ratio(title, norm_title(e.get("title")) or "")
            )
        if found:
            at[occ.place] = found[0]
    return at


def year_headings(text: str) -> list[int | None]:
    """For each line (0-based), the year of the nearest Markdown heading above it that is a
    year alone (``## 2018``, ``### 2016:``), None when the nearest heading is no year."""
    out: list[int | None] = []
    year: int | None = None
    for line in text.split("\n"):
        heading = re.match(r"\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            found = re.fullmatch(r"\W*((?:19|20)\d{2})\W*", heading.group(1))
            year = int(found.group(1)) if found else None
        out.append(year)
    return out


def score_document(
    occurrences: list[Occurrence],
    at: Mapping[tuple[str, int, int], Entry],
    verbose: bool,
    strict: bool = False,
    headings: Sequence[int | None] = (),
) -> Score:
    score = Score()
    for occ in occurrences:
        score.labelled += 1
        where = f"{occ.file}:{occ.line}"
        entry = at.get(occ.place)
        if entry is None:
            score.missing.append(where)
            continue
        score.found += 1
        want, got = wanted(occ.label), predicted(entry)
        elsewhere = any((s.file, s.line) != (occ.file, occ.line) for s in entry.sources)
        whole = True
        for name in FIELDS:
            if _empty(want[name]) and (_empty(got[name]) or name == "venue"):
                continue  # no evidence; a venue not printed (arXiv from a link) is no error
            if name == "year" and want[name] is None and got[name] == arxiv_year(want["arxiv"]):
                continue  # no year printed: the one the printed arXiv id states is no error
            heading = headings[occ.line - 1] if occ.line <= len(headings) else None
            if name == "year" and want[name] is None and heading and got[name] == heading:
                continue  # no year printed: the year heading the entry is listed under is none
            if name in MERGEABLE and _empty(want[name]) and elsewhere and not strict:
                continue  # printed by another document's occurrence of the same work
            score.judged[name] += 1
            if same(name, want[name], got[name]):
                score.right[name] += 1
            else:
                whole &= name not in WHOLE
                if verbose:
                    score.errors.append(f"{where} {name}: want {want[name]!r} got {got[name]!r}")
        score.whole += whole
    return score


def work_of(occ: Occurrence) -> set[str]:
    """What makes two labelled occurrences one work: shared identifiers, or title and year.

    An occurrence labelled ``copied_link: true`` prints another row's paper link (the lead's
    judgement, said in the label file's notes): its identifier is scored as printed but is no
    evidence that it is that other row's work.
    """
    keys = (
        set()
        if occ.label.get("copied_link")
        else {
            f"{name}:{_versionless(occ.label[name])}"
            for name in ("arxiv", "doi")
            if occ.label.get(name)
        }
    )
    title = norm_title(occ.label.get("title"))
    if title:
        keys.add(f"title:{title}:{occ.label.get('year')}")
    return keys


def same_work_pairs(
    occurrences: list[Occurrence], at: Mapping[tuple[str, int, int], Entry]
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The true and the predicted same-work pairs among the found occurrences, each pair as
    two ``file:line`` places."""
    found = [o for o in occurrences if o.place in at]
    true_pairs: set[tuple[int, int]] = set()
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, occ in enumerate(found):
        for key in work_of(occ):
            by_key[key].append(index)
    for key, members in by_key.items():
        for a, b in itertools.combinations(sorted(set(members)), 2):
            if key.startswith("title:") and _first_authors_differ(found[a], found[b]):
                continue  # "Deep learning" (2015) by Bengio et al. and by LeCun et al.: two works
            true_pairs.add((a, b))
    by_entry: dict[str, list[int]] = defaultdict(list)
    for index, occ in enumerate(found):
        by_entry[at[occ.place].key].append(index)
    predicted_pairs = {
        pair for members in by_entry.values() for pair in itertools.combinations(members, 2)
    }

    def named(pairs: set[tuple[int, int]]) -> set[tuple[str, str]]:
        return {(_place(found[a]), _place(found[b])) for a, b in pairs}

    return named(true_pairs), named(predicted_pairs)


def _first_authors_differ(a: Occurrence, b: Occurrence) -> bool:
    first = [label_families(o.label.get("authors") or [])[:1] for o in (a, b)]
    return bool(first[0] and first[1] and first[0] != first[1])


def _place(occ: Occurrence) -> str:
    return f"{occ.file}:{occ.line}" + (f"#{occ.rank + 1}" if occ.rank else "")


def _cell(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def report(
    name: str, folder: Path, verbose: bool, strict: bool = False, documents_folder: Path = READMES
) -> Score:
    """Import, dedupe and score one set; print a row per document and the set's total."""
    documents = load_labels(folder)
    if not documents:
        print(f"[{name}] no labels in {folder}")
        return Score()
    with tempfile.TemporaryDirectory(prefix="refs-readmes-") as tmp:
        entries, seconds = import_all([doc for doc, _ in documents], Path(tmp), documents_folder)
    at = placed(entries, [o for _, occs in documents for o in occs])
    total = Score()
    columns = ("coverage", *FIELDS, "whole")
    print(f"\n[{name}] {len(documents)} documents, one store, after `refs dedupe --apply`")
    print(f"{'document':<44}" + "".join(f"{c[:6]:>7}" for c in columns) + "      n")
    for doc, occurrences in documents:
        text = (documents_folder / doc).read_text(encoding="utf-8", errors="replace")
        score = score_document(occurrences, at, verbose, strict, year_headings(text))
        total.add(score)
        figures = score.figures()
        print(
            f"{doc[:43]:<44}"
            + "".join(f" {_cell(figures[c])}" for c in columns)
            + f" {score.labelled:6d}"
        )
    figures = total.figures()
    print(
        f"{'all':<44}" + "".join(f" {_cell(figures[c])}" for c in columns) + f" {total.labelled:6d}"
    )
    every = [o for _, occs in documents for o in occs]
    true_pairs, predicted_pairs = same_work_pairs(every, at)
    true, guessed = len(true_pairs), len(predicted_pairs)
    both = len(true_pairs & predicted_pairs)
    precision = both / guessed if guessed else 1.0
    recall = both / true if true else 1.0
    print(
        f"same-work pairs: precision {precision:.3f} ({both}/{guessed}), "
        f"recall {recall:.3f} ({both}/{true})"
    )
    if verbose:
        for a, b in sorted(predicted_pairs - true_pairs):
            print(f"  [{name}] pair merged, labelled apart: {a} {b}")
        for a, b in sorted(true_pairs - predicted_pairs):
            print(f"  [{name}] pair labelled one work, kept apart: {a} {b}")
    slowest = max((s, d) for d, s in seconds.items() if d in dict(documents))
    print(
        f"import: {sum(v for d, v in seconds.items() if d in dict(documents)):.1f} s in all "
        f"(slowest {slowest[1]} {slowest[0]:.2f} s), dedupe --apply "
        f"{seconds['dedupe --apply']:.2f} s"
    )
    for line in total.missing:
        print(f"  [{name}] - missing {line}")
    for line in total.errors:
        print(f"  [{name}] ! {line}")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("real", "unseen", "fresh", "both"), default="both")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="count a value brought by another document's occurrence where this one prints none",
    )
    args = parser.parse_args()
    if not READMES.is_dir():
        print(f"no documents: {READMES} is missing (it sits beside the project)")
        return 2
    names = ["real", "unseen"] if args.set == "both" else [args.set]
    for name in names:
        report(name, SETS[name], args.verbose, args.strict, DOCUMENTS[name])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Draw the real-data fidelity set, bench/fidelity/real.bib, from the four bench files.

    python bench/fidelity/draw.py            # writes bench/fidelity/real.bib
    python bench/fidelity/draw.py --check    # exit 1 unless the file on disk is what it draws

The set is stratified: each stratum (`STRATA`) names what real data holds that the renderer must
handle (entry types, name particles, organisations, same author and year, non-ASCII names,
editor-only entries, month ranges, straight quotes in titles) and how many entries to draw for
it. A stratum's quota is split evenly over the bench files that hold candidates for it (what one
file cannot give falls to the files after it); within a
file the candidates are taken in file order and drawn with ``random.Random(SEED)``, one stratum
after another, so an entry drawn for an earlier stratum is not drawn again. Only entries that read
alone without a problem and whose key is new to the set are candidates.

Each entry is copied byte for byte from its bench file, after a comment line saying where it
comes from (``% acl-anthology.bib:1234``). The same bench files give the same bytes: the README
records the set's SHA-256. The bench files' README asks that no piece of them be committed, so
the set is drawn here on demand (bench/csl_fidelity.py --set real draws it when it is absent) and
git ignores it.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from refs.bibtex.blocks import BlockKind
from refs.bibtex.read import read_bib
from refs.model import Entry
from refs.model.names import Person, parse_names

ROOT = Path(__file__).resolve().parents[2]
BENCH_DATA = ROOT.parent / "shared" / "bench-data"
OUT = ROOT / "bench" / "fidelity" / "real.bib"
#: The bench files, in the order their entries are offered to each stratum.
FILES = ("acl-anthology", "aps-pre", "ml-conferences", "jgrey-personal")
SEED = 17
#: Two entries per pair in the same-author-and-year stratum.
PAIR = 2

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: Two month names in one month field: ``oct \# ''-'' \# nov``, ``may # "–" # jun``, ``June--July``
_MONTH_RANGE = re.compile(rf"(?i)\b{_MONTH}\b.*\b{_MONTH}\b")
_PARTICLE = re.compile(r"^(?:van|von|de|d'|van der|van den|de la|della|di|du|le)$", re.IGNORECASE)
#: A LaTeX accent command or a non-ASCII letter in a name.
_NON_ASCII = re.compile(r"[^\x00-\x7f]|\\['\"`^~=.uvHckrb]")
#: A straight quote in a title that is not part of a LaTeX accent (``\'e``, ``\"o``).
_STRAIGHT_QUOTE = re.compile(r"(?<!\\)[\"']")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entry of a bench file: where it is, its bytes, and what it is."""

    file: str
    line: int
    raw: bytes
    entry: Entry

    @property
    def authors(self) -> tuple[Person, ...]:
        return parse_names(self.entry.fields.get("author", ""))


def _type(*names: str) -> Callable[[Candidate], bool]:
    return lambda c: c.entry.entry_type in names


def _has_particle(c: Candidate) -> bool:
    names = (*c.authors, *parse_names(c.entry.fields.get("editor", "")))
    return any(p.von and _PARTICLE.match(p.von.strip()) for p in names) or any(
        p.last.lower().startswith(("d'", "d’")) for p in names
    )


def _is_organisation(c: Candidate) -> bool:
    return any(p.is_literal for p in c.authors)


def _non_ascii_name(c: Candidate) -> bool:
    return bool(_NON_ASCII.search(c.entry.fields.get("author", "")))


def _editors_only(c: Candidate) -> bool:
    return "editor" in c.entry.fields and "author" not in c.entry.fields


def _month_range(c: Candidate) -> bool:
    month = c.entry.fields.get("month", "")
    return bool(month) and bool(_MONTH_RANGE.search(month)) and "year" in c.entry.fields


def _dated_authors(c: Candidate) -> bool:
    return bool(c.authors) and "year" in c.entry.fields


def _quoted_title(c: Candidate) -> bool:
    return bool(_STRAIGHT_QUOTE.search(c.entry.fields.get("title", "")))


@dataclass(frozen=True, slots=True)
class Stratum:
    name: str
    quota: int
    test: Callable[[Candidate], bool]
    #: draw entries two at a time sharing first author and year
    pairs: bool = False


STRATA = (
    Stratum("article", 40, _type("article")),
    Stratum("proceedings paper", 40, _type("inproceedings", "conference")),
    Stratum("book", 30, _type("book", "inbook", "incollection")),
    Stratum("thesis", 30, _type("phdthesis", "mastersthesis", "thesis")),
    Stratum("report", 30, _type("techreport", "report")),
    Stratum("web page / misc", 30, _type("online", "misc", "webpage", "electronic", "www")),
    Stratum("name particle", 35, _has_particle),
    Stratum("organisation author", 25, _is_organisation),
    Stratum(
        "same author and year", 40, lambda c: bool(c.authors) and "year" in c.entry.fields, True
    ),
    Stratum("non-ASCII name", 35, _non_ascii_name),
    Stratum("editors only", 30, _editors_only),
    Stratum("month range", 25, _month_range),
    Stratum("straight quotes in title", 30, _quoted_title),
)


def candidates(name: str) -> Iterator[Candidate]:
    """The entries of one bench file that read alone without a problem, in file order."""
    data = gzip.decompress((BENCH_DATA / f"{name}.bib.gz").read_bytes())
    for block in read_bib(data, name).blocks:
        if block.kind is not BlockKind.ENTRY or block.entry is None:
            continue
        raw = data[block.start : block.end]
        alone = read_bib(raw)
        if alone.problems or len(alone.entries) != 1:
            continue
        yield Candidate(f"{name}.bib", block.line, raw, block.entry)


def _pair_groups(pool: list[Candidate]) -> list[list[Candidate]]:
    """Groups of entries with the same first author (family name) and year, in file order."""
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for c in pool:
        first = c.authors[0]
        groups.setdefault((first.last.lower(), c.entry.fields["year"]), []).append(c)
    return [group for group in groups.values() if len(group) >= PAIR]


def draw() -> list[tuple[str, Candidate]]:
    """(stratum, entry) for every entry of the set, in the order drawn."""
    rng = random.Random(SEED)
    per_file = {name: list(candidates(name)) for name in FILES}
    taken: set[tuple[str, int]] = set()
    keys: set[str] = set()
    drawn: list[tuple[str, Candidate]] = []

    def free(c: Candidate) -> bool:
        return (c.file, c.line) not in taken and c.entry.key not in keys

    def take(stratum: Stratum, c: Candidate) -> None:
        taken.add((c.file, c.line))
        keys.add(c.entry.key)
        drawn.append((stratum.name, c))

    for stratum in STRATA:
        pools = {n: [c for c in per_file[n] if stratum.test(c)] for n in FILES}
        holding = [n for n in FILES if pools[n]]
        if stratum.pairs:
            holding = [n for n in holding if _pair_groups(pools[n])]
        wanted = stratum.quota // PAIR if stratum.pairs else stratum.quota
        for index, name in enumerate(holding):
            # what an earlier file could not give falls to the later ones
            share = -(-wanted // (len(holding) - index))
            wanted -= share
            if stratum.pairs:
                groups = _pair_groups(pools[name])
                for group in rng.sample(groups, len(groups)):
                    if share == 0:
                        break
                    usable = [c for c in group if free(c)]
                    if len(usable) >= PAIR:
                        for c in usable[:PAIR]:
                            take(stratum, c)
                        share -= 1
                wanted += share
                continue
            pool = pools[name]
            for c in rng.sample(pool, len(pool)):
                if share == 0:
                    break
                if free(c):
                    take(stratum, c)
                    share -= 1
            wanted += share
    return drawn


def render(drawn: list[tuple[str, Candidate]]) -> bytes:
    parts = [
        f"% {c.file}:{c.line} ({stratum})\n".encode() + c.raw.strip() + b"\n"
        for stratum, c in drawn
    ]
    return b"\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the file on disk")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not BENCH_DATA.is_dir():
        raise SystemExit(f"{BENCH_DATA} is absent: clone the project with ../shared beside it")
    drawn = draw()
    data = render(drawn)
    digest = hashlib.sha256(data).hexdigest()
    if args.check:
        same = args.out.is_file() and args.out.read_bytes() == data
        print(f"{args.out}: {'as drawn' if same else 'differs from the draw'} (sha256 {digest})")
        sys.exit(0 if same else 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    counts: dict[str, int] = {}
    for stratum, c in drawn:
        counts[f"{stratum} / {c.file}"] = counts.get(f"{stratum} / {c.file}", 0) + 1
    for label, count in counts.items():
        print(f"  {label}: {count}")
    print(f"{args.out}: {len(drawn)} entries, sha256 {digest}")


if __name__ == "__main__":
    main()

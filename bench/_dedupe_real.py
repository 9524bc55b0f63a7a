"""The real same-work pairs set of `dedupe_accuracy.py`: entries of real READMEs and bench files,
candidate pairs judged blind (see `dedupe_real_draw.py` and bench/labels/dedupe/real-pairs.yaml).

The judged true pairs are closed transitively (A=B and B=C make A=C one work). A predicted
pair inside one such work is right; across works it is a false merge when judged so, and
``unjudged`` when no judge saw it — counted as false in the precision printed (the blocking
could only have missed it if it is unlike every judged pair), and shown apart.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from refs.bibtex import read_bib
from refs.model import Entry

LABELS = Path(__file__).resolve().parent / "labels" / "dedupe"

Pair = tuple[int, int]


@dataclass(frozen=True)
class RealSet:
    entries: list[Entry]
    #: same-work pairs, closed transitively over the judged true pairs
    truth: set[Pair]
    #: pairs a judge called two works
    apart: set[Pair]


def real_set() -> RealSet:
    data = gzip.decompress((LABELS / "real-entries.bib.gz").read_bytes())
    entries = list(read_bib(data, "real-entries.bib").entries)
    index = {e.key: n for n, e in enumerate(entries)}
    judged = yaml.safe_load((LABELS / "real-pairs.yaml").read_text(encoding="utf-8"))["pairs"]
    joined: list[Pair] = []
    apart: set[Pair] = set()
    for pair in judged:
        a, b = sorted((index[pair["a"]], index[pair["b"]]))
        if pair["same"] is True:
            joined.append((a, b))
        elif pair["same"] is False:
            apart.add((a, b))
    truth = closed_pairs(len(entries), joined)
    return RealSet(entries, truth, apart)


def closed_pairs(count: int, links: Iterable[Pair]) -> set[Pair]:
    """Every pair of the ``count`` entries that ``links`` join, directly or through others."""
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in links:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for n in range(count):
        groups.setdefault(find(n), []).append(n)
    return {
        (a, b)
        for members in groups.values()
        for i, a in enumerate(members)
        for b in members[i + 1 :]
    }


def real_line(name: str, predicted: set[Pair], real: RealSet) -> str:
    right = predicted & real.truth
    wrong = predicted & real.apart
    unjudged = predicted - real.truth - real.apart
    precision = len(right) / len(predicted) if predicted else 1.0
    judged = len(right) + len(wrong)
    on_judged = len(right) / judged if judged else 1.0
    recall = len(right) / len(real.truth) if real.truth else 1.0
    return (
        f"  {name:<30} precision {precision:.3f} (on judged pairs {on_judged:.3f})  "
        f"recall {recall:.3f}  (false merges judged {len(wrong)}, unjudged {len(unjudged)}, "
        f"missed {len(real.truth - predicted)})"
    )

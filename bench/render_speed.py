"""Speed of `refs render` next to citeproc-js on 5,000 entries: bibliography + 5,000 citations.

    python bench/render_speed.py                       # ACL, APA, IEEE; 5,000 entries
    python bench/render_speed.py --entries 1000 --profile apa

The 5,000 CSL items are made from the shipped store's (exported as `refs export --format
csl-json` writes them): each store item is repeated with another first author, title and year,
so that author-date styles have real year-suffix and name disambiguation to do. refs renders
every item's citation (one cluster per item, as ../shared/tools/csl-oracle/oracle.js does) and
the bibliography in one `process` call, disambiguation on; the oracle (citeproc-js 2.4.63) runs
on the same file in the same run. ``--profile STYLE`` prints where refs spends its time.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from csl_fidelity import ROOT, export_items, oracle_dir, run_oracle
from refs.render import resolve_style
from refs.render.engine import process

STYLES = ("association-for-computational-linguistics", "apa", "ieee")
FAMILIES = (
    "Zhou Wang Li Zhang Liu Chen Yang Huang Zhao Wu Smith Johnson Brown Garcia Miller Davis "
    "Müller Schmidt Rossi Dubois Tanaka Suzuki Kim Park Nguyen Singh Kumar Cohen Levy Silva"
).split()
WORDS = (
    "robust scalable efficient sparse neural contrastive multilingual instruction-tuned "
    "aligned grounded causal federated"
).split()


def make_items(base: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """``count`` realistic CSL items made from the store's (deterministic)."""
    items = []
    for number in range(count):
        item = copy.deepcopy(base[number % len(base)])
        round_ = number // len(base)
        item["id"] = f"{item['id']}-{number}"
        item.pop("custom", None)
        if round_:
            authors = item.get("author") or [{"family": "Anon", "given": "A."}]
            authors[0] = {
                "family": FAMILIES[round_ % len(FAMILIES)],
                "given": authors[0].get("given", "A."),
            }
            item["author"] = authors
            item["title"] = f"{WORDS[round_ % len(WORDS)].capitalize()} {item.get('title', '')}"
            item["issued"] = {"date-parts": [[2015 + (number * 7) % 10]]}
        items.append(item)
    return items


def time_refs(items: list[dict[str, Any]], style: str) -> float:
    path = resolve_style(style).path
    start = time.perf_counter()
    processed = process(items, path, "en-US", citations=True)
    elapsed = time.perf_counter() - start
    assert len(processed.citations) == len(items), "one citation per item"
    return elapsed


def time_oracle(items_path: Path, style: str) -> float:
    directory = oracle_dir()
    start = time.perf_counter()
    answer = run_oracle(directory, resolve_style(style).path, items_path, "text")
    elapsed = time.perf_counter() - start
    assert answer["citations"], "the oracle cited nothing"
    return elapsed


def profile(items: list[dict[str, Any]], style: str) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    time_refs(items, style)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "references.bib")
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--styles", nargs="*", default=list(STYLES))
    parser.add_argument("--profile", metavar="STYLE", help="profile refs on this style only")
    args = parser.parse_args()
    items = make_items(export_items(args.store), args.entries)
    if args.profile:
        profile(items, args.profile)
        return
    with tempfile.TemporaryDirectory() as tmp:
        items_path = Path(tmp) / "items.json"
        items_path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        print(f"{len(items)} entries: bibliography + {len(items)} citations, disambiguation on")
        print(f"{'style':44} {'refs':>8} {'citeproc-js':>12} {'ratio':>7}")
        for style in args.styles:
            ours = time_refs(items, style)
            theirs = time_oracle(items_path, style)
            print(f"{style:44} {ours:7.1f}s {theirs:11.1f}s {ours / theirs:6.2f}x")


if __name__ == "__main__":
    main()

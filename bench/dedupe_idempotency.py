"""`refs dedupe --apply` is a fixed point: a second apply merges nothing and changes no byte.

    python bench/dedupe_idempotency.py [--files jgrey-personal aps-pre ...]

For each real bench file (../shared/bench-data), as a user runs it: ``refs --store F dedupe
--apply --json`` in a fresh process with an empty cache, then the same command again on the
result. Prints, per file: entries, entries the first run merged away, entries the second run
merged away (must be 0), whether the second run left the file byte-identical, and the wall time
of each run. Exits 1 when any file is not a fixed point.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _measure import bench_file

FILES = ("jgrey-personal", "aps-pre", "ml-conferences", "acl-anthology")


def apply_once(store: Path, cache: Path) -> tuple[int, int, float]:
    """Entries before, entries merged away, and seconds of one ``dedupe --apply``."""
    command = [sys.executable, "-m", "refs", "--store", str(store), "dedupe", "--apply", "--json"]
    command += ["--catalog", str(store.with_suffix(".yaml"))]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{store.name}: exit {done.returncode}\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout)
    merged = sum(len(cluster["members"]) - 1 for cluster in report["clusters"])
    return report["entries"], merged, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="+", default=list(FILES), choices=FILES)
    args = parser.parse_args()
    failed = []
    header = f"{'file':<16} {'entries':>8} {'1st run':>8} {'2nd run':>8} {'same bytes':>10}"
    print(f"{header} {'1st s':>7} {'2nd s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.files:
            work = Path(tmp) / name
            work.mkdir()
            store = work / f"{name}.bib"
            store.write_bytes(bench_file(name, Path(tmp)).read_bytes())
            entries, first, first_s = apply_once(store, work / "cache")
            after_first = store.read_bytes()
            _, second, second_s = apply_once(store, work / "cache2")
            same = store.read_bytes() == after_first
            print(
                f"{name:<16} {entries:>8} {first:>8} {second:>8} {'yes' if same else 'NO':>10}"
                f" {first_s:>7.1f} {second_s:>7.1f}"
            )
            if second or not same:
                failed.append(name)
            (Path(tmp) / f"{name}.bib").unlink()
    if failed:
        raise SystemExit(f"not a fixed point: {', '.join(failed)}")


if __name__ == "__main__":
    main()

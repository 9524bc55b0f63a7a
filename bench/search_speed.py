"""Search latency on the 100k-entry bench store (the mix of ../shared/bench-data), warm index.

    python bench/search_speed.py

Builds the mix store (bench/_measure.py `mix_file`), then times, in this process: the first
search (parses the store through the warm-load index and builds the FTS5 search index), and
the median of warm searches (`refs.workflows.search`: read + digest the store, open the cached
index, query), the same work a `refs search` does after Python start-up.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from _measure import mix_file
from refs import workflows

QUERIES = ("attention", "neural machine translation", "author:smith", "year:2019 learning", "kopf")


def main() -> None:
    out = Path(tempfile.gettempdir()) / "refs-bench"
    out.mkdir(exist_ok=True)
    store = mix_file(out)
    with tempfile.TemporaryDirectory() as cache:
        cache_dir = Path(cache)
        start = time.perf_counter()
        workflows.search(store, "attention", cache_dir, 20)
        first = time.perf_counter() - start
        print(f"store: {store} ({store.stat().st_size / 1e6:.0f} MB)")
        print(f"first search (parse + build the index): {first:.2f} s")
        for query in QUERIES:
            times = []
            for _ in range(5):
                start = time.perf_counter()
                hits = workflows.search(store, query, cache_dir, 20)
                times.append(time.perf_counter() - start)
            median = statistics.median(times) * 1000
            print(f"warm search {query!r}: {median:.0f} ms median, {len(hits)} hits")


if __name__ == "__main__":
    main()

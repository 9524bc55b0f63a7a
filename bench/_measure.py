"""Run one measurement in a fresh process and report its wall time and peak memory.

Each figure comes from its own child process, so one measurement's memory never inflates
another's peak (ru_maxrss is a process-lifetime high-water mark).
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BENCH_DATA = SHARED / "bench-data"

_CHILD = """
import json, resource, sys, time
setup, work = sys.argv[1], sys.argv[2]
namespace = {}
exec(setup, namespace)
start = time.perf_counter()
exec(work, namespace)
seconds = time.perf_counter() - start
# VmHWM is this process's own high-water mark; ru_maxrss would also count the RSS of the
# (large) bench process this child was forked from, which Linux carries across exec
try:
    with open("/proc/self/status") as status:
        peak_kib = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))
"""


@dataclass(frozen=True)
class Figure:
    """The median wall time and peak RSS of repeated runs of one measurement."""

    seconds: float
    peak_mib: float


def measure(setup: str, work: str, repeat: int = 1, env: dict[str, str] | None = None) -> Figure:
    """Time ``work`` (after ``setup``, untimed) in fresh interpreters; median of ``repeat``."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, setup, work],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **(env or {})},
        )
        if done.returncode != 0:
            raise SystemExit(f"measurement failed:\n{done.stderr[-3000:]}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return Figure(
        statistics.median(r["seconds"] for r in runs),
        statistics.median(r["peak_mib"] for r in runs),
    )


def bench_file(name: str, out_dir: Path) -> Path:
    """Decompress ../shared/bench-data/<name>.bib.gz into ``out_dir`` (once)."""
    source = BENCH_DATA / f"{name}.bib.gz"
    if not source.exists():
        raise SystemExit(f"{source} is absent: clone the project with ../shared beside it")
    target = out_dir / f"{name}.bib"
    if not target.exists():
        with gzip.open(source) as handle:
            target.write_bytes(handle.read())
    return target


#: Entries taken from each bench file for the 100k mix (jgrey-personal whole).
MIX = {
    "acl-anthology": 30_000,
    "aps-pre": 30_000,
    "ml-conferences": 23_421,
    "jgrey-personal": 16_579,
}


def mix_file(out_dir: Path, divisor: int = 1) -> Path:
    """The first ``count // divisor`` entries of each bench file (with what lies between
    them), concatenated: ``mix-100k.bib``, or ``mix-10k.bib`` with ``divisor=10``."""
    from refs.bibtex import BlockKind, read_bib  # noqa: PLC0415 - only the benches need it

    target = out_dir / f"mix-{100 // divisor}k.bib"
    if target.exists():
        return target
    pieces = []
    for name, count in MIX.items():
        data = bench_file(name, out_dir).read_bytes()
        entries = [b for b in read_bib(data).blocks if b.kind is BlockKind.ENTRY]
        pieces.append(data[: entries[count // divisor - 1].end] + b"\n\n")
    target.write_bytes(b"".join(pieces))
    return target

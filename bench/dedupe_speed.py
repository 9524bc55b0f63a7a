"""`refs dedupe` speed and memory, next to bibtexparser's bare parse and bibtex-tidy, same run.

    python bench/dedupe_speed.py [--repeat 3] [--no-tidy] [--only acl-anthology.bib]

Files: 10k and 100k real entries (the first entries of each bench file, as bench/store.py
mixes them) and the largest real file, acl-anthology (88k). Measured, each in fresh processes:
bibtexparser's ``parse_file`` (the anchor), ``refs dedupe --json`` as a user runs it (cold
cache, load included, output discarded), `find_duplicates` alone on a loaded store, and
``bibtex-tidy --duplicates`` (npm, installed into a temporary directory for this run only).
Goals: dry run <= 1.7x the parse time and <= 1.0x its peak memory; dedupe alone <= 0.5x.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _measure import Figure, bench_file, measure, mix_file

_CLI_SETUP = (
    "import os, shutil, sys\nfrom refs.cli import main\n"
    "shutil.rmtree(os.environ['XDG_CACHE_HOME'], ignore_errors=True)\n"
    "sys.stdout = open(os.devnull, 'w')\n"
    "sys.argv = ['refs', '--store', {path!r}, 'dedupe', '--json']\n"
)
_CLI = (
    "try:\n    main()\nexcept SystemExit as done:\n    assert done.code in (0, 1), done.code\n"
    "finally:\n    sys.stdout = sys.__stdout__"
)
_ALONE_SETUP = (
    "from pathlib import Path\nfrom refs.store import load_store\n"
    "from refs.dedupe import find_duplicates\nentries = load_store(Path({path!r})).entries()\n"
)
_EXTERNAL_CHILD = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))
"""


def install_tidy(out_dir: Path) -> tuple[Path | None, str]:
    """bibtex-tidy's command, installed with npm into ``out_dir``; or None and why not."""
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed"
    done = subprocess.run(
        [
            npm,
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(out_dir),
            "bibtex-tidy",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    command = out_dir / "node_modules" / ".bin" / "bibtex-tidy"
    if done.returncode != 0 or not command.exists():
        return None, f"npm install bibtex-tidy failed: {done.stderr.strip()[-200:]}"
    return command, ""


def external(command: Path, path: Path, out: Path, repeat: int) -> Figure:
    """``bibtex-tidy --duplicates`` timed in a child; the peak RSS is its own (node's)."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                _EXTERNAL_CHILD,
                str(command),
                str(path),
                "--duplicates",
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return Figure(
        statistics.median(r["seconds"] for r in runs),
        statistics.median(r["peak_mib"] for r in runs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="fresh runs per figure (median)")
    parser.add_argument("--no-tidy", action="store_true", help="skip bibtex-tidy")
    parser.add_argument("--only", help="measure only this file (mix-10k.bib, ...)")
    parser.add_argument("--prepare", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        mix_file(args.prepare, 10)
        mix_file(args.prepare)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        # the files are cut in a child: a measurement's child inherits this process's peak RSS
        subprocess.run([sys.executable, __file__, "--prepare", tmp], check=True)
        tidy, why = (None, "skipped (--no-tidy)") if args.no_tidy else install_tidy(out / "npm")
        files = (out / "mix-10k.bib", out / "mix-100k.bib", bench_file("acl-anthology", out))
        for path in files:
            if args.only and path.name != args.only:
                continue
            p = str(path)
            print(f"\n{path.name}: {path.stat().st_size / 2**20:.1f} MiB")
            print(f"{'measurement':40} {'seconds':>8} {'peak MiB':>9} {'time x':>7} {'mem x':>6}")
            anchor = measure("import bibtexparser", f"bibtexparser.parse_file({p!r})", args.repeat)
            rows = [
                ("bibtexparser parse_file", anchor),
                (
                    "refs dedupe --json (cold, load incl.)",
                    measure(
                        _CLI_SETUP.format(path=p),
                        _CLI,
                        args.repeat,
                        {"XDG_CACHE_HOME": str(out / "cache")},
                    ),
                ),
                (
                    "find_duplicates alone (store loaded)",
                    measure(_ALONE_SETUP.format(path=p), "find_duplicates(entries)", args.repeat),
                ),
            ]
            for label, fig in rows:
                print(
                    f"{label:40} {fig.seconds:8.2f} {fig.peak_mib:9.0f} "
                    f"{fig.seconds / anchor.seconds:7.2f} {fig.peak_mib / anchor.peak_mib:6.2f}"
                )
            if tidy is None:
                print(f"{'bibtex-tidy --duplicates':40} {'n/a':>8} ({why})")
            else:
                fig = external(tidy, path, out / "tidy-out.bib", args.repeat)
                print(
                    f"{'bibtex-tidy --duplicates':40} {fig.seconds:8.2f} {fig.peak_mib:9.0f} "
                    f"{fig.seconds / anchor.seconds:7.2f} {fig.peak_mib / anchor.peak_mib:6.2f}"
                )
        print("\nx = ratio to bibtexparser parse_file on the same file, in this run")


if __name__ == "__main__":
    main()

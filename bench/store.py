"""Store load/save speed and memory, next to bibtexparser's bare parse measured in the same run.

    python bench/store.py [--repeat 3]

Files: the largest real file (acl-anthology, 88k entries) and a 100k-entry concatenation of all
four bench files. Every figure is the median of --repeat fresh processes.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _measure import Figure, bench_file, measure, mix_file

_REFS = "from pathlib import Path\nfrom refs.store import load_store, save_store\n"
_EDIT_SETUP = _REFS + (
    "import shutil, tempfile\nfrom refs.model import Entry\n"
    "copy = Path(tempfile.mkdtemp()) / 'r.bib'\nshutil.copy({path!r}, copy)\n"
)
_EDIT = "s = load_store(copy)\ns.put(Entry('zzz-bench', 'misc', {{'title': 'T'}}))\nsave_store(s)"
_EXPORT_SETUP = (
    "import os, shutil, sys, tempfile\nfrom refs.cli import main\n"
    "shutil.rmtree(os.environ['XDG_CACHE_HOME'], ignore_errors=True)\n"
    "out = os.path.join(tempfile.mkdtemp(), 'out.json')\n"
    "sys.argv = ['refs', '--store', {path!r}, 'export', '--format', 'csl-json', '-o', out]\n"
)
_EXPORT = "try:\n    main()\nexcept SystemExit as done:\n    assert not done.code, done.code"


def rows(path: Path, cache: Path, repeat: int) -> list[tuple[str, Figure]]:
    """Each measurement on one file: bibtexparser's bare parse first (the anchor)."""
    p = str(path)
    warm = f"load_store(Path({p!r}), Path({str(cache / 'warm')!r}))"
    cold_env = {"XDG_CACHE_HOME": str(cache / "cold")}
    return [
        (
            "bibtexparser parse_file",
            measure("import bibtexparser", f"bibtexparser.parse_file({p!r})", repeat),
        ),
        ("refs load (cold)", measure(_REFS, f"load_store(Path({p!r}))", repeat)),
        (
            "refs load + edit one + save",
            measure(_EDIT_SETUP.format(path=p), _EDIT.format(), repeat),
        ),
        ("refs load (warm index)", measure(_REFS + warm, warm, repeat)),
        (
            "refs export --format csl-json (cold)",
            measure(_EXPORT_SETUP.format(path=p), _EXPORT, repeat, cold_env),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="fresh runs per figure (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for path in (bench_file("acl-anthology", out), mix_file(out)):
            print(f"\n{path.name}: {path.stat().st_size / 2**20:.1f} MiB")
            print(f"{'measurement':40} {'seconds':>8} {'peak MiB':>9} {'time x':>7} {'mem x':>6}")
            figures = rows(path, out / f"cache-{path.stem}", args.repeat)
            anchor = figures[0][1]
            for label, fig in figures:
                print(
                    f"{label:40} {fig.seconds:8.2f} {fig.peak_mib:9.0f} "
                    f"{fig.seconds / anchor.seconds:7.2f} {fig.peak_mib / anchor.peak_mib:6.2f}"
                )
        print("\nx = ratio to bibtexparser parse_file on the same file, in this run")


if __name__ == "__main__":
    main()

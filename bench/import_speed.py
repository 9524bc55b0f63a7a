"""`refs import` of big READMEs: speed and peak memory of the largest real README, of a generated
list of 5,000 references, and at 5, 25 and 50 MB, next to markdown-it-py's parse of the same
text, measured in the same run.

    python bench/import_speed.py [--sizes 5 25 50] [--references 5000] [--repeat 1]
                                 [--shared ../shared]

The generated reference list cycles through the shapes survey READMEs print (a ``[N]`` list
with a bold title, linked-title bullets with authors and a venue, Google Scholar's plain-text
citations under ``**[N]**``, ``Title | **[Venue' YY]** | [pdf]`` bullets, a pipe table), a
section per 100 references, each reference with its own title and arXiv id.

The README is the real READMEs of ../shared/readmes and the seeds, concatenated and repeated
up to the size (so its references repeat, as in a long list that cites the same papers).
Measured, each in a fresh process (bench/_measure.py): ``refs import`` as a user runs it (new
store and catalog, cold cache, output discarded), the document reader alone on the text in
memory (`parse_document` and `extract_items`), and markdown-it-py's ``MarkdownIt().parse`` of
the same text: what one linear Markdown pass costs in Python on this machine. markdown-it-py is
imported from the environment, or installed with pip into a temporary folder for this run.
Linear means the rate (MB/s) stays the same as the size grows, and so does memory per MB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _measure import SHARED, Figure, measure

_IMPORT_SETUP = (
    "import os, sys\nfrom refs.cli import main\n"
    "sys.stdout = sys.stderr = open(os.devnull, 'w')\n"
    "sys.argv = ['refs', '--store', {store!r}, '--catalog', {catalog!r}, 'import', {doc!r}]\n"
)
_IMPORT = (
    "try:\n    main()\nexcept SystemExit as done:\n    assert done.code in (0, 1), done.code\n"
    "finally:\n    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__"
)
_READER_SETUP = (
    "from pathlib import Path\nfrom refs.parsing import parse_document\n"
    "from refs.catalog import extract_items\ntext = Path({doc!r}).read_text('utf-8')\n"
)
_READER = "r = parse_document(text, 'README.md'); extract_items('README.md', text, [], r.document)"
_ANCHOR_SETUP = (
    "from pathlib import Path\nfrom markdown_it import MarkdownIt\n"
    "text = Path({doc!r}).read_text('utf-8')\nparser = MarkdownIt()\n"
)
_ANCHOR = "parser.parse(text)"


def corpus(shared: Path) -> bytes:
    """The real READMEs and the seeds, each once, as one document."""
    readmes = sorted((shared / "readmes").glob("*.md"))
    seeds = sorted((shared / "seeds").glob("*.txt"))
    parts = [p.read_bytes() for p in [*readmes, *seeds] if p.name != "SOURCES.md"]
    if not parts:
        raise SystemExit(f"{shared} has no readmes/ or seeds/: clone with ../shared beside it")
    return b"\n\n".join(parts) + b"\n\n"


_SHAPES = (
    "[{n}] Ann Lee{n}, Bo Chan and Cy Diaz. **Quiet tokens {n} in loud models**. In EMNLP, 2022. "
    "[Paper](https://arxiv.org/abs/2210.{id:05d})\n",
    "- [Sparse routers {n} for modular reasoning](https://arxiv.org/abs/2211.{id:05d}) - Mara "
    "Quill, Tobias Fenwick{n} (NeurIPS 2022)\n",
    '**[{n}]** Fenwick{n}, Tobias, et al. "**Lantern nets {n} for widgets**." arXiv preprint '
    "arXiv:2212.{id:05d} (2022). [[pdf]](https://arxiv.org/pdf/2212.{id:05d}.pdf) **(Nets)**\n",
    "- Glow voxels {n} for anomaly detection | **[ICLR' 23]** | "
    "[`[pdf]`](https://arxiv.org/pdf/2301.{id:05d}.pdf)\n",
)


def reference_list(count: int, out_dir: Path) -> Path:
    """A README of ``count`` references in the shapes of `_SHAPES`, 100 to a section."""
    lines = ["# A generated survey\n"]
    for n in range(count):
        if n % 100 == 0:
            lines.append(f"\n## Section {n // 100 + 1}\n\n")
        lines.append(_SHAPES[(n // 100) % len(_SHAPES)].format(n=n + 1, id=n + 1))
        if "**[" in lines[-1]:
            lines.append("\n")  # plain-text citations are paragraphs
    target = out_dir / f"references-{count}.md"
    target.write_text("".join(lines), encoding="utf-8")
    return target


def largest_readme(shared: Path) -> Path:
    """The largest README of ``shared/readmes``."""
    return max((shared / "readmes").glob("*.md"), key=lambda p: p.stat().st_size)


def readme(megabytes: int, unit: bytes, out_dir: Path) -> Path:
    """``unit`` repeated to ``megabytes`` MB (10**6 bytes), cut after a whole line."""
    target = out_dir / f"readme-{megabytes}mb.md"
    size = megabytes * 1_000_000
    data = (unit * (size // len(unit) + 1))[:size]
    target.write_bytes(data[: data.rfind(b"\n") + 1])
    return target


def anchor_env(out_dir: Path) -> tuple[dict[str, str] | None, str]:
    """The environment a child needs to import markdown-it-py, or None and why not."""
    found = subprocess.run([sys.executable, "-c", "import markdown_it"], check=False)
    if found.returncode == 0:
        return {}, ""
    target = out_dir / "site"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--target", str(target), "markdown-it-py"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if done.returncode != 0:
        return None, f"pip install markdown-it-py failed: {done.stderr.strip()[-200:]}"
    path = os.pathsep.join(p for p in (str(target), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path}, ""


_HEADER = (
    f"{'measurement':34} {'seconds':>8} {'MB/s':>6} {'peak MiB':>9} {'MiB/MB':>7} {'time x':>7}"
)


def row(label: str, fig: Figure, megabytes: float, anchor: Figure | None) -> str:
    ratio = f"{fig.seconds / anchor.seconds:7.2f}" if anchor else f"{'n/a':>7}"
    return (
        f"{label:34} {fig.seconds:8.2f} {megabytes / fig.seconds:6.2f} "
        f"{fig.peak_mib:9.0f} {fig.peak_mib / megabytes:7.1f} {ratio}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 25, 50], help="MB each")
    parser.add_argument("--references", type=int, default=5000, help="generated list length")
    parser.add_argument("--repeat", type=int, default=1, help="fresh runs per figure (median)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="holds readmes/ and seeds/")
    args = parser.parse_args()
    unit = corpus(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        env, why = anchor_env(out)
        print(_HEADER)
        documents = [
            (
                f"largest real README ({largest_readme(args.shared).name})",
                largest_readme(args.shared),
            ),
            (f"{args.references} generated references", reference_list(args.references, out)),
            *((f"{mb} MB README", readme(mb, unit, out)) for mb in args.sizes),
        ]
        for index, (title, path) in enumerate(documents):
            doc = str(path)
            megabytes = path.stat().st_size / 1_000_000
            print(f"\n{title}, {megabytes:.2f} MB")
            anchor = None
            if env is None:
                print(f"{'markdown-it-py parse':34} {'n/a':>8} ({why})")
            else:
                anchor = measure(_ANCHOR_SETUP.format(doc=doc), _ANCHOR, args.repeat, env)
                print(row("markdown-it-py parse", anchor, megabytes, anchor))
            reader = measure(_READER_SETUP.format(doc=doc), _READER, args.repeat)
            print(row("reader alone (parse + catalog)", reader, megabytes, anchor))
            runs = []
            for n in range(args.repeat):
                store, catalog = out / f"s{index}-{n}.bib", out / f"c{index}-{n}.yaml"
                setup = _IMPORT_SETUP.format(store=str(store), catalog=str(catalog), doc=doc)
                cache = {"XDG_CACHE_HOME": str(out / f"cache{index}-{n}")}
                runs.append(measure(setup, _IMPORT, 1, cache))
            imported = sorted(runs, key=lambda fig: fig.seconds)[len(runs) // 2]
            print(row("refs import (cold, store written)", imported, megabytes, anchor))
        print("\ntime x = ratio to markdown-it-py's parse of the same text, in this run")


if __name__ == "__main__":
    main()

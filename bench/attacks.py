"""Red-team harness: the attacks of issue 13, rerunnable, each with an oracle for "held".

Every attack runs the installed ``refs`` command (``python -m refs``) in a fresh temporary lab:
``project/`` (the cloned repository, the working directory), ``victim/`` beside it (a home
folder holding a ``.bashrc`` and secret files, to detect escapes), and its own
``$XDG_CACHE_HOME`` and ``$XDG_CONFIG_HOME``. Each refs process has a deadline (20 s unless the
attack says otherwise) and an address-space limit (2 GiB, ``resource.setrlimit``). Whatever the
attack, a run that times out, dies of a signal, prints a traceback or ``failed unexpectedly``,
or leaves a ``*.lock`` file in its working folder is a failure.

Categories (the names of the attacks start with them; ``--only PREFIX`` picks some):

1. ``confinement``: refs.toml / pyproject ``store``, ``catalog``, ``style`` paths out of the
   project (``../``, absolute, symlinks), data naming ``/etc/passwd``, ``/dev/zero``, FIFOs,
   ``../`` in a store's ``sources`` or catalog.yaml's documents. Held: nothing outside changed or
   read (secret text absent from every output and file), refused with exit 2 and
   ``FILE:LINE`` or a finding naming the path, no hang.
2. ``tex``: hostile titles, authors, urls and keys in a README and in a .bib, exported with
   ``refs export`` (BibTeX and BibLaTeX), then compiled by pdflatex + bibtex and pdflatex + biber
   when installed. Held: compiles or fails cleanly, no secret or ``/etc/passwd`` text in the
   .pdf (text and decompressed streams), .bbl, .log, .blg; no file written by ``\\write18`` or
   ``\\openout``; no ``/Launch``, ``/JavaScript`` or ``/URI`` to run:/file:/javascript: in the PDF.
3. ``html``: ``render --format html``, ``render --readme --format markdown`` and
   ``sync --write`` of READMEs with ``<script>``, ``onerror=``, unsafe link schemes, ``)``,
   quotes and ``](`` in link targets, bare ``&``. Held: the HTML (Markdown through markdown-it,
   raw HTML on, no link validation) has no script element, no ``on*`` attribute, only
   http(s)/relative/fragment links, and link targets are whole.
4. ``data-loss``: ``kill -9`` at seeded random delays during import / ``dedupe --apply`` /
   ``sync --write`` / ``rename`` on a store of a few thousand entries (a slice of
   ``../shared/bench-data``); afterwards (and after one more command) store, catalog and README
   are all old or all new, and ``refs undo`` gives back the old bytes. Eight concurrent
   ``refs add`` then ``refs undo``: exactly one entry goes, and eight undos give back the store
   byte for byte. Undo in folder A leaves folder B alone. ``dedupe --apply`` twice: the second
   changes nothing. ``.bib`` ``@string`` and malformed entries are kept.
5. ``bad-input``: binary, UTF-16/32 with BOM, CR-only, cp1252, NUL bytes, ``/bin/ls`` as a
   document, binary or invalid refs.toml, invalid or hostile catalog.yaml (alias bomb, huge key).
   Held: read right, or exit 2 with ``file:line``; the store unchanged; no traceback.
6. ``resource``: each hostile shape at two sizes (n and 4n). Held: finishes within the deadline,
   the time above a tiny run's grows at most ``LINEAR_SLACK`` times the size ratio, and so does
   peak memory (the rates are printed).

Run: ``.venv/bin/python bench/attacks.py [--jobs 2] [--only PREFIX] [-v]``. Prints a table
(category, tried, held), every failure with its evidence (``-v``: every attack), the issue's
figures, and writes one JSON line per attack to ``bench/.out/attacks.jsonl``.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gzip
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html  # type: ignore[import-untyped]
import yaml
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / ".out" / "attacks.jsonl"
BENCH_DATA = ROOT.parent / "shared" / "bench-data"
#: A refs process's deadline and address space.
TIMEOUT = 20.0
MEMORY = 2 * 2**30
#: How much faster than the size ratio time or memory may grow and still count as linear.
LINEAR_SLACK = 1.6
#: Below this many seconds (or bytes) of growth a resource figure is noise, not a trend.
TIME_FLOOR = 0.5
MEMORY_FLOOR = 64 * 2**20
#: The largest input a resource attack's small case grows to (its large case is 4 times it).
RESOURCE_BYTES = 8 * 2**20
SECRET = "SECRET-d41c8f-NEVER-PRINTED"
PASSWD = re.compile(rb"root:[^:\n]*:0:0:")
CRASH_WORDS = ("Traceback (most recent call last)", "failed unexpectedly", "MemoryError")
#: ``Error: FILE:LINE: …`` or a finding ``FILE:LINE: …``.
WHERE = re.compile(r"(?m)^(?:Error: |warning: )?\S[^:\n]*:\d+:")
KILLED = -signal.SIGKILL


# --- running refs ------------------------------------------------------------------------------


@dataclass
class Run:
    """One finished (or killed) refs process."""

    args: tuple[str, ...]
    code: int
    stdout: bytes
    stderr: bytes
    seconds: float
    peak: int  # bytes of resident memory at the most
    timed_out: bool = False
    #: CPU seconds (user + system): what the resource attacks compare, as wall time on a
    #: shared machine is mostly other processes' noise.
    cpu: float = 0.0

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    def crash(self) -> str | None:
        """What went wrong with the process itself, or None."""
        if self.timed_out:
            return f"timed out after {self.seconds:.1f} s"
        if self.code < 0:
            return f"died of signal {-self.code}"
        for word in CRASH_WORDS:
            if word in self.err:
                return f"{word!r} on stderr: {tail(self.err)}"
        if self.code not in {0, 1, 2}:
            return f"exit {self.code}: {tail(self.err)}"
        return None

    def describe(self) -> str:
        return f"`refs {' '.join(self.args)}` exit {self.code}: {tail(self.err)}"


def tail(text: str, size: int = 300) -> str:
    text = text.strip().replace("\n", " | ")
    return text if len(text) <= size else "…" + text[-size:]


def _limit() -> None:
    """In the child, before exec: its own process group and address space."""
    os.setsid()
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


class Lab:
    """A fresh project folder, a victim folder beside it, and the failures found so far."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.project = root / "project"
        self.victim = root / "victim"
        self.cache = root / "cache"
        self.config = root / "config"
        for folder in (self.project, self.victim, self.cache, self.config):
            folder.mkdir(parents=True)
        (self.victim / ".bashrc").write_text("echo welcome\n")
        (self.victim / "secret.md").write_text(
            f"# Notes\n\n## References\n\n[1] Jane Doe. **{SECRET} Paper**. 2023. "
            "[Paper](https://arxiv.org/abs/2301.00001)\n"
        )
        (self.victim / "secret.tex").write_text(f"{SECRET}\n")
        (self.victim / "secret.csl").write_text(f"<style>{SECRET}</style>\n")
        self.failures: list[str] = []
        self.notes: dict[str, object] = {}
        self._outside = self.snapshot_outside()

    # files

    def write(self, name: str, data: str | bytes) -> Path:
        path = self.project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path

    def read(self, name: str) -> bytes | None:
        path = self.project / name
        return path.read_bytes() if path.is_file() else None

    def snapshot_outside(self) -> dict[str, bytes]:
        """Every file of the lab outside the project, cache and configuration."""
        keep = {self.project, self.cache, self.config, self.root / "texhome"}
        files: dict[str, bytes] = {}
        for path in sorted(self.root.rglob("*")):
            if any(path == k or k in path.parents for k in keep):
                continue
            if path.is_symlink():
                files[str(path)] = b"-> " + str(path.readlink()).encode()
            elif path.is_file():
                files[str(path)] = path.read_bytes()
        return files

    # processes

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("REFS_")}
        # HOME is the victim's: a ``~`` in a hostile configuration points there
        env.update(
            HOME=str(self.victim),
            XDG_CACHE_HOME=str(self.cache),
            XDG_CONFIG_HOME=str(self.config),
        )
        return env

    def start(self, *args: str, cwd: Path | None = None) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "refs", *args],
            cwd=cwd or self.project,
            env=self.env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_limit,  # noqa: PLW1509 (each attack runs in a single-threaded worker)
        )

    def refs(
        self, *args: str, stdin: bytes = b"", timeout: float = TIMEOUT, cwd: Path | None = None
    ) -> Run:
        """Run refs to its end (or its deadline); a crash or a left lock file is a failure."""
        where = cwd or self.project
        run = self.command([sys.executable, "-m", "refs", *args], where, stdin, timeout)
        run = Run(args, *dataclasses.astuple(run)[1:])
        problem = run.crash()
        if problem:
            self.fail(f"`refs {short(args)}`: {problem}")
        locks = sorted(p.name for p in where.glob("*.lock"))
        if locks:
            self.fail(f"`refs {short(args)}` left {', '.join(locks)} in its folder")
        return run

    def command(
        self, argv: Sequence[str], cwd: Path, stdin: bytes = b"", timeout: float = TIMEOUT
    ) -> Run:
        """Run any program with the limits, reaping it with wait4 for its peak memory (TeX
        with a home of its own, for its font caches)."""
        env = self.env()
        if Path(argv[0]).name != Path(sys.executable).name:
            env["HOME"] = str(self.root / "texhome")
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            with tempfile.TemporaryFile() as feed:
                feed.write(stdin)
                feed.seek(0)
                started = time.monotonic()
                process = subprocess.Popen(
                    list(argv),
                    cwd=cwd,
                    env=env,
                    stdin=feed,
                    stdout=out,
                    stderr=err,
                    preexec_fn=_limit,  # noqa: PLW1509 (single-threaded worker)
                )
            status, usage, timed_out = _reap(process, started + timeout)
            seconds = time.monotonic() - started
            out.seek(0)
            err.seek(0)
            return Run(
                tuple(argv),
                os.waitstatus_to_exitcode(status),
                out.read(),
                err.read(),
                seconds,
                usage.ru_maxrss * 1024,
                timed_out,
                usage.ru_utime + usage.ru_stime,
            )

    # verdicts

    def fail(self, evidence: str) -> None:
        self.failures.append(evidence)

    def expect(self, ok: bool, evidence: str) -> bool:
        if not ok:
            self.fail(evidence)
        return ok

    def check_outside(self) -> None:
        """Nothing outside the project changed, appeared or went away."""
        now = self.snapshot_outside()
        changed = sorted(
            k for k in now.keys() | self._outside.keys() if now.get(k) != self._outside.get(k)
        )
        if changed:
            self.fail("changed outside the project: " + ", ".join(changed))

    def check_no_leak(self, *runs: Run) -> None:
        """No secret text in any output or any file of the project."""
        for run in runs:
            for stream, data in (("stdout", run.stdout), ("stderr", run.stderr)):
                if SECRET.encode() in data or PASSWD.search(data):
                    self.fail(f"secret text on the {stream} of `refs {short(run.args)}`")
        for path in self.project.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                if SECRET.encode() in data or PASSWD.search(data):
                    self.fail(f"secret text in {path.relative_to(self.project)}")


def _reap(
    process: subprocess.Popen[bytes], deadline: float
) -> tuple[int, resource.struct_rusage, bool]:
    """Wait for the process until the deadline, then kill its group; its status and usage."""
    timed_out = False
    delay = 0.005
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            timed_out = True
            _kill_group(process.pid)
            _, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(delay)
        delay = min(delay * 1.5, 0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    return status, usage, timed_out


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def short(args: Sequence[str]) -> str:
    text = " ".join(a if len(a) < 60 else a[:57] + "…" for a in args)
    return text if len(text) < 160 else text[:157] + "…"


# --- the registry ------------------------------------------------------------------------------

Attack = Callable[[Lab], None]
ATTACKS: dict[str, Attack] = {}


def attack(name: str) -> Callable[[Attack], Attack]:
    def register(function: Attack) -> Attack:
        if name in ATTACKS:
            raise SystemExit(f"two attacks named {name}")
        ATTACKS[name] = function
        return function

    return register


def register(name: str, function: Attack) -> None:
    attack(name)(function)


# --- documents ---------------------------------------------------------------------------------

README = """# Awesome Tiny Models

## Models

| Name | Paper | Params |
|---|---|---|
| Orca [3] | [paper](https://arxiv.org/abs/2306.02707) | 13B |
| Falcon [1] | [paper](https://arxiv.org/abs/2306.01116) | 40B |
| Pythia [2] | [paper](https://arxiv.org/abs/2304.01373) | 12B |

## References

[1] Guilherme Penedo, Quentin Malartic. **The RefinedWeb Dataset for Falcon LLM**. 2023. [Paper](https://arxiv.org/abs/2306.01116)

[2] Stella Biderman, Hailey Schoelkopf. **Pythia: A Suite for Analyzing Large Language Models**.
ICML 2023. [Paper](https://arxiv.org/abs/2304.01373)

[3] Subhabrata Mukherjee, Arindam Mitra.
**Orca: Progressive Learning from Complex Explanation Traces**. 2023.
[Paper](https://arxiv.org/abs/2306.02707)
"""

#: Words of README's titles, as a read must find them.
README_TITLES = ("Dataset for Falcon", "Suite for Analyzing", "Progressive Learning from Complex")


def entry_bib(key: str, title: str, author: str = "Doe, Jane", **fields: str) -> str:
    extra = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return (
        f"@misc{{{key},\n  title = {{{title}}},\n  author = {{{author}}},\n"
        f"  year = {{2023}},\n{extra}}}\n"
    )


def bench_slice(name: str, count: int) -> str:
    """The first ``count`` entries of a bench-data file (its @comment blocks left out)."""
    lines: list[str] = []
    seen = 0
    skipping = False
    with gzip.open(BENCH_DATA / name, "rt", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("@"):
                skipping = line.lower().startswith(("@comment", "@preamble"))
                if not skipping:
                    seen += 1
                    if seen > count:
                        break
            if not skipping:
                lines.append(line)
    return "".join(lines)


def store_keys(data: bytes | None) -> list[str]:
    if data is None:
        return []
    return re.findall(r"(?m)^@\w+\{([^,\s]+),", data.decode("utf-8", "replace"))


# --- 1. confinement ----------------------------------------------------------------------------


def _confined_config(
    setting: str, link: tuple[str, str] | None, command: tuple[str, ...]
) -> Attack:
    def run(lab: Lab) -> None:
        lab.write("README.md", README)
        if command[0] != "import":  # a store to render, made before the hostile configuration
            lab.refs("import", "README.md")
        if link is not None:
            (lab.project / link[0]).symlink_to(lab.victim / link[1])
        name, _, text = setting.partition("\n")
        lab.write(name, text.format(victim=lab.victim) + "\n")
        done = lab.refs(*command)
        lab.check_outside()
        lab.check_no_leak(done)
        if "~" in text:  # no shell expansion: a folder named ``~`` in the project, or refused
            lab.expect(done.code in {0, 1, 2}, f"unclear: {done.describe()}")
            return
        lab.expect(done.code == 2, f"not refused: {done.describe()}")
        lab.expect(
            bool(re.search(rf"{re.escape(name)}:\d+:", done.err)),
            f"no {name}:LINE in the message: {tail(done.err)}",
        )
        lab.check_outside()
        lab.check_no_leak(done)

    return run


for _name, _setting, _link, _command in (
    ("store-dotdot", 'refs.toml\nstore = "../victim/.bashrc"', None, ("import", "README.md")),
    ("store-absolute", "refs.toml\nstore = '{victim}/.bashrc'", None, ("import", "README.md")),
    (
        "store-dotdot-inside",
        'refs.toml\nstore = "lib/../../victim/.bashrc"',
        None,
        ("import", "README.md"),
    ),
    (
        "store-symlink-out",
        'refs.toml\nstore = "link.bib"',
        ("link.bib", ".bashrc"),
        ("import", "README.md"),
    ),
    (
        "store-folder-symlink-out",
        'refs.toml\nstore = "in/lib.bib"',
        ("in", ""),
        ("import", "README.md"),
    ),
    ("store-home-tilde", 'refs.toml\nstore = "~/.bashrc"', None, ("import", "README.md")),
    ("catalog-dotdot", 'refs.toml\ncatalog = "../victim/.bashrc"', None, ("import", "README.md")),
    ("catalog-absolute", "refs.toml\ncatalog = '{victim}/.bashrc'", None, ("import", "README.md")),
    (
        "catalog-symlink-out",
        'refs.toml\ncatalog = "c.yaml"',
        ("c.yaml", ".bashrc"),
        ("import", "README.md"),
    ),
    (
        "pyproject-store-dotdot",
        'pyproject.toml\n[tool.refs]\nstore = "../victim/.bashrc"',
        None,
        ("import", "README.md"),
    ),
    ("style-dotdot-csl", 'refs.toml\nstyle = "../victim/secret.csl"', None, ("render",)),
    ("style-absolute-csl", "refs.toml\nstyle = '{victim}/secret.csl'", None, ("render",)),
    ("style-etc-passwd", 'refs.toml\nstyle = "/etc/passwd"', None, ("render",)),
    ("style-symlink-out", 'refs.toml\nstyle = "mine.csl"', ("mine.csl", "secret.csl"), ("render",)),
):
    register(f"confinement/{_name}", _confined_config(_setting, _link, _command))


def _default_file_linked_out(name: str) -> Attack:
    def run(lab: Lab) -> None:
        lab.write("README.md", README)
        (lab.project / name).symlink_to(lab.victim / ".bashrc")
        done = lab.refs("import", "README.md")
        lab.expect(done.code == 2, f"not refused: {done.describe()}")
        lab.check_outside()

    return run


register("confinement/default-store-symlink-out", _default_file_linked_out("references.bib"))
register("confinement/default-catalog-symlink-out", _default_file_linked_out("catalog.yaml"))


def _data_names(kind: str) -> Attack:
    """A store whose entry's ``sources`` name a path (as an imported .bib could say), then
    `refs check` and `refs sync`."""

    def run(lab: Lab) -> None:
        name = {
            "etc-passwd": "/etc/passwd",
            "dev-zero": "/dev/zero",
            "dev-urandom": "/dev/urandom",
            "dotdot-secret": "../victim/secret.md",
            "absolute-secret": str(lab.victim / "secret.md"),
            "deep-dotdot": "docs/../../victim/secret.md",
            "fifo-inside": "pipe.md",
            "fifo-outside": "../victim/pipe.md",
            "symlink-out": "notes.md",
            "folder": "docs",
            "symlink-loop": "loop.md",
        }[kind]
        if kind == "fifo-inside":
            os.mkfifo(lab.project / "pipe.md")
        if kind == "fifo-outside":
            os.mkfifo(lab.victim / "pipe.md")
            lab._outside = lab.snapshot_outside()  # the FIFO is the victim's own
        if kind == "symlink-out":
            (lab.project / "notes.md").symlink_to(lab.victim / "secret.md")
        if kind == "folder":
            (lab.project / "docs").mkdir()
        if kind == "symlink-loop":
            (lab.project / "loop.md").symlink_to(lab.project / "loop.md")
        lab.write("README.md", README)
        first = lab.refs("import", "README.md")
        lab.write("extra.bib", entry_bib("evil2023", "Evil", sources=f"{name}:1#1"))
        second = lab.refs("import", "extra.bib")
        # the store itself as data: sources naming the path, written by hand
        store = (lab.read("references.bib") or b"").decode()
        lab.write(
            "references.bib",
            store + "\n" + entry_bib("hand2023", "Hand", sources=f"{name}:1#1; README.md:3#2"),
        )
        runs = [first, second]
        for command in (("check",), ("check", "--json"), ("sync", "README.md"), ("list",)):
            done = lab.refs(*command)
            runs.append(done)
            if command[0] == "check":
                lab.expect(
                    done.code in {0, 1}, f"check did not finish its report: {done.describe()}"
                )
                lab.expect(
                    "refs import /" not in done.out and "refs import ../" not in done.out,
                    f"check suggests importing a file outside: {tail(done.out)}",
                )
                lab.expect(done.peak < 2**30, f"check used {done.peak >> 20} MiB")
        lab.check_outside()
        lab.check_no_leak(*runs)

    return run


for _kind in (
    "etc-passwd",
    "dev-zero",
    "dev-urandom",
    "dotdot-secret",
    "absolute-secret",
    "deep-dotdot",
    "fifo-inside",
    "fifo-outside",
    "symlink-out",
    "folder",
    "symlink-loop",
):
    register(f"confinement/data-sources-{_kind}", _data_names(_kind))


def _catalog_documents(name: str) -> Attack:
    def run(lab: Lab) -> None:
        lab.write("README.md", README)
        lab.refs("import", "README.md")
        catalog = (lab.read("catalog.yaml") or b"").decode()
        path = name.format(victim=lab.victim)
        hostile = f"documents:\n  {json.dumps(path)}: {{sha256: abc}}\n"
        lab.write("catalog.yaml", hostile + catalog.replace("documents:\n", "", 1))
        runs = [lab.refs("check"), lab.refs("sync", "README.md"), lab.refs("render", "--readme")]
        lab.expect(
            all("refs import /" not in r.out and "refs import ../" not in r.out for r in runs),
            "a finding suggests importing a file outside the project",
        )
        lab.check_outside()
        lab.check_no_leak(*runs)

    return run


for _name, _path in (
    ("etc-passwd", "/etc/passwd"),
    ("dotdot", "../victim/secret.md"),
    ("absolute", "{victim}/secret.md"),
    ("dev-zero", "/dev/zero"),
):
    register(f"confinement/catalog-documents-{_name}", _catalog_documents(_path))


@attack("confinement/user-store-is-not-confined")
def _user_given(lab: Lab) -> None:
    """The other side of confinement: what the user names directly is the user's."""
    lab.write("README.md", README)
    target = lab.root / "elsewhere.bib"
    done = lab.refs("--store", str(target), "import", "README.md")
    lab.expect(done.code in {0, 1}, f"a user's --store refused: {done.describe()}")
    lab.expect(target.is_file(), "the user's --store was not written")


# --- 2. tex ------------------------------------------------------------------------------------

PWNED = "PWNED-by-tex"
TEX_PAYLOADS: dict[str, str] = {
    "input-passwd": r"Leak \input{/etc/passwd} and more",
    "input-secret": r"Leak \input{{victim}/secret.tex} and more",
    "input-noBraces": r"Leak \input /etc/passwd and more",
    "write18": r"Run \immediate\write18{{kpsewhich --version > {victim}/" + PWNED + r"}} now",
    "openout": r"Out \immediate\openout9=" + PWNED + r".tex\immediate\write9{x}\closeout9 done",
    "catcode": r"Broken \catcode`\{=12 \catcode`\}=12 title",
    "csname": r"Call \csname input\endcsname{/etc/passwd} here",
    "href-run": r"Click \href{run:/bin/sh}{here} now",
    "href-file": r"Click \href{file:///etc/passwd}{here} now",
    "caret": r"Hat ^^5cinput^^7b/etc/passwd^^7d end",
    "unbalanced-open": r"Broken { brace title",
    "unbalanced-close": r"Broken } brace title",
    "percent": r"100% sure \input{/etc/passwd}",
    "end-document": r"Early \end{document} stop",
    "pdfannot-launch": r"Annot \pdfannot{/Subtype/Link/A<</S/Launch/F(/bin/sh)>>} end",
    "pdfobj-js": r"Obj \pdfobj{<</S/JavaScript/JS(app.alert(1))>>} end",
    "pdfliteral": r"Lit \pdfliteral{0 0 m 99 99 l S} end",
    "directlua": r"Lua \directlua{os.execute('touch " + PWNED + r"')} end",
    "def-loop": r"Loop \def\x{\x}\x forever",
    "loop-repeat": r"Loop \loop\iftrue\repeat forever",
    "makeatletter": r"At \makeatletter\@@input /etc/passwd \makeatother",
    "verb": r"Verb \verb|\input{/etc/passwd}| end",
    "hash": r"Hash # and ## and \# end",
}
TEX_BIB_ONLY: dict[str, tuple[str, str]] = {
    # (field, value): the value goes into that field of a .bib entry
    "author-input": ("author", r"Doe, \input{/etc/passwd}"),
    "author-braces": ("author", r"Doe, J} and {Evil \input{/etc/passwd}"),
    "url-javascript": ("url", "javascript:alert(1)"),
    "url-run": ("url", "run:/bin/sh"),
    "url-file": ("url", "file:///etc/passwd"),
    "url-input": ("url", r"https://x.org/\input{/etc/passwd}"),
    "doi-input": ("doi", r"10.1/}\input{/etc/passwd}"),
    "note-end-document": ("note", r"\end{document}"),
}
TEX_KEYS: dict[str, str] = {
    "key-backslash": r"evil\input{/etc/passwd}",
    "key-brace": "evil}x",
    "key-percent": "evil%x",
    "key-hash": "evil#x",
    "key-space": "evil x",
}
BIBTEX_PAPER = r"""\documentclass{article}
\usepackage{url}
\usepackage{hyperref}
\begin{document}
All works.
\nocite{*}
\bibliographystyle{plainurl}
\bibliography{refs}
\end{document}
"""
BIBLATEX_PAPER = r"""\documentclass{article}
\usepackage[backend=biber]{biblatex}
\usepackage{hyperref}
\addbibresource{refs-biblatex.bib}
\begin{document}
All works.
\nocite{*}
\printbibliography
\end{document}
"""
UNSAFE_PDF = re.compile(
    rb"/S\s*/Launch|/S\s*/JavaScript|/JS\s*[(<]|/URI\s*\(\s*(?:run|file|javascript|vbscript|data):",
    re.IGNORECASE,
)
STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)


#: Text a content stream shows (``[(…)-333(…)]TJ``, ``(…)Tj``): printed words, not actions.
SHOWN_TEXT = re.compile(rb"\[(?:[^\]\\]|\\.)*\]\s*TJ|\((?:[^)\\]|\\.)*\)\s*(?:Tj|'|\")", re.DOTALL)


def _pdf_bytes(pdf: bytes, *, shown: bool = True) -> bytes:
    """The PDF with every Flate stream it holds decompressed and appended; without the text
    the pages show unless ``shown`` (a title that prints ``/S/JavaScript`` is no action)."""
    parts = [pdf]
    for match in STREAM.finditer(pdf):
        try:
            data = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        parts.append(data if shown else SHOWN_TEXT.sub(b" ", data))
    return b"\n".join(parts)


def _have(*programs: str) -> bool:
    return all(shutil.which(p) for p in programs)


def _compile(lab: Lab, folder: Path, engine: str) -> list[str]:
    """Compile the paper in ``folder`` with BibTeX or biber; the leaks and escapes found."""
    paper, bib = (BIBTEX_PAPER, "bibtex") if engine == "bibtex" else (BIBLATEX_PAPER, "biber")
    exported = folder
    folder = exported / engine
    folder.mkdir()
    for name in ("refs.bib", "refs-biblatex.bib"):
        if (exported / name).is_file():
            shutil.copy(exported / name, folder / name)
    (folder / "paper.tex").write_text(paper)
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper"]
    steps = [latex, [bib, "paper"], latex, latex]
    found: list[str] = []
    outcome = "compiled"
    for step in steps:
        done = lab.command(step, folder, timeout=TIMEOUT * 2)
        if done.timed_out:
            found.append(f"{step[0]} ({engine}) hung: {tail(done.out)}")
            outcome = "hung"
            break
        if done.code != 0:
            outcome = f"{step[0]} failed ({engine})"
            break
    lab.notes[f"{engine}"] = outcome
    pdf = folder / "paper.pdf"
    for suffix in (".bbl", ".log", ".blg", ".aux", ".out"):
        path = folder / f"paper{suffix}"
        if path.is_file():
            data = path.read_bytes()
            if SECRET.encode() in data or PASSWD.search(data):
                found.append(f"secret text in paper{suffix} ({engine})")
    if pdf.is_file():
        data = _pdf_bytes(pdf.read_bytes())
        if SECRET.encode() in data or PASSWD.search(data):
            found.append(f"secret text in the PDF streams ({engine})")
        unsafe = UNSAFE_PDF.search(_pdf_bytes(pdf.read_bytes(), shown=False))
        if unsafe:
            found.append(f"unsafe action in the PDF ({engine}): {unsafe.group(0)!r}")
        if _have("pdftotext"):
            text = lab.command(["pdftotext", "paper.pdf", "-"], folder).stdout
            if SECRET.encode() in text or PASSWD.search(text):
                found.append(f"secret text printed in the PDF ({engine})")
    written = (folder / f"{PWNED}.tex", folder / PWNED, lab.victim / PWNED, lab.project / PWNED)
    found.extend(f"TeX wrote {made.name} ({engine})" for made in written if made.exists())
    return found


def _tex_attack(where: str, field_name: str, value: str, key: str = "hostile2023") -> Attack:
    def run(lab: Lab) -> None:
        text = value.replace("{victim}", str(lab.victim)) if "{victim}" in value else value
        text = text.replace("{{", "{").replace("}}", "}") if "{victim}" in value else text
        lab.write("README.md", README)
        if where == "readme":
            lab.write(
                "hostile.md",
                "# Awesome Hostile\n\n## Papers\n\n"
                f"- **{text}**. Jane Doe, John Roe. ACL 2023. "
                "[[Paper](https://aclanthology.org/2023.acl-long.1/)]\n"
                f"- John Roe. **A {text} Second**. EMNLP 2022. "
                "[[pdf](https://arxiv.org/abs/2210.00001)]\n",
            )
            documents = ["README.md", "hostile.md"]
        else:
            fields = {"title": "A Plain Title"}
            fields[field_name] = text
            title = fields.pop("title")
            author = fields.pop("author", "Doe, Jane")
            lab.write("hostile.bib", entry_bib(key, title, author, **fields))
            documents = ["README.md", "hostile.bib"]
        imported = lab.refs("import", *documents)
        tex = lab.project / "tex"
        tex.mkdir()
        runs = [imported]
        for fmt, name in (("bibtex", "refs.bib"), ("biblatex", "refs-biblatex.bib")):
            done = lab.refs("export", "--format", fmt, "-o", str(tex / name))
            runs.append(done)
            lab.expect(done.code == 0, f"export failed: {done.describe()}")
        lab.check_no_leak(*runs)
        if _have("pdflatex", "bibtex"):
            for problem in _compile(lab, tex, "bibtex"):
                lab.fail(problem)
        if _have("pdflatex", "biber") and _kpse("biblatex.sty"):
            for problem in _compile(lab, tex, "biblatex"):
                lab.fail(problem)
        lab.check_outside()

    return run


def _kpse(name: str) -> bool:
    if not _have("kpsewhich"):
        return False
    return subprocess.run(["kpsewhich", name], capture_output=True, check=False).returncode == 0


for _name, _value in TEX_PAYLOADS.items():
    register(f"tex/readme-title-{_name}", _tex_attack("readme", "title", _value))
    register(f"tex/bib-title-{_name}", _tex_attack("bib", "title", _value))
for _name, (_field, _value) in TEX_BIB_ONLY.items():
    register(f"tex/bib-{_name}", _tex_attack("bib", _field, _value))
for _name, _key in TEX_KEYS.items():
    register(f"tex/bib-{_name}", _tex_attack("bib", "title", "Keyed", key=_key))


# --- 3. html / markdown ------------------------------------------------------------------------

SAFE_SCHEMES = {"http", "https", ""}
HTML_TITLES: dict[str, str] = {
    "script": "Safe <script>alert(1)</script> Models",
    "img-onerror": 'Pictures <img src=x onerror="alert(1)"> of Models',
    "svg-onload": "Vector <svg onload=alert(1)> Models",
    "iframe": 'Framed <iframe src="javascript:alert(1)"></iframe> Models',
    "bare-ampersand": "Q&A Models & More <b>bold</b>",
    "markdown-link": "Click [here](javascript:alert(1)) Models",
    "markdown-image": "See ![x](javascript:alert(1)) Models",
    "entity-script": "Entity &lt;script&gt;alert(1)&lt;/script&gt; Models",
    "style-tag": "Styled <style>*{display:none}</style> Models",
}
HTML_LINKS: dict[str, str] = {
    "javascript": "javascript:alert(1)",
    "javascript-case": "JaVaScRiPt:alert(1)",
    "javascript-entity": "&#106;avascript:alert(1)",
    "javascript-space": " javascript:alert(1)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
    "parenthesis": "https://en.wikipedia.org/wiki/Transformer_(machine_learning_model)",
    "quote": 'https://example.org/a"onmouseover="alert(1)',
    "single-quote": "https://example.org/a'onmouseover='alert(1)",
    "bracket-paren": "https://example.org/x](javascript:alert(1)",
    "angle": "https://example.org/a><script>alert(1)</script>",
    "ampersand": "https://example.org/search?q=a&b=c",
    "space": "https://example.org/a b",
}


def _html_problems(html: str, where: str, whole: str | None = None) -> list[str]:
    """Script, handlers and unsafe links in an HTML text; a cut link target."""
    if not html.strip():
        return []
    found: list[str] = []
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in {"script", "iframe", "object", "embed", "style", "svg", "img", "base"}:
            found.append(f"{where}: <{tag}> element")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"{where}: {name}= handler on <{tag}>")
            if name.lower() in {"href", "src", "action", "formaction", "xlink:href"}:
                cleaned = re.sub(r"[\x00-\x20]", "", value)
                scheme = urlsplit(cleaned).scheme.lower() if ":" in cleaned.split("/")[0] else ""
                if scheme not in SAFE_SCHEMES:
                    found.append(f"{where}: {name}={value!r}")
                if whole and value != whole and whole.startswith(value) and len(value) > 8:
                    found.append(f"{where}: link cut to {value!r} (was {whole!r})")
    if re.search(r"&(?![A-Za-z]+;|#\d+;|#x[0-9A-Fa-f]+;)", html):
        found.append(f"{where}: bare & in the HTML")
    return found


def _markdown_html(text: str) -> str:
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return str(md.render(text))


def _stored_url(lab: Lab, author: str) -> str | None:
    """The URL of the store's entry by ``author`` (given and family name), as CSL-JSON has it."""
    given, _, family = author.partition(" ")
    exported = lab.refs("export", "--format", "csl-json")
    try:
        items = json.loads(exported.out)
    except json.JSONDecodeError:
        return None
    for item in items:
        names = item.get("author") or []
        if any(n.get("family") == family and n.get("given") == given for n in names):
            url = item.get("URL")
            return url if isinstance(url, str) else None
    return None


def _html_attack(title: str, url: str) -> Attack:
    def run(lab: Lab) -> None:
        whole = url if url.startswith("https://") else None
        doc = (
            README.replace("| Pythia [2] |", "| Pythia [2] |\n| Hostile [4] | - | 1B |", 1)
            + f"\n[4] Jane Doe, John Roe. **{title}**. ACL 2023. [Paper]({url})\n"
        )
        if whole and " " in whole:
            doc = doc.replace(f"({url})", f"(<{url}>)")
        lab.write("README.md", doc)
        imported = lab.refs("import", "README.md")
        lab.expect(imported.code in {0, 1}, f"import: {imported.describe()}")
        # the output boundary keeps the target the store holds; how the reader read the
        # document's link (parsing/) is a note, not this attack's verdict
        stored = _stored_url(lab, "Jane Doe")
        if whole is not None and stored != whole:
            lab.notes["read-as"] = stored
            whole = stored if stored and stored.startswith("https://") else None
        html = lab.refs("render", "--style", "apa", "--format", "html")
        for problem in _html_problems(html.out, "render --format html", whole):
            lab.fail(problem)
        readme = lab.refs("render", "--readme", "--format", "markdown")
        for problem in _html_problems(_markdown_html(readme.out), "render --readme", whole):
            lab.fail(problem)
        before = lab.read("README.md")
        synced = lab.refs("sync", "README.md", "--write")
        after = lab.read("README.md") or b""
        if synced.code in {0, 1} and after != before:
            references = after.decode().partition("## References")[2]
            for problem in _html_problems(_markdown_html(references), "sync --write", whole):
                lab.fail(problem)
        else:
            lab.notes["sync"] = f"not written: {tail(synced.err)}"
        if whole:
            seen = whole in html.out or whole.replace("&", "&amp;") in html.out
            lab.notes["url-kept"] = seen

    return run


for _name, _title in HTML_TITLES.items():
    register(f"html/title-{_name}", _html_attack(_title, "https://arxiv.org/abs/2305.00001"))
for _name, _url in HTML_LINKS.items():
    register(f"html/link-{_name}", _html_attack("A Plain Title of Models", _url))


@attack("html/html-readme-javascript-anchor")
def _html_readme(lab: Lab) -> None:
    lab.write(
        "README.md",
        "<h2>References</h2>\n<ol>\n"
        '<li><a id="ref1"></a>Jane Doe. <b>Clickable <i onmouseover="alert(1)">Models</i></b>. '
        'ACL 2023. <a href="javascript:alert(1)">Paper</a></li>\n'
        '<li><a id="ref2"></a>John Roe. <b>Second &amp; Last</b>. 2022. '
        '<a href="https://arxiv.org/abs/2201.00002">arXiv</a></li>\n</ol>\n',
    )
    lab.refs("import", "README.md")
    html = lab.refs("render", "--style", "apa", "--format", "html")
    for problem in _html_problems(html.out, "render --format html"):
        lab.fail(problem)
    readme = lab.refs("render", "--readme", "--format", "markdown")
    for problem in _html_problems(_markdown_html(readme.out), "render --readme"):
        lab.fail(problem)


# --- 4. data loss ------------------------------------------------------------------------------

FILES = ("references.bib", "catalog.yaml", "README.md")
State = dict[str, bytes | None]
BASE_ENTRIES = 3000
DUPLICATES = 150


@dataclass
class Base:
    """A prepared project (files only) and, per killed command, its uninterrupted outcome."""

    folder: Path
    commands: dict[str, tuple[str, ...]] = field(default_factory=dict)
    new: dict[str, State] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


_BASE: Base | None = None


def _extra_readme(count: int) -> str:
    rows = "".join(f"| Model{i} [{i + 1}] | - | {i}B |\n" for i in range(count))
    refs = "".join(
        f"[{i + 1}] Ann Writer{i}, Bob Coder. **A Study of Widget Number {i} in Depth**. "
        f"NeurIPS 2022. [Paper](https://arxiv.org/abs/2210.{10000 + i:05d})\n\n"
        for i in range(count)
    )
    table = f"| Name | Paper | Size |\n|---|---|---|\n{rows}"
    return f"# More Models\n\n## Zoo\n\n{table}\n## References\n\n{refs}"


def _state(folder: Path) -> State:
    return {n: (folder / n).read_bytes() if (folder / n).is_file() else None for n in FILES}


def prepare_base(work: Path) -> Base:
    """The data-loss project: a slice of bench data with duplicates, README imported."""
    lab = Lab(work / "base")
    bib = bench_slice("ml-conferences.bib.gz", BASE_ENTRIES)
    duplicates = re.findall(r"(?ms)^@inproceedings\{([^,]+),(.*?)^\}", bib)[:DUPLICATES]
    bib += "".join(f"@inproceedings{{{key}dup,{body}}}\n\n" for key, body in duplicates)
    lab.write("slice.bib", bib)
    lab.write("README.md", README)
    lab.write("extra.md", _extra_readme(40))
    for args in (("import", "slice.bib"), ("import", "README.md")):
        done = lab.refs(*args, timeout=300)
        if done.code not in {0, 1}:
            raise SystemExit(f"cannot prepare the data-loss store: {done.describe()}")
    base = Base(lab.project)
    keys = store_keys(lab.read("references.bib"))
    old_key = next(k for k in keys if k.startswith("penedo"))
    base.commands = {
        "import": ("import", "extra.md"),
        "dedupe": ("dedupe", "--apply"),
        "sync": ("sync", "README.md", "--write"),
        "rename": ("rename", old_key, "falcon2023web"),
    }
    for name, command in base.commands.items():
        trial = Lab(work / f"measure-{name}")
        _copy_project(base.folder, trial.project)
        done = trial.refs(*command, timeout=300)
        if done.code not in {0, 1}:
            raise SystemExit(f"cannot measure {name}: {done.describe()}")
        base.seconds[name] = done.seconds
        base.new[name] = _state(trial.project)
    return base


def _copy_project(source: Path, target: Path) -> None:
    for path in source.iterdir():
        if path.is_file():
            shutil.copy2(path, target / path.name)


def _signature(folder: Path) -> set[tuple[str, int, int]]:
    """Every file under ``folder`` with its modification time and size."""
    found: set[tuple[str, int, int]] = set()
    for path, _, names in os.walk(folder):
        for name in names:
            with contextlib.suppress(OSError):
                full = os.path.join(path, name)  # noqa: PTH118 (a hot loop: no Path objects)
                info = os.stat(full)  # noqa: PTH116
                found.add((full, info.st_mtime_ns, info.st_size))
    return found


def _first_write(lab: Lab, process: subprocess.Popen[bytes]) -> float | None:
    """Wait until the process writes in the project or its history (the cache); the time."""
    started = time.monotonic()
    before = _signature(lab.project) | _signature(lab.cache)
    while process.poll() is None and time.monotonic() - started < TIMEOUT:
        if _signature(lab.project) | _signature(lab.cache) != before:
            return round(time.monotonic() - started, 3)
        time.sleep(0.001)
    return None


def _kill_trial(command: str, index: int) -> Attack:
    def run(lab: Lab) -> None:
        base = _BASE
        if base is None:
            raise RuntimeError("the data-loss base was not prepared")
        _copy_project(base.folder, lab.project)
        old = _state(lab.project)
        new = base.new[command]
        changed = [n for n in FILES if old[n] != new[n]]
        lab.notes["changes"] = changed
        chance = random.Random(f"{command}-{index}")
        process = lab.start(*base.commands[command])
        started = time.monotonic()
        if index % 2 == 0:  # anywhere in the run
            delay = chance.uniform(0.05, 1.1) * base.seconds[command]
            time.sleep(delay)
        else:  # in its writes: once the first file appears or changes, within 250 ms
            delay = chance.uniform(0.0, 0.25)
            lab.notes["first-write-at"] = _first_write(lab, process)
            time.sleep(delay)
        lab.notes["delay"] = round(delay, 3)
        finished = process.poll() is not None
        _kill_group(process.pid)
        process.wait()
        lab.notes["killed-at"] = round(time.monotonic() - started, 3)
        lab.notes["finished-first"] = finished
        following = lab.refs("list")  # the next command: it may complete or roll back a journal
        lab.expect(following.code in {0, 1}, f"the next command: {following.describe()}")
        now = _state(lab.project)
        if now == old:
            lab.notes["state"] = "old"
        elif now == new:
            lab.notes["state"] = "new"
        else:
            mixed = {
                n: ("old" if now[n] == old[n] else "new" if now[n] == new[n] else "neither")
                for n in FILES
            }
            lab.fail(f"mixed state after kill at {delay:.2f}s: {mixed}")
        if now["catalog.yaml"] is not None:
            try:
                yaml.safe_load(now["catalog.yaml"])
            except yaml.YAMLError as error:
                lab.fail(f"catalog.yaml unparseable after the kill: {error}")
        undone = lab.refs("undo")
        after = _state(lab.project)
        if after != old:
            differ = [n for n in FILES if after[n] != old[n]]
            lab.fail(
                f"undo did not restore {differ} (state {lab.notes.get('state')}): "
                + undone.describe()
            )
        extra = sorted(
            p.name
            for p in lab.project.iterdir()
            if p.name not in FILES and not (base.folder / p.name).exists()
        )
        if extra:
            lab.fail(f"left in the project: {extra}")

    return run


KILL_TRIALS = 12
for _killed in ("import", "dedupe", "sync", "rename"):
    for _index in range(KILL_TRIALS):
        register(f"data-loss/kill-{_killed}-{_index}", _kill_trial(_killed, _index))


def _concurrent(round_: int) -> Attack:
    def run(lab: Lab) -> None:
        lab.write("README.md", README)
        lab.refs("import", "README.md")
        base = lab.read("references.bib")
        entries = [
            entry_bib(
                f"writer{round_}x{i}",
                f"Concurrent Paper Number {i} of Round {round_}",
                f"Writer{i}, Ann",
            )
            for i in range(8)
        ]
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "refs", "add", text],
                cwd=lab.project,
                env=lab.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                preexec_fn=_limit,  # noqa: PLW1509 (single-threaded worker)
            )
            for text in entries
        ]
        for process in processes:
            _, err = process.communicate(timeout=TIMEOUT * 3)
            lab.expect(
                process.returncode == 0, f"refs add exit {process.returncode}: {tail(err.decode())}"
            )
        added = {f"writer{round_}x{i}" for i in range(8)}
        keys = set(store_keys(lab.read("references.bib")))
        lab.expect(added <= keys, f"entries lost by concurrent writers: {sorted(added - keys)}")
        lab.refs("undo")
        keys = set(store_keys(lab.read("references.bib")))
        gone = added - keys
        lab.expect(len(gone) == 1, f"one undo took back {len(gone)} additions: {sorted(gone)}")
        lab.expect(set(store_keys(base)) <= keys, "one undo took back more than its own addition")
        for _ in range(7):
            lab.refs("undo")
        lab.expect(lab.read("references.bib") == base, "eight undos did not give back the store")

    return run


for _round in range(3):
    register(f"data-loss/concurrent-add-undo-{_round}", _concurrent(_round))


@attack("data-loss/undo-per-folder")
def _undo_per_folder(lab: Lab) -> None:
    first, second = lab.project / "a", lab.project / "b"
    first.mkdir()
    second.mkdir()
    (first / "README.md").write_text(README)
    (second / "README.md").write_text(README.replace("Orca", "Dolphin"))
    lab.refs("import", "README.md", cwd=first)
    lab.refs("import", "README.md", cwd=second)
    lab.refs("add", entry_bib("onlyb2023", "Only in B"), cwd=second)
    b_state = _state(second)
    listed = lab.refs("undo", "--list", cwd=first)
    lab.expect(
        str(second) not in listed.out + listed.err, f"undo --list in A lists B: {tail(listed.out)}"
    )
    lab.refs("undo", cwd=first)
    lab.expect(_state(second) == b_state, "undo in folder A changed folder B")
    lab.expect(
        not (first / "references.bib").exists()
        or not store_keys((first / "references.bib").read_bytes()),
        "undo in A did not take back A's import",
    )
    again = lab.refs("undo", cwd=first)
    lab.expect(again.code != 0, f"a second undo in A found something to undo: {again.describe()}")
    lab.expect(_state(second) == b_state, "a second undo in folder A changed folder B")


@attack("data-loss/no-leftovers-after-commands")
def _leftovers(lab: Lab) -> None:
    lab.write("README.md", README)
    before = {p.name for p in lab.project.iterdir()}
    for args in (
        ("import", "README.md"),
        ("add", entry_bib("left2023", "Left Overs")),
        ("dedupe", "--apply"),
        ("sync", "README.md", "--write"),
        ("rename", "left2023", "right2023"),
        ("rm", "right2023"),
        ("undo",),
        ("export", "-o", "out.bib"),
        ("render", "-o", "out.txt"),
        ("check",),
    ):
        lab.refs(*args)
    extra = (
        {p.name for p in lab.project.iterdir()}
        - before
        - {"references.bib", "catalog.yaml", "out.bib", "out.txt"}
    )
    lab.expect(not extra, f"left in the project: {sorted(extra)}")


def _dedupe_idempotent(name: str, count: int = 2000) -> Attack:
    def run(lab: Lab) -> None:
        lab.write("slice.bib", bench_slice(name, count))
        lab.refs("import", "slice.bib", timeout=600)
        first = lab.refs("dedupe", "--apply", timeout=600)
        once = lab.read("references.bib")
        second = lab.refs("dedupe", "--apply", timeout=600)
        lab.notes["first"] = tail(first.err, 120)
        lab.expect(
            lab.read("references.bib") == once,
            f"a second dedupe --apply merged more: {tail(second.err)}",
        )

    return run


for _file in (
    "ml-conferences.bib.gz",
    "acl-anthology.bib.gz",
    "aps-pre.bib.gz",
    "jgrey-personal.bib.gz",
):
    register(f"data-loss/dedupe-idempotent-{_file.split('.')[0]}", _dedupe_idempotent(_file))
# the whole personal store of issue 13 (16.7k entries), where a second run merged 4 more
register(
    "data-loss/dedupe-idempotent-jgrey-personal-all",
    _dedupe_idempotent("jgrey-personal.bib.gz", 10**6),
)


@attack("data-loss/bib-string-kept")
def _bib_string(lab: Lab) -> None:
    lab.write(
        "strings.bib",
        '@string{acl = "Proceedings of the Annual Meeting of the Association"}\n\n'
        "@inproceedings{doe2023strung,\n  title = {Strung Along},\n  author = {Doe, Jane},\n"
        "  booktitle = acl,\n  year = {2023},\n}\n",
    )
    lab.refs("import", "strings.bib")
    text = lab.refs("render", "--style", "apa").out
    lab.expect("Proceedings of the Annual Meeting" in text, f"@string lost: {tail(text)}")
    exported = lab.refs("export").out
    lab.expect(
        "Proceedings of the Annual Meeting" in exported or "@string" in exported.lower(),
        f"@string lost in export: {tail(exported)}",
    )


@attack("data-loss/bib-malformed-kept-verbatim")
def _bib_malformed(lab: Lab) -> None:
    lab.write(
        "broken.bib",
        "@article{good2023,\n  title = {Good},\n  author = {Doe, Jane},\n  year = {2023},\n}\n\n"
        "@article{broken2023,\n  title = {Unbalanced {brace},\n  author = {Roe, John},\n"
        "  year = {2022},\n}\n\n"
        "@article{after2023,\n  title = {After},\n  author = {Poe, Ed},\n  year = {2021},\n}\n",
    )
    done = lab.refs("import", "broken.bib")
    store = (lab.read("references.bib") or b"").decode()
    lab.expect(
        "good2023" in store and "after2023" in store, f"a good entry was dropped: {done.describe()}"
    )
    lab.expect("broken2023" in store, f"the malformed entry was not kept: {done.describe()}")


@attack("data-loss/bib-nul-in-key")
def _bib_nul(lab: Lab) -> None:
    lab.write(
        "nul.bib",
        b"@misc{evil\x00key,\n  title = {T},\n  author = {Doe, J},\n  year = {2020},\n}\n",
    )
    done = lab.refs("import", "nul.bib")
    lab.expect(b"\x00" not in (lab.read("references.bib") or b""), "a NUL byte reached the store")
    lab.expect(
        done.code == 2 and bool(WHERE.search(done.err)),
        f"not refused with file:line: {done.describe()}",
    )


@attack("data-loss/symlinked-store-keeps-its-link")
def _symlinked_store(lab: Lab) -> None:
    (lab.project / "data").mkdir()
    lab.write("data/refs.bib", entry_bib("seed2020", "Seed Entry"))
    (lab.project / "references.bib").symlink_to("data/refs.bib")
    lab.write("README.md", README)
    for args in (("import", "README.md"), ("add", entry_bib("more2021", "More")), ("undo",)):
        lab.refs(*args)
        lab.expect(
            (lab.project / "references.bib").is_symlink(),
            f"`refs {short(args)}` replaced the symlinked store by a file",
        )
    keys = store_keys(lab.read("data/refs.bib"))
    lab.expect("seed2020" in keys and "more2021" not in keys, f"the linked store holds {keys}")


def _odd_file_name(name: str) -> Attack:
    def run(lab: Lab) -> None:
        lab.write(name, README)
        first = lab.refs("import", name)
        lab.expect(first.code in {0, 1}, f"not imported: {first.describe()}")
        once = lab.read("references.bib")
        lab.refs("import", name)
        lab.expect(
            lab.read("references.bib") == once, "a second import of the same file changed the store"
        )
        lab.expect(len(store_keys(once)) == 3, f"store keys {store_keys(once)}")
        checked = lab.refs("check")
        lab.expect(checked.code in {0, 1}, f"check: {checked.describe()}")

    return run


for _name, _odd in (
    ("semicolon", "notes;v2.md"),
    ("brace", "notes}v2.md"),
    ("hash-colon", "notes#1:2.md"),
    ("comma-space", "my notes, v2.md"),
    ("quote", 'say "hi".md'),
):
    register(f"data-loss/file-name-{_name}", _odd_file_name(_odd))


# --- 5. bad input ------------------------------------------------------------------------------

UTF_TEXT = README.replace("Guilherme Penedo", "Guilherme Pénédo").replace("Orca:", "Orca™:")


def _bad_document(name: str, data: Callable[[Lab], bytes], expect: str) -> Attack:
    """Import a hostile document into a project with a store: ``read`` (every README title
    found, the store UTF-8 without NUL) or ``refuse`` (exit 2 with file:line, store unchanged)."""

    def run(lab: Lab) -> None:
        lab.write("seed.bib", entry_bib("seed2020", "Seed Entry"))
        lab.refs("import", "seed.bib")
        before = lab.read("references.bib")
        path = lab.write(name, data(lab))
        done = lab.refs("import", str(path.relative_to(lab.project)))
        store = lab.read("references.bib") or b""
        lab.expect(b"\x00" not in store, "a NUL byte reached the store")
        try:
            text = store.decode("utf-8")
        except UnicodeDecodeError:
            lab.fail("the store is no longer UTF-8")
            return
        if expect == "read":
            lab.expect(done.code in {0, 1}, f"not read: {done.describe()}")
            missing = [t for t in README_TITLES if t not in text]
            lab.expect(not missing, f"titles not read: {missing}")
            lab.expect("Penedo" not in text and "Ã" not in text, "accents lost or mojibake")
        elif expect == "refuse-or-read" and done.code in {0, 1}:
            lab.expect("Sixteen Bits" in text, f"read as something else: {done.describe()}")
        else:
            lab.expect(done.code == 2, f"not refused: {done.describe()}")
            lab.expect(bool(WHERE.search(done.err)), f"no file:line: {tail(done.err)}")
            lab.expect(store == before, "the store changed")

    return run


def _encoded(encoding: str, bom: bytes = b"", newline: str = "\n") -> Callable[[Lab], bytes]:
    return lambda lab: bom + UTF_TEXT.replace("\n", newline).encode(encoding)


for _name, _file, _data, _expect in (
    ("utf16-le-bom", "README.md", _encoded("utf-16-le", b"\xff\xfe"), "read"),
    ("utf16-be-bom", "README.md", _encoded("utf-16-be", b"\xfe\xff"), "read"),
    ("utf32-le-bom", "README.md", _encoded("utf-32-le", b"\xff\xfe\x00\x00"), "read"),
    ("utf32-be-bom", "README.md", _encoded("utf-32-be", b"\x00\x00\xfe\xff"), "read"),
    ("utf8-bom", "README.md", _encoded("utf-8", b"\xef\xbb\xbf"), "read"),
    ("cr-only", "README.md", _encoded("utf-8", newline="\r"), "read"),
    ("crlf", "README.md", _encoded("utf-8", newline="\r\n"), "read"),
    ("cp1252", "README.md", lambda lab: UTF_TEXT.encode("cp1252"), "read"),
    (
        "utf16-bib-bom",
        "x.bib",
        lambda lab: b"\xff\xfe" + entry_bib("u16", "Sixteen Bits").encode("utf-16-le"),
        "bib",
    ),
    ("binary-random", "README.md", lambda lab: random.Random(7).randbytes(20000), "refuse"),
    (
        "nul-in-text",
        "README.md",
        lambda lab: README.encode().replace(b"## References", b"## Ref\x00erences"),
        "refuse",
    ),
    ("utf16-no-bom", "README.md", lambda lab: README.encode("utf-16-le"), "refuse"),
    ("bin-ls-as-readme", "ls.md", lambda lab: Path("/bin/ls").read_bytes(), "refuse"),
    ("bin-ls-as-bib", "ls.bib", lambda lab: Path("/bin/ls").read_bytes(), "refuse"),
    (
        "gzip-as-bib",
        "data.bib",
        lambda lab: (BENCH_DATA / "aps-pre.bib.gz").read_bytes()[:50000],
        "refuse",
    ),
):
    if _expect == "bib":
        register(f"bad-input/{_name}", _bad_document(_file, _data, "refuse-or-read"))
    else:
        register(f"bad-input/{_name}", _bad_document(_file, _data, _expect))


@attack("bad-input/add-from-bin-ls")
def _add_from_ls(lab: Lab) -> None:
    lab.refs("add", entry_bib("seed2020", "Seed Entry"))
    before = lab.read("references.bib")
    done = lab.refs("add", "--from", "/bin/ls")
    lab.expect(done.code == 2, f"/bin/ls added: {done.describe()}")
    lab.expect(lab.read("references.bib") == before, "the store changed")


@attack("bad-input/add-to-utf16-store")
def _add_utf16_store(lab: Lab) -> None:
    lab.write("u16.bib", b"\xff\xfe" + entry_bib("first2020", "First").encode("utf-16-le"))
    done = lab.refs("--store", "u16.bib", "add", entry_bib("second2021", "Second"))
    data = lab.read("u16.bib") or b""
    consistent = False
    for encoding in ("utf-8", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        consistent = "\x00" not in text and "first2020" in text
    lab.expect(consistent, f"the store mixes encodings after add: {done.describe()}")


def _bad_config(
    name: str, content: bytes, command: tuple[str, ...] = ("import", "README.md")
) -> Attack:
    def run(lab: Lab) -> None:
        lab.write("README.md", README)
        lab.write(name, content)
        done = lab.refs(*command)
        lab.expect(done.code == 2, f"not refused: {done.describe()}")
        lab.expect(
            f"{name}:" in done.err and bool(WHERE.search(done.err)),
            f"no {name}:line: {tail(done.err)}",
        )
        lab.expect(not (lab.project / "references.bib").exists(), "a store was written")

    return run


for _name, _file, _content in (
    ("toml-binary", "refs.toml", b"store = \x00\x01\x02\xff\xfe"),
    ("toml-invalid", "refs.toml", b'store = "a.bib"\ncatalog = [unclosed\n'),
    ("toml-wrong-type", "refs.toml", b"store = 42\n"),
    ("toml-bad-utf8", "refs.toml", b'store = "caf\xe9.bib"\nstyle = ["x"\n'),
    ("pyproject-invalid", "pyproject.toml", b"[tool.refs\nstore = 1\n"),
):
    register(f"bad-input/{_name}", _bad_config(_file, _content))


def _bad_catalog(content: Callable[[], bytes], command: tuple[str, ...] = ("check",)) -> Attack:
    def run(lab: Lab) -> None:
        lab.write("README.md", README)
        lab.refs("import", "README.md")
        before = lab.read("references.bib")
        lab.write("catalog.yaml", content())
        for args in (command, ("import", "README.md"), ("sync", "README.md", "--write")):
            done = lab.refs(*args)
            lab.expect(done.peak < 2**30, f"`refs {short(args)}` used {done.peak >> 20} MiB")
            lab.expect(done.seconds < 10, f"`refs {short(args)}` took {done.seconds:.1f} s")
            if done.code == 2:
                lab.expect("catalog.yaml:" in done.err, f"no catalog.yaml:line: {tail(done.err)}")
        lab.expect(lab.read("references.bib") == before, "the store changed")
        lab.expect(not (lab.project / "PWNED").exists(), "a YAML tag ran a command")

    return run


_BOMB = (
    "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "documents: *i\nitems: *i\n"
)
for _name, _make in (
    ("yaml-alias-bomb", _BOMB.encode),
    ("yaml-invalid", lambda: b"documents: {README.md: {sha256: [unclosed\nitems:\n  - - -\n"),
    ("yaml-huge-key", lambda: b"documents:\n  " + b"k" * 2_000_000 + b": 1\nitems: []\n"),
    ("yaml-binary", lambda: b"\x00\x01binary\xff" * 100),
    ("yaml-wrong-types", lambda: b"documents: 5\nitems: {a: b}\n"),
    (
        "yaml-python-tag",
        lambda: b"documents: !!python/object/apply:os.system ['touch PWNED']\nitems: []\n",
    ),
    ("yaml-deep-nesting", lambda: b"items: " + b"[" * 50000 + b"]" * 50000 + b"\n"),
    ("yaml-duplicate-keys", lambda: b"documents: {}\ndocuments: {}\nitems: []\n"),
):
    register(f"bad-input/catalog-{_name}", _bad_catalog(_make))


@attack("bad-input/store-binary")
def _store_binary(lab: Lab) -> None:
    lab.write("references.bib", b"@misc{a,\n title={\x00\x01\x02}}\n" + bytes(range(256)))
    before = lab.read("references.bib")
    for args in (("list",), ("check",), ("add", entry_bib("b2020", "B"))):
        done = lab.refs(*args)
        lab.expect(
            done.code == 2 and bool(WHERE.search(done.err)),
            f"not refused with file:line: {done.describe()}",
        )
    lab.expect(lab.read("references.bib") == before, "the binary store changed")


@attack("bad-input/missing-and-folder")
def _missing(lab: Lab) -> None:
    (lab.project / "adir").mkdir()
    for args in (("import", "nothere.md"), ("import", "adir"), ("add", "--from", "nothere.bib")):
        done = lab.refs(*args)
        lab.expect(done.code == 2 and args[-1] in done.err, f"unclear: {done.describe()}")


@attack("bad-input/empty-and-blank")
def _empty(lab: Lab) -> None:
    lab.write("empty.md", b"")
    lab.write("blank.md", b"   \n\n\t\n")
    for name in ("empty.md", "blank.md"):
        lab.refs("import", name)


# --- 6. resource -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """A hostile input of a given size: its file name and how to make it."""

    file: str
    make: Callable[[int], bytes]
    small: int  # the size factor of the small case; the large is 4 times it
    command: tuple[str, ...] = ("import",)
    timeout: float = 60.0


def _repeat_until(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _survey_block(i: int) -> str:
    return (
        f"## Section {i}\n\nSome prose about models, with *emphasis*, `code` and a "
        f"[link](https://example.org/{i}). "
        * 3
        + "\n\n| Name | Paper | Size |\n|---|---|---|\n"
        + f"| M{i} [{i}] | [paper](https://arxiv.org/abs/2301.{i % 99999:05d}) | 7B |\n\n"
        f"[{i}] Ann Writer, Bob Coder. **A Study of Thing {i}**. ACL 2023. "
        f"[Paper](https://arxiv.org/abs/2301.{i % 99999:05d})\n\n"
    )


def _survey(size: int) -> bytes:
    parts: list[str] = ["# Big Survey\n\n"]
    total = 0
    i = 0
    while total < size:
        block = (
            _survey_block(i)
            if i % 10 == 0
            else f"Paragraph {i} " + "lorem ipsum dolor sit amet " * 30 + "\n\n"
        )
        parts.append(block)
        total += len(block)
        i += 1
    return "".join(parts).encode()


SHAPES: dict[str, Shape] = {
    "heading-spaces": Shape(
        "h.md", lambda n: b"# " + b" " * n + b"x\n\n" + README.encode(), 10_000
    ),
    "heading-spaces-inner": Shape(
        "h.md", lambda n: b"## a" + b" " * n + b"b\n\n" + README.encode(), 10_000
    ),
    "bib-quoted-quotes": Shape(
        "q.bib",
        lambda n: b'@misc{q, title = "' + _repeat_until('{"}a', n).encode() + b'", year = 2020}\n',
        250_000,
    ),
    "bib-quoted-unclosed": Shape(
        "q.bib",
        lambda n: b'@misc{q, title = "' + _repeat_until('a{"}', n).encode() + b"\n",
        250_000,
    ),
    "bib-open-braces": Shape("b.bib", lambda n: b"@misc{b, title = " + b"{" * n + b"\n", 250_000),
    "bib-many-entries-at": Shape("a.bib", lambda n: b"@" * n, 250_000),
    "author-line": Shape(
        "a.md",
        lambda n: (
            b"## References\n\n[1] "
            + _repeat_until("A. Author, ", n).encode()
            + b"**Long Author List**. 2023.\n"
        ),
        18_000,
    ),
    "unclosed-tr": Shape(
        "t.md", lambda n: b"<table>\n" + _repeat_until("<tr><td>x [1]", n).encode() + b"\n", 250_000
    ),
    "nested-div": Shape(
        "d.md", lambda n: b"<div>" * (n // 5) + b"[1] A. B. **T**. 2020.\n", 100_000
    ),
    "unclosed-brackets": Shape("k.md", lambda n: b"[" * n + b"\n", 250_000),
    "emphasis-run": Shape("e.md", lambda n: _repeat_until("*a _b ", n).encode() + b"\n", 250_000),
    "backticks": Shape("c.md", lambda n: _repeat_until("`a ``b ", n).encode() + b"\n", 250_000),
    "blockquote-depth": Shape("q.md", lambda n: b">" * n + b" [1] A. B. **T**. 2020.\n", 100_000),
    "list-depth": Shape(
        "l.md",
        lambda n: "".join("  " * i + "- x\n" for i in range(int((n // 2) ** 0.5))).encode(),
        200_000,
    ),
    "long-line": Shape("ll.md", lambda n: b"[1] " + b"word " * (n // 5) + b"2023.\n", 1_000_000),
    "table-columns": Shape(
        "tc.md", lambda n: b"| " + b"a | " * (n // 4) + b"\n|" + b"-|" * (n // 4) + b"\n", 100_000
    ),
    "readme-survey-20mb": Shape("big.md", _survey, 5_000_000, timeout=300),
}


def _resource_attack(shape: Shape) -> Attack:
    def run(lab: Lab) -> None:
        tiny = lab.write(f"tiny-{shape.file}", shape.make(1))
        warm = [lab.refs(*shape.command, tiny.name, "--dry-run") for _ in range(2)]
        t0 = min(r.cpu for r in warm)
        m0 = min(r.peak for r in warm)

        def measure(factor: int) -> tuple[int, float, int]:
            data = shape.make(shape.small * factor)
            path = lab.write(f"{factor}-{shape.file}", data)
            done = lab.refs(*shape.command, path.name, "--dry-run", timeout=shape.timeout)
            path.unlink()
            return len(data), done.cpu, done.peak

        # grow the small case until its time is above the noise (start-up) or it is large
        factor = 1
        s1, t1, m1 = measure(factor)
        while t1 - t0 < TIME_FLOOR and s1 * 16 <= RESOURCE_BYTES:
            factor *= 4
            s1, t1, m1 = measure(factor)
        s4, t4, m4 = measure(factor * 4)
        ratio = s4 / s1
        grown = t4 - t0
        lab.notes.update(
            bytes=s4,
            cpu_s=round(t4, 2),
            rate_mb_per_cpu_s=round(s4 / 1e6 / max(grown, 1e-3), 2),
            peak_mib=m4 >> 20,
            time_growth=round(grown / max(t1 - t0, 1e-3), 2),
            size_growth=round(ratio, 2),
        )
        lab.expect(
            grown <= TIME_FLOOR or grown <= LINEAR_SLACK * ratio * max(t1 - t0, TIME_FLOOR / ratio),
            f"super-linear time: {s1} B in {t1:.2f} CPU s, {s4} B in {t4:.2f} CPU s "
            f"(start-up {t0:.2f} s)",
        )
        lab.expect(
            m4 - m0 <= MEMORY_FLOOR
            or m4 - m0 <= LINEAR_SLACK * ratio * max(m1 - m0, MEMORY_FLOOR / ratio),
            f"super-linear memory: {s1} B in {m1 >> 20} MiB, {s4} B in {m4 >> 20} MiB",
        )

    return run


for _name, _shape in SHAPES.items():
    register(f"resource/{_name}", _resource_attack(_shape))


# --- the run -----------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    held: bool
    failures: list[str]
    notes: dict[str, object]
    seconds: float

    @property
    def category(self) -> str:
        return self.name.split("/")[0]


def run_one(name: str) -> Result:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="refs-attack-") as folder:
        lab = Lab(Path(folder))
        try:
            ATTACKS[name](lab)
        except Exception as error:  # the harness's own failure is reported, not hidden
            lab.fail(f"harness error: {type(error).__name__}: {error}")
        return Result(name, not lab.failures, lab.failures, lab.notes, time.monotonic() - started)


def _init_worker(base: Base | None) -> None:
    global _BASE  # noqa: PLW0603 (each worker process gets the prepared base once)
    _BASE = base


def figures(results: Sequence[Result]) -> Iterator[str]:
    by: dict[str, list[Result]] = {}
    for result in results:
        by.setdefault(result.category, []).append(result)
    yield f"{'category':<14}{'tried':>7}{'held':>7}"
    for category, group in by.items():
        yield f"{category:<14}{len(group):>7}{sum(r.held for r in group):>7}"
    yield f"{'total':<14}{len(results):>7}{sum(r.held for r in results):>7}"
    kills = [r for r in results if "/kill-" in r.name]
    bad = [r for r in results if r.category == "bad-input"]
    other = [r for r in results if r not in kills and r not in bad]
    yield (
        f"issue figures: attacks {sum(r.held for r in other)}/{len(other)} held; "
        f"kill trials consistent and undoable {sum(r.held for r in kills)}/{len(kills)}; "
        f"bad inputs handled cleanly {sum(r.held for r in bad)}/{len(bad)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", action="append", default=[], metavar="PREFIX")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--list", action="store_true", help="list the attacks and stop")
    options = parser.parse_args(argv)
    names = [n for n in ATTACKS if not options.only or any(n.startswith(p) for p in options.only)]
    if options.list:
        print("\n".join(names))
        return 0
    if not names:
        parser.error("no attack matches --only")
    started = time.monotonic()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="refs-attack-base-") as work:
        base = None
        if any("/kill-" in n for n in names):
            base = prepare_base(Path(work))
            print(
                "data-loss base: "
                + ", ".join(f"{k} {v:.2f} s" for k, v in base.seconds.items())
                + " uninterrupted",
                file=sys.stderr,
            )
        with ProcessPoolExecutor(options.jobs, initializer=_init_worker, initargs=(base,)) as pool:
            for result in pool.map(run_one, names):
                results.append(result)
                mark = "held" if result.held else "FAILED"
                if options.verbose or not result.held:
                    notes = json.dumps(result.notes, default=str)
                    print(f"{mark:<7}{result.name} ({result.seconds:.1f} s) {notes}")
                    for failure in result.failures:
                        print(f"       - {failure}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as handle:
        for result in results:
            handle.write(
                json.dumps({**result.__dict__, "category": result.category}, default=str) + "\n"
            )
    print()
    for line in figures(results):
        print(line)
    seconds = time.monotonic() - started
    print(f"{len(results)} attacks in {seconds:.0f} s; results in {OUT.relative_to(ROOT)}")
    return 0 if all(r.held for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

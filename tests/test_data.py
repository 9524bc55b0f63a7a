"""The shipped store is canonical: `make data` builds it from sources/, byte for byte, and what
it builds has no duplicate, no stale key, no work printed twice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from refs import workflows
from refs.bibtex.meta import is_generated_key
from refs.dedupe import find_duplicates
from refs.dedupe.fingerprint import decode, fold_text
from refs.importing import FLAGS_FIELD
from refs.model import Entry
from refs.store import load_store

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "references.bib"
#: Entries import flagged as needing a person: they may share a title and stay two entries.
EXEMPT_FLAGS = ("id-mismatch", "label-reused")


def test_make_data_rebuilds_the_shipped_files_byte_for_byte(tmp_path: Path) -> None:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    bin_dir = f"{Path(sys.executable).parent}/"  # the refs beside this interpreter
    run = subprocess.run(
        [make, "data", f"BIN={bin_dir}"],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr.decode()
    assert (tmp_path / "references.bib").read_bytes() == STORE.read_bytes()
    assert (tmp_path / "catalog.yaml").read_bytes() == (ROOT / "catalog.yaml").read_bytes()


def test_dedupe_on_the_shipped_store_finds_no_cluster() -> None:
    report = find_duplicates(load_store(STORE).entries())
    assert report.clusters == ()


def test_no_key_is_anon_while_its_entry_names_an_author() -> None:
    named = [
        e.key
        for e in load_store(STORE).entries()
        if e.key.startswith("anon") and (e.get("author") or e.get("editor"))
    ]
    assert named == []


def test_every_generated_key_is_the_pattern_s_for_the_entry_now() -> None:
    entries = load_store(STORE).entries()
    # a README's embedded BibTeX gives its own key; every other key is refs's
    assert sum(is_generated_key(e) for e in entries) >= len(entries) - 2
    assert workflows.rekey(STORE, None, dry_run=True).renames == {}


def _title(entry: Entry) -> str:
    return " ".join(re.findall(r"\w+", fold_text(decode(entry.get("title")))))


def test_no_two_entries_share_a_title_but_those_flagged_for_a_person() -> None:
    titles = Counter(
        _title(e)
        for e in load_store(STORE).entries()
        if not any(f"{flag}@" in e.get(FLAGS_FIELD) for flag in EXEMPT_FLAGS)
    )
    assert [title for title, n in titles.items() if title and n > 1] == []


@pytest.mark.parametrize("style", ["acl", "apa", "ieee"])
def test_the_main_job_prints_each_work_once(style: str) -> None:
    out = io.BytesIO()
    workflows.render(STORE, style, out)
    lines = out.getvalue().decode("utf-8").splitlines()
    assert len(lines) == len(load_store(STORE).entries())
    assert len(set(lines)) == len(lines)

"""Short README excerpts, written for these tests in the shapes of real survey READMEs, and the
records they read as, kept as golden files (``tests/data/parsing/NAME.records.json``).

Regenerate with ``REFS_UPDATE_GOLDEN=1 pytest tests/parsing/test_golden_records.py`` and read
the diff: a changed golden file is a changed reading of a document.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from refs.parsing import parse_document

DATA = Path(__file__).resolve().parents[1] / "data" / "parsing"
EXCERPTS = sorted(DATA.glob("*.md"))


def _records(path: Path) -> str:
    result = parse_document(path.read_text(encoding="utf-8"), path.name)
    records = [
        {
            "line": record.source.line,
            "label": record.source.label,
            "type": record.entry_type,
            "fields": dict(record.fields),
            "flags": list(record.flags),
        }
        for record in result.records
    ]
    return json.dumps(records, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


@pytest.mark.parametrize("excerpt", EXCERPTS, ids=[p.stem for p in EXCERPTS])
def test_an_excerpt_reads_as_its_golden_records(excerpt: Path) -> None:
    golden = excerpt.with_suffix(".records.json")
    read = _records(excerpt)
    if os.environ.get("REFS_UPDATE_GOLDEN"):
        golden.write_text(read, encoding="utf-8")
    assert read == golden.read_text(encoding="utf-8")


def test_there_are_excerpts() -> None:
    assert len(EXCERPTS) >= 4

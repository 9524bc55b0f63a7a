"""The five seed READMEs: what the labelled set and the issue say about them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from refs.parsing import ParseResult, parse_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "sources").glob("[0-9]*.md"))


def _parse(name_prefix: str) -> ParseResult:
    path = next(p for p in SEEDS if p.name.startswith(name_prefix))
    return parse_document(path.read_text(encoding="utf-8"), path.name)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "parse_accuracy", ROOT / "bench" / "parse_accuracy.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the module runs.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_numbered_references_of_002_are_all_found_with_their_labels() -> None:
    result = _parse("002")
    listed = [r for r in result.records if r.source.label]
    assert len(listed) == 98
    assert sorted({int(r.source.label or 0) for r in listed}) == list(range(1, 98))
    assert [r.source.line for r in listed if r.source.label == "3"] == [1069, 1073]


def test_002_catalog_tables_are_not_references() -> None:
    lines = [r.source.line for r in _parse("002").records]
    assert [line for line in lines if line < 1053] == [3]


def test_002_conflicts_are_flagged_not_resolved() -> None:
    by_line = {r.source.line: r for r in _parse("002").records}
    assert "id-mismatch" in by_line[1069].flags
    assert "label-reused" in by_line[1069].flags and "label-reused" in by_line[1073].flags
    assert by_line[1069].fields["eprint"] == "2212.09689"
    assert by_line[1069].fields["url"] == "https://arxiv.org/pdf/2104.08773.pdf"


def test_002_mojibake_and_wrapped_compounds_are_repaired() -> None:
    by_line = {r.source.line: r for r in _parse("002").records}
    assert by_line[1135].fields["author"].startswith("Köpf, Andreas and Kilcher, Yannic")
    assert "instruction-tuned llm" in by_line[1120].fields["title"]
    assert by_line[1112].fields["pages"] == "27730--27744"


def test_embedded_bibtex_blocks_are_separate() -> None:
    for prefix in ("001", "002"):
        result = _parse(prefix)
        assert [b.line for b in result.bibtex] == [7]
        assert result.bibtex[0].text.startswith("@article{zhang2023instruction,")


@pytest.mark.parametrize("seed", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_every_record_keeps_raw_text_and_balanced_braces(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    for record in parse_document(text, seed.name).records:
        assert record.raw and record.raw in text
        for value in record.fields.values():
            assert value.count("{") == value.count("}")


def test_labelled_set_meets_the_bar() -> None:
    bench = _bench()
    score = bench.Score()
    for label_file in sorted((ROOT / "bench" / "labels").glob("*.yaml")):
        bench.score_file(label_file, score)
    assert score.found == score.labelled
    assert score.spurious == []
    for name in ("title", "year", "arxiv"):
        assert score.right[name] / score.found >= 0.98, name
    f1 = 2 * score.tp / (2 * score.tp + score.fp + score.fn)
    assert f1 >= 0.95

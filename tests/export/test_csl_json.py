"""CSL-JSON export: valid against the CSL 1.0.2 data shape, and rendered by citeproc-js."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from refs import workflows
from refs.render import resolve_style
from refs.store import load_store
from tests.export.csl_schema import item_errors

ROOT = Path(__file__).resolve().parents[2]
STORE = ROOT / "references.bib"
#: citeproc-js as bench/csl_fidelity.py installs it (or ../shared's copy, if npm-installed).
ORACLES = (ROOT.parent / "shared" / "tools" / "csl-oracle", ROOT / "bench" / ".out" / "csl-oracle")


def shipped_items() -> list[dict[str, object]]:
    out = io.BytesIO()
    workflows.export(STORE, "csl-json", None, out)
    items: list[dict[str, object]] = json.loads(out.getvalue())
    return items


def test_every_item_of_the_shipped_store_is_valid_csl_json() -> None:
    items = shipped_items()
    assert len(items) == len(load_store(STORE).entries())
    assert [error for item in items for error in item_errors(item)] == []
    assert all(isinstance(item["custom"], dict) for item in items)


@pytest.mark.parametrize(
    ("item", "error"),
    [
        pytest.param({"id": "k", "type": "journal"}, "not a CSL type", id="bad-type"),
        pytest.param({"id": "k", "type": "book", "titel": "x"}, "not a CSL variable", id="typo"),
        pytest.param({"id": "k", "type": "book", "author": "A"}, "list of names", id="names"),
        pytest.param(
            {"id": "k", "type": "book", "issued": {"date-parts": [[2020, 1, 2, 3]]}},
            "bad date-parts",
            id="date",
        ),
    ],
)
def test_the_check_catches_what_the_schema_forbids(item: dict[str, object], error: str) -> None:
    assert any(error in e for e in item_errors(item))


def test_citeproc_js_renders_every_item(tmp_path: Path) -> None:
    oracle = next((d for d in ORACLES if (d / "node_modules" / "citeproc").is_dir()), None)
    if shutil.which("node") is None or oracle is None:
        pytest.skip("node or the npm-installed csl-oracle is absent (run bench/csl_fidelity.py)")
    items = shipped_items()
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    style = resolve_style("acl").path
    result = subprocess.run(
        ["node", str(oracle / "oracle.js"), "--style", str(style), "--items", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHON": sys.executable},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rendered = json.loads(result.stdout)
    assert [entry["id"] for entry in rendered["bibliography"]] != []
    assert {entry["id"] for entry in rendered["bibliography"]} == {item["id"] for item in items}
    texts = [entry["text"] for entry in rendered["bibliography"] + rendered["citations"]]
    assert all(text and "CSL STYLE ERROR" not in text for text in texts)

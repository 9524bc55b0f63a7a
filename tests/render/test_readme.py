"""`refs render --readme`: a survey's References section, numbered in citation order."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from refs.render import resolve_style
from refs.render.readme import ReadmeGroup, readme_section
from tests.conftest import RunCli

DATA = Path(__file__).resolve().parents[1] / "data" / "sync"
ITEMS: list[dict[str, Any]] = [
    {"id": "a", "type": "article", "title": "Alpha", "URL": "https://arxiv.org/abs/1"},
    {"id": "b", "type": "article", "title": "Beta", "issued": {"date-parts": [[2020]]}},
]


def test_entries_are_numbered_anchored_and_grouped() -> None:
    groups = [ReadmeGroup(("Models",), ("b",)), ReadmeGroup((), ("a",))]
    section = readme_section(ITEMS, groups, resolve_style("survey-readme"))
    assert section.text == (
        "### Models\n\n"
        '<a id="ref1">[1]</a> **Beta**. 2020\n\n'
        "### Other\n\n"
        '<a id="ref2">[2]</a> **Alpha**. [Paper](https://arxiv.org/abs/1)\n'
    )
    assert section.numbers == {"b": 1, "a": 2}


def test_render_readme_follows_the_catalog(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFS_CATALOG", "catalog.yaml")
    shutil.copy(DATA / "markdown_table.md", tmp_path / "doc.md")
    assert run_cli("import", "doc.md").exit_code == 0
    result = run_cli("render", "--readme")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "### Models"
    assert lines[2].startswith('<a id="ref1">[1]</a> Hugo Touvron')
    assert "### Datasets" in lines
    only = run_cli("render", "--readme", "--section", "Datasets").stdout
    assert only.startswith('### Datasets\n\n<a id="ref1">[1]</a> Yizhong Wang')


#: An awesome list without a catalog: headings of three syntaxes over bullets, and a fenced
#: example whose heading is code.
LISTED = """# Awesome Sparse Models

## Vision

- **Sparse Vision Transformers at Scale.** Ana Kim, Bo Lee. CVPR 2023. [[paper](https://arxiv.org/abs/2301.00011)]

Language
--------

- **Mixture of Sparse Experts for Translation.** Di Wu, Ed Ho. ACL 2022. [[paper](https://arxiv.org/abs/2202.00033)]

```markdown
## Not A Heading
```

- **Token Dropping in Long Contexts.** Fay Ng. EMNLP 2023. [[paper](https://arxiv.org/abs/2305.00044)]

<h2>Speech 🎙️</h2>

- **Sparse Speech Recognisers.** Gil Ott. Interspeech 2022. [[paper](https://arxiv.org/abs/2206.00055)]
"""


def test_render_readme_keeps_the_headings_the_document_lists_entries_under(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFS_CATALOG", "catalog.yaml")
    (tmp_path / "list.md").write_text(LISTED, encoding="utf-8")
    assert run_cli("import", "list.md").exit_code == 0
    result = run_cli("render", "--readme")
    assert result.exit_code == 0
    shown = [
        line if line.startswith("###") else line.split("**")[1]
        for line in result.stdout.splitlines()
        if line
    ]
    assert shown == [
        "### Vision",
        "Sparse Vision Transformers at Scale",
        "### Language",
        "Mixture of Sparse Experts for Translation",
        "Token Dropping in Long Contexts",
        "### Speech 🎙️",
        "Sparse Speech Recognisers",
    ]

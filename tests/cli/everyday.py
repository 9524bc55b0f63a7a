"""A small project for the everyday commands' tests: a store, a catalog citing one entry."""

from __future__ import annotations

from pathlib import Path

import pytest

STORE = """@inproceedings{zhou2023lima,
  author = {Zhou, Chunting and Liu, Pengfei},
  title = {{LIMA}: Less Is More for Alignment},
  booktitle = {NeurIPS},
  year = {2023},
  eprint = {2305.11206},
  archiveprefix = {arXiv},
  ids = {zhou2023less},
  sources = {README.md:3#1},
}

@misc{zhou2023instruction,
  author = {Zhou, Jeffrey},
  title = {Instruction-Following Evaluation},
  year = {2023},
}

@misc{kopf2023open,
  author = {K{\\"o}pf, Andreas},
  title = {OpenAssistant Conversations},
  year = {2023},
}
"""

CATALOG = """documents:
  README.md: {sha256: abc}
items:
- name: LIMA
  section: [Models]
  source: {file: README.md, line: 12}
  cites: [zhou2023lima]
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store and a catalog in the working directory (./references.bib, ./catalog.yaml)."""
    (tmp_path / "references.bib").write_text(STORE, encoding="utf-8")
    (tmp_path / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REFS_CATALOG", raising=False)
    return tmp_path


def files(project: Path) -> dict[str, bytes]:
    """Every file of the project (lock files aside), to show that nothing was written."""
    return {
        p.name: p.read_bytes() for p in project.iterdir() if p.is_file() and p.suffix != ".lock"
    }

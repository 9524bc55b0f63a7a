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


def write_project(
    folder: Path, monkeypatch: pytest.MonkeyPatch, store: str = STORE, catalog: str = CATALOG
) -> Path:
    """``store`` and ``catalog`` as ./references.bib and ./catalog.yaml of ``folder``, the
    working directory."""
    (folder / "references.bib").write_text(store, encoding="utf-8")
    (folder / "catalog.yaml").write_text(catalog, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("REFS_CATALOG", raising=False)
    return folder


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store and a catalog in the working directory (./references.bib, ./catalog.yaml)."""
    return write_project(tmp_path, monkeypatch)


def files(project: Path) -> dict[str, bytes]:
    """Every file of the project (lock files aside), to show that nothing was written."""
    return {
        p.name: p.read_bytes() for p in project.iterdir() if p.is_file() and p.suffix != ".lock"
    }

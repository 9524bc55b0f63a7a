"""The configuration file: refs.toml beside the store, else [tool.refs] in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.cli.options import load_config
from refs.errors import UnreadableInput


def test_refs_toml_beside_the_store_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.refs]\nstyle = "ieee"\n')
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "refs.toml").write_text('style = "apa"\ncatalog = "c.yaml"\n')
    config = load_config(tmp_path / "lib" / "refs.bib")
    assert config.style == "apa"
    assert config.catalog == tmp_path / "lib" / "c.yaml"
    assert load_config(Path("references.bib")).style == "ieee"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('colour = "red"\n', id="unknown-setting"),
        pytest.param("ignore = 3\n", id="wrong-type"),
        pytest.param("style = \n", id="not-toml"),
    ],
)
def test_a_bad_configuration_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.toml").write_text(text)
    with pytest.raises(UnreadableInput, match=r"refs\.toml"):
        load_config(Path("references.bib"))

"""The configuration: refs.toml beside the store, else [tool.refs] in pyproject.toml, over the
user's $XDG_CONFIG_HOME/refs/config.toml; what each decides, and bad files as clean errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refs.errors import UnreadableInput
from refs.settings import load_config, load_settings, user_config_path
from tests.conftest import RunCli


@pytest.fixture
def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's own config.toml, under a $XDG_CONFIG_HOME of this test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    path = user_config_path()
    path.parent.mkdir(parents=True)
    return path


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
    ("files", "project"),
    [
        pytest.param({"lib/refs.toml": 'style = "apa"\n'}, "lib", id="refs-toml-beside-the-store"),
        pytest.param({"pyproject.toml": "[tool.refs]\n"}, ".", id="pyproject"),
        pytest.param({}, ".", id="no-configuration-the-working-directory"),
    ],
)
def test_the_project_is_the_folder_of_the_configuration_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], project: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lib").mkdir()
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    settings = load_settings(Path("lib/refs.bib"))
    assert settings.project == (tmp_path / project).resolve()


def test_the_user_configuration_has_the_lowest_precedence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_config: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    user_config.write_text('style = "apa"\nlocale = "de-DE"\nstore = "~/bib/main.bib"\n')
    mine = load_settings()
    assert (mine.style, mine.locale) == ("apa", "de-DE")
    assert mine.store == Path.home() / "bib" / "main.bib"  # the user's: not confined
    (tmp_path / "refs.toml").write_text('style = "ieee"\n')
    project = load_settings()
    assert (project.style, project.locale) == ("ieee", "de-DE")
    assert load_settings(Path("given.bib")).store == Path("given.bib")


def test_user_configuration_paths_are_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_config: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    user_config.write_text('catalog = "../../elsewhere/catalog.yaml"\n')
    assert load_settings().catalog == user_config.parent / "../../elsewhere/catalog.yaml"


def test_the_group_uses_the_user_configuration(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_config: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REFS_CATALOG")
    outside = tmp_path / "library"
    outside.mkdir()
    user_config.write_text(f'store = "{outside / "main.bib"}"\n')
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    entry = "@misc{a, title={T}, author={Doe, J}, year={2020}}"
    (tmp_path / "work" / "entry.bib").write_text(entry)
    result = run_cli("import", "entry.bib")
    assert result.exit_code == 0, result.stderr
    assert "@misc{a," in (outside / "main.bib").read_text()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b'colour = "red"\n', id="unknown-setting"),
        pytest.param(b"ignore = 3\n", id="wrong-type"),
        pytest.param(b"ignore = [1, 2]\n", id="wrong-item-type"),
        pytest.param(b"store = 3\n", id="path-not-a-string"),
        pytest.param(b'store = ""\n', id="empty-path"),
        pytest.param(b'store = "a\\u0000b"\n', id="nul-in-a-path"),
        pytest.param(b"style = \n", id="not-toml"),
        pytest.param(b"\x00\x01\x02\xff\xfe binary", id="binary"),
        pytest.param('style = "Köln"\n'.encode("latin-1"), id="not-utf-8"),
        pytest.param(b"\xff\xfes\x00=\x00", id="utf-16"),
        pytest.param(b"a = " + b"[" * 100_000 + b"]" * 100_000, id="nested-too-deeply"),
        pytest.param(b"# " + b"x" * (2**20 + 1) + b"\n", id="huge"),
    ],
)
def test_a_bad_configuration_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.toml").write_bytes(data)
    with pytest.raises(UnreadableInput, match=r"^refs\.toml(:\d+)?: "):
        load_settings()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('[tool]\nrefs = "x"\n', id="tool-refs-not-a-table"),
        pytest.param('[tool.refs]\nstyle = ["apa"]\n', id="wrong-type"),
    ],
)
def test_a_bad_pyproject_table_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(UnreadableInput, match=r"^pyproject\.toml: "):
        load_settings()


def test_a_bad_user_configuration_names_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_config: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    user_config.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(UnreadableInput, match=r"config\.toml:1: binary data"):
        load_settings()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_refs_toml_is_refused_not_waited_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "refs.toml")
    with pytest.raises(UnreadableInput, match=r"refs\.toml: not a regular file"):
        load_settings()


def test_a_binary_refs_toml_is_exit_2_naming_it(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.toml").write_bytes(b"\x00\x01\xff\xfe")
    result = run_cli("list")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: refs.toml:1: binary data, not a text document")
    assert "Traceback" not in result.output

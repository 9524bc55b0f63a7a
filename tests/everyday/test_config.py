"""The configuration: refs.toml beside the store, else [tool.refs] in pyproject.toml, over the
user's $XDG_CONFIG_HOME/refs/config.toml; what each decides, and bad files as clean errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from refs.cli import options
from refs.errors import UnreadableInput
from refs.settings import Settings, load_config, load_settings, user_config_path
from refs.store import steps
from refs.store.history import DONE_FILE
from tests.cli.everyday import CATALOG, STORE
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
    ("text", "where"),
    [
        pytest.param('[tool]\nrefs = "x"\n', "pyproject.toml: ", id="tool-refs-not-a-table"),
        pytest.param('[tool.refs]\nstyle = ["apa"]\n', "pyproject.toml:2: ", id="wrong-type"),
        pytest.param(
            "[project]\nstyle = 1\n\n[tool.refs]\n# ours\nstyle = 1\n",
            "pyproject.toml:6: ",
            id="the-line-of-tool-refs-not-of-another-table",
        ),
        pytest.param(
            "[tool.refs]\n'colour' = 'red'\n", "pyproject.toml:2: ", id="unknown-quoted-key"
        ),
    ],
)
def test_a_bad_pyproject_table_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, where: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(UnreadableInput) as error:
        load_settings()
    assert str(error.value).startswith(where)


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


def test_the_key_pattern_of_refs_toml_wins_over_the_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_config: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert str(load_settings().key_pattern) == "{auth}{year}{title}"  # the default
    user_config.write_text('key-pattern = "{authors2}{year}"\n')
    assert str(load_settings().key_pattern) == "{authors2}{year}"
    (tmp_path / "refs.toml").write_text('key-pattern = "{auth}{year}{shorttitle}"\n')
    assert str(load_settings().key_pattern) == "{auth}{year}{shorttitle}"


def test_the_key_pattern_of_pyproject_tool_refs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.refs]\nkey-pattern = "{auth}:{year}"\n')
    assert str(load_settings().key_pattern) == "{auth}:{year}"


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        pytest.param("{auth}{yr}", "unknown token {yr} at column 7", id="unknown-token"),
        pytest.param("{auth}#{year}", "character '#' at column 7", id="uncitable-character"),
        pytest.param("{auth", "unmatched '{' at column 1", id="unmatched-brace"),
    ],
)
def test_a_bad_key_pattern_is_exit_2_naming_the_file_and_line(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.toml").write_text(f'style = "apa"\nkey-pattern = "{pattern}"\n')
    (tmp_path / "list.md").write_text("- **LIMA: Less Is More for Alignment**. 2023.\n")
    result = run_cli("import", "list.md")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: refs.toml:2: key-pattern = '{pattern}': {reason}")
    assert "Traceback" not in result.output
    assert not (tmp_path / "references.bib").exists()


def test_a_key_pattern_that_is_no_string_is_exit_2(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.toml").write_text("key-pattern = 3\n")
    result = run_cli("rekey", "--all")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: refs.toml:1: 'key-pattern' must be a string")


# --- where the store is given: before or after the command name, or in the environment -------

#: How the user names the store: the settings are the same wherever it is given.
PLACEMENTS = [
    pytest.param("before", id="option-before-the-command"),
    pytest.param("after", id="option-after-the-command"),
    pytest.param("environment", id="REFS_STORE"),
    pytest.param("after-wins-over-before", id="after-the-command-wins-over-before"),
    pytest.param("after-wins-over-environment", id="after-the-command-wins-over-REFS_STORE"),
]

#: A store that does not exist: a command that used it would fail (exit 2).
DECOY = "decoy.bib"


def _naming(
    placement: str, store: Path, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """The arguments of ``command`` with the store given as ``placement`` says."""
    name, *rest = command
    if placement == "before":
        return ["--store", str(store), *command]
    if placement == "environment":
        monkeypatch.setenv("REFS_STORE", str(store))
        return list(command)
    if placement == "after-wins-over-before":
        return ["--store", DECOY, name, *rest, "--store", str(store)]
    if placement == "after-wins-over-environment":
        monkeypatch.setenv("REFS_STORE", DECOY)
    return [name, *rest, "--store", str(store)]


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project in tmp/proj (store, catalog, refs.toml), used from the empty tmp/work."""
    monkeypatch.delenv("REFS_CATALOG")
    project = tmp_path / "proj"
    project.mkdir()
    (project / "references.bib").write_text(STORE, encoding="utf-8")
    (project / "cat.yaml").write_text(CATALOG, encoding="utf-8")
    (project / "refs.toml").write_text('catalog = "cat.yaml"\nstyle = "mla"\nlocale = "de-DE"\n')
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return project


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize(
    ("command", "expected"),
    [
        pytest.param(
            ("show", "zhou2023lima"), "README.md:12: LIMA", id="show-the-configured-catalog"
        ),
        pytest.param(
            ("cite", "zhou2023lima"), "(Zhou und Liu)\n", id="cite-configured-style-locale"
        ),
        pytest.param(
            ("render", "--keys", "zhou2023lima"),
            "Zhou, Chunting, und Pengfei Liu. „LIMA",
            id="render-configured-style-locale",
        ),
        pytest.param(
            ("render", "--keys", "zhou2023lima", "--locale", "en-US"),
            "Zhou, Chunting, and Pengfei Liu. “LIMA",
            id="render-locale-given-wins",
        ),
        pytest.param(
            ("cite", "zhou2023lima", "--style", "apa"),
            "(C. Zhou & Liu, 2023)\n",
            id="cite-style-given-wins",
        ),
    ],
)
def test_the_configuration_beside_a_store_in_another_folder_is_used_wherever_it_is_given(
    run_cli: RunCli,
    elsewhere: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    placement: str,
    command: tuple[str, ...],
    expected: str,
) -> None:
    result = run_cli(*_naming(placement, Path("../proj/references.bib"), command, monkeypatch))
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout
    assert not (elsewhere.parent / "work" / "catalog.yaml").exists()


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_import_writes_the_catalog_the_configuration_beside_the_store_names(
    run_cli: RunCli, elsewhere: Path, monkeypatch: pytest.MonkeyPatch, placement: str
) -> None:
    (elsewhere / "cat.yaml").unlink()
    Path("doc.md").write_text("- [Self-Instruct](https://arxiv.org/abs/2212.10560)\n")
    args = _naming(placement, elsewhere / "references.bib", ("import", "doc.md"), monkeypatch)
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    assert "doc.md" in (elsewhere / "cat.yaml").read_text()
    assert not Path("catalog.yaml").exists()
    assert "2212.10560" in (elsewhere / "references.bib").read_text()


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_settings_are_resolved_once_from_the_final_options(
    run_cli: RunCli, elsewhere: Path, monkeypatch: pytest.MonkeyPatch, placement: str
) -> None:
    resolved: list[Path] = []

    def recorded(store: Path | None = None, catalog: Path | None = None) -> Settings:
        settings = load_settings(store, catalog)
        resolved.append(settings.store)
        return settings

    monkeypatch.setattr(options, "load_settings", recorded)
    store = Path("../proj/references.bib")
    result = run_cli(*_naming(placement, store, ("list",), monkeypatch))
    assert result.exit_code == 0, result.stderr
    assert resolved == [store]


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_a_crashed_command_is_repaired_for_the_store_given(
    run_cli: RunCli,
    elsewhere: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_cache: Path,
    placement: str,
) -> None:
    store = elsewhere / "references.bib"
    added = run_cli("--store", str(store), "add", "@misc{new2024, title={New}, year={2024}}")
    assert added.exit_code == 0, added.stderr
    (step,) = steps(store, isolated_cache)
    (step.folder / DONE_FILE).unlink()  # as if killed just before the step was marked done
    assert steps(store, isolated_cache) == []
    result = run_cli(*_naming(placement, store, ("list",), monkeypatch))
    assert result.exit_code == 0, result.stderr
    assert "refs: completed the interrupted `" in result.stderr
    assert [s.command for s in steps(store, isolated_cache)] == [step.command]
    undone = run_cli(*_naming(placement, store, ("undo",), monkeypatch))
    assert undone.exit_code == 0, undone.stderr
    assert store.read_text(encoding="utf-8") == STORE


@pytest.mark.parametrize("command", ["list", "render", "undo"])
def test_help_needs_no_readable_configuration(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.toml").write_bytes(b"\x00\x01\xff\xfe")
    result = run_cli(command, "--help")
    assert result.exit_code == 0, result.stderr
    assert f" {command} [OPTIONS]" in result.stdout.splitlines()[0]

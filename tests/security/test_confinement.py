"""Paths from a project's configuration and from its data stay inside the project; what the
user gives directly is the user's. A hostile repository can neither make refs write outside it
(``store = "../victimhome/.bashrc"``) nor make `refs check` read, hang on or suggest importing
a file outside it (``/dev/zero``, a FIFO, ``/etc/passwd``, ``../``)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from refs.project import DOCUMENT_LIMIT, Refusal, Refused, confine, read_in_project
from tests.catalog.fixtures import PIPE
from tests.conftest import RunCli, refs_process

README = PIPE + "\n\n[4] Jane Doe. **Gamma**. 2023. [Paper](https://arxiv.org/abs/2302.00004)\n"
BASHRC = b"echo welcome\n"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cloned repository at tmp/project with a README, beside the victim's home folder."""
    monkeypatch.delenv("REFS_CATALOG")
    home = tmp_path / "victimhome"
    home.mkdir()
    (home / ".bashrc").write_bytes(BASHRC)
    root = tmp_path / "project"
    root.mkdir()
    (root / "README.md").write_text(README)
    monkeypatch.chdir(root)
    return root


def _victim(project: Path) -> Path:
    return project.parent / "victimhome" / ".bashrc"


# --- configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "make"),
    [
        pytest.param('store = "../victimhome/.bashrc"', None, id="store-dotdot"),
        pytest.param("store = '{victim}'", None, id="store-absolute"),
        pytest.param('store = "lib/../../victimhome/.bashrc"', None, id="store-dotdot-inside"),
        pytest.param('store = "link.bib"', "link.bib", id="store-symlink-out"),
        pytest.param('store = "in/lib.bib"', "in", id="store-in-a-symlinked-folder-out"),
        pytest.param('catalog = "../victimhome/.bashrc"', None, id="catalog-dotdot"),
        pytest.param('catalog = "link.yaml"', "link.yaml", id="catalog-symlink-out"),
    ],
)
def test_a_configured_path_outside_the_project_is_exit_2_and_writes_nothing(
    run_cli: RunCli, project: Path, setting: str, make: str | None
) -> None:
    victim = _victim(project)
    if make is not None:
        if not hasattr(os, "symlink"):
            pytest.skip("no symlinks here")
        target = victim if "." in make else victim.parent
        (project / make).symlink_to(target)
    (project / "refs.toml").write_text(setting.format(victim=victim) + "\n")
    result = run_cli("import", "README.md")
    assert result.exit_code == 2
    name = setting.partition(" ")[0]
    assert result.stderr.startswith(f"Error: refs.toml:1: {name} = '")
    assert "is outside the project folder" in result.stderr
    assert victim.read_bytes() == BASHRC
    assert not (project / "references.bib").exists()


@needs_symlinks
@pytest.mark.parametrize("name", ["references.bib", "catalog.yaml"])
def test_a_default_file_that_links_out_of_the_project_is_refused(
    run_cli: RunCli, project: Path, name: str
) -> None:
    (project / name).symlink_to(_victim(project))
    result = run_cli("import", "README.md")
    assert result.exit_code == 2
    assert f"Error: {name} is outside the project folder" in result.stderr
    assert _victim(project).read_bytes() == BASHRC


@needs_fifo
@pytest.mark.parametrize(
    ("name", "setting"),
    [
        pytest.param("references.bib", None, id="default-store"),
        pytest.param("catalog.yaml", None, id="default-catalog"),
        pytest.param("lib.bib", 'store = "lib.bib"', id="configured-store"),
    ],
)
def test_a_fifo_for_the_store_or_catalog_is_refused_not_waited_on(
    project: Path, name: str, setting: str | None
) -> None:
    os.mkfifo(project / name)
    if setting is not None:
        (project / "refs.toml").write_text(setting + "\n")
    result = _refs("import", "README.md", cwd=project)
    assert result.returncode == 2
    assert "is not a regular file" in result.stderr


@pytest.mark.parametrize(
    "setting",
    [
        pytest.param('store = "refs/library.bib"', id="subfolder"),
        pytest.param('store = "refs/../library.bib"', id="dotdot-that-stays-inside"),
        pytest.param("store = '{project}/library.bib'", id="absolute-inside"),
    ],
)
def test_a_configured_path_inside_the_project_is_used(
    run_cli: RunCli, project: Path, setting: str
) -> None:
    (project / "refs").mkdir()
    (project / "refs.toml").write_text(setting.format(project=project) + "\n")
    result = run_cli("import", "README.md")
    assert result.exit_code in {0, 1}, result.stderr
    written = list(project.rglob("*.bib"))
    assert len(written) == 1
    assert "Gamma" in written[0].read_text()


@pytest.mark.parametrize(
    "how",
    [
        pytest.param("option", id="store-option"),
        pytest.param("option-after-command", id="store-option-after-the-command"),
        pytest.param("environment", id="REFS_STORE"),
    ],
)
def test_a_path_the_user_gives_is_never_confined(
    run_cli: RunCli, project: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    outside = project.parent / "library.bib"
    args = ["import", "README.md"]
    if how == "option":
        args = ["--store", str(outside), *args]
    elif how == "option-after-command":
        args = [*args, "--store", "../library.bib"]
    else:
        monkeypatch.setenv("REFS_STORE", "../library.bib")
    result = run_cli(*args)
    assert result.exit_code in {0, 1}, result.stderr
    assert "Gamma" in outside.read_text()


#: Where the user names the store: what is confined must not depend on it.
PLACEMENTS = [
    pytest.param("before", id="option-before-the-command"),
    pytest.param("after", id="option-after-the-command"),
    pytest.param("environment", id="REFS_STORE"),
]


def _with_store(
    placement: str, store: Path, monkeypatch: pytest.MonkeyPatch, *command: str
) -> list[str]:
    """``command``'s arguments with ``store`` given as ``placement`` says."""
    if placement == "before":
        return ["--store", str(store), *command]
    if placement == "environment":
        monkeypatch.setenv("REFS_STORE", str(store))
        return list(command)
    return [*command, "--store", str(store)]


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize(
    "kind",
    [
        pytest.param("symlink-out", id="default-store-links-out", marks=needs_symlinks),
        pytest.param("fifo", id="default-store-is-a-fifo", marks=needs_fifo),
    ],
)
def test_a_refused_default_store_is_no_error_when_the_user_gives_another(
    run_cli: RunCli, project: Path, monkeypatch: pytest.MonkeyPatch, placement: str, kind: str
) -> None:
    default = project / "references.bib"
    if kind == "fifo":
        os.mkfifo(default)
    else:
        default.symlink_to(_victim(project))
    outside = project.parent / "library.bib"
    result = run_cli(*_with_store(placement, outside, monkeypatch, "import", "README.md"))
    assert result.exit_code in {0, 1}, result.stderr
    assert "Gamma" in outside.read_text()
    assert _victim(project).read_bytes() == BASHRC


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize(
    "setting",
    [
        pytest.param('catalog = "../victimhome/.bashrc"', id="catalog-dotdot"),
        pytest.param("catalog = '{victim}'", id="catalog-absolute"),
    ],
)
def test_the_configuration_beside_a_store_in_another_folder_is_confined_to_that_folder(
    run_cli: RunCli, project: Path, monkeypatch: pytest.MonkeyPatch, placement: str, setting: str
) -> None:
    other = project.parent / "other"
    other.mkdir()
    (other / "refs.toml").write_text(setting.format(victim=_victim(project)) + "\n")
    store = Path("../other/references.bib")
    result = run_cli(*_with_store(placement, store, monkeypatch, "import", "README.md"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {store.parent / 'refs.toml'}:1: catalog = '")
    assert f"is outside the project folder {other.resolve()}" in result.stderr
    assert _victim(project).read_bytes() == BASHRC
    assert not (other / "references.bib").exists()
    assert not (project / "catalog.yaml").exists()


# --- documents named by data -------------------------------------------------------------------


def _store_naming(project: Path, *names: str) -> None:
    """A store whose one entry's sources name ``names`` (as an imported .bib could say)."""
    sources = "; ".join(f"{name}:1#1" for name in names)
    (project / "references.bib").write_text(
        f"@misc{{a,\n  title = {{T}},\n  author = {{Doe, J}},\n  year = {{2020}},\n"
        f"  sources = {{{sources}}},\n}}\n"
    )


def _refs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real binary, with a deadline: a FIFO must not hang it."""
    done = refs_process(*args, cwd=cwd, timeout=60)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        pytest.param("/etc/passwd", "outside the project folder", id="absolute"),
        pytest.param("/dev/zero", "outside the project folder", id="dev-zero"),
        pytest.param("../victimhome/.bashrc", "outside the project folder", id="dotdot"),
        pytest.param("docs/../../victimhome/.bashrc", "outside the project folder", id="deep"),
    ],
)
def test_check_refuses_a_document_outside_the_project(
    project: Path, name: str, reason: str
) -> None:
    _store_naming(project, name)
    result = _refs("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert f"{name}:0: warning refused-document: {name} was not read: {reason}" in result.stdout
    assert "refs import" not in result.stdout
    assert "Traceback" not in result.stderr


@needs_fifo
def test_check_refuses_a_fifo_promptly(project: Path) -> None:
    os.mkfifo(project / "pipe.md")
    _store_naming(project, "pipe.md")
    started = time.monotonic()
    result = _refs("check", cwd=project)
    assert time.monotonic() - started < 30
    assert "pipe.md was not read: not a regular file" in result.stdout
    assert result.returncode == 0, result.stderr


@needs_symlinks
def test_check_refuses_a_symlink_out_of_the_project(project: Path) -> None:
    (project / "notes.md").symlink_to(_victim(project))
    _store_naming(project, "notes.md")
    result = _refs("check", "--json", cwd=project)
    assert '"code": "refused-document"' in result.stdout
    assert "outside the project folder" in result.stdout


def test_check_refuses_a_huge_document_without_reading_it(project: Path) -> None:
    with (project / "huge.md").open("wb") as handle:
        handle.truncate(DOCUMENT_LIMIT + 1)  # sparse: no disk used
    _store_naming(project, "huge.md")
    result = _refs("check", cwd=project)
    assert "huge.md was not read: too large" in result.stdout


def test_check_never_suggests_importing_a_catalog_document_outside(project: Path) -> None:
    _store_naming(project)
    (project / "catalog.yaml").write_text(
        "documents:\n  /etc/passwd: {sha256: abc}\n  ../victimhome/.bashrc: {sha256: abc}\n"
        "items: []\n"
    )
    result = _refs("check", cwd=project)
    assert result.stdout.count("refused-document") == 2
    assert "stale-catalog" not in result.stdout
    assert "refs import" not in result.stdout


def test_a_document_inside_the_project_is_still_checked(project: Path) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "a.md").write_text('<a href="#ref7">7</a>\n')
    _store_naming(project, "docs/../docs/a.md")
    result = _refs("check", cwd=project)
    assert "broken-anchor" in result.stdout
    assert "refused-document" not in result.stdout


@needs_fifo
def test_sync_without_force_does_not_hang_on_a_fifo(run_cli: RunCli, project: Path) -> None:
    assert run_cli("import", "README.md").exit_code in {0, 1}
    os.mkfifo(project / "pipe.md")
    (project / "extra.bib").write_text(
        "@misc{x, title={X}, author={Doe, J}, year={2020}, sources={pipe.md:1#1}}\n"
    )
    assert run_cli("import", "extra.bib").exit_code in {0, 1}
    result = _refs("sync", "README.md", cwd=project)
    assert result.returncode in {0, 1, 2}
    assert "Traceback" not in result.stderr


@needs_symlinks
def test_sync_is_not_confused_by_a_symlink_loop_named_in_the_catalog(
    run_cli: RunCli, project: Path
) -> None:
    (project / "loop").symlink_to(project / "loop")
    _store_naming(project)
    (project / "catalog.yaml").write_text("documents:\n  loop: {sha256: abc}\nitems: []\n")
    result = run_cli("sync", "README.md")
    assert result.exit_code == 2
    assert "README.md is not in the catalog" in result.stderr


# --- the one function ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        pytest.param("/etc/passwd", Refusal.OUTSIDE, id="absolute"),
        pytest.param("../x.md", Refusal.OUTSIDE, id="dotdot"),
        pytest.param("a\0b", Refusal.BAD_NAME, id="nul-byte"),
        pytest.param(".", Refusal.NOT_REGULAR, id="the-project-folder-itself"),
    ],
)
def test_read_in_project_refuses_with_a_reason(tmp_path: Path, name: str, reason: Refusal) -> None:
    with pytest.raises(Refused) as refused:
        read_in_project(tmp_path, name)
    assert refused.value.reason is reason


@needs_symlinks
def test_a_symlink_loop_is_refused_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    with pytest.raises(Refused):
        read_in_project(tmp_path, "loop")


def test_a_regular_file_inside_is_read_and_a_missing_one_is_oserror(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"text")
    assert read_in_project(tmp_path, "a.md") == b"text"
    assert confine(tmp_path, "sub/../a.md") == (tmp_path / "a.md").resolve()
    with pytest.raises(FileNotFoundError):
        read_in_project(tmp_path, "missing.md")


def test_a_limit_counts_bytes_read_not_only_the_size_told(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"x" * 11)
    assert read_in_project(tmp_path, "a.md", limit=11) == b"x" * 11
    with pytest.raises(Refused, match="too large"):
        read_in_project(tmp_path, "a.md", limit=10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--store", "fifo", "list"), id="store-list"),
        pytest.param(("--store", "fifo", "add", "@misc{a, title = {A}}"), id="store-add"),
        pytest.param(("--catalog", "fifo", "import", "doc.md"), id="catalog-import"),
    ],
)
def test_a_fifo_the_user_names_is_refused_not_waited_on(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "doc.md").write_text("- [LIMA](https://arxiv.org/abs/2305.11206)\n")
    result = refs_process(*args, cwd=tmp_path, cache=tmp_path / "cache", timeout=60)
    assert result.returncode == 2
    assert b"fifo: not a regular file" in result.stderr
    assert b"Traceback" not in result.stderr


SEED = Path(__file__).resolve().parents[2] / "sources" / "002-survey-catalog.md"
TWO_ENTRIES = "@misc{a, title = {A}, year = {2020}}\n@misc{b, title = {B}, year = {2020}}\n"


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("dedupe",), id="dry-run"),
        pytest.param(("dedupe", "--not-duplicate", "a", "b"), id="not-duplicate"),
    ],
)
def test_a_symlinked_decisions_file_is_refused_and_its_target_kept(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    secret = tmp_path / "secret"
    secret.write_text("a secret line\n")
    (tmp_path / "references.bib").write_text(TWO_ENTRIES)
    (tmp_path / "references.bib.not-duplicates").symlink_to(secret)
    result = refs_process(*args, cwd=tmp_path, cache=tmp_path / "cache", timeout=60)
    assert result.returncode == 2
    assert b"a symbolic link" in result.stderr
    assert b"a secret line" not in result.stderr
    assert secret.read_text() == "a secret line\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_decisions_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "references.bib").write_text(TWO_ENTRIES)
    os.mkfifo(tmp_path / "references.bib.not-duplicates")
    result = refs_process("dedupe", cwd=tmp_path, cache=tmp_path / "cache", timeout=60)
    assert result.returncode == 2
    assert b"not a regular file" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("import", "/dev/zero"), id="import"),
        pytest.param(("add", "--from", "/dev/zero"), id="add-from"),
        pytest.param(("sync", "/dev/zero"), id="sync"),
    ],
)
def test_a_device_the_user_names_is_refused_not_read_without_end(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    (tmp_path / "references.bib").write_text(TWO_ENTRIES)
    result = refs_process(*args, cwd=tmp_path, cache=tmp_path / "cache", timeout=60)
    assert result.returncode == 2
    assert b"/dev/zero: not a regular file" in result.stderr
    assert (tmp_path / "references.bib").read_text() == TWO_ENTRIES


def test_sync_never_rewrites_a_document_symlinked_out_of_the_project(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_bytes(SEED.read_bytes())
    project = tmp_path / "project"
    project.mkdir()
    (project / "README.md").symlink_to(outside)
    monkeypatch.chdir(project)
    assert run_cli("import", "README.md").exit_code == 1  # the seed's flags
    result = run_cli("sync", "README.md", "--force", "--write")
    assert result.exit_code == 2
    assert "outside the project folder" in result.stderr
    assert outside.read_bytes() == SEED.read_bytes()

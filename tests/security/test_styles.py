"""CSL styles from a cloned repository: a configured style file stays inside the project and is
bounded, the repository's ``styles/`` adds styles but never replaces one refs knows, and no
style (wherever it comes from) can make refs read a file through an XML entity or blow up
through entity expansion."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from refs.project import STYLE_LIMIT
from refs.render.engine.errors import RenderError
from refs.render.engine.style import load_style
from tests.conftest import RunCli, refs_process

STORE = "@misc{doe2020, title = {Gamma Rays}, author = {Doe, Jane}, year = {2020}}\n"

#: A whole independent style that prints MARKER then the title: what a hostile file renders.
MARKER = "SHADOWED-BY-THE-REPOSITORY"


def csl(layout: str, *, doctype: str = "", info: str = "") -> str:
    """A small independent CSL style whose bibliography layout is ``layout``."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
{doctype}<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Test{info}</title><id>test</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <locale><terms><term name="in">{info or "in"}</term></terms></locale>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text term="in"/><text value=" "/><text variable="title"/></layout>
  </bibliography>
</style>
""".replace('<text term="in"/>', layout)


HOSTILE = csl(f'<text value="{MARKER}"/>')
PLAIN = csl('<text value="plain"/>')

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cloned repository at tmp/project with a store, beside the victim's home folder."""
    monkeypatch.delenv("REFS_CATALOG", raising=False)
    monkeypatch.delenv("REFS_STORE", raising=False)
    home = tmp_path / "victimhome"
    home.mkdir()
    (home / "mine.csl").write_text(PLAIN)
    root = tmp_path / "project"
    (root / "styles").mkdir(parents=True)
    (root / "references.bib").write_text(STORE)
    monkeypatch.chdir(root)
    return root


# --- a configured style file -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "reason"),
    [
        pytest.param('style = "../victimhome/mine.csl"', "outside the project", id="dotdot"),
        pytest.param("style = '{home}/mine.csl'", "outside the project", id="absolute"),
        pytest.param('style = "/dev/zero"', "outside the project", id="dev-zero"),
        pytest.param('style = "styles/../../victimhome/mine.csl"', "outside", id="dotdot-deep"),
        pytest.param('style = "link.csl"', "outside the project", id="symlink-out"),
        pytest.param('style = "big.csl"', "too large (over 1 MiB)", id="too-large"),
        pytest.param('style = "folder.csl"', "not a regular file", id="a-folder"),
    ],
)
def test_a_configured_style_file_outside_the_project_or_not_a_style_is_exit_2(
    run_cli: RunCli, project: Path, setting: str, reason: str
) -> None:
    home = project.parent / "victimhome"
    if "link.csl" in setting:
        if not hasattr(os, "symlink"):
            pytest.skip("no symlinks here")
        (project / "link.csl").symlink_to(home / "mine.csl")
    (project / "big.csl").write_text(PLAIN + " " * STYLE_LIMIT)
    (project / "folder.csl").mkdir()
    (project / "refs.toml").write_text("# the style\n" + setting.format(home=home) + "\n")
    result = run_cli("render")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: refs.toml:2: style = '")
    assert reason in result.stderr
    assert "give --style NAME" in result.stderr
    assert "plain" not in result.stdout


@needs_fifo
def test_a_configured_style_that_is_a_fifo_is_refused_not_waited_on(project: Path) -> None:
    os.mkfifo(project / "styles" / "wait.csl")
    (project / "refs.toml").write_text('style = "styles/wait.csl"\n')
    done = refs_process("render", cwd=project, timeout=60)
    assert done.returncode == 2
    assert b"is not a regular file" in done.stderr


@pytest.mark.parametrize(
    "setting",
    [
        pytest.param('style = "styles/ours.csl"', id="relative"),
        pytest.param("style = '{project}/styles/ours.csl'", id="absolute-inside"),
        pytest.param('style = "styles/../styles/ours.csl"', id="dotdot-that-stays-inside"),
    ],
)
def test_a_configured_style_file_inside_the_project_is_used(
    run_cli: RunCli, project: Path, setting: str
) -> None:
    (project / "styles" / "ours.csl").write_text(PLAIN)
    (project / "refs.toml").write_text(setting.format(project=project) + "\n")
    result = run_cli("render")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "plain Gamma Rays\n"


def test_a_style_file_the_user_gives_is_not_confined(run_cli: RunCli, project: Path) -> None:
    outside = project.parent / "victimhome" / "mine.csl"
    result = run_cli("render", "--style", str(outside))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "plain Gamma Rays\n"


# --- the repository's styles/ folder ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shipped_as"),
    [
        pytest.param("apa", "apa", id="a-style-id"),
        pytest.param("acl", "acl", id="an-alias-by-its-name"),
        pytest.param("acl", "association-for-computational-linguistics", id="an-alias-target"),
        pytest.param("survey-readme", "survey-readme", id="refs-own-style"),
    ],
)
@pytest.mark.parametrize("how", ["option", "configuration"])
def test_the_repository_cannot_replace_a_style_refs_knows(
    run_cli: RunCli, project: Path, name: str, shipped_as: str, how: str
) -> None:
    (project / "styles" / f"{shipped_as}.csl").write_text(HOSTILE)
    if how == "configuration":
        (project / "refs.toml").write_text(f'style = "{name}"\n')
    result = run_cli("render", *(["--style", name] if how == "option" else []))
    assert result.exit_code == 0, result.stderr
    assert "Gamma Rays" in result.stdout
    assert MARKER not in result.stdout


def test_a_dependent_style_of_the_repository_renders_with_the_known_parent(
    run_cli: RunCli, project: Path
) -> None:
    (project / "styles" / "apa.csl").write_text(HOSTILE)
    (project / "styles" / "our-apa.csl").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">\n'
        '  <info><title>Ours</title><id>ours</id><link href="http://www.zotero.org/styles/apa"'
        ' rel="independent-parent"/></info>\n</style>\n'
    )
    result = run_cli("render", "--style", "our-apa")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Doe, J. (2020). Gamma Rays")
    assert MARKER not in result.stdout


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_repository_style_that_links_out_of_the_project_is_no_style(
    run_cli: RunCli, project: Path
) -> None:
    (project / "styles" / "ours.csl").symlink_to(project.parent / "victimhome" / "mine.csl")
    result = run_cli("render", "--style", "ours")
    assert result.exit_code == 2
    assert "unknown CSL style 'ours'" in result.stderr
    assert "plain" not in result.stdout


# --- XML entities ----------------------------------------------------------------------------

SECRET = "root:x:0:0:the-victim's-secret"


def _laughs(depth: int = 9) -> str:
    """A billion-laughs DOCTYPE: entity ``l{depth}`` expands to 10**depth ``lol``s."""
    decls = ['<!ENTITY l0 "lol">']
    decls += [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, depth + 1)]
    return f"<!DOCTYPE style [{''.join(decls)}]>\n"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "passwd"
    path.write_text(SECRET + "\n")
    return path


def _xxe(secret: Path) -> str:
    return csl(
        '<text term="in"/>',
        doctype=f'<!DOCTYPE style [<!ENTITY e SYSTEM "{secret.as_uri()}">]>\n',
        info="&e;",
    )


@pytest.mark.parametrize("where", ["user-path", "repository-style"])
def test_an_external_entity_in_a_style_reads_nothing(
    project: Path, secret: Path, where: str
) -> None:
    if where == "user-path":
        path = project.parent / "evil.csl"
        path.write_text(_xxe(secret))
        args = ["render", "--style", str(path)]
    else:
        (project / "styles" / "evil.csl").write_text(_xxe(secret))
        args = ["render", "--style", "evil"]
    done = refs_process(*args, cwd=project, timeout=60)
    assert done.returncode in {0, 2}, done.stderr
    assert b"Traceback" not in done.stderr
    assert SECRET.encode() not in done.stdout + done.stderr


def test_an_external_entity_is_left_unexpanded(secret: Path) -> None:
    root = load_style(_xxe(secret).encode(), None)
    assert SECRET not in "".join(root.itertext())


@pytest.mark.parametrize(
    "info",
    [
        pytest.param("&l9;", id="in-text"),
        pytest.param("", id="declared-only"),
    ],
)
def test_entity_expansion_is_bounded(tmp_path: Path, project: Path, info: str) -> None:
    path = tmp_path / "laughs.csl"
    path.write_text(csl('<text term="in"/>', doctype=_laughs(), info=info))
    start = time.monotonic()
    done = refs_process("render", "--style", str(path), cwd=project, timeout=60)
    assert time.monotonic() - start < 30
    assert done.returncode in {0, 2}, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"lollollol" not in done.stdout + done.stderr
    assert len(done.stdout) < 10_000


def test_an_entity_bomb_in_an_attribute_is_a_clean_error() -> None:
    """libxml2 expands entities in attribute values whatever the parser says: its
    amplification limit refuses the bomb."""
    style = csl('<text value="&l9;"/>', doctype=_laughs())
    with pytest.raises(RenderError, match="not a readable CSL style"):
        load_style(style.encode(), None)

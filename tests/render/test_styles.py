"""Style resolution: ids, aliases, dependent styles, the project's styles/, paths, near misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.render.styles import StyleNotFound, aliases, list_styles, resolve_style


@pytest.mark.parametrize(
    ("name", "style_id"),
    [
        pytest.param("acl", "association-for-computational-linguistics", id="alias"),
        pytest.param("chicago", "chicago-author-date", id="alias-chicago"),
        pytest.param("vancouver", "nlm-citation-sequence", id="alias-vancouver"),
        pytest.param("apa", "apa", id="exact-id"),
        pytest.param("elsevier-harvard", "elsevier-harvard", id="exact-id-long"),
        pytest.param("survey-readme", "survey-readme", id="shipped-with-refs"),
    ],
)
def test_names_resolve(name: str, style_id: str) -> None:
    style = resolve_style(name)
    assert style.id == style_id
    assert style.path.is_file()


def test_a_dependent_style_renders_with_its_parent() -> None:
    style = resolve_style("nature-digest")
    assert style.is_dependent
    assert style.path.name == "nature.csl"
    assert style.named.name == "nature-digest.csl"


def test_a_project_style_adds_an_id_refs_does_not_know(tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    own = tmp_path / "styles" / "our-lab.csl"
    own.write_bytes(resolve_style("apa").path.read_bytes())
    style = resolve_style("our-lab", tmp_path)
    assert style.path == own.resolve()
    assert "our-lab" in dict(list_styles("our-lab", tmp_path))
    with pytest.raises(StyleNotFound):
        resolve_style("our-lab")  # no project, no project styles


def test_styles_of_the_working_directory_are_not_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "our-lab.csl").write_bytes(resolve_style("apa").path.read_bytes())
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StyleNotFound):
        resolve_style("our-lab")


def test_a_path_to_a_csl_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.csl"
    path.write_bytes(resolve_style("ieee").path.read_bytes())
    assert resolve_style(str(path)).path == path


def test_unknown_names_list_the_closest() -> None:
    with pytest.raises(StyleNotFound, match=r"did you mean: .*ieee"):
        resolve_style("ieeee")


def test_a_missing_path_says_so(tmp_path: Path) -> None:
    with pytest.raises(StyleNotFound, match="no such CSL style file"):
        resolve_style(str(tmp_path / "nope.csl"))


def test_every_alias_names_an_installed_style() -> None:
    for alias, target in aliases().items():
        assert resolve_style(target).id == target, alias


def test_list_styles_searches_ids_and_titles() -> None:
    rows = dict(list_styles("computational linguistics"))
    assert rows["association-for-computational-linguistics"].startswith(
        "Association for Computational Linguistics"
    )
    assert ("acl", "alias of association-for-computational-linguistics") in list_styles("acl")

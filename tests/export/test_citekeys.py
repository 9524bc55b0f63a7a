"""`--cited-in`: the keys of every citation syntax, one named case each."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.citekeys import SourceKind, cited_keys, kind_of


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        pytest.param(r"\citation{a}", ["a"], id="bibtex-citation"),
        pytest.param(r"\citation{a,b}\citation{a}", ["a", "b"], id="bibtex-several-and-repeat"),
        pytest.param(r"\citation{*}", ["*"], id="bibtex-nocite-star"),
        pytest.param(r"\abx@aux@cite{0}{a}\abx@aux@cite{0}{b}", ["a", "b"], id="biber-refsection"),
        pytest.param(r"\abx@aux@cite{a}", ["a"], id="biber-old-one-argument"),
        pytest.param(
            "\\relax\n\\citation{a}\n\\abx@aux@cite{0}{b}\n\\citation{c}",
            ["a", "b", "c"],
            id="mixed-in-file-order",
        ),
    ],
)
def test_aux(text: str, keys: list[str]) -> None:
    assert cited_keys(text, "aux") == keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        pytest.param(r"\cite{a}", ["a"], id="cite"),
        pytest.param(r"\citep{a}", ["a"], id="citep"),
        pytest.param(r"\citet{a}", ["a"], id="citet"),
        pytest.param(r"\citet*{a}", ["a"], id="starred"),
        pytest.param(r"\Citet{a}", ["a"], id="capitalised"),
        pytest.param(r"\citealp{a} \citeauthor{b} \citeyear{c}", ["a", "b", "c"], id="natbib-more"),
        pytest.param(r"\parencite{a}", ["a"], id="parencite"),
        pytest.param(r"\textcite{a}", ["a"], id="textcite"),
        pytest.param(r"\autocite{a}", ["a"], id="autocite"),
        pytest.param(r"\footcite{a}", ["a"], id="footcite"),
        pytest.param(r"\nocite{a}", ["a"], id="nocite"),
        pytest.param(r"\nocite{*}", ["*"], id="nocite-star"),
        pytest.param(r"\citep{a, b,c}", ["a", "b", "c"], id="several-keys"),
        pytest.param(r"\citep[p.~3]{a}", ["a"], id="one-optional-argument"),
        pytest.param(r"\citep[see][ch.~2]{a}", ["a"], id="two-optional-arguments"),
        pytest.param(r"\citep [see] [p.~{3]}] {a}", ["a"], id="spaces-and-braces-in-option"),
        pytest.param(r"\cites[1]{a}[2]{b}", ["a", "b"], id="biblatex-multicite"),
        pytest.param(r"\autocites(pre)(post)[1]{a}{b}", ["a", "b"], id="multicite-global-notes"),
        pytest.param("text % \\cite{gone}\n\\cite{a}", ["a"], id="comment-skipped"),
        pytest.param(r"90\% \cite{a}", ["a"], id="escaped-percent-is-not-a-comment"),
        pytest.param(r"\citestyle{authoryear}", [], id="citestyle-is-not-a-citation"),
        pytest.param("\\cite{\n  a,\n  b\n}", ["a", "b"], id="keys-over-lines"),
    ],
)
def test_tex(text: str, keys: list[str]) -> None:
    assert cited_keys(text, "tex") == keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        pytest.param("[@a]", ["a"], id="bracketed"),
        pytest.param("[@a; @b]", ["a", "b"], id="bracketed-several"),
        pytest.param("[see @a, p. 3; also @b, ch. 2]", ["a", "b"], id="prefix-and-locators"),
        pytest.param("[-@a]", ["a"], id="suppress-author"),
        pytest.param("As @a shows.", ["a"], id="in-text"),
        pytest.param("As @zhou2023lima.", ["zhou2023lima"], id="trailing-period-not-in-key"),
        pytest.param("@a:b-c says", ["a:b-c"], id="internal-punctuation"),
        pytest.param("@{odd key} says", ["odd key"], id="braced-key"),
        pytest.param("mail me@example.org", [], id="email-is-not-a-citation"),
        pytest.param("`@decorator` and\n```\n@code\n```\n@a", ["a"], id="code-skipped"),
    ],
)
def test_markdown(text: str, keys: list[str]) -> None:
    assert cited_keys(text, "markdown") == keys


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        pytest.param("paper.aux", "", "aux", id="aux-suffix"),
        pytest.param("paper.tex", "", "tex", id="tex-suffix"),
        pytest.param("paper.md", "", "markdown", id="md-suffix"),
        pytest.param("paper.txt", "\\relax\n\\citation{a}", "aux", id="aux-by-content"),
        pytest.param("paper.txt", "\\begin{document}", "tex", id="tex-by-content"),
        pytest.param("paper", "As [@a] shows", "markdown", id="markdown-otherwise"),
    ],
)
def test_kind_of(name: str, text: str, kind: SourceKind) -> None:
    assert kind_of(Path(name), text) == kind

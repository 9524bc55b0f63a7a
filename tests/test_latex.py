"""LaTeX in BibTeX values -> Unicode, and the brace groups that protect a title's case."""

from __future__ import annotations

import pytest

from refs.latex import Segment, split_protected, to_unicode


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("Attention Is All You Need", "Attention Is All You Need", id="plain"),
        pytest.param("{BERT} and {GPT}", "BERT and GPT", id="braces-dropped"),
        pytest.param("pages 1--10", "pages 1\u201310", id="double-hyphen-en-dash"),
        pytest.param("yes---no", "yes\u2014no", id="triple-hyphen-em-dash"),
        pytest.param(r"A {\textendash} B", "A \u2013 B", id="textendash-braced"),
        pytest.param(r"A\textemdash B", "A\u2014B", id="textemdash"),
        pytest.param(r"Sentiment \& Social", "Sentiment & Social", id="ampersand"),
        pytest.param(r"50\% of", "50% of", id="percent"),
        pytest.param(r"snake\_case", "snake_case", id="underscore"),
        pytest.param(r"K{\"o}pf", "K\u00f6pf", id="accent-braced-special-char"),
        pytest.param(r"K\"{o}pf", "K\u00f6pf", id="accent-braced-argument"),
        pytest.param(r"K\"opf", "K\u00f6pf", id="accent-bare"),
        pytest.param(r"Caf\'e", "Caf\u00e9", id="acute"),
        pytest.param(r"\`a \^o \~n \=a \.z", "\u00e0 \u00f4 \u00f1 \u0101 \u017c", id="accents"),
        pytest.param(r"\c{c} \v{S} \H{o} \k{a} \u{g} \r{u}", "ç Š ő ą ğ ů", id="letter-accents"),
        pytest.param(r"Garc\'{\i}a", "Garc\u00eda", id="dotless-i-under-accent"),
        pytest.param(r"{\ss}er \o\ \aa", "\u00dfer \u00f8 \u00e5", id="letter-symbols"),
        pytest.param(r"\url{https://x.org/a_b%20--c}", "https://x.org/a_b%20--c", id="url"),
        pytest.param(
            r"see \url{https://x.org/~u} now", "see https://x.org/~u now", id="url-in-text"
        ),
        pytest.param(r"$O(n^2)$ time", "O(n^2) time", id="math-readable"),
        pytest.param(r"$\alpha$-divergence", "\u03b1-divergence", id="math-symbol"),
        pytest.param("``quoted''", "\u201cquoted\u201d", id="tex-quotes"),
        pytest.param("a \n\t  b ", "a b", id="whitespace-collapsed"),
        pytest.param("D.~E. Knuth", "D. E. Knuth", id="tie"),
        pytest.param(r"\emph{Deep} {\em Learning}", "Deep Learning", id="font-commands"),
        pytest.param(r"\unknownmacro{kept} text", "kept text", id="unknown-macro-pylatexenc"),
        pytest.param(r"\href{https://x.org}{the text}", "the text", id="href"),
        pytest.param(r"$x$ and 50% & more", "x and 50% & more", id="bare-specials-with-math"),
        pytest.param(r"hy\-phen", "hyphen", id="hyphenation-hint"),
        pytest.param(r"10\,000 m\;s", "10 000 m s", id="spacing-commands"),
        pytest.param(r"C\# and \$5", "C# and $5", id="escaped-hash-dollar"),
        pytest.param(r"\{literal\}", "{literal}", id="escaped-braces"),
        pytest.param(
            r"\textquotedblleft hi\textquotedblright", "\u201chi\u201d", id="quote-macros"
        ),
        pytest.param("x" * 600 + r" \'e", "x" * 600 + " \u00e9", id="long-value-uncached"),
    ],
)
def test_to_unicode(value: str, expected: str) -> None:
    assert to_unicode(value) == expected


def _segments(value: str) -> list[tuple[str, bool]]:
    return [(segment.text, segment.is_protected) for segment in split_protected(value)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "{BERT}: Pre-training",
            [("BERT", True), (": Pre-training", False)],
            id="protected-acronym",
        ),
        pytest.param(
            "{{Attention Is All You Need}}",
            [("Attention Is All You Need", True)],
            id="whole-title-double-braces",
        ),
        pytest.param(
            "North {A}merican",
            [("North ", False), ("A", True), ("merican", False)],
            id="protected-letter-in-word",
        ),
        pytest.param(
            r"The {\"O}zg{\"u}r {NLP} Corpus",
            [("The \u00d6zg\u00fcr ", False), ("NLP", True), (" Corpus", False)],
            id="special-characters-not-protection",
        ),
        pytest.param(r"A {\textendash} B", [("A \u2013 B", False)], id="textendash-not-protection"),
        pytest.param(
            r"{\em BERT} rules", [("BERT rules", False)], id="backslash-group-not-protection"
        ),
        pytest.param(r"\emph{Foo} bar", [("Foo bar", False)], id="command-argument-not-protection"),
        pytest.param(
            r"$x^{2}$ and {X}",
            [("x^2 and ", False), ("X", True)],
            id="math-braces-not-protection",
        ),
        pytest.param(
            "{A {B} C} d", [("A B C", True), (" d", False)], id="nested-group-one-segment"
        ),
        pytest.param("{A}{B}", [("AB", True)], id="adjacent-groups-merged"),
        pytest.param("a {} b", [("a b", False)], id="empty-group-dropped"),
        pytest.param(
            " The  {BERT}\n  model ",
            [("The ", False), ("BERT", True), (" model", False)],
            id="whitespace-collapsed-at-seams",
        ),
        pytest.param("{unbalanced", [("unbalanced", False)], id="unbalanced-open"),
        pytest.param("stray } brace", [("stray brace", False)], id="stray-close"),
        pytest.param("No braces", [("No braces", False)], id="no-braces"),
        pytest.param("", [], id="empty"),
    ],
)
def test_split_protected(value: str, expected: list[tuple[str, bool]]) -> None:
    assert _segments(value) == expected


def test_segments_are_frozen_values() -> None:
    assert split_protected("{BERT}") == (Segment("BERT", is_protected=True),)


def test_long_values_keep_what_the_quick_reader_does_not_know() -> None:
    """An abstract full of maths is decoded without pylatexenc: common LaTeX decoded,
    the rest kept verbatim (pylatexenc would cost milliseconds per abstract)."""
    abstract = "We show K{\\\"o}pf's bound $\\frac{a}{b} \\leq \\mathcal{O}(n)$. " + "x " * 300
    decoded = to_unicode(abstract)
    assert decoded.startswith("We show Köpf's bound $\\frac{a}{b} \\leq \\mathcal{O}(n)$.")


def test_pylatexenc_says_nothing_on_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    assert to_unicode("$\\frac{1}{2}$ of {\\'e}") == "1/2 of é"
    assert capfd.readouterr().err == ""

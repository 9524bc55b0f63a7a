"""What the export writes as text so that a compiled paper reaches nothing outside itself."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import pytest

from refs.bibtex import Macro, read_bib
from refs.export import ExportOptions
from refs.export.biblatex import write_biblatex
from refs.export.bibtex import write_bibtex
from refs.export.clean import VERBATIM_FIELDS
from refs.export.commands import dangerous_commands, dangerous_environments, neutralised
from refs.model import LINK_FIELDS, Entry


def _export(
    entries: list[Entry],
    macros: Sequence[Macro] = (),
    *,
    biblatex: bool = False,
) -> tuple[str, list[str]]:
    out = io.BytesIO()
    write = write_biblatex if biblatex else write_bibtex
    warnings = write(entries, list(macros), out, ExportOptions())
    return out.getvalue().decode("utf-8"), warnings


def _fields(bib: str) -> dict[str, Entry]:
    return {e.key: e for e in read_bib(bib.encode()).entries}


def _title(expression: str) -> Entry:
    return Entry("evil", "misc", {"title": expression, "year": "2023"}, macros=frozenset({"title"}))


# --- BibTeX expressions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "macros"),
    [
        pytest.param('"\\inp" # "ut{/etc/passwd}"', [], id="literal-pieces"),
        pytest.param('a # "ut{x}"', [Macro("a", "\\inp")], id="string-then-letters"),
        pytest.param(
            'b # "{x}"',
            [Macro("a", "\\inp"), Macro("b", 'a # "ut"', is_expression=True)],
            id="string-of-strings",
        ),
        pytest.param('"\\" # "input{x}"', [], id="lone-backslash"),
        pytest.param('"^" # "^5cinput{x}"', [], id="caret-notation-joined"),
        pytest.param('"\\input{x}" # " more"', [], id="whole-command-in-one-piece"),
    ],
)
@pytest.mark.parametrize("biblatex", [False, True], ids=["bibtex", "biblatex"])
def test_an_expression_that_joins_into_a_command_is_written_as_its_safe_value(
    expression: str, macros: list[Macro], biblatex: bool
) -> None:
    bib, warnings = _export([_title(expression)], macros, biblatex=biblatex)
    entry = _fields(bib)["evil"]
    assert "title" not in entry.macros  # a literal now, nothing left for BibTeX to join
    assert re.search(r"\\input|\^\^", entry.fields["title"]) is None
    assert any("spells a TeX command once joined" in w and "evil" in w for w in warnings)


def test_a_string_definition_that_joins_into_a_command_is_written_as_its_safe_value() -> None:
    macros = [Macro("a", "\\inp"), Macro("b", 'a # "ut"', is_expression=True)]
    bib, warnings = _export([], macros)
    assert "@string{b = {{\\textbackslash}input}}" in bib
    assert any("@string{b}" in w for w in warnings)


@pytest.mark.parametrize(
    ("expression", "macros"),
    [
        pytest.param('acl # " 2020"', [Macro("acl", "Proc. of {ACL}")], id="venue-and-year"),
        pytest.param("jan", [], id="month"),
        pytest.param('"\\textbf" # "{x}"', [], id="command-then-group"),
    ],
)
def test_a_safe_expression_stays_an_expression(expression: str, macros: list[Macro]) -> None:
    bib, warnings = _export([_title(expression)], macros)
    assert f"title = {expression}," in bib
    assert warnings == []


# --- environments, links, PDF actions -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "found"),
    [
        pytest.param(
            "\\begin{filecontents*}{x.tex}hi\\end{filecontents*}",
            "\\begin{filecontents*}",
            id="filecontents-star",
        ),
        pytest.param(
            "\\begin {filecontents}[overwrite]{x.tex}hi\\end{filecontents}",
            "\\begin{filecontents}",
            id="filecontents-spaced",
        ),
        pytest.param(
            "\\filecontents{x.tex}hi\\endfilecontents",
            "\\filecontents",
            id="environment-as-command",
        ),
        pytest.param("\\begin{VerbatimOut}{x.tex}", "\\begin{VerbatimOut}", id="verbatimout"),
        pytest.param("\\begin{luacode}os.execute('x')", "\\begin{luacode}", id="luacode"),
        pytest.param("\\href{run:touch pwned}{x}", "\\href{run:…}", id="href-run"),
        pytest.param("\\href{file:///etc/passwd}{x}", "\\href{file:…}", id="href-file"),
        pytest.param("\\href{secret.pdf}{x}", "\\href{relative}", id="href-relative"),
        pytest.param("\\href[pdfnewwindow]{run:x}{y}", "\\href{run:…}", id="href-options"),
        pytest.param("\\url{run:touch_pwned}", "\\url{run:…}", id="url-run"),
        pytest.param("\\url|run:x|", "\\url{run:…}", id="url-delimited"),
        pytest.param("\\href run:x", "\\href without a target", id="href-without-group"),
        pytest.param("\\pdfstartlink user{/S/Launch/F(x)}", "\\pdfstartlink", id="pdfstartlink"),
        pytest.param("\\pdfcatalog{/OpenAction 1 0 R}", "\\pdfcatalog", id="pdfcatalog"),
        pytest.param("\\pdfannot{/A<</S/Launch>>}", "\\pdfannot", id="pdfannot"),
        pytest.param("\\pdfnames{/JavaScript}", "\\pdfnames", id="pdfnames"),
        pytest.param("\\pdfextension annot{}", "\\pdfextension", id="luatex-pdfextension"),
        pytest.param('\\XeTeXpicfile "/etc/x.png"', "\\XeTeXpicfile", id="xetex-picfile"),
        pytest.param('\\XeTeXpdffile "/etc/x.pdf"', "\\XeTeXpdffile", id="xetex-pdffile"),
        pytest.param("\\pdfliteral{1 1 1 rg 0 0 600 800 re f}", "\\pdfliteral", id="pdfliteral"),
    ],
)
def test_commands_that_reach_outside_are_written_as_text(value: str, found: str) -> None:
    safe, names = neutralised(value)
    assert found in names
    assert re.search(r"(?<!\{)\\(?:begin|href|url|pdf|XeTeX|filecontents)", safe) is None, safe


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("\\url{https://arxiv.org/abs/2301.00001}", id="https"),
        pytest.param("\\href{http://x.org/a_b}{site}", id="http"),
        pytest.param("\\href{mailto:a@b.org}{mail}", id="mailto"),
        pytest.param("\\url{ftp://x.org/f}", id="ftp"),
        pytest.param("\\href{doi:10.1/x}{doi}", id="doi"),
        pytest.param("\\begin{itemize}\\item x\\end{itemize}", id="harmless-environment"),
        pytest.param("line\\\\input ends", id="line-break-then-word"),
        pytest.param("\\luaescapestring{x}", id="luaescapestring-only-quotes"),
    ],
)
def test_harmless_commands_and_web_links_are_kept(value: str) -> None:
    assert neutralised(value) == (value, ())


def test_a_neutralised_link_target_prints_as_text() -> None:
    bib, _ = _export([Entry("e", "misc", {"note": "\\url{run:touch_pwned~x}", "year": "1"})])
    assert (
        "note = {{\\textbackslash}url{\\textbraceleft}run:touch\\_pwned"
        "{\\textasciitilde}x{\\textbraceright}}" in bib
    )


def test_every_listed_environment_has_what_it_does() -> None:
    assert {"filecontents", "filecontents*", "VerbatimOut", "minted"} <= set(
        dangerous_environments()
    )
    assert all(dangerous_environments().values())
    assert all(dangerous_commands().values())


# --- control characters, the key field ------------------------------------------------------


@pytest.mark.parametrize(
    "char", [pytest.param(c, id=f"U+{ord(c):04X}") for c in "\x00\x07\x1b\x7f\x85\x9b\r"]
)
def test_control_characters_from_a_bib_file_are_dropped(char: str) -> None:
    entry = Entry("e", "misc", {"title": f"Bad{char} title", "note": f"x{char}", "year": "1"})
    bib, warnings = _export([entry])
    assert _fields(bib)["e"].fields["title"] == "Bad title"
    assert any("control characters" in w for w in warnings)


def test_tabs_and_newlines_are_kept() -> None:
    bib, warnings = _export([Entry("e", "misc", {"title": "A\ttab and a\nline", "year": "1"})])
    assert _fields(bib)["e"].fields["title"] == "A\ttab and a\nline"
    assert warnings == []


@pytest.mark.parametrize(
    ("key", "written"),
    [
        pytest.param("Sm\\_ith", "Sm\\_ith", id="latex-kept"),
        pytest.param("Smith_Jones", "Smith\\_Jones", id="underscore-escaped"),
        pytest.param(
            "\\input{x} Smith",
            "{\\textbackslash}input{\\textbraceleft}x{\\textbraceright} Smith",
            id="command-as-text",
        ),
    ],
)
def test_the_key_field_is_text_not_a_link(key: str, written: str) -> None:
    bib, _ = _export([Entry("e", "misc", {"key": key, "title": "T", "year": "1"})])
    assert f"key = {{{written}}}" in bib


def test_link_fields_have_one_definition() -> None:
    assert LINK_FIELDS <= VERBATIM_FIELDS
    assert "key" not in VERBATIM_FIELDS


# --- link fields ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("run:/bin/sh", id="launch"),
        pytest.param("file:///etc/passwd", id="file"),
        pytest.param("paper.pdf", id="relative-file"),
        pytest.param("https://ok.org run:calc", id="second-link"),
        pytest.param("JavaScript:alert(1)", id="javascript"),
    ],
)
@pytest.mark.parametrize("biblatex", [False, True], ids=["bibtex", "biblatex"])
def test_a_url_field_that_opens_a_file_or_program_is_left_out(url: str, biblatex: bool) -> None:
    entry = Entry("evil", "misc", {"title": "T", "url": url, "year": "2023"})
    written, warnings = _export([entry], biblatex=biblatex)
    assert "url" not in _fields(written)["evil"].fields
    assert any("url links to a file or program" in w and "evil" in w for w in warnings)


def test_a_url_field_is_judged_by_its_resolved_string() -> None:
    entries = [
        Entry("web", "misc", {"title": "W", "url": "ok"}, macros=frozenset({"url"})),
        Entry("evil", "misc", {"title": "E", "url": "bad"}, macros=frozenset({"url"})),
    ]
    macros = [Macro("ok", "https://ok.org"), Macro("bad", "run:calc")]
    written, warnings = _export(entries, macros)
    fields = _fields(written)
    assert fields["web"].fields["url"] == "ok"  # still the expression, which is safe
    assert "url" not in fields["evil"].fields
    assert len([w for w in warnings if "left out" in w]) == 1


@pytest.mark.parametrize(
    "url", ["https://x.org/a", "http://x.org", "ftp://x.org/f", "https://a.org https://b.org"]
)
def test_a_url_field_to_the_web_is_kept(url: str) -> None:
    written, warnings = _export([Entry("ok", "misc", {"title": "T", "url": url, "year": "2023"})])
    assert _fields(written)["ok"].fields["url"] == url
    assert warnings == []


@pytest.mark.parametrize("key", ["evil\\input2021", "a#b", "a%b", "a~b"])
@pytest.mark.parametrize("biblatex", [False, True], ids=["bibtex", "biblatex"])
def test_an_entry_whose_key_latex_cannot_cite_is_left_out(key: str, biblatex: bool) -> None:
    entries = [
        Entry(key, "misc", {"title": "Evil", "year": "2023"}),
        Entry("fine2023", "misc", {"title": "Fine", "year": "2023"}),
    ]
    written, warnings = _export(entries, biblatex=biblatex)
    assert list(_fields(written)) == ["fine2023"]
    assert any("LaTeX cannot cite" in w and key in w for w in warnings), warnings

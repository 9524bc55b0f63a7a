"""Issue 13, items 2-3: text from untrusted documents and .bib files escapes at every output.

A title, name or URL that an attacker writes into a README or a .bib file must print as
itself in the store (BibTeX), in a compiled paper (pdflatex + BibTeX, biber), in CSL-JSON, and
in what `refs render` and `refs sync` write (text, Markdown, HTML): never run as LaTeX, never
become markup or a link to a script.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from refs import workflows
from refs.escaping import html_text, is_safe_link, latex_text, markdown_text
from refs.export import ExportOptions
from refs.latex import split_protected, to_unicode
from refs.parsing import parse_document
from tests.conftest import RunCli
from tests.export.texrun import compile_bib, files_read, require_tools, typeset_text

#: Titles an attacker (or a careless author) prints in a README, as the text they mean.
HOSTILE_TITLES = [
    pytest.param(r"Leak \input{/etc/passwd} and more", id="input-etc-passwd"),
    pytest.param(r"Own \immediate\write18{touch pwned} box", id="write18"),
    pytest.param(r"Close } early, evil = {x", id="brace-breaks-out-of-value"),
    pytest.param("Percent 100% & $x$ #1 a_b ^ ~ -- ``q''", id="latex-specials-and-ligatures"),
    pytest.param("Run <script>alert(1)</script> now", id="script-tag"),
    pytest.param("Image <img src=x onerror=alert(1)> here", id="img-onerror"),
    pytest.param("Link x](javascript:alert(1)) [y", id="markdown-link-break"),
    pytest.param("Stars *a* _b_ `c` | d ~~e~~ [f]", id="markdown-emphasis-code-table"),
    pytest.param("Entity &amp; &lt;b&gt; AT&T", id="ampersand-and-entities"),
]
#: Links a .bib file may give an entry, and whether a written link may point there.
HOSTILE_URLS = [
    pytest.param("javascript:alert(1)", id="javascript"),
    pytest.param("JaVaScRiPt:alert(1)", id="mixed-case-javascript"),
    pytest.param("&#106;avascript:alert(1)", id="entity-javascript"),
    pytest.param(" \tjava\nscript:alert(1)", id="whitespace-javascript"),
    pytest.param("data:text/html,<script>alert(1)</script>", id="data"),
    pytest.param("vbscript:msgbox(1)", id="vbscript"),
    pytest.param("file:///etc/passwd", id="file"),
]
#: LaTeX that reads, writes or runs, as an untrusted .bib file may hold it.
HOSTILE_LATEX = [
    pytest.param(r"Leak \input{secret}", r"\input", id="input"),
    pytest.param(r"Leak \include{secret}", r"\include", id="include"),
    pytest.param(r"Own \immediate\write18{touch pwned}", r"\write", id="write18"),
    pytest.param(r"Spell \csname input\endcsname{secret}", r"\csname", id="csname"),
    pytest.param(r"Read \openin1=secret \read1 to\x \x", r"\openin", id="openin-read"),
    pytest.param(r"Spell $^^5cinput{secret}$", "^^", id="caret-notation"),
    pytest.param(r"Catcode \catcode`\Q=0 Qinput{secret}", r"\catcode", id="catcode"),
    pytest.param(r"Lua \directlua{os.execute('touch pwned')}", r"\directlua", id="directlua"),
]
SECRET = "TOPSECRETCONTENT"
#: The LaTeX `latex_text` writes for text characters; nothing else may carry a backslash.
_ESCAPES = re.compile(
    r"\{\\text(?:backslash|braceleft|braceright|asciitilde|asciicircum|less|greater|bar)\}"
    r"|\\[&%#_$]"
)


def _readme(titles: list[str]) -> str:
    """A README listing each title as Markdown that says exactly that text."""
    lines = ["# Papers", ""]
    for number, title in enumerate(titles, 1):
        lines.append(
            f"- **{markdown_text(title)}** John Smith, Jane Doe. 2023. "
            f"[Paper](https://arxiv.org/abs/2301.{number:05d})"
        )
    return "\n".join(lines) + "\n"


def _imported(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFS_CATALOG", "catalog.yaml")
    (tmp_path / "README.md").write_text(text, encoding="utf-8")
    assert run_cli("import", "README.md").exit_code in {0, 1}
    return (tmp_path / "references.bib").read_text(encoding="utf-8")


def _title_values(bib: str) -> list[str]:
    return re.findall(r"^  title = \{(.*)\},$", bib, re.MULTILINE)


def _text(value: str) -> str:
    """A BibTeX title as the text it prints (protective braces are not text)."""
    return "".join(segment.text for segment in split_protected(value))


def _csl_titles(run_cli: RunCli) -> list[str]:
    result = run_cli("export", "--format", "csl-json")
    items = json.loads(result.stdout)
    return [re.sub(r'<span class="nocase">(.*?)</span>', r"\1", i["title"]) for i in items]


# --- the store: BibTeX --------------------------------------------------------------------


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_document_text_is_stored_as_latex_that_prints_it(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str
) -> None:
    bib = _imported(run_cli, tmp_path, monkeypatch, _readme([title]))
    (value,) = _title_values(bib)
    assert "\\" not in _ESCAPES.sub("", value), value
    assert value.count("{") == value.count("}")
    assert _text(value) == title


def test_the_issue_readme_keeps_its_title_as_text(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (
        "# Papers\n\n- [Leak \\input{/etc/passwd} and more & 100% $x$ <script>alert(1)</script>]"
        "(https://arxiv.org/abs/2301.00001), 2023.\n"
    )
    (value,) = _title_values(_imported(run_cli, tmp_path, monkeypatch, readme))
    assert "\\input" not in value
    assert _text(value) == r"Leak \input{/etc/passwd} and more & 100% $x$ <script>alert(1)</script>"


def test_a_text_reference_given_to_add_is_text(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("add", r"John Smith. **Leak \input{/etc/passwd} & 100%**. 2023.")
    assert result.exit_code == 0, result.output
    (value,) = _title_values((tmp_path / "references.bib").read_text(encoding="utf-8"))
    assert _text(value) == r"Leak \input{/etc/passwd} & 100%"


def test_bibtex_given_to_add_keeps_its_latex(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    snippet = (
        r"@article{k2020, title = {Caf{\'e} \emph{au} lait}, author = {K{\"o}pf, A.},"
        r" year = {2020}}"
    )
    assert run_cli("add", snippet).exit_code == 0
    bib = (tmp_path / "references.bib").read_text(encoding="utf-8")
    assert r"title = {Caf{\'e} \emph{au} lait}" in bib


# --- export: BibTeX and BibLaTeX, compiled --------------------------------------------------


def _export(store: Path, fmt: str) -> tuple[bytes, list[str]]:
    out = io.BytesIO()
    result = workflows.export(store, fmt, None, out, options=ExportOptions())
    return out.getvalue(), list(result.warnings)


@pytest.mark.parametrize(
    "biber", [pytest.param(False, id="bibtex"), pytest.param(True, id="biber")]
)
def test_hostile_titles_print_literally_in_a_compiled_paper(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, biber: bool
) -> None:
    require_tools("pdflatex", "biber" if biber else "bibtex")
    titles = [r"Leak \input{secret} end", r"Own \immediate\write18{touch pwned} end"]
    _imported(run_cli, tmp_path, monkeypatch, _readme(titles))
    (tmp_path / "secret.tex").write_text(SECRET + "\n", encoding="utf-8")
    bib, warnings = _export(tmp_path / "references.bib", "biblatex" if biber else "bibtex")
    assert not [w for w in warnings if "TeX command" in w]
    keys = re.findall(rb"^@\w+\{([^,]+),", bib, re.MULTILINE)
    run = compile_bib(bib, [k.decode() for k in keys], tmp_path, biber=biber)
    assert run.latex_errors == []
    assert "secret.tex" not in files_read(tmp_path)
    assert not (tmp_path / "pwned").exists()
    text = typeset_text(tmp_path)
    if text is not None:
        flat = " ".join(text.split())
        assert SECRET not in flat
        assert r"\input{secret}" in flat and r"\immediate\write18{touch pwned}" in flat


def _evil_bib(run_cli: RunCli, tmp_path: Path, title: str) -> None:
    """Import a .bib entry ``evil2023`` whose title is the LaTeX ``title``."""
    (tmp_path / "evil.bib").write_text(
        f"@article{{evil2023, title = {{{title}}}, author = {{Smith, J.}},"
        f" journal = {{J}}, year = {{2023}}}}\n",
        encoding="utf-8",
    )
    assert (
        run_cli(
            "--store", str(tmp_path / "references.bib"), "import", str(tmp_path / "evil.bib")
        ).exit_code
        == 0
    )


@pytest.mark.parametrize(("value", "command"), HOSTILE_LATEX)
@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_latex_from_a_bib_file_that_reaches_outside_is_written_as_text(
    run_cli: RunCli, tmp_path: Path, value: str, command: str, fmt: str
) -> None:
    _evil_bib(run_cli, tmp_path, value)
    bib, warnings = _export(tmp_path / "references.bib", fmt)
    assert any(command in w and "evil2023" in w for w in warnings), warnings
    written = bib.decode("utf-8")
    assert re.search(re.escape(command) + r"(?![A-Za-z])", written) is None, written


@pytest.mark.parametrize(("value", "command"), HOSTILE_LATEX)
def test_latex_from_a_bib_file_runs_nothing_in_pdflatex(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, command: str
) -> None:
    require_tools("pdflatex", "bibtex")
    monkeypatch.chdir(tmp_path)
    _evil_bib(run_cli, tmp_path, value)
    (tmp_path / "secret.tex").write_text(SECRET + "\n", encoding="utf-8")
    bib, _ = _export(tmp_path / "references.bib", "bibtex")
    compile_bib(bib, ["evil2023"], tmp_path)
    assert "secret.tex" not in files_read(tmp_path)
    assert not (tmp_path / "pwned").exists()
    text = typeset_text(tmp_path)
    assert text is None or SECRET not in text


def test_export_does_not_escape_twice(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles = [str(p.values[0]) for p in HOSTILE_TITLES]
    _imported(run_cli, tmp_path, monkeypatch, _readme(titles))
    first, _ = _export(tmp_path / "references.bib", "bibtex")
    (tmp_path / "exported.bib").write_bytes(first)
    monkeypatch.setenv("REFS_CATALOG", "catalog2.yaml")
    assert run_cli("--store", "again.bib", "import", "exported.bib").exit_code in {0, 1}
    second, _ = _export(tmp_path / "again.bib", "bibtex")
    assert second == first
    assert sorted(_text(t) for t in _title_values(first.decode())) == sorted(titles)


# --- CSL-JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_csl_json_carries_the_text(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str
) -> None:
    _imported(run_cli, tmp_path, monkeypatch, _readme([title]))
    assert _csl_titles(run_cli) == [title]


#: Printable text with every character LaTeX, HTML or Markdown reads as syntax, inside words
#: that make it a title to the parser (which trims punctuation around a title).
_SPECIALS = "\\{}#$%&_^~<>|*[]()`!?'\"-.,;:/+=@"
_INNER = (
    st.text(alphabet=st.sampled_from([*_SPECIALS, *"abcXYZ019 "]), min_size=1, max_size=30)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
#: The spacings the parser rewrites on purpose, left out: " : " (to ": ") and "multi- modal"
#: (a hyphen a copied PDF line break left, joined).
_REWRITTEN = re.compile(r"\s:\s|[a-z]- [a-z]")
_TITLES = _INNER.map(lambda inner: f"Study of {inner} in Data").filter(
    lambda title: _REWRITTEN.search(title) is None
)


def _survey_entry(title: str) -> str:
    """The entry as `refs render --readme` writes it."""
    return f"[1] John Smith. **{markdown_text(title)}**. 2023.\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_TITLES)
def test_any_text_title_comes_back_identical(title: str) -> None:
    from refs.csl_json import entry_to_csl  # noqa: PLC0415
    from refs.model import Entry  # noqa: PLC0415

    records = parse_document(_survey_entry(title), "README.md").records
    (record,) = records
    value = record.fields["title"]
    item = entry_to_csl(Entry("k", "misc", {"title": value}))
    assert re.sub(r"</?span[^>]*>", "", str(item["title"])) == title
    # and through export -> BibTeX read -> CSL-JSON
    from refs.bibtex import read_bib  # noqa: PLC0415
    from refs.export.bibtex import write_bibtex  # noqa: PLC0415

    out = io.BytesIO()
    write_bibtex([Entry("k", "misc", {"title": value, "year": "2023"})], [], out, ExportOptions())
    (block,) = [b for b in read_bib(out.getvalue(), "x.bib").blocks if b.entry is not None]
    assert block.entry is not None
    again = entry_to_csl(block.entry)
    assert re.sub(r"</?span[^>]*>", "", str(again["title"])) == title


# --- render: text, Markdown, HTML -----------------------------------------------------------


def _bib_with(tmp_path: Path, title_latex: str, url: str = "https://example.org/p") -> None:
    (tmp_path / "evil.bib").write_text(
        f"@misc{{evil2023, title = {{{title_latex}}}, author = {{Smith, J. and Doe, J.}},"
        f" year = {{2023}}, url = {{{url}}}}}\n",
        encoding="utf-8",
    )


def _rendered(run_cli: RunCli, *args: str) -> str:
    result = run_cli("render", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def _assert_safe_html(html: str) -> None:
    assert "<script" not in html and "<img" not in html, html
    hrefs = re.findall(r"href\s*=\s*[\"']([^\"']*)", html)
    assert all(re.match(r"https?://", href) for href in hrefs), hrefs
    assert len(hrefs) == html.count("href"), html
    assert re.search(r"&(?!#?\w+;)", html) is None, html


@pytest.mark.parametrize("title", HOSTILE_TITLES)
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_render_prints_hostile_titles_as_text(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str, fmt: str
) -> None:
    _imported(run_cli, tmp_path, monkeypatch, _readme([title]))
    out = _rendered(run_cli, "--style", "apa", "--format", fmt)
    # a ' that opens or closes no quotation prints as citeproc-js prints it, an apostrophe
    title = title.replace("'", "\u2019")
    if fmt == "text":
        assert title in out
        return
    html = out if fmt == "html" else MarkdownIt("commonmark").enable("table").render(out)
    _assert_safe_html(html)
    shown = " ".join(re.sub(r"<[^>]+>", "", html).split())
    import html as html_module  # noqa: PLC0415

    assert " ".join(title.split()) in html_module.unescape(shown)


@pytest.mark.parametrize("url", HOSTILE_URLS)
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--readme",), id="readme"),
        pytest.param(("--style", "apa", "--format", "markdown"), id="markdown"),
        pytest.param(("--style", "apa", "--format", "html"), id="html"),
    ],
)
def test_unsafe_links_are_never_written_as_links(
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    args: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)
    _bib_with(tmp_path, "A Title", url)
    assert run_cli("import", "evil.bib").exit_code == 0
    out = _rendered(run_cli, *args)
    html = out if "html" in args else MarkdownIt("commonmark").render(out)
    _assert_safe_html(html)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://example.org/a) [x](javascript:alert(1)", id="paren-breaks-link"),
        pytest.param("https://example.org/a b<script>", id="space-and-tag"),
        pytest.param("https://en.wikipedia.org/wiki/Go_(game)", id="balanced-parentheses"),
    ],
)
def test_readme_links_cannot_be_ended_early(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.chdir(tmp_path)
    _bib_with(tmp_path, "A Title", url)
    assert run_cli("import", "evil.bib").exit_code == 0
    html = MarkdownIt("commonmark").render(_rendered(run_cli, "--readme"))
    _assert_safe_html(html)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert all(is_safe_link(h) and h.startswith("https://") for h in hrefs), hrefs


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://x.org/a)b", id="unbalanced-close"),
        pytest.param("https://x.org/)[y](javascript:alert(1)", id="paren-then-link"),
        pytest.param("https://x.org/a b c", id="spaces"),
        pytest.param('https://x.org/a"onmouseover="alert(1)', id="quote"),
        pytest.param("https://x.org/<script>alert(1)</script>", id="angle-brackets"),
        pytest.param("https://doi.org/10.1016/S0140-6736(20)30183-5", id="doi-parentheses"),
    ],
)
@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("--readme",), id="readme"),
        pytest.param(("--style", "apa", "--format", "markdown"), id="markdown"),
    ],
)
def test_a_rendered_link_goes_to_the_whole_url(
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    args: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)
    _bib_with(tmp_path, "A Title", url)
    assert run_cli("import", "evil.bib").exit_code == 0
    tokens = MarkdownIt("commonmark").parseInline(_rendered(run_cli, *args))
    hrefs = [
        str(child.attrs["href"])
        for token in tokens
        for child in token.children or []
        if child.type == "link_open"
    ]
    # DOIs are case-insensitive: refs writes them lower-case
    assert [unquote(href).casefold() for href in hrefs] == [url.casefold()], hrefs


# --- sync: the References section written into the document ---------------------------------


def test_sync_writes_hostile_titles_as_text_and_a_second_sync_changes_nothing(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles = [str(p.values[0]) for p in HOSTILE_TITLES][:6]
    lines = ["# Survey", "", "Cited [1] and [2].", "", "## References", ""]
    for number in range(1, len(titles) + 1):
        lines += [
            f"[{number}] John Smith. **Placeholder title {number}**. 2023. "
            f"[Paper](https://arxiv.org/abs/2301.{number:05d})",
            "",
        ]
    _imported(run_cli, tmp_path, monkeypatch, "\n".join(lines))
    store = tmp_path / "references.bib"
    bib = store.read_text(encoding="utf-8")
    for number, title in enumerate(titles, 1):
        bib = bib.replace(f"{{Placeholder title {number}}}", f"{{{latex_text(title)}}}")
    store.write_text(bib, encoding="utf-8")
    assert run_cli("sync", "README.md", "--write").exit_code == 0
    written = (tmp_path / "README.md").read_text(encoding="utf-8")
    _assert_safe_html(MarkdownIt("commonmark").render(written))
    read_back = [
        _text(r.fields.get("title", "")) for r in parse_document(written, "README.md").records
    ]
    # a ' that opens or closes no quotation is written as citeproc-js prints it, ’
    assert sorted(read_back) == sorted(title.replace("'", "\u2019") for title in titles)
    again = run_cli("sync", "README.md")
    assert (again.exit_code, again.stdout) == (0, "")


# --- the escaping functions themselves ------------------------------------------------------


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_unsafe_schemes_are_refused(url: str) -> None:
    assert not is_safe_link(url)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("https://arxiv.org/abs/2301.00001", id="https"),
        pytest.param("http://example.org", id="http"),
        pytest.param("docs/paper.md#sec", id="relative"),
        pytest.param("#ref3", id="fragment"),
    ],
)
def test_http_and_relative_links_are_allowed(url: str) -> None:
    assert is_safe_link(url)


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_latex_text_reads_back_as_the_text(title: str) -> None:
    assert to_unicode(latex_text(title)) == " ".join(title.split())


def test_html_text_escapes_attribute_quotes() -> None:
    assert html_text("\"'><&") == "&#34;&#39;&#62;&#60;&#38;"


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_dedupe_folds_an_escaped_title_as_its_text(title: str) -> None:
    from refs.dedupe.fingerprint import fold_text, normalise_title  # noqa: PLC0415

    words = re.findall(r"[^\W_]+", fold_text(title).replace("&", " and "))
    assert normalise_title(latex_text(title)).split() == words


def test_bibtex_in_a_code_fence_of_a_readme_keeps_its_latex(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (
        "# Cite us\n\n```bibtex\n@article{k2020,\n  title = {Caf{\\'e} \\& {BERT}},\n"
        '  author = {K{\\"o}pf, A.},\n  journal = {J},\n  year = {2020}\n}\n```\n'
    )
    bib = _imported(run_cli, tmp_path, monkeypatch, readme)
    assert "title = {Caf{\\'e} \\& {BERT}}" in bib

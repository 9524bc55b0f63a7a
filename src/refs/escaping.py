"""Text written into the markup languages refs produces: LaTeX, HTML, Markdown, and links.

Every output boundary calls one of these, so that text read from an untrusted document prints
as itself and never as markup: a backslash stays a backslash in LaTeX, ``<script>`` stays
text in HTML, ``](javascript:…)`` stays text in Markdown.

>>> latex_text(r"R&D \\input{x} 100%")
'R\\\\&D {\\\\textbackslash}input{\\\\textbraceleft}x{\\\\textbraceright} 100\\\\%'
>>> html_text("<b>R&D</b>")
'&#60;b&#62;R&#38;D&#60;/b&#62;'
>>> is_safe_link("https://arxiv.org/abs/2305.11206"), is_safe_link(" JaVaScRiPt:alert(1)")
(True, False)
"""

from __future__ import annotations

import html
import re
from collections.abc import Container, Mapping
from types import MappingProxyType

# --- LaTeX ----------------------------------------------------------------------------------

#: How each character LaTeX reads as syntax is spelled so that it prints as itself: the ten
#: special characters of LaTeX (Lamport, *LaTeX: A Document Preparation System*, 2nd ed.,
#: §2.2.1: ``# $ % & ~ _ ^ \\ { }``) and the three ASCII characters the default OT1 font
#: encoding prints as other glyphs (``<`` as ¡, ``>`` as ¿, ``|`` as —; LaTeX2e font
#: encodings guide, fntguide §6.2). Braces and a backslash become text commands, since
#: BibTeX counts every brace, escaped or not; the commands are in braces, as BibTeX's own
#: "special characters" are, so that its case changes and sorting leave them alone.
LATEX_SPECIALS: Mapping[str, str] = MappingProxyType(
    {
        "\\": "{\\textbackslash}",
        "{": "{\\textbraceleft}",
        "}": "{\\textbraceright}",
        "#": "\\#",
        "$": "\\$",
        "%": "\\%",
        "&": "\\&",
        "_": "\\_",
        "~": "{\\textasciitilde}",
        "^": "{\\textasciicircum}",
        "<": "{\\textless}",
        ">": "{\\textgreater}",
        "|": "{\\textbar}",
    }
)
_LATEX_TABLE = str.maketrans(dict(LATEX_SPECIALS))
#: TeX's ligatures of ASCII characters (Knuth, *The TeXbook*, ch. 9): ``--`` and ``---``
#: print dashes, ``` `` ``` and ``''`` curly quotes, ``!``` and ``?``` inverted marks. An
#: empty group between the two characters keeps them apart, so text keeps what it says.
_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[!?])(?=`)")
_NEEDS_LATEX = re.compile(r"[\\{}#$%&_~^<>|]|--|``|''|[!?]`")


def latex_text(text: str) -> str:
    """Plain text as a BibTeX/LaTeX value that prints exactly that text.

    >>> latex_text("GPT-4 -- $5 <b> {x}")
    'GPT-4 -{}- \\\\$5 {\\\\textless}b{\\\\textgreater} {\\\\textbraceleft}x{\\\\textbraceright}'
    """
    if _NEEDS_LATEX.search(text) is None:
        return text
    # Translate first: the empty groups that break ligatures are LaTeX, not text.
    return _LIGATURE.sub("{}", text.translate(_LATEX_TABLE))


# --- control characters ---------------------------------------------------------------------

#: C0 controls but tab and newline, DEL, and the C1 controls (Unicode category Cc): no text
#: means them, a terminal or a PDF viewer may act on them, and pdflatex stops with "Text line
#: contains an invalid character" on most of them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: A terminal's escape sequences (ECMA-48, section 5.4): a control sequence (``ESC [``,
#: parameters, intermediates, a final byte), a command string (``ESC ]``/``P``/``X``/``^``/
#: ``_`` up to BEL or ``ESC \``), or ``ESC`` and one final byte. They go whole:
#: ``\x1b[31m`` leaves nothing, not ``[31m``; a brace or backslash is never part of one
#: (those are the value's, and must stay balanced). A lone U+009B goes alone: it is more often a
#: mis-decoded ``›`` than a terminal's control sequence.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*(?:(?![{}\\])[@-~])?"
    r"|\x1b[\]PX^_][^\x07\x1b{}]*(?:\x07|\x1b\\)"
    r"|\x1b(?:(?![{}\\])[0-~])?"
)
_SPACES = re.compile(r" {2,}")


def without_controls(text: str) -> str:
    """``text`` without control characters other than tab and newline, and without the
    terminal escape sequences they open; the spaces around what went are one space.

    >>> without_controls("Bad \\x1b[31mtitle\\x1b[0m \\x7f here\\tand\\nthere")
    'Bad title here\\tand\\nthere'
    """
    if text.isprintable() or _CONTROLS.search(text) is None:
        return text
    return _SPACES.sub(" ", _CONTROLS.sub("", _ESCAPES.sub("", text)))


# --- links ----------------------------------------------------------------------------------

#: The schemes a written link may have; a link without a scheme is relative, and allowed.
SAFE_SCHEMES = frozenset({"http", "https"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
#: What a browser ignores in a URL before it reads the scheme (WHATWG URL standard, "basic
#: URL parser"): C0 controls and spaces around it, tabs and newlines anywhere.
_IGNORED_AROUND = "".join(chr(code) for code in range(0x21))
_IGNORED_INSIDE = re.compile(r"[\t\n\r]")
#: Characters RFC 3986 does not allow anywhere in a URI (its section 2 and appendix A),
#: percent-encoded where a URL is stored or written, so it cannot end the value around it.
_NOT_IN_URI = re.compile(r"[\x00-\x20\"<>\\^`{|}\x7f]")


def is_safe_link(
    url: str, schemes: Container[str] = SAFE_SCHEMES, *, relative: bool = True
) -> bool:
    """True for a link with one of ``schemes`` (``http(s)``) or, unless ``relative`` is
    False, none; False for ``javascript:``, ``data:``, ``vbscript:``, ``file:`` and every
    other scheme, however a browser would spell it.

    >>> [is_safe_link(u) for u in ("docs/a.md", "&#106;avascript:x", "java\\tscript:x")]
    [True, False, False]
    >>> is_safe_link("paper.pdf", relative=False)
    False
    """
    spelled = _IGNORED_INSIDE.sub("", html.unescape(url).strip(_IGNORED_AROUND))
    scheme = _SCHEME.match(spelled)
    if scheme is None:
        return relative
    return scheme.group(1).lower() in schemes


def url_text(url: str) -> str:
    """A URL with the characters no URI may hold percent-encoded (space, ``"<>\\\\^`{|}``).

    >>> url_text("https://x.org/a b}{\\\\input")
    'https://x.org/a%20b%7D%7B%5Cinput'
    """
    if _NOT_IN_URI.search(url) is None:
        return url
    return _NOT_IN_URI.sub(lambda m: f"%{ord(m.group(0)):02X}", url)


def uri_of(url: str) -> str:
    """A URL as a browser reads it, written as a URI: the controls and spaces around it and
    the tabs and newlines in it dropped (as `is_safe_link` reads it), the rest as `url_text`.

    >>> uri_of(" \\tjava\\nscript:alert(1) "), uri_of("https://x.org/a b")
    ('javascript:alert(1)', 'https://x.org/a%20b')
    """
    return url_text(_IGNORED_INSIDE.sub("", url.strip(_IGNORED_AROUND)))


# --- HTML -----------------------------------------------------------------------------------


#: The characters HTML reads as syntax, as numeric references (as citeproc-js writes them,
#: and unchanged by any case change a style applies afterwards).
_HTML_TEXT = str.maketrans({"&": "&#38;", "<": "&#60;", ">": "&#62;"})
_HTML_ATTRIBUTE = str.maketrans(
    {"&": "&#38;", "<": "&#60;", ">": "&#62;", '"': "&#34;", "'": "&#39;"}
)


def html_text(text: str, *, quote: bool = True) -> str:
    """Text as HTML text or, with ``quote``, an attribute value: ``& < >`` (and quotes) as
    character references.

    >>> html_text('<img src=x onerror="alert(1)"> & co')
    '&#60;img src=x onerror=&#34;alert(1)&#34;&#62; &#38; co'
    """
    return text.translate(_HTML_ATTRIBUTE if quote else _HTML_TEXT)


# --- Markdown -------------------------------------------------------------------------------

#: ASCII punctuation Markdown (CommonMark 0.31 and GitHub's extensions: tables, strikethrough,
#: math) can read as syntax inside a line: emphasis, code, links, images, raw HTML, entities,
#: table cells, strikethrough, math. A backslash makes each of them a literal character.
#: Braces, an empty ``()`` and ``:name:`` (an emoji to GitHub) are dropped by readers of
#: READMEs (refs's among them) as markup left behind; escaped, they stay.
_INLINE = r"&(?=[#\w])|(?<![^\W_])_|_(?![^\W_])|\((?=\s*\))|:(?=[a-z0-9_+-]+:)"
_MARKDOWN_INLINE = re.compile(r"[\\`*\[\]<>|~${}]|" + _INLINE)
#: Written as character references, not backslash escapes: ``\\`a`` and ``\\~n`` are LaTeX
#: accents to a reader of copied citations (refs's parser among them), and a backslash
#: before one would start another.
_AS_REFERENCE = {"\\": "&#92;", "`": "&#96;", "~": "&#126;"}
#: What opens a block when it starts a line: a heading, a quote, a list item, a rule.
_MARKDOWN_BLOCK_START = re.compile(r"^(\s*)([#>+=-])|^(\s*\d+)([.)])")
#: Parentheses end or nest a link destination (the other breakers are percent-encoded).
_PARENTHESIS = re.compile(r"([()])")


def markdown_text(text: str, *, brackets_kept: Container[int] = ()) -> str:
    """Text as Markdown that shows exactly that text, inside a line. A ``_`` inside a word
    opens no emphasis and stays; so do the brackets at the positions ``brackets_kept``
    (text a style wrote, such as a ``[1]`` label).

    >>> markdown_text("A *b* [c](javascript:x) <img src=x> & &amp; snake_case _x_")
    'A \\\\*b\\\\* \\\\[c\\\\](javascript:x) \\\\<img src=x\\\\> & \\\\&amp; snake_case \\\\_x\\\\_'
    """

    def escaped(match: re.Match[str]) -> str:
        char = match.group(0)
        if char in "[]" and match.start() in brackets_kept:
            return char
        return _AS_REFERENCE.get(char) or "\\" + char

    return _MARKDOWN_INLINE.sub(escaped, text)


def markdown_line(text: str) -> str:
    """A line of Markdown text whose first characters cannot open a heading, quote or list.

    >>> markdown_line("# 1 item"), markdown_line("2023. A year"), markdown_line("- x")
    ('\\\\# 1 item', '2023\\\\. A year', '\\\\- x')
    """
    return _MARKDOWN_BLOCK_START.sub(_escape_block_start, text, count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(2) is not None:
        return f"{match.group(1)}\\{match.group(2)}"
    return f"{match.group(3)}\\{match.group(4)}"


def markdown_destination(url: str) -> str:
    """A safe URL as a Markdown link destination: nothing in it can end the link early.

    >>> markdown_destination("https://en.wikipedia.org/wiki/Go_(game) x")
    'https://en.wikipedia.org/wiki/Go_\\\\(game\\\\)%20x'
    """
    return _PARENTHESIS.sub(r"\\\1", url_text(url))

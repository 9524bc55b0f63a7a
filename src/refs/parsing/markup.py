"""Text repairs and markup: mojibake, wrapped lines, LaTeX accents, links, HTML, emphasis."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial

import ftfy
from pylatexenc.latex2text import LatexNodes2Text

from refs.vocabulary import words


@dataclass(frozen=True, slots=True)
class Link:
    """A link found in an occurrence: its text as printed (may be empty) and its target."""

    text: str
    url: str


#: Link texts that name the kind of target, not the work: ``[Paper](…)``, ``[[pdf](…)]``,
#: ``[Project page](…)`` (``data/link_texts.txt``: words and phrases).
GENERIC_LINK_TEXTS = words("link_texts")

_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False)
#: LaTeX accent commands as .bib files and copied citations spell them: {\"a}, \'{e}, \ss.
_LATEX_ACCENT = re.compile(
    r"\{\\[`'^\"~=.uvHckbdr]\s*\{?[A-Za-z]\}?\}|\\[`'^\"~=.]\{?[A-Za-z]\}?|\\[uvHckbdr]\{[A-Za-z]\}"
    r"|\{?\\(?:ss|o|O|ae|AE|aa|AA|l|L|i|j|oe|OE)\b\}?"
)
_LATEX = LatexNodes2Text()


def repair_text(text: str) -> str:
    """Undo mojibake (UTF-8 read as cp1252) and decode LaTeX accents.

    >>> repair_text('Andreas KÃ¶pf and Sch{\\\\"a}rli, pages 320â€“335')
    'Andreas Köpf and Schärli, pages 320\u2013335'
    """
    if not text.isascii():
        text = ftfy.fix_text(text, _FTFY_CONFIG)
    if "\\" in text:
        text = _LATEX_ACCENT.sub(lambda m: _decode_latex(m.group(0)), text)
    return text


@lru_cache(maxsize=4096)
def _decode_latex(fragment: str) -> str:
    return str(_LATEX.latex_to_text(fragment))


def join_lines(text: str) -> str:
    """Join a wrapped occurrence into one line; a line-end hyphen stays (``instruction-tuned``).

    >>> join_lines("Lamm: multi-modal instruction-\\n  tuning dataset\\nand benchmark")
    'Lamm: multi-modal instruction-tuning dataset and benchmark'
    """
    pieces: list[str] = []  # joined once at the end, not copied at every line
    tail = ""  # the last two characters joined so far
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        added = line if not pieces or (tail.endswith("-") and tail[:1].isalnum()) else " " + line
        pieces.append(added)
        tail = (tail + added)[-2:]
    out = "".join(pieces)
    # "multi- modal": a hyphen left dangling by a copied PDF line break, inside one line.
    return re.sub(r"(?<=[a-z])- (?=[a-z])(?!(?:and|or|to|nor)\b)", "-", out)


def is_titled_link(link: Link) -> bool:
    """A link whose text is a work's title: three words or more, no generic link words
    (``[Paper]``, ``[Code]``)."""
    words = squash(strip_emphasis(strip_html(link.text)))
    return len(words.split()) >= 3 and not is_generic_link_text(words)


def is_generic_link_text(text: str) -> bool:
    """True for link texts such as ``Paper``, ``[pdf]``, ``🤗 HF``, ``2306.04751``."""
    words = re.sub(r"[^\w\s.:/-]", " ", strip_emphasis(text)).strip().lower()
    words = re.sub(r"\s+", " ", words)
    if not words:
        return True
    if words in GENERIC_LINK_TEXTS:
        return True
    if re.fullmatch(r"(arxiv[: ]*)?\d{4}\.\d{4,5}(v\d+)?|https?://\S+|10\.\d{4,}/\S+", words):
        return True
    return all(word in GENERIC_LINK_TEXTS for word in re.split(r"[\s-]+", words) if word)


# Markup patterns here never let a span run past the next opener of its kind (``[``, ``(``,
# ``<``, the same tag): an opener whose closer never comes then costs the distance to the next
# opener, not the rest of the text, and a search stays linear in the text.
_BADGE = re.compile(r"\[!\[[^\[\]]*\]\(([^()]*)\)\]\(\s*+<?([^()\s>]+)>?[^()]*\)")
#: An image; its text is only read for a venue badge. (An ``<img>``'s ``src`` is not read.)
_IMAGE = re.compile(r"!\[[^\[\]]*\]\(([^()]*)\)|<img\b[^<>]*>")
#: A static shields.io badge printing a venue and its year: ``…/badge/NeurIPS-2022-blue``.
_VENUE_BADGE = re.compile(
    r"img\.shields\.io/badge/(?P<label>[A-Za-z][\w.%&+]*?)-(?P<year>(?:19|20)\d{2})-[\w#]+",
    re.IGNORECASE,
)


def badge_text(url: str) -> str:
    """What a venue badge says (``NeurIPS 2022``); empty for other badges and images.

    Survey lists often print a paper's venue only as a badge; other badges (stars, licences,
    keywords) say nothing about the work.

    >>> badge_text("https://img.shields.io/badge/AAAI-2024-orange"), badge_text("x/CoT-blue")
    ('AAAI 2024', '')
    """
    match = _VENUE_BADGE.search(url)
    if match is None:
        return ""
    label = match.group("label").replace("%20", " ").replace("_", " ")
    return f"{label} {match.group('year')}"


_HTML_LINK = re.compile(
    r"<a\s[^<>]*?href=[\"']([^\"']+)[\"'][^<>]*>((?:(?!<a\s).)*?)</a>", re.IGNORECASE | re.S
)
#: ``[text](url)``, ``[text](<url>)``, and ``[text](<(url)>)`` (a target the writer put in
#: parentheses inside its angle brackets: the URL is inside them).
_MD_LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*"
    r"(?:<\(([^()\s<>]+)\)>|<?([^()\s>]+(?:\([^()\s]*\))?)>?)(?:\s+\"[^\"]*\")?\s*\)"
)
_CODE_SPAN = re.compile(r"`([^`]+)`")
_BARE_URL = re.compile(r"https?://[^\s<>\"'`,)\]]+(?:\([^\s()]*\))?")
#: ``github.com/org/repo`` printed without a scheme (a copied PDF reference often does this).
_BARE_DOMAIN = re.compile(
    r"(?<![\w@/.:-])(?:[a-z0-9-]+\.)+(?:com|org|net|io|ai|co|edu|dev|app|cc)/[^\s,)\]*`]*",
    re.IGNORECASE,
)
_EMPTY_BRACKETS = re.compile(r"\[\s*\]|\(\s*\)|\{\s*\}")


def iter_links(text: str) -> Iterator[tuple[str, Link]]:
    """Each Markdown and HTML link of ``text`` in printed order: its source, and the `Link`
    (label without markup, URL cleaned), read by the same patterns as `extract_links`."""
    found = [(m.start(), m.group(0), _md_link(m)) for m in _MD_LINK.finditer(text)]
    found += [(m.start(), m.group(0), _html_link(m)) for m in _HTML_LINK.finditer(text)]
    for _, printed, link in sorted(found, key=lambda item: item[0]):
        yield printed, link


def _md_link(match: re.Match[str]) -> Link:
    """The `Link` of a `_MD_LINK` match (its target may be in ``<(…)>``)."""
    return Link(match.group(1).strip(), _clean_url(match.group(2) or match.group(3)))


def _html_link(match: re.Match[str]) -> Link:
    """The `Link` of an `_HTML_LINK` match, its label without tags."""
    return Link(re.sub(r"<[^>]+>", "", match.group(2)).strip(), _clean_url(match.group(1)))


def extract_links(text: str) -> tuple[str, tuple[Link, ...]]:
    """Take every link out of ``text``: generic ones vanish, titled ones leave their text.

    >>> text, links = extract_links("**LIMA**. [Paper](https://arxiv.org/abs/2305.11206)")
    >>> squash(text), links
    ('**LIMA**.', (Link(text='Paper', url='https://arxiv.org/abs/2305.11206'),))
    """
    links: list[tuple[int, Link]] = []

    def take(url: str, label: str, position: int) -> None:
        links.append((position, Link(label.strip(), _clean_url(url))))

    # Replacements keep the length of what they replace, so that positions found by later
    # passes still order the links as the document printed them.
    def badge(m: re.Match[str]) -> str:
        take(m.group(2), "", m.start())
        said = badge_text(m.group(1))
        return _pad(f" {said} " if said else "", m)

    def image(m: re.Match[str]) -> str:
        said = badge_text(m.group(1) or "")
        return _pad(f" {said} " if said else "", m)

    def link(read: Callable[[re.Match[str]], Link]) -> Callable[[re.Match[str]], str]:
        def replaced(m: re.Match[str]) -> str:
            found = read(m)
            links.append((m.start(), found))
            return _pad("" if is_generic_link_text(found.text) else found.text, m)

        return replaced

    def code(m: re.Match[str]) -> str:
        content = m.group(1)
        if _BARE_URL.search(content) or _BARE_DOMAIN.search(content):
            return " " + _take_plain_urls(content, m.start() + 1, take) + " "
        return _pad(content, m)

    # each pass only where its opening character is in the text (most text has few links)
    if "![" in text:
        text = _IMAGE.sub(image, _BADGE.sub(badge, text))
    if "<" in text:
        text = _HTML_LINK.sub(link(_html_link), text)
    if "](" in text:
        text = _MD_LINK.sub(link(_md_link), text)
    if "`" in text:
        text = _CODE_SPAN.sub(code, text)
    text = _take_plain_urls(text, 0, take)
    text = _EMPTY_BRACKETS.sub(" ", text)
    ordered = tuple(link for _, link in sorted(links, key=lambda pair: pair[0]))
    return text, tuple(link for link in ordered if link.url)


def _pad(text: str, match: re.Match[str]) -> str:
    return text.ljust(len(match.group(0)))


def _take_plain_urls(text: str, offset: int, take: Callable[[str, str, int], None]) -> str:
    def bare(m: re.Match[str]) -> str:
        take(m.group(0), "", offset + m.start())
        return _pad("", m)

    def domain(m: re.Match[str]) -> str:
        take("https://" + m.group(0), "", offset + m.start())
        return _pad("", m)

    return _BARE_DOMAIN.sub(domain, _BARE_URL.sub(bare, text))


def _clean_url(url: str) -> str:
    url = url.strip().strip("<>")
    url = url.rstrip(".,;:")
    if url.startswith("http") and url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_EMOJI_CODE = re.compile(r":[a-z0-9_+-]+:")


def strip_html(text: str) -> str:
    """Remove HTML tags and decode the few entities READMEs use."""
    text = _TAG.sub(" ", text)
    if "&" in text:
        # Every named and numeric entity: &ndash; &reg; &middot; &#8211; (not only &amp;).
        text = html.unescape(text).replace("\xa0", " ")
    return text


_HTML_EMPHASIS = (
    (re.compile(r"<(b|strong)\b[^<>]*>((?:(?!<\1\b).)*?)</\1\s*>", re.I | re.S), "**"),
    (re.compile(r"<(i|em|cite)\b[^<>]*>((?:(?!<\1\b).)*?)</\1\s*>", re.I | re.S), "*"),
)
#: ``<br>`` with the space around it; from where its run of spaces starts (the look-behind).
_BREAK = re.compile(r"(?:(?<!\s)\s++|)<br\s*+/?>\s*", re.IGNORECASE)


def html_to_markdown(text: str) -> str:
    """HTML emphasis as Markdown emphasis, and ``<br>`` as the end of a sentence.

    An HTML reference list marks its title with ``<b>`` or ``<em>`` where Markdown uses ``**``;
    a ``<br>`` between authors, title and venue ends a part as a period does.

    >>> html_to_markdown("A. Lee.<br><b>Quiet Tokens</b><br><i>TACL</i> 2023")
    'A. Lee. **Quiet Tokens**. *TACL* 2023'
    """
    for pattern, mark in _HTML_EMPHASIS:
        text = pattern.sub(partial(_emphasise, mark=mark), text)

    def sentence_end(m: re.Match[str]) -> str:
        before = m.start()  # the last character before it that is not a space
        while before and text[before - 1].isspace():
            before -= 1
        return " " if text[before - 1 : before] in ".,;:!?" else ". "

    return _BREAK.sub(sentence_end, text)


def _emphasise(match: re.Match[str], mark: str) -> str:
    inner = match.group(2)
    stripped = inner.strip()
    return f"{mark}{stripped}{mark}" if stripped else inner


def strip_symbols(text: str) -> str:
    """Remove ``:emoji:`` codes and pictographs (status marks such as ✅ ❌ 🔥)."""
    return _PICTOGRAPH.sub(" ", _EMOJI_CODE.sub(" ", text))


#: Emoji and status marks: ✅ 🔥 ⭐ ⬆ ⏳ (not letters, digits or the dashes of a title).
_PICTOGRAPH = re.compile(
    "[\u2600-\u27bf\u2b00-\u2bff\u231a-\u23ff\U0001f000-\U0001faff\ufe0f\u200d]"
)


def strip_emphasis(text: str) -> str:
    """Remove ``**bold**``, ``*italic*`` and ``_italic_`` markers, keeping their text."""
    if "*" in text:
        text = _STARS.sub("", text)
        # A single star is emphasis only when it pairs up: "90%* ChatGPT" keeps its star.
        text = _STARRED.sub(r"\1", text)
    if "_" in text:
        # An underscore run after a word is matched from its start only (linear on long runs).
        text = _UNDERSCORES.sub("", text)
    return text


_STARS = re.compile(r"\*{2,}")
_STARRED = re.compile(r"(?<![\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])")
_UNDERSCORES = re.compile(r"(?<![\w])_+|(?<!_)_++(?![\w])")


def squash(text: str) -> str:
    """Collapse runs of white space (what ``\\s`` matches: `str.isspace`)."""
    return " ".join(text.split())

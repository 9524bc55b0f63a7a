"""Number variables read as citeproc-js reads them: values, the joins between them, plurals.

citeproc-py replaced every hyphen of a locator with an en dash ("Michaelson–Morely",
"3\\–B"), called a label plural whenever two digits had anything between them and never
when the numbers were roman ("pages i–ix"), and ran ``page-range-format`` on page only.
Here a field ("1-2", "213 & 235", "i-ix", "327\\-30") is split into values and joins as
citeproc-js splits it; the field is plural when it holds more than one number, and a
hyphen between two numbers becomes the locale's range delimiter (an escaped hyphen
stays a hyphen). Fields with embedded labels ("vol. 1, fol. 186") are not handled here:
`parse` returns None for them and the caller keeps citeproc-py's rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from refs.render.engine.pages import page_range

# The abbreviations citeproc-js reads as labels inside a number field.
LABELS = frozenset(
    "vrs. sv. subpara. op. subch. add. amend. annot. app. art. bibliog. bk. ch. cl. col. cmt. "
    "dec. dept. ex. fig. fld. fol. n. hypo. illus. intro. l. no. p. pp. para. pt. pmbl. princ. "
    "pub. r. rn. sched. sec. ser. subdiv. subsec. supp. tbl. tit. vol.".split()
)
_LABEL_WORD = re.compile(
    r"(?:^| )(?:[a-z]{1,4}|subpara|subch|amend|bibliog|annot|illus|princ|intro|sched|subdiv"
    r"|subsec)(?:\.| ) *"
)
_AND = re.compile(r"^\s*&\s*$")
_JOINER = r"\s*&\s*|,\s+and\s+|\s+and\s+|;\s+|,\s+|\s*\\*[{dashes}]+\s*"
_PARTICLE = re.compile(r"^([0-9]*[a-zA-Z]+0*)?([0-9]+(?:[a-zA-Z]*|[-,a-zA-Z]+))$")
_PAIR = re.compile(
    r"^([0-9]*[a-zA-Z]+0*)?([0-9]+[a-z]*)(\s*[^0-9]+\s*)([-,a-zA-Z]?0*)([0-9]+[a-z]*)$"
)
_ROMAN = re.compile(r"^[ivxlcmIVXLCM]+$")
_ROMAN_OR_DIGITS = re.compile(r"^([0-9]+|[ivxlcmIVXLCM]+)$")
# Variables whose hyphen between numbers becomes the page range delimiter.
RANGED = frozenset(
    "page page-first chapter-number collection-number edition issue number number-of-pages "
    "number-of-volumes volume locator locator-extra".split()
)


@dataclass(slots=True)
class Value:
    """One number of a field, the prefix before its digits, and what joins it to the next."""

    particle: str
    value: str
    joiner: str = ""


@dataclass(slots=True)
class Field:
    values: list[Value]
    numeric: bool
    collapsible: bool
    plural: bool

    def text(self) -> str:
        return "".join(v.particle + v.value + v.joiner for v in self.values)


def parse(text: str, variable: str, ampersand: str = "&") -> Field | None:
    """The values of a number field, or None when it carries labels of its own.

    >>> parse("213 & 235", "locator").plural, parse("327\\\\-30", "page").plural
    (True, False)
    >>> [parse(v, "page").plural for v in ("i-ix", "Michaelson-Morely", "3")]
    [True, False, False]
    >>> print(parse("vol. 1, fol. 186", "locator"))
    None
    """
    text = text.strip()
    if variable in ("page", "page-first"):
        text = text.replace("\u2013", "-")
    dashes = r"\-\u2013"
    if "\\-" in text:
        text = "\\-".join(part.replace("-", "\u2013") for part in text.split("\\-"))
        text = text.replace("\\", "")
        dashes = r"\u2013"
    pieces = re.split(f"({_JOINER.format(dashes=dashes)})", text)
    for number in range(1, len(pieces), 2):
        if _AND.match(pieces[number]):
            around = pieces[number - 1]
            tight = re.search(r"[a-zA-Z]$", around) and re.match(r"^[a-zA-Z]", around)
            pieces[number] = ampersand if tight else f" {ampersand} "
    pieces = _subsections(pieces)
    if any(_LABEL_WORD.search(piece) for piece in pieces[::2]):
        return None
    values = []
    for number in range(0, len(pieces), 2):
        joiner = pieces[number + 1] if number + 1 < len(pieces) else ""
        joiner = re.sub(r"\s*-\s*", "-", joiner, count=1)
        match = _PARTICLE.match(pieces[number].strip())
        if match:
            values.append(Value(match.group(1) or "", match.group(2), joiner))
        else:
            values.append(Value("", pieces[number].strip(), joiner))
    return _counted(values, variable)


def _subsections(pieces: list[str]) -> list[str]:
    """ "12a-c" is one value: a hyphen between letters after a number is part of it."""
    for number in range(len(pieces) - 2, 0, -2):
        if (
            pieces[number] == "-"
            and re.match(r"^(?:[a-z]{1,4}\.  *)*[0-9]+[,a-zA-Z]+$", pieces[number - 1])
            and re.match(r"^[,a-zA-Z]+$", pieces[number + 1])
        ):
            pieces[number - 1 : number + 2] = ["".join(pieces[number - 1 : number + 2])]
    return pieces


def _counted(values: list[Value], variable: str) -> Field:
    first = values[0].value
    numeric = bool(first) and bool(re.match(r"^(?:[0-9]+|[ixv]+)([-,:a-zA-Z]*|\-[\-0-9]+)$", first))
    collapsible = bool(re.match(r"^\s*[-+]?[0-9]", first) or _ROMAN.match(first))
    plural = numeric and collapsible and len(values) > 1
    if numeric and variable.startswith("number-of-") and _leading_int(first) > 1:
        plural = True
    if len(values) == 1 and re.match(r"^[0-9]+(?:/[0-9]+)+$", first):
        numeric, collapsible, plural = True, False, False
    return Field(values, numeric, collapsible, plural)


def _leading_int(text: str) -> int:
    """The number a value starts with (its first 40 digits: int() refuses 4,300, and only the
    order of two numbers is wanted here)."""
    match = re.match(r"\s*([0-9]{1,40})", text)
    return int(match.group(1)) if match else 0


def fix_ranges(
    field: Field, variable: str, *, page: bool, range_format: str | None, delimiter: str
) -> None:
    """Hyphens between numbers become ``delimiter``; page ranges (``page`` true: the page
    variable, or a locator labelled page) are formatted as ``range_format`` asks."""
    values = field.values
    if variable not in RANGED:
        return
    options: dict[str, Any] = {"page": page, "range_format": range_format, "delimiter": delimiter}
    count = 0
    for number, value in enumerate(values):
        if not field.collapsible:
            count = 0
            value.joiner = _delimited(value.joiner, variable, field.numeric, page, delimiter)
        elif number and value.joiner == "-":
            count = 1
        elif number:
            count += 1
            if count == 2:
                count = _pair(field, number, variable, **options)
        else:
            count = 1
    if count == 2:
        _pair(field, len(values) - 1, variable, **options)


def _delimited(joiner: str, variable: str, numeric: bool, page: bool, delimiter: str) -> str:
    if joiner != "-" or not numeric:
        return joiner
    if page or variable in ("locator", "locator-extra", "issue", "volume", "edition", "number"):
        return delimiter
    if variable == "collection-number":
        return "\u2013"
    return joiner


def _pair(
    field: Field,
    number: int,
    variable: str,
    *,
    page: bool,
    range_format: str | None,
    delimiter: str,
) -> int:
    """The range ending at value ``number`` written out; the new count of the range."""
    before, value = field.values[number - 1], field.values[number]
    if before.particle != value.particle:
        return 2
    if before.joiner != "-":
        return 1
    if not range_format and _leading_int(before.value) > _leading_int(value.value):
        before.joiner = _delimited(before.joiner, variable, field.numeric, page, delimiter)
        return 2
    if page and re.match(r"\s*[0-9]", before.value) and re.match(r"\s*[0-9]", value.value):
        text = f"{before.particle}{before.value} - {value.particle}{value.value}"
        text = page_range(text, range_format, delimiter)
    else:
        if _ROMAN_OR_DIGITS.match(before.value) and _ROMAN_OR_DIGITS.match(value.value):
            before.joiner = delimiter
        text = before.value + before.joiner + value.value
    match = _PAIR.match(text)
    if match:
        before.particle, before.value = match.group(1) or "", match.group(2)
        before.joiner = _delimited(match.group(3), variable, field.numeric, page, delimiter)
        value.particle, value.value = match.group(4), match.group(5)
    return 0

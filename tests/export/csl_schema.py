"""A structural check of CSL-JSON items, written from the CSL 1.0.2 specification's variable
lists and csl-data.json's shape (citeproc-py 0.11.1 does not ship csl-data.json, and no copy
is installed offline): known type, known variables only (csl-data.json forbids others), names
as name objects, dates as ``date-parts``, ``custom`` an object.
"""

from __future__ import annotations

from collections.abc import Mapping

#: CSL 1.0.2 item types.
TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
    graphic hearing interview legal_case legislation manuscript map motion_picture
    musical_score pamphlet paper-conference patent performance periodical
    personal_communication post post-weblog regulation report review review-book software song
    speech standard thesis treaty webpage""".split()
)
#: CSL 1.0.2 name variables.
NAME_VARIABLES = frozenset(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director executive-producer guest host illustrator interviewer
    narrator organizer original-author performer producer recipient reviewed-author
    script-writer series-creator translator""".split()
)
#: CSL 1.0.2 date variables.
DATE_VARIABLES = frozenset(
    "accessed available-date event-date issued original-date submitted".split()
)
#: CSL 1.0.2 standard and number variables, and csl-data.json's extra keys.
TEXT_VARIABLES = frozenset(
    """abstract annote archive archive_collection archive_location archive-place authority
    call-number chapter-number citation-key citation-label citation-number collection-number
    collection-title container-title container-title-short dimensions division DOI edition
    event event-title event-place first-reference-note-number genre ISBN ISSN issue
    jurisdiction keyword language license locator medium note number number-of-pages
    number-of-volumes original-publisher original-publisher-place original-title page
    page-first part part-title PMCID PMID printing publisher publisher-place references
    reviewed-genre reviewed-title scale section source status supplement title title-short
    URL version volume volume-title volume-title-short year-suffix journalAbbreviation
    shortTitle""".split()
)
_NAME_KEYS = frozenset(
    """family given dropping-particle non-dropping-particle suffix comma-suffix
    static-ordering literal parse-names""".split()
)
_DATE_KEYS = frozenset("date-parts season circa literal raw".split())


def _date_errors(where: str, value: object) -> list[str]:
    if not isinstance(value, Mapping) or not set(value) <= _DATE_KEYS:
        return [f"{where}: not a date object: {value!r}"]
    parts = value.get("date-parts")
    if parts is None:
        return [] if "literal" in value or "raw" in value else [f"{where}: no date-parts"]
    ok = (
        isinstance(parts, list)
        and 1 <= len(parts) <= 2
        and all(
            isinstance(p, list)
            and 1 <= len(p) <= 3
            and all(isinstance(x, int | str) and not isinstance(x, bool) for x in p)
            for p in parts
        )
    )
    return [] if ok else [f"{where}: bad date-parts {parts!r}"]


def _names_errors(where: str, value: object) -> list[str]:
    if not isinstance(value, list):
        return [f"{where}: not a list of names"]
    errors = []
    for name in value:
        if not isinstance(name, Mapping) or not name or not set(name) <= _NAME_KEYS:
            errors.append(f"{where}: not a name object: {name!r}")
        elif not all(isinstance(v, str | int | float | bool) for v in name.values()):
            errors.append(f"{where}: bad name value: {name!r}")
    return errors


def item_errors(item: Mapping[str, object]) -> list[str]:
    """Every way ``item`` departs from CSL-JSON (empty when it is valid)."""
    key = item.get("id")
    errors = [] if isinstance(key, str | int) and key != "" else ["id: missing or not a string"]
    if item.get("type") not in TYPES:
        errors.append(f"type: {item.get('type')!r} is not a CSL type")
    for name, value in item.items():
        where = f"{key}.{name}"
        if name in {"id", "type"}:
            continue
        if name == "custom":
            errors += [] if isinstance(value, Mapping) else [f"{where}: not an object"]
        elif name == "categories":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            errors += [] if ok else [f"{where}: not a list of strings"]
        elif name in NAME_VARIABLES:
            errors += _names_errors(where, value)
        elif name in DATE_VARIABLES:
            errors += _date_errors(where, value)
        elif name in TEXT_VARIABLES:
            ok = isinstance(value, str | int | float) and not isinstance(value, bool)
            errors += [] if ok else [f"{where}: not a string or number: {value!r}"]
        else:
            errors.append(f"{where}: not a CSL variable")
    return errors

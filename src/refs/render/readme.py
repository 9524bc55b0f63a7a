"""The survey-README layout of a reference section: numbered entries with their anchors,
grouped under headings, in Markdown.

    ### Instruction Tuning / Datasets

    <a id="ref1">[1]</a> Daniel Khashabi, Sewon Min, Tushar Khot, et al. **UnifiedQA…**. 2020. …

    <a id="ref2">[2]</a> …

The numbers are given (the order the catalog first cites the works, decided by the caller);
the style only says how each entry reads. A number the style prints itself (a second-field-align
margin) is dropped: the anchor carries it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from refs.render import DEFAULT_LOCALE, Style, render_bibliography
from refs.render.formats import to_markdown

#: Where the number goes in an entry marker.
NUMBER = "\0"
#: The anchor a survey README opens each entry with.
DEFAULT_MARKER = f'<a id="ref{NUMBER}">[{NUMBER}]</a> '
#: The heading of the entries no catalog row cites, when the others have headings.
OTHER_HEADING = ("Other",)


@dataclass(frozen=True, slots=True)
class ReadmeGroup:
    """Entries (store keys, in number order) under one heading path (``()``: no heading)."""

    heading: tuple[str, ...]
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReadmeLayout:
    """How the section is written: each entry's marker (``NUMBER`` where the number goes),
    the level of the group headings, whether entries are separated by a blank line, and the
    first number."""

    marker: str = DEFAULT_MARKER
    heading_level: int = 3
    blank_between: bool = True
    start: int = 1


@dataclass(frozen=True, slots=True)
class ReadmeSection:
    """The section's lines (no line endings), each key's number, and citeproc's warnings."""

    lines: tuple[str, ...]
    numbers: Mapping[str, int]
    warnings: tuple[str, ...]

    @property
    def text(self) -> str:
        """The lines joined, ending with a newline (empty when there is nothing)."""
        return "".join(f"{line}\n" for line in self.lines)


def numbered(groups: Sequence[ReadmeGroup], start: int = 1) -> dict[str, int]:
    """Each key's number: consecutive in the order the groups list them (first one wins).

    >>> numbered([ReadmeGroup(("A",), ("x", "y")), ReadmeGroup((), ("z", "x"))])
    {'x': 1, 'y': 2, 'z': 3}
    """
    numbers: dict[str, int] = {}
    for group in groups:
        for key in group.keys:
            numbers.setdefault(key, start + len(numbers))
    return numbers


def readme_section(
    items: Sequence[Mapping[str, Any]],
    groups: Sequence[ReadmeGroup],
    style: Style,
    locale: str = DEFAULT_LOCALE,
    layout: ReadmeLayout = ReadmeLayout(),
) -> ReadmeSection:
    """Render the CSL-JSON ``items`` the ``groups`` name, numbered and grouped.

    Items are registered in number order, so a numeric style agrees with the anchors; keys
    with no item are skipped.
    """
    numbers = numbered(groups, layout.start)
    by_id = {str(item["id"]): item for item in items}
    ordered = [by_id[key] for key in numbers if key in by_id]
    bibliography = render_bibliography(ordered, style, locale, "markdown")
    texts = {entry.id: to_markdown(entry.html) for entry in bibliography.entries}
    lines = list(_lines(groups, numbers, texts, layout))
    return ReadmeSection(tuple(lines), numbers, bibliography.warnings)


def _lines(
    groups: Sequence[ReadmeGroup],
    numbers: Mapping[str, int],
    texts: Mapping[str, str],
    layout: ReadmeLayout,
) -> Iterator[str]:
    headed = any(group.heading for group in groups)
    first = True
    placed: set[str] = set()
    for group in groups:
        keys = [key for key in group.keys if key in texts and key not in placed]
        if not keys:
            continue
        placed.update(keys)
        heading = group.heading or (OTHER_HEADING if headed else ())
        if heading:
            if not first:
                yield ""
            yield f"{'#' * layout.heading_level} {' / '.join(heading)}"
            yield ""
        elif not first:
            yield ""
        for position, key in enumerate(keys):
            if position and layout.blank_between:
                yield ""
            marker = layout.marker.replace(NUMBER, str(numbers[key]))
            yield f"{marker}{texts[key]}"
        first = False

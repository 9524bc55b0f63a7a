"""Property: `plan_sync` changes nothing outside its managed regions, and is idempotent."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.catalog import CitedCell, Item
from refs.model import Entry, SourceLocation
from refs.render.readme import NUMBER, ReadmeGroup, ReadmeLayout, ReadmeSection, numbered
from refs.sync import plan_sync

FILE = "README.md"
#: Prose lines: no markup that opens a heading, table, list, fence or citation.
_PROSE = st.lists(
    st.text(
        alphabet=st.characters(
            blacklist_characters="\n\r#|[]<>`~-*+=_0123456789", blacklist_categories=("Cs", "Cc")
        ),
        max_size=30,
    ).map(lambda s: s.strip()),
    max_size=4,
)


def _render(groups: Sequence[ReadmeGroup], layout: ReadmeLayout) -> ReadmeSection:
    numbers = numbered(groups, layout.start)
    lines: list[str] = []
    for key, number in numbers.items():
        lines += [*([""] if lines else []), f"{layout.marker.replace(NUMBER, str(number))}{key}"]
    return ReadmeSection(tuple(lines), numbers, ())


def _document(
    before: list[str], middle: list[str], after: list[str], eol: str
) -> tuple[str, list[Item], list[Entry]]:
    table = [
        "## Models",
        "",
        "| Name | Base |",
        "| --- | --- |",
        "| A [2] | B [1] |",
        "| B [1] | - |",
        "",
    ]
    refs = ["## References", "", "[1] one", "", "[2] two", "", "## After"]
    lines = [*before, "", *table, *middle, "", *refs, *after]
    first = len(before) + 2
    row_a, row_b = first + 4, first + 5
    ref_1 = first + len(table) + len(middle) + 3
    items = [
        Item(
            "A",
            ("Models", "Name"),
            FILE,
            row_a,
            ("2",),
            ("b",),
            related=(CitedCell("Base", "B", row_a, ("1",), ("a",)),),
        ),
        Item("B", ("Models", "Name"), FILE, row_b, ("1",), ("a",)),
    ]
    entries = [
        Entry("a", "misc", {"title": "one"}, (SourceLocation(FILE, ref_1, "1"),)),
        Entry("b", "misc", {"title": "two"}, (SourceLocation(FILE, ref_1 + 2, "2"),)),
    ]
    return eol.join(lines) + eol, items, entries


@settings(max_examples=60, deadline=None)
@given(before=_PROSE, middle=_PROSE, after=_PROSE, eol=st.sampled_from(["\n", "\r\n"]))
def test_lines_outside_the_managed_regions_are_unchanged(
    before: list[str], middle: list[str], after: list[str], eol: str
) -> None:
    text, items, entries = _document(before, middle, after, eol)
    plan = plan_sync(FILE, text, items, entries, _render)
    old, new = text.split(eol), plan.text.split(eol)
    assert new[: len(before) + 5] == old[: len(before) + 5]
    assert new[len(before) + 5] == "| A [1] | B [2] |"
    assert new[len(before) + 6] == "| B [2] | - |"
    assert eol.join(middle) in plan.text
    assert plan.text.endswith(eol.join(["## After", *after]) + eol)
    assert "[1] b" in plan.text
    assert "[2] a" in plan.text
    assert plan.numbers == {"b": 1, "a": 2}

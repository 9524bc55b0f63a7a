"""Nothing silently lost: in a generated reference section, every list item is an occurrence
or an ``unread-reference`` finding at its line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refs.parsing import parse_document

_WORD = st.text(alphabet="abcdefghijklmnoprstuvwxyz", min_size=3, max_size=9)
_TITLE = st.lists(_WORD, min_size=3, max_size=7).map(lambda ws: " ".join(w.title() for w in ws))
_ARXIV = st.builds(lambda m, n: f"23{m:02d}.{n:05d}", st.integers(1, 12), st.integers(0, 99999))
_NAME = st.builds(lambda a, b: f"{a.title()} {b.title()}", _WORD, _WORD)
#: Text of an item that may or may not read as a reference: words, numbers, punctuation
#: (not two more dashes alone: ``- --`` is a thematic break, no list item).
_NOISE = st.text(alphabet="abcdefXYZ 0123.,:;'()-", min_size=0, max_size=60).filter(
    lambda text: text.replace(" ", "").strip("-") != "" or text.count("-") < 2
)


@st.composite
def _reference(draw: st.DrawFn) -> list[str]:
    title, arxiv = draw(_TITLE), draw(_ARXIV)
    shape = draw(st.sampled_from(["link", "thunlp", "continued"]))
    if shape == "link":
        return [f"[{title}](https://arxiv.org/abs/{arxiv}) - a note"]
    names = ", ".join(draw(st.lists(_NAME, min_size=1, max_size=3)))
    if shape == "thunlp":
        return [f"**{title}.** *{names}.* ACL 2021. [[pdf](https://arxiv.org/abs/{arxiv})]"]
    return [f"**{title}.** ACL 2021.", "", f"   *{names}.* [[pdf](https://arxiv.org/abs/{arxiv})]"]


@st.composite
def _section(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A ``## Papers`` section of bullets, more of them references than not, in any order;
    some bullets carry a description sub-bullet."""
    references = draw(st.lists(_reference(), min_size=2, max_size=8))
    noise = draw(st.lists(_NOISE.map(lambda t: [t.strip()]), max_size=len(references) - 1))
    items = draw(st.permutations([*references, *noise]))
    lines = ["# Survey", "", "## Papers", ""]
    starts = []
    for item in items:
        starts.append(len(lines) + 1)
        first, *rest = item
        lines.append(f"- {first}".rstrip())
        lines.extend(rest)
        if draw(st.booleans()):
            lines.append("  - a description of the work above")
    return "\n".join([*lines, ""]), starts


@settings(max_examples=150, deadline=None)
@given(_section())
def test_every_item_of_a_reference_section_is_an_occurrence_or_a_finding(
    section: tuple[str, list[int]],
) -> None:
    text, starts = section
    result = parse_document(text, "README.md")
    read = {record.source.line for record in result.records}
    unread = {p.line for p in result.problems if p.code == "unread-reference"}
    assert read | unread >= set(starts), (sorted(read), sorted(unread), starts)
    assert read.isdisjoint(unread)
    assert (read | unread) <= set(starts)

"""`plan_sync` on each reference-list shape a README writes, and a plain refusal, with the
document's line, for the shapes it cannot write back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from refs.model import Entry, SourceLocation
from refs.render.readme import NUMBER, ReadmeGroup, ReadmeLayout, ReadmeSection, numbered
from refs.sync import plan_sync
from refs.sync.references import NoReferenceSection, UnwritableReferences
from tests.conftest import RunCli

FILE = "README.md"


def _render(groups: Sequence[ReadmeGroup], layout: ReadmeLayout) -> ReadmeSection:
    """Each entry as its marker and key (separated as the layout says)."""
    numbers = numbered(groups, layout.start)
    lines: list[str] = []
    for key, number in numbers.items():
        gap = [""] if lines and layout.blank_between else []
        lines += [*gap, f"{layout.marker.replace(NUMBER, str(number))}{key}"]
    return ReadmeSection(tuple(lines), numbers, ())


def _entries(text: str) -> list[Entry]:
    """An entry per line of ``text`` that carries ``Title N`` (numbered N, key ``kN``)."""
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "Title " in line:
            label = line.split("Title ")[1].split(".")[0]
            out.append(Entry(f"k{label}", "misc", {}, (SourceLocation(FILE, number, label),)))
    return out


def _synced(text: str) -> str:
    return plan_sync(FILE, text, [], _entries(text), _render).text


PROSE = "# Survey of Sparse Models\n\nA list of papers.\n\n"


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        pytest.param(
            "[2] B. Lee. Title 2. 2021.\n[1] A. Kim. Title 1. 2020.\n",
            "[1] k2\n[2] k1\n",
            id="bracket-lines-one-paragraph",
        ),
        pytest.param(
            "[2] B. Lee. Title 2. 2021.\n\n[1] A. Kim. Title 1. 2020.\n",
            "[1] k2\n\n[2] k1\n",
            id="bracket-paragraphs",
        ),
        pytest.param(
            '<a id="ref2">[2]</a> B. Lee. Title 2.\n\n<a id="ref1">[1]</a> A. Kim. Title 1.\n',
            '<a id="ref1">[1]</a> k2\n\n<a id="ref2">[2]</a> k1\n',
            id="anchor-lines",
        ),
        pytest.param(
            "**[2]** B. Lee. Title 2. 2021.\n\n**[1]** A. Kim. Title 1. 2020.\n",
            "**[1]** k2\n\n**[2]** k1\n",
            id="bold-bracket-paragraphs",
        ),
        pytest.param(
            "- [2] B. Lee. Title 2. 2021.\n- [1] A. Kim. Title 1. 2020.\n",
            "- [1] k2\n- [2] k1\n",
            id="bullet-bracket-list",
        ),
        pytest.param(
            "* **[2]** B. Lee. Title 2. 2021.\n* **[1]** A. Kim. Title 1. 2020.\n",
            "* **[1]** k2\n* **[2]** k1\n",
            id="bullet-bold-bracket-list",
        ),
        pytest.param(
            "2. B. Lee. Title 2. 2021.\n   *continued on a second line*\n"
            "3. A. Kim. Title 1. 2020.\n",
            "1. k2\n2. k1\n",
            id="numbered-list-with-continuation",
        ),
    ],
)
def test_each_writable_shape_is_renumbered_in_its_own_shape(entries: str, expected: str) -> None:
    text = f"{PROSE}## References\n\n{entries}\n## License\n\nMIT\n"
    assert _synced(text) == f"{PROSE}## References\n\n{expected}\n## License\n\nMIT\n"


@pytest.mark.parametrize(
    "heading",
    [
        pytest.param("References\n==========\n", id="setext"),
        pytest.param("<h2>📚 References</h2>\n", id="html-h2"),
        pytest.param("## **Bibliography**\n", id="emphasised-atx"),
    ],
)
def test_a_references_heading_of_any_syntax_is_found(heading: str) -> None:
    text = f"{PROSE}{heading}\n[2] B. Lee. Title 2.\n[1] A. Kim. Title 1.\n"
    assert _synced(text).endswith(f"{heading}\n[1] k2\n[2] k1\n")


def test_a_references_heading_inside_a_four_backtick_fence_is_not_the_references_section() -> None:
    example = "````markdown\n```\n## References\n\n[1] An example, not ours.\n```\n````\n"
    text = f"{PROSE}## References\n\n[2] Title 2.\n[1] Title 1.\n\n## How to cite\n\n{example}"
    synced = _synced(text)
    assert synced.endswith(f"## How to cite\n\n{example}")  # the example is untouched
    assert "## References\n\n[1] k2\n[2] k1\n\n## How to cite" in synced


def test_only_a_fenced_references_section_is_no_section() -> None:
    text = f"{PROSE}```\n## References\n\n[1] A. Kim. Title 1.\n```\n"
    with pytest.raises(NoReferenceSection, match=r"^README\.md: no References section"):
        _synced(text)


@pytest.mark.parametrize(
    ("body", "line", "shape"),
    [
        pytest.param(
            "| # | Paper |\n|---|---|\n| 1 | A. Kim. Title 1. |\n", 7, "a table", id="pipe-table"
        ),
        pytest.param(
            "<ol>\n<li>A. Kim. Title 1.</li>\n<li>B. Lee. Title 2.</li>\n</ol>\n",
            7,
            "HTML",
            id="html-list",
        ),
        pytest.param(
            "- A. Kim. Title 1.\n- B. Lee. Title 2.\n", 7, "items without numbers", id="bullets"
        ),
        pytest.param("> [1] A. Kim. Title 1.\n", 7, "a block quote", id="quote"),
    ],
)
def test_an_unwritable_shape_is_refused_with_its_line_before_any_change(
    body: str, line: int, shape: str
) -> None:
    text = f"{PROSE}## References\n\n{body}"
    with pytest.raises(UnwritableReferences, match=rf"^README\.md:{line}: .*{shape}"):
        _synced(text)


def test_an_unwritable_block_between_entries_is_refused_rather_than_dropped() -> None:
    text = (
        f"{PROSE}## References\n\n[1] A. Kim. Title 1.\n\n| Extra | Table |\n|---|---|\n"
        "| a | b |\n\n[2] B. Lee. Title 2.\n"
    )
    with pytest.raises(UnwritableReferences, match=r"^README\.md:9: a table between"):
        _synced(text)


def test_refs_sync_refuses_an_unwritable_section_with_exit_2_and_changes_nothing(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REFS_CATALOG", "catalog.yaml")
    text = (
        f"{PROSE}## Papers\n\n- **Sparse Vision Transformers.** Ana Kim. CVPR 2023. "
        "[[paper](https://arxiv.org/abs/2301.00011)]\n\n"
        "## References\n\n| # | Reference |\n|---|---|\n"
        "| 1 | Ana Kim. **Sparse Vision Transformers.** CVPR 2023. |\n"
    )
    (tmp_path / "doc.md").write_text(text, encoding="utf-8")
    assert run_cli("import", "doc.md").exit_code == 0
    result = run_cli("sync", "doc.md", "--write", "--force")
    assert result.exit_code == 2
    assert "doc.md:11: the 'References' section lists its entries as a table" in result.stderr
    assert (tmp_path / "doc.md").read_text(encoding="utf-8") == text

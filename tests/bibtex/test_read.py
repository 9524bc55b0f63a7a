"""The reader: BibTeX's own rules, every byte kept, problems located."""

from __future__ import annotations

import itertools

import pytest

from refs.bibtex import BlockKind, read_bib
from refs.model import SourceLocation


def kinds(data: bytes) -> list[str]:
    return [block.kind.value for block in read_bib(data).blocks]


def test_blocks_cover_every_byte_in_order() -> None:
    data = b"% header\n@string{acl = {ACL}}\n@misc{a, title={A}}\n\njunk @ here\n@misc{b,}\n"
    blocks = read_bib(data).blocks
    assert b"".join(data[b.start : b.end] for b in blocks) == data
    assert all(a.end == b.start for a, b in itertools.pairwise(blocks))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"@misc{k, title = {A {B} c}}", {"title": "A {B} c"}, id="braced"),
        pytest.param(
            b'@misc{k, title = "A {"} c"}', {"title": 'A {"} c'}, id="quoted-with-brace-quote"
        ),
        pytest.param(b"@misc{k, year = 2020}", {"year": "2020"}, id="bare-number"),
        pytest.param(b"@misc{k, TITLE = {A}}", {"title": "A"}, id="field-names-lower-cased"),
        pytest.param(b"@misc(k, title = {A})", {"title": "A"}, id="parenthesised-entry"),
        pytest.param(b"@misc{k, title = {A},}", {"title": "A"}, id="trailing-comma"),
        pytest.param(b"@misc{k,\n title={A\n  B}\n}", {"title": "A\n  B"}, id="multi-line-value"),
        pytest.param("@misc{k, title={Köpf}}".encode(), {"title": "Köpf"}, id="utf8"),
        pytest.param(b"@misc{k, note={a@b.c}}", {"note": "a@b.c"}, id="at-sign-in-value"),
    ],
)
def test_field_values(data: bytes, expected: dict[str, str]) -> None:
    (entry,) = read_bib(data).entries
    assert dict(entry.fields) == expected
    assert entry.key == "k"


@pytest.mark.parametrize(
    ("data", "field", "expression"),
    [
        pytest.param(b"@misc{k, month = jan}", "month", "jan", id="macro"),
        pytest.param(
            b'@misc{k, booktitle = acl # " 2020"}', "booktitle", 'acl # " 2020"', id="concat"
        ),
        pytest.param(b"@misc{k, note = {a} # {b}}", "note", "{a} # {b}", id="concat-literals"),
    ],
)
def test_expressions_are_kept_verbatim(data: bytes, field: str, expression: str) -> None:
    (entry,) = read_bib(data).entries
    assert entry.fields[field] == expression
    assert field in entry.macros


def test_backslash_does_not_escape_a_brace() -> None:
    """BibTeX counts \\{ like any brace: the title closes early and so does the entry."""
    data = b"@inproceedings{k,\n  title = {{HOMO\\}-\\{MEX\\}: Tweets}},\n  year = {2020}\n}\n"
    parsed = read_bib(data)
    (entry,) = parsed.entries
    assert entry.fields == {"title": "{HOMO\\}-\\{MEX\\}: Tweets"}
    rest = [b for b in parsed.blocks if b.kind is BlockKind.TEXT]
    assert b"year = {2020}" in data[rest[0].start : rest[0].end]


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        pytest.param(b"\n\n@{WASSA,\n}\n@misc{a,}", "malformed-block", 3, id="no-entry-type"),
        pytest.param(b"@misc{, title={A}}", "malformed-block", 1, id="no-key"),
        pytest.param(b"@misc{k, title={A}\n@misc{b,}", "malformed-block", 1, id="unclosed-entry"),
        pytest.param(b"@misc{k title={A}}", "malformed-block", 1, id="no-comma-after-key"),
        pytest.param(b"@misc{k, title={A} year={1}}", "malformed-block", 1, id="no-comma-between"),
        pytest.param(b"@misc{a,}\n\n@misc{A,}", "repeated-key", 3, id="repeated-key-any-case"),
        pytest.param(b"@misc{a, title={A}, title={B}}", "repeated-field", 1, id="repeated-field"),
        pytest.param(b"@misc{a, title={\xff}}", "not-utf8", 1, id="not-utf8"),
    ],
)
def test_problems_are_reported_with_their_line(data: bytes, code: str, line: int) -> None:
    parsed = read_bib(data, "refs.bib")
    assert [(p.code, p.line, p.file) for p in parsed.problems if p.code == code] == [
        (code, line, "refs.bib")
    ]
    blocks = parsed.blocks
    assert b"".join(data[b.start : b.end] for b in blocks) == data


def test_malformed_block_keeps_its_bytes_and_the_next_entry_survives() -> None:
    data = b"@{WASSA,\n}\n@misc{a, title={A}}\n"
    parsed = read_bib(data)
    assert kinds(data) == ["malformed", "text", "entry", "text"]
    assert [e.key for e in parsed.entries] == ["a"]


def test_repeated_field_is_kept_under_another_name() -> None:
    (entry,) = read_bib(b"@misc{a, title={A}, title={B}}").entries
    assert entry.fields == {"title": "A", "title_duplicate": "B"}


def test_repeated_keys_both_load() -> None:
    parsed = read_bib(b"@misc{a, title={1}}\n@misc{a, title={2}}")
    assert [e.fields["title"] for e in parsed.entries] == ["1", "2"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        pytest.param(b"@string{acl = {ACL}}", "string", id="string"),
        pytest.param(b'@STRING(acl = "ACL")', "string", id="string-parens"),
        pytest.param(b"@preamble{ {\\newcommand{\\x}{y}} }", "preamble", id="preamble"),
        pytest.param(b"@comment{anything {nested} here}", "comment", id="comment"),
        pytest.param(b"just text, an email a@b.org, and % a comment", "text", id="text"),
    ],
)
def test_other_blocks(data: bytes, kind: str) -> None:
    assert kinds(data) == [kind]


def test_string_macro_values() -> None:
    (block,) = read_bib(b"@string{ACL = {Assoc. for CL}}").blocks
    assert (block.name, block.value, block.is_expression) == ("acl", "Assoc. for CL", False)


def test_line_numbers_count_from_one_at_the_at_sign() -> None:
    data = b"% a\n\n@misc{a,\n}\n% b\n   @misc{b,}\n"
    entries = [b for b in read_bib(data).blocks if b.entry is not None]
    assert [b.line for b in entries] == [3, 6]


def test_store_fields_are_typed_and_leave_fields() -> None:
    data = b"@misc{a, title={A}, sources={x.md:3#1; y.md:9}, ids={old1, old2}}"
    (entry,) = read_bib(data).entries
    assert entry.fields == {"title": "A"}
    assert entry.sources == (SourceLocation("x.md", 3, "1"), SourceLocation("y.md", 9))
    assert entry.ids == ("old1", "old2")


def test_entry_type_is_lower_cased_and_key_kept() -> None:
    (entry,) = read_bib(b"@InProceedings{Zhou2023LIMA, title={A}}").entries
    assert (entry.entry_type, entry.key) == ("inproceedings", "Zhou2023LIMA")

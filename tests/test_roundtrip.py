"""Property tests: entries survive write -> read -> write; a .bib file survives load + save."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refs.bibtex import format_entry, read_bib
from refs.model import Entry
from refs.store import load_store, save_store
from tests.strategies import entries, plain_text, values


@given(entries())
def test_entry_survives_write_then_read(entry: Entry) -> None:
    (back,) = read_bib(format_entry(entry).encode()).entries
    assert back == entry


@given(entries())
def test_write_read_write_is_stable(entry: Entry) -> None:
    text = format_entry(entry)
    (back,) = read_bib(text.encode()).entries
    assert format_entry(back) == text


#: Hand-written styles a real .bib has: tabs, aligned '=', quotes, parentheses, no trailing comma.
_STYLES = (
    "@{type}{{{key},\n  title = {{{value}}},\n  year = 2020\n}}",
    "@{type}({key},\n\ttitle\t=\t{{{value}}})",
    '@{type}{{{key}, note = "{value}", month = jan}}',
)
blocks = st.one_of(
    st.builds(
        lambda style, key, value: _STYLES[style].format(type="Article", key=key, value=value),
        st.integers(0, len(_STYLES) - 1),
        st.from_regex(r"[A-Za-z][A-Za-z0-9:_-]{0,12}", fullmatch=True),
        values.filter(lambda v: '"' not in v),
    ),
    plain_text.map(lambda t: t.replace("@", "(at)")),
    st.just("@string{acl = {Association for Computational Linguistics}}"),
    st.just("@comment{jabref-meta: {x}}"),
    st.just("@{WASSA,\n}"),
    st.just("@preamble{ {\\newcommand{\\noop}[1]{}} }"),
)
files = st.lists(blocks, max_size=8).map("\n\n".join)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files)
def test_untouched_store_saves_byte_identical(tmp_path: Path, text: str) -> None:
    path = tmp_path / "references.bib"
    path.write_bytes(text.encode())
    store = load_store(path)
    assert store.to_bytes() == text.encode()
    assert not save_store(store)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files, entries())
def test_adding_an_entry_keeps_every_other_byte(tmp_path: Path, text: str, entry: Entry) -> None:
    path = tmp_path / "references.bib"
    path.write_bytes(text.encode())
    store = load_store(path)
    before = store.entries()
    if store.get(entry.key) is not None:
        return
    store.put(entry)
    save_store(store)
    reloaded = load_store(path)
    assert reloaded.get(entry.key) == entry
    assert [e for e in reloaded.entries() if e.key != entry.key] == before
    for block in store.blocks:  # every original block is still there, verbatim
        assert text.encode()[block.start : block.end] in path.read_bytes()


@given(st.binary(max_size=300) | st.text('@{}(),=#"\\ \nab%', max_size=200).map(str.encode))
def test_any_bytes_are_covered_by_blocks(data: bytes) -> None:
    parsed = read_bib(data)
    assert b"".join(data[b.start : b.end] for b in parsed.blocks) == data

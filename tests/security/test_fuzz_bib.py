"""The .bib reader on random and mutated bytes: it never raises, every byte lands in exactly one
block on its true line, and its time is bounded by the input's size (linear, checked at n and
8n on the inputs that used to be quadratic or worse)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refs.bibtex import read_bib
from refs.encoding import BinaryInput
from refs.importing import import_document
from refs.store import load_store

#: A small .bib with every kind of block and value the reader knows.
SEED = (
    b"% a comment line\n"
    b'@string{conf = "Proceedings of {ACL}"}\n'
    b'@preamble{"\\newcommand{\\noop}[1]{}"}\n'
    b"@comment{anything {nested} here}\n"
    b"@inproceedings{smith2020,\n"
    b'  author = "Smith, John and {Doe}, Jane",\n'
    b"  title = {A {Nested} Title},\n"
    b'  booktitle = conf # " 2020",\n'
    b"  year = 2020, month = jan,\n"
    b"}\n"
    b"@misc(paren, title = {Parenthesised}, note = {a@b.org})\r\n"
    b"\r\n@article{k2, title={T}, sources = {README.md:3#1}, ids = {old}}\n"
)
#: The bytes BibTeX's syntax turns on, and some that it does not.
SYNTAX = b'@{}()"#,=%\\ \t\r\nabkz019\xc3\xa9\xff'

#: Generous on this slow shared machine: measured worst ~3 us/byte, the bound allows 30.
BASE_SECONDS = 0.1
SECONDS_PER_BYTE = 30e-6


@st.composite
def mutated_bib(draw: st.DrawFn) -> bytes:
    """The seed, with a few bytes inserted, deleted, replaced or slices repeated."""
    data = bytearray(SEED)
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        chunk = draw(
            st.binary(max_size=4) | st.lists(st.sampled_from(SYNTAX), max_size=6).map(bytes)
        )
        if action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 8))]
        elif action == "replace":
            data[at : at + len(chunk)] = chunk
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 40))] * draw(st.integers(1, 30))
    return bytes(data)


bib_bytes = st.one_of(
    st.binary(max_size=400),
    st.lists(st.sampled_from(SYNTAX), max_size=400).map(bytes),
    mutated_bib(),
)


def _line_of(data: bytes, offset: int) -> int:
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


@settings(max_examples=300, deadline=None)
@given(bib_bytes)
def test_every_byte_lands_in_one_block_on_its_line_in_bounded_time(data: bytes) -> None:
    start = time.perf_counter()
    parsed = read_bib(data, "fuzz.bib")
    elapsed = time.perf_counter() - start
    assert elapsed < BASE_SECONDS + SECONDS_PER_BYTE * len(data)
    offset = 0
    for block in parsed.blocks:
        assert block.start == offset < block.end
        assert block.line == _line_of(data, block.start)
        offset = block.end
    assert offset == len(data)
    assert all(p.file == "fuzz.bib" and p.line >= 1 for p in parsed.problems)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(bib_bytes)
def test_import_of_any_bytes_refuses_binary_or_stores_what_reads_back(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    store = load_store(tmp_path_factory.mktemp("fuzz") / "references.bib")
    try:
        import_document(store, "fuzz.bib", b"@misc{first, title = {F}}\n" + data)
    except BinaryInput:
        assert b"\0" in data
        return
    written = store.to_bytes()
    back = read_bib(written, "references.bib")
    assert [e.key for e in back.entries] == [e.key for e in store.entries()]
    assert not [p for p in back.problems if p.code == "malformed-block"]


def _seconds(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


#: Inputs of about n bytes that were quadratic (or worse) before, by what they stress.
FAMILIES: dict[str, Callable[[int], bytes]] = {
    "quotes-inside-braces": lambda n: b'@misc{k, title = "{' + b'"' * n + b'}"}\n',
    "quotes-and-braces": lambda n: b'@misc{k, title = "' + b'{"}' * (n // 3) + b'"}\n',
    "deep-braces": lambda n: b"@misc{k, title = {" + b"{" * (n // 2) + b"}" * (n // 2) + b"}}",
    "at-then-blanks": lambda n: b"@" + b" " * n + b"!",
    "runaway-quotes": lambda n: b'@misc{k, title = "x\n' * (n // 20),
    "runaway-braces": lambda n: b"@misc{k, title = {x\n" * (n // 20),
    "runaway-in-parens": lambda n: b'@misc(k, title = "x\n' * (n // 20),
    "repeated-field": lambda n: b"@misc{k, " + b"f = {x}," * (n // 8) + b"}\n",
    "concatenations": lambda n: b"@misc{k, title = " + b" # ".join([b"a"] * (n // 4)) + b"}\n",
    "entries-without-keys": lambda n: b"@misc{\n" * (n // 7),
    "cr-only-lines": lambda n: b"@misc{k, title = {x}}\r" * (n // 22),
}


@pytest.mark.parametrize("family", [pytest.param(f, id=f) for f in FAMILIES])
def test_reading_time_is_linear_in_the_input(family: str) -> None:
    """Eight times the input takes about eight times as long (quadratic would be 64)."""
    small, large = FAMILIES[family](8_000), FAMILIES[family](64_000)
    small_time = max(_seconds(lambda: read_bib(small), 3), 1e-3)  # below 1 ms is noise
    large_time = _seconds(lambda: read_bib(large), 2)
    assert large_time < 24 * small_time, (small_time, large_time)
    assert large_time < BASE_SECONDS + SECONDS_PER_BYTE * len(large)

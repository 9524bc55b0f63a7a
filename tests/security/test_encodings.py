"""Encodings and binary input: every document is read as the text a reader of it sees, binary
data is refused with its place and exit 2 before anything is written, the store stays UTF-8."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from refs.encoding import BinaryInput, decode_text, store_bytes
from refs.errors import UnreadableInput
from refs.store import load_store
from tests.conftest import RunCli, refs_process

#: A README with two references, on lines 3 and 5.
README = (
    "# Reading list\n"
    "\n"
    "- [LIMA: Less Is More for Alignment](https://arxiv.org/abs/2305.11206) (2023)\n"
    "\n"
    "- Müller, K. **Café Société: A Study**. 2021.\n"
)
#: The start of an ELF program: what `refs add --from /bin/ls` used to read as 15 entries.
ELF = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00"


def encoded(text: str, codec: str, bom: bytes = b"") -> bytes:
    return bom + text.encode(codec)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(README.encode(), id="utf-8"),
        pytest.param(encoded(README, "utf-8", codecs.BOM_UTF8), id="utf-8-bom"),
        pytest.param(encoded(README, "utf-16-le", codecs.BOM_UTF16_LE), id="utf-16-le-bom"),
        pytest.param(encoded(README, "utf-16-be", codecs.BOM_UTF16_BE), id="utf-16-be-bom"),
        pytest.param(encoded(README, "utf-32-le", codecs.BOM_UTF32_LE), id="utf-32-le-bom"),
        pytest.param(encoded(README, "utf-32-be", codecs.BOM_UTF32_BE), id="utf-32-be-bom"),
        pytest.param(README.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(README.replace("\n", "\r").encode(), id="cr-only"),
        pytest.param(
            encoded(README.replace("\n", "\r"), "utf-16-le", codecs.BOM_UTF16_LE),
            id="utf-16-cr-only",
        ),
    ],
)
def test_every_encoding_and_line_end_reads_as_the_same_text(data: bytes) -> None:
    assert decode_text(data, "README.md") == (README, [])


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(README.encode(), id="utf-8"),
        pytest.param(encoded(README, "utf-16-le", codecs.BOM_UTF16_LE), id="utf-16-bom"),
        pytest.param(encoded(README, "utf-32-be", codecs.BOM_UTF32_BE), id="utf-32-bom"),
        pytest.param(README.replace("\n", "\r").encode(), id="cr-only"),
        pytest.param(README.replace("\n", "\r\n").encode(), id="crlf"),
    ],
)
def test_import_finds_the_same_references_on_the_same_lines(
    run_cli: RunCli, tmp_path: Path, data: bytes
) -> None:
    doc = tmp_path / "README.md"
    doc.write_bytes(data)
    store = tmp_path / "references.bib"
    result = run_cli("--store", str(store), "import", str(doc))
    assert result.exit_code == 0, result.stderr
    text = store.read_text("utf-8")
    assert f"sources = {{{doc}:3}}" in text
    assert f"sources = {{{doc}:5}}" in text
    assert "Café Société" in text
    assert "\0" not in text


def test_cp1252_is_read_with_a_warning_at_the_first_odd_byte() -> None:
    data = "line one\r\nline two\r\nM\u00fcller \u201cquoted\u201d \u2013 caf\u00e9\r\n".encode(
        "cp1252"
    )
    text, problems = decode_text(data, "notes.md")
    assert text == "line one\nline two\nMüller “quoted” – café\n"
    assert [(p.file, p.line, p.code) for p in problems] == [("notes.md", 3, "not-utf8")]


def test_only_the_bytes_that_are_not_utf8_are_read_as_cp1252() -> None:
    text, problems = decode_text("Zoë ".encode() + b"caf\xe9 \x81", "mixed.md")
    assert text == "Zoë café \x81"  # cp1252 leaves 0x81 undefined: read as Latin-1
    assert len(problems) == 1


@pytest.mark.parametrize(
    ("data", "line"),
    [
        pytest.param(ELF, 1, id="elf-program"),
        pytest.param(b"# Title\n\nsome text\x00more\n", 3, id="nul-on-line-3"),
        pytest.param(b"a\rb\r\nc\x00", 3, id="nul-after-cr-and-crlf"),
        pytest.param(README.encode("utf-16-le"), 1, id="utf-16-without-bom"),
        pytest.param(codecs.BOM_UTF16_LE + "ok\n\0".encode("utf-16-le"), 2, id="nul-in-utf-16"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, id="png"),
    ],
)
def test_binary_data_is_refused_with_its_line(data: bytes, line: int) -> None:
    with pytest.raises(BinaryInput, match=rf"^doc:{line}: binary data, not a text document$"):
        decode_text(data, "doc")
    assert issubclass(BinaryInput, UnreadableInput)


_refs = refs_process


def test_add_from_a_program_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    program = tmp_path / "prog"
    program.write_bytes(ELF * 40)
    store = tmp_path / "references.bib"
    store.write_text("@misc{kept, title = {Kept}}\n")
    before = store.read_bytes()
    result = _refs("--store", str(store), "add", "--from", str(program), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"Error: {program}:1: binary data, not a text document"
    assert b"Traceback" not in result.stderr
    assert store.read_bytes() == before


def test_add_from_binary_standard_input_exits_2(tmp_path: Path) -> None:
    store = tmp_path / "references.bib"
    result = _refs("--store", str(store), "add", cwd=tmp_path, stdin=ELF)
    assert result.returncode == 2
    assert "<stdin>:1: binary data" in result.stderr.decode()
    assert not store.exists()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            codecs.BOM_UTF16_LE + "Müller, K. **Café Société**. 2021.".encode("utf-16-le"),
            id="utf-16",
        ),
        pytest.param("Müller, K. **Café Société**. 2021.".encode("cp1252"), id="cp1252"),
    ],
)
def test_add_from_reads_what_import_reads(run_cli: RunCli, tmp_path: Path, data: bytes) -> None:
    source = tmp_path / "ref.txt"
    source.write_bytes(data)
    store = tmp_path / "references.bib"
    result = run_cli("--store", str(store), "add", "--from", str(source))
    assert result.exit_code == 0, result.stderr
    assert "title = {Café Société}" in store.read_text("utf-8")


def test_an_import_of_several_paths_writes_nothing_when_one_is_binary(
    run_cli: RunCli, tmp_path: Path
) -> None:
    good = tmp_path / "README.md"
    good.write_text(README)
    image = tmp_path / "figure.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    store, catalog = tmp_path / "references.bib", tmp_path / "catalog.yaml"
    result = run_cli(
        "--store", str(store), "--catalog", str(catalog), "import", str(good), str(image)
    )
    assert result.exit_code == 2
    assert f"Error: {image}:3: binary data, not a text document" in result.stderr
    assert not store.exists()
    assert not catalog.exists()
    assert "refs import" not in run_cli("undo", "--list").stdout  # no undo step either


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        pytest.param("utf-16-le", codecs.BOM_UTF16_LE, id="utf-16-le"),
        pytest.param("utf-16-be", codecs.BOM_UTF16_BE, id="utf-16-be"),
        pytest.param("utf-32-le", codecs.BOM_UTF32_LE, id="utf-32-le"),
    ],
)
def test_a_utf16_store_is_read_and_written_back_as_utf8(
    run_cli: RunCli, tmp_path: Path, codec: str, bom: bytes
) -> None:
    store = tmp_path / "references.bib"
    store.write_bytes(bom + "@misc{müller2021, title = {Über}}\r\n".encode(codec))
    result = run_cli("--store", str(store), "add", "Zhou, C. **LIMA: Less Is More**. 2023.")
    assert result.exit_code == 0, result.stderr
    assert f"{store}:1: warning store-encoding" in result.stderr
    text = store.read_bytes().decode("utf-8")  # all of it UTF-8 now, nothing appended in UTF-16
    assert text.startswith("@misc{müller2021, title = {Über}}\r\n")
    assert "@misc{zhou2023lima," in text
    assert [e.key for e in load_store(store).entries()] == ["müller2021", "zhou2023lima"]


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(("add", "Zhou, C. **LIMA: Less Is More**. 2023."), id="add"),
        pytest.param(("import", "README.md"), id="import"),
        pytest.param(("export", "--format", "bibtex"), id="export"),
    ],
)
def test_a_binary_store_is_refused_and_left_alone(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("README.md").write_text(README)
    store = tmp_path / "references.bib"
    store.write_bytes(b"@misc{a, title = {A}}\n" + ELF)
    result = run_cli("--store", str(store), *command)
    assert result.exit_code == 2
    assert f"Error: {store}:2: binary data, not a text document" in result.stderr
    assert store.read_bytes() == b"@misc{a, title = {A}}\n" + ELF


def test_a_latin1_store_is_rewritten_as_utf8_never_left_in_two_encodings(
    run_cli: RunCli, tmp_path: Path
) -> None:
    store = tmp_path / "references.bib"
    store.write_bytes("@misc{m\u00fcller, title = {\u00dcber}}\n".encode("latin-1"))
    result = run_cli(
        "--store", str(store), "add", "M\u00fcller, K. **Caf\u00e9 Soci\u00e9t\u00e9**. 2021."
    )
    assert result.exit_code == 0, result.stderr
    assert "store-encoding" in result.stderr or "next write is UTF-8" in result.stderr
    text = store.read_bytes().decode("utf-8")  # the whole file, old and new entries
    assert "@misc{m\u00fcller, title = {\u00dcber}}\n" in text
    assert "Caf\u00e9" in text
    listed = run_cli("--store", str(store), "list")
    assert listed.exit_code == 0, listed.stderr


def test_store_bytes_transcodes_what_is_not_utf8() -> None:
    utf8 = "@misc{k, title = {\u00dcber}}".encode()
    assert store_bytes(utf8, "s.bib") == (utf8, [])
    latin1 = "@misc{k, title = {\u00dcber}}".encode("latin-1")
    data, problems = store_bytes(latin1, "s.bib")
    assert data == utf8
    assert [p.code for p in problems] == ["not-utf8", "store-encoding"]
    data, problems = store_bytes(codecs.BOM_UTF16_BE + "x".encode("utf-16-be"), "s.bib")
    assert (data, [p.code for p in problems]) == (b"x", ["store-encoding"])


def test_a_cr_only_store_reports_true_line_numbers(tmp_path: Path) -> None:
    store = tmp_path / "references.bib"
    store.write_bytes(b"@misc{a, title = {A}}\r\r@misc{a, title = {B}}\r")
    problems = load_store(store).problems
    assert [(p.code, p.line) for p in problems] == [("repeated-key", 3)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(ELF, "refs.toml:1: binary data, not a text document", id="binary"),
        pytest.param(
            b'store = "a.bib"\nstyle = "caf\xe9"\n', "refs.toml:2: not UTF-8", id="latin-1"
        ),
        pytest.param(
            b'store = "notes.bib"\ncatalog = [unclosed\n',
            "refs.toml:2: not valid TOML: ",
            id="invalid-toml-names-its-line",
        ),
        pytest.param(
            b'# settings\n\n\nstyle = "apa"\nstyle = "ieee"\n',
            "refs.toml:5: not valid TOML: ",
            id="repeated-key-names-its-line",
        ),
    ],
)
def test_a_binary_or_non_utf8_config_is_refused_without_a_traceback(
    tmp_path: Path, data: bytes, message: str
) -> None:
    (tmp_path / "refs.toml").write_bytes(data)
    result = _refs("list", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"Error: {message}")
    assert b"Traceback" not in result.stderr


SEED = Path(__file__).resolve().parents[2] / "sources" / "002-survey-catalog.md"


@pytest.mark.parametrize(
    ("codec", "bom", "line_end"),
    [
        pytest.param("utf-8", b"", "\n", id="utf-8"),
        pytest.param("utf-16-le", codecs.BOM_UTF16_LE, "\n", id="utf-16-le-bom"),
        pytest.param("utf-32-be", codecs.BOM_UTF32_BE, "\n", id="utf-32-be-bom"),
        pytest.param("utf-8", b"", "\r", id="cr-only"),
        pytest.param("utf-8", b"", "\r\n", id="crlf"),
    ],
)
def test_sync_writes_a_document_back_in_its_own_encoding_and_line_ends(
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    codec: str,
    bom: bytes,
    line_end: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    text = SEED.read_text(encoding="utf-8").replace("\n", line_end)
    doc = tmp_path / "doc.md"
    doc.write_bytes(bom + text.encode(codec))
    assert run_cli("import", "doc.md").exit_code == 1  # the seed's flags
    assert run_cli("sync", "doc.md", "--force", "--write").exit_code == 0
    written = doc.read_bytes()
    assert written.startswith(bom)
    synced = written[len(bom) :].decode(codec)
    assert synced != text
    if line_end == "\r\n":  # every line, the regenerated ones too, ends as the document's do
        assert synced.count("\n") == synced.count("\r\n")
    elif line_end == "\r":
        assert "\n" not in synced
    else:
        assert "\r" not in synced
    # in sync now: no diff, and the catalog knows the written bytes (not stale)
    again = run_cli("sync", "doc.md", "--force")
    assert again.exit_code == 0, again.stderr
    assert again.stdout == ""
    assert "stale-catalog" not in run_cli("check", "--json").stdout


def test_sync_refuses_to_rewrite_a_document_that_is_not_utf8(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "doc.md"
    doc.write_bytes(
        SEED.read_text(encoding="utf-8").replace("—", "-").encode("utf-8") + b"caf\xe9\n"
    )
    run_cli("import", "doc.md")
    before = doc.read_bytes()
    result = run_cli("sync", "doc.md", "--force", "--write")
    assert result.exit_code == 2
    assert "doc.md:" in result.stderr
    assert "convert it to UTF-8" in result.stderr
    assert doc.read_bytes() == before

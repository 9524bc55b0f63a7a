"""Nothing dropped from an imported .bib: @string definitions are kept and used, a malformed
entry is kept as raw text as the message says, a key with a control character is never stored,
and importing again changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs.bibtex import InvalidEntry, validate
from refs.bibtex.write import unsafe_key_character
from refs.importing import RAW_FIELD
from refs.importing.meta import protect_raw
from refs.model import Entry
from refs.store import load_store
from tests.conftest import RunCli

CONFERENCE = (
    '@string{conf = "Proceedings of the Big Conference"}\n'
    "\n"
    "@inproceedings{smith2020,\n"
    "  author = {Smith, John},\n"
    "  title = {A Title},\n"
    "  booktitle = conf,\n"
    "  year = 2020,\n"
    "}\n"
)
README_WITH_BIBTEX = (
    "# Papers\n"
    "\n"
    "```bibtex\n"
    "@string{conf = {Proceedings of the Big Conference}}\n"
    "@inproceedings{smith2020, author = {Smith, John}, title = {A Title},\n"
    "  booktitle = conf, year = 2020}\n"
    "```\n"
)
GOOD = "@article{good2018, title = {Good}, author = {Roe, R}, journal = {J}, year = 2018}\n"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "references.bib"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("conf.bib", CONFERENCE, id="bib-file"),
        pytest.param("README.md", README_WITH_BIBTEX, id="bibtex-in-a-readme"),
    ],
)
def test_string_definitions_are_kept_and_rendered(
    run_cli: RunCli, tmp_path: Path, store: Path, name: str, text: str
) -> None:
    result = run_cli("--store", str(store), "import", str(write(tmp_path, name, text)))
    assert result.exit_code == 0, result.stderr
    assert "@string{conf = {Proceedings of the Big Conference}}" in store.read_text()
    rendered = run_cli("--store", str(store), "render", "--style", "apa")
    assert "Proceedings of the Big Conference" in rendered.stdout
    assert "Conf." not in rendered.stdout


def test_reimporting_a_bib_with_definitions_changes_nothing(
    run_cli: RunCli, tmp_path: Path, store: Path
) -> None:
    bib = write(tmp_path, "conf.bib", CONFERENCE + "@article{broken, title = {Open\n\n" + GOOD)
    run_cli("--store", str(store), "import", str(bib))
    first = store.read_bytes()
    result = run_cli("--store", str(store), "import", str(bib))
    assert f"{bib}: found 3, new 0, updated 0" in result.stderr
    assert store.read_bytes() == first
    assert first.count(b"@string{conf") == 1


def test_a_definition_the_store_has_otherwise_is_reported_and_the_store_keeps_its_own(
    run_cli: RunCli, tmp_path: Path, store: Path
) -> None:
    store.write_text('@string{conf = "Our Conference"}\n')
    bib = write(tmp_path, "conf.bib", CONFERENCE)
    result = run_cli("--store", str(store), "import", str(bib))
    assert result.exit_code == 1
    assert f"{bib}:1: warning macro-conflict: @string 'conf'" in result.stderr
    assert "the store's definition is kept" in result.stderr
    assert store.read_text().count("@string") == 1
    assert [m.value for m in load_store(store).macros] == ["Our Conference"]


def test_a_preamble_is_reported_not_imported(run_cli: RunCli, tmp_path: Path, store: Path) -> None:
    bib = write(tmp_path, "p.bib", '@preamble{"\\input{/etc/passwd}"}\n' + GOOD)
    result = run_cli("--store", str(store), "import", str(bib))
    assert f"{bib}:1: warning preamble-not-imported" in result.stderr
    assert "passwd" not in store.read_text()


@pytest.mark.parametrize(
    ("block", "reason"),
    [
        pytest.param(
            "@article{broken, title = {Unbalanced {brace}, year = 2019}\n",
            "expected ',' after field 'title'",
            id="unbalanced-brace",
        ),
        pytest.param(
            "@article{open, title = {Never closed\n", "unbalanced braces", id="unclosed-value"
        ),
        pytest.param(
            '@article{quote, title = "runs away\n', "unterminated quoted value", id="runaway-quote"
        ),
        pytest.param("@article{, title = {No key}}\n", "entry has no key", id="missing-key"),
        pytest.param("@article{nocomma title = {T}}\n", "expected ','", id="missing-comma"),
        pytest.param(
            "@article{ctl\x01key, title = {T}}\n",
            "control or invisible character",
            id="control-character-key",
        ),
        pytest.param(
            "@article{esc\x1b[31mkey, title = {T}}\n",
            "control or invisible",
            id="escape-sequence-key",
        ),
        pytest.param(
            "@article{bidi\u202ekey, title = {T}}\n", "control or invisible", id="bidi-override-key"
        ),
        pytest.param(
            "@article{k, ti/tle = {T}}\n", "cannot be a field name", id="unwritable-field-name"
        ),
    ],
)
def test_a_malformed_entry_is_kept_as_the_message_says(
    run_cli: RunCli, tmp_path: Path, store: Path, block: str, reason: str
) -> None:
    bib = write(tmp_path, "refs.bib", block + "\n" + GOOD)
    result = run_cli("--store", str(store), "import", str(bib))
    assert result.exit_code == 1
    assert f"{bib}:1: warning malformed-block: " in result.stderr
    assert reason in result.stderr
    assert "kept as raw text in an entry flagged 'unparsed' (field refs-raw:" in result.stderr
    entries = load_store(store).entries()
    (kept,) = [e for e in entries if RAW_FIELD in e.fields]
    assert f"unparsed@{bib}:1" in kept.fields["refs-flags"]
    assert kept.fields[RAW_FIELD] == protect_raw(block.rstrip())  # the block's text, all of it
    assert "good2018" in [e.key for e in entries]
    for entry in entries:
        assert unsafe_key_character(entry.key) is None
    assert "\x01" not in store.read_text() and "\x1b" not in store.read_text()


def test_a_malformed_entry_survives_reimport_and_export(
    run_cli: RunCli, tmp_path: Path, store: Path
) -> None:
    bib = write(tmp_path, "refs.bib", "@article{open, title = {Never closed\n\n" + GOOD)
    run_cli("--store", str(store), "import", str(bib))
    run_cli("--store", str(store), "import", str(bib))
    (kept,) = [e for e in load_store(store).entries() if RAW_FIELD in e.fields]
    assert (
        kept.fields[RAW_FIELD]
        == "@article\\textbraceleft{}open, title = \\textbraceleft{}Never closed"
    )
    exported = tmp_path / "out.bib"
    run_cli(
        "--store", str(store), "export", "--format", "bibtex", "--keep-meta", "-o", str(exported)
    )
    again = tmp_path / "again.bib"
    result = run_cli("--store", str(again), "import", str(exported))
    assert result.exit_code == 0, result.stderr
    assert [e.fields[RAW_FIELD] for e in load_store(again).entries() if RAW_FIELD in e.fields] == [
        kept.fields[RAW_FIELD]
    ]


def test_a_nul_byte_in_a_key_refuses_the_file_and_stores_nothing(
    run_cli: RunCli, tmp_path: Path, store: Path
) -> None:
    bib = write(tmp_path, "nul.bib", "@misc{nul\x00key, title = {Nul}, year = 2001}\n" + GOOD)
    result = run_cli("--store", str(store), "import", str(bib))
    assert result.exit_code == 2
    assert f"Error: {bib}:1: binary data, not a text document" in result.stderr
    assert not store.exists()


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("nul\x00key", id="nul"),
        pytest.param("esc\x1bkey", id="escape"),
        pytest.param("rtl\u202ekey", id="bidi-override"),
        pytest.param("zero\u200bwidth", id="zero-width-space"),
        pytest.param("line\u2028sep", id="line-separator"),
        pytest.param("no\u00a0break", id="no-break-space"),
    ],
)
def test_no_entry_with_an_invisible_key_is_ever_written(key: str) -> None:
    with pytest.raises(InvalidEntry):
        validate(Entry(key, "misc", {"title": "T"}))


def test_rename_to_a_key_with_a_control_character_exits_2(
    run_cli: RunCli, tmp_path: Path, store: Path
) -> None:
    store.write_text(GOOD)
    result = run_cli("--store", str(store), "rename", "good2018", "bad\x1bkey")
    assert result.exit_code == 2
    assert store.read_text() == GOOD


def test_a_snippet_given_to_add_keeps_its_definitions(
    run_cli: RunCli, tmp_path: Path, store: Path
) -> None:
    result = run_cli("--store", str(store), "add", CONFERENCE)
    assert result.exit_code == 0, result.stderr
    assert "@string{conf = {Proceedings of the Big Conference}}" in store.read_text()
    rendered = run_cli("--store", str(store), "render", "--style", "apa").stdout
    assert "Proceedings of the Big Conference" in rendered

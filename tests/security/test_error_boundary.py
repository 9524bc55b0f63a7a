"""The one error boundary: whatever the input, a user sees `Error: …` and exit 2, never a
traceback. Numbers longer than Python will convert (4,300 digits) are the input here; the tests
run the real binary without REFS_DEBUG (which the rest of the suite sets, to see bugs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from refs import workflows
from refs.cli import main_group
from tests.conftest import refs_process

HUGE = "7" * 5000

STORE = (
    f"@article{{a,\n  title = {{Model {HUGE} results}},\n  year = {{{HUGE}}},\n"
    f"  month = {{{HUGE}}},\n  author = {{Doe, J}},\n  pages = {{{HUGE}--{HUGE}}},\n"
    f"  volume = {{{HUGE}}},\n  journal = {{J}},\n"
    f"  sources = {{README.md:{HUGE}#1}},\n  refs-flags = {{no-year@README.md:{HUGE}}},\n}}\n"
    f"@article{{b,\n  title = {{Model {HUGE} results}},\n  year = {{2020}},\n"
    f"  author = {{Doe, J and Roe, K {HUGE}}},\n  journal = {{J}},\n  number = {{{HUGE}}},\n}}\n"
)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("list",), id="list"),
        pytest.param(("check",), id="check"),
        pytest.param(("dedupe",), id="dedupe"),
        pytest.param(("search", "model"), id="search"),
        pytest.param(("export", "--format", "biblatex"), id="export-biblatex"),
        pytest.param(("export", "--format", "csl-json"), id="export-csl-json"),
        pytest.param(("render", "--style", "apa"), id="render-apa"),
        pytest.param(("render", "--style", "ieee"), id="render-ieee"),
        pytest.param(("render", "--style", "chicago"), id="render-chicago"),
        pytest.param(("render", "--readme"), id="render-readme"),
        pytest.param(("cite", "a", "--style", "apa"), id="cite"),
    ],
)
def test_numbers_too_long_to_convert_never_end_in_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.delenv("REFS_DEBUG")
    (tmp_path / "references.bib").write_text(STORE)
    result = refs_process(*args, cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode in (0, 1, 2), result.stderr
    assert b"Traceback" not in result.stderr
    # handled, not caught by the last-resort boundary (which would mean a bug underneath)
    assert b"failed unexpectedly" not in result.stderr
    if result.returncode == 2:
        assert result.stderr.startswith(b"Error: ")


def test_an_unforeseen_error_is_a_message_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner  # noqa: PLC0415 - only this test drives click itself

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("a bug nobody foresaw")

    monkeypatch.delenv("REFS_DEBUG")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "references.bib").write_text("@misc{a, title = {A}}\n")
    monkeypatch.setattr(workflows, "list_entries", broken)
    result = CliRunner().invoke(main_group, ["list"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: refs failed unexpectedly: ZeroDivisionError")
    assert "REFS_DEBUG=1" in result.stderr
    monkeypatch.setenv("REFS_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):  # with REFS_DEBUG=1 the traceback is shown
        CliRunner().invoke(main_group, ["list"], catch_exceptions=False)

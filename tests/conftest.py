"""Shared fixtures: an isolated cache, a CLI runner, and the real bench files of ../shared."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

#: ../shared beside the project (CI clones the project with shared/ beside it).
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BENCH_DATA = SHARED / "bench-data"


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own $XDG_CACHE_HOME, so no test reads another's store index, and
    an empty $XDG_CONFIG_HOME, so no test reads the user's own refs configuration."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    # an unexpected exception is a bug: show its traceback (refs itself hides it from users)
    monkeypatch.setenv("REFS_DEBUG", "1")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("REFS_STORE", raising=False)
    # import and dedupe --apply write ./catalog.yaml by default: never the repository's own
    monkeypatch.setenv("REFS_CATALOG", str(cache / "catalog.yaml"))
    return cache / "refs"


RunCli = Callable[..., Result]


@pytest.fixture
def run_cli() -> RunCli:
    """Run `refs` in-process: ``run_cli("export", "--format", "csl-json")``."""

    from refs.cli import main_group  # noqa: PLC0415 - keep collection independent of the CLI

    def run(*args: str, input: str | bytes | None = None) -> Result:
        return CliRunner().invoke(main_group, list(args), input=input, catch_exceptions=False)

    return run


def bench_bytes(name: str) -> bytes:
    """The decompressed bytes of ../shared/bench-data/<name>.bib.gz, or skip the test."""
    path = BENCH_DATA / f"{name}.bib.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent: clone the project with ../shared beside it")
    with gzip.open(path) as handle:
        return handle.read()


def refs_process(
    *args: str,
    cwd: Path,
    stdin: bytes = b"",
    cache: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """Run the real ``python -m refs`` (its exit status, no traceback leaking through click's
    runner), with a deadline so that a hang fails the test; ``cache`` is its $XDG_CACHE_HOME."""
    env = dict(os.environ)
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "refs", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )

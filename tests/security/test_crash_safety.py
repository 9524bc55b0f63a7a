"""Fault injection: a command killed at any write boundary leaves store, catalog and document
all old or all new once the next command has run, and `refs undo` restores the state before
the command, byte for byte.

Each trial forks a child that runs the command with the file-system calls that change state on
disk (``os.replace``, ``rename``, ``fsync``, ``mkdir``, ``unlink``, ``rmdir``) counted, and dies
with ``os._exit`` just before the k-th one, for every k of an uninterrupted run: no cleanup
handler runs, as with ``kill -9``. A few more trials kill a real ``python -m refs`` process with
SIGKILL at a random moment (more with ``REFS_KILL_TRIALS=N``).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from refs.cli import main_group
from refs.store import recover_store, steps, undo_latest
from refs.store.files import STAGED_SUFFIX
from refs.store.history import History

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sources" / "002-survey-catalog.md"
SMALL_SEED = ROOT / "sources" / "003-explainer.md"
FILES = ("references.bib", "catalog.yaml", "doc.md")
#: What a killed child exits with (as a shell reports ``kill -9``).
KILLED = 137
#: The calls that change what is on disk.
BOUNDARIES = ("replace", "rename", "fsync", "mkdir", "unlink", "rmdir")

State = dict[str, bytes | None]


@dataclass(frozen=True)
class Scenario:
    """A project state to start from and the command to kill."""

    name: str
    args: tuple[str, ...]
    #: Prepares the project (files only: the history starts empty).
    prepare: Callable[[Path, Path], None]


def _run(args: list[str], project: Path, cache: Path) -> None:
    """Run refs in this process (a forked child) with the project as working directory."""
    os.chdir(project)
    os.environ["XDG_CACHE_HOME"] = str(cache)
    os.environ["REFS_CATALOG"] = str(project / "catalog.yaml")
    with contextlib.suppress(SystemExit):
        main_group.main(args, prog_name="refs", standalone_mode=True)


def _child(args: list[str], project: Path, cache: Path, crash_at: int, tally: Path) -> None:
    """The forked child: count boundaries, die before number ``crash_at`` (0: never)."""
    count = 0

    def counted(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*a: Any, **k: Any) -> Any:
            nonlocal count
            count += 1
            if count == crash_at:
                os._exit(KILLED)
            return real(*a, **k)

        return call

    for name in BOUNDARIES:
        setattr(os, name, counted(getattr(os, name)))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    _run(args, project, cache)
    tally.write_text(str(count))


def _fork(args: list[str], project: Path, cache: Path, crash_at: int) -> tuple[int, int]:
    """Run the command in a forked child; its exit status and how many boundaries it passed."""
    tally = project.parent / "tally"
    tally.unlink(missing_ok=True)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns into pytest
        try:
            _child(args, project, cache, crash_at, tally)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    passed = int(tally.read_text()) if tally.exists() else crash_at - 1
    return os.waitstatus_to_exitcode(status), passed


def _state(project: Path) -> State:
    return {name: _read(project / name) for name in FILES}


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _import_seed(project: Path, cache: Path) -> None:
    shutil.copy(SEED, project / "doc.md")
    code, _ = _fork(["import", "doc.md"], project, cache, 0)
    assert code == 0


def _prepare_import(project: Path, cache: Path) -> None:
    shutil.copy(SMALL_SEED, project / "other.md")
    code, _ = _fork(["import", "other.md"], project, cache, 0)
    assert code == 0
    shutil.copy(SEED, project / "doc.md")


SCENARIOS = [
    Scenario("import", ("import", "doc.md"), _prepare_import),
    Scenario("dedupe-apply", ("dedupe", "--apply"), _import_seed),
    Scenario("sync-write", ("sync", "doc.md", "--force", "--write"), _import_seed),
    Scenario("rename", ("rename", "almazrouei2023falcon", "falcon"), _import_seed),
]


@dataclass(frozen=True)
class Baseline:
    """The state before the command, after an uninterrupted run, and its boundary count."""

    template: Path
    before: State
    after: State
    boundaries: int


def _fresh(template: Path, where: Path) -> tuple[Path, Path]:
    """A copy of the template project, with an empty cache (so an empty history)."""
    project = where / "project"
    shutil.copytree(template, project)
    return project, where / "cache"


@pytest.fixture(scope="module")
def baselines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Baseline]:
    found = {}
    for scenario in SCENARIOS:
        where = tmp_path_factory.mktemp(f"template-{scenario.name}")
        template = where / "project"
        template.mkdir()
        scenario.prepare(template, where / "setup-cache")
        before = _state(template)
        project, cache = _fresh(template, tmp_path_factory.mktemp(f"run-{scenario.name}"))
        code, boundaries = _fork(list(scenario.args), project, cache, 0)
        assert code in (0, 1), scenario.name
        after = _state(project)
        assert after != before, scenario.name
        found[scenario.name] = Baseline(template, before, after, boundaries)
    return found


def _leftovers(project: Path, cache: Path) -> list[str]:
    staged = [p.name for p in project.iterdir() if p.name.endswith(STAGED_SUFFIX)]
    history = History.of(project / "references.bib", cache)
    return staged + [p.name for p in history.leftovers()]


def _check_trial(project: Path, cache: Path, baseline: Baseline, label: str) -> str:
    """After a killed run: the next command repairs, the state is all old or all new, and undo
    gives back the old state byte for byte. Returns "old" or "new"."""
    store, cache = project / "references.bib", cache / "refs"  # $XDG_CACHE_HOME/refs
    recover_store(store, cache)  # what the next command does first
    state = _state(project)
    assert state in (baseline.before, baseline.after), f"{label}: a mixed state"
    assert _leftovers(project, cache) == [], label
    if state == baseline.before:
        assert steps(store, cache) == [], (
            f"{label}: a step recorded for a command that did not happen"
        )
        return "old"
    undo_latest(store, cache)
    assert _state(project) == baseline.before, f"{label}: undo did not restore the state"
    return "new"


@pytest.mark.parametrize("scenario", [pytest.param(s, id=s.name) for s in SCENARIOS])
def test_a_command_killed_at_every_write_boundary_is_consistent_and_undoable(
    scenario: Scenario,
    baselines: dict[str, Baseline],
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    baseline = baselines[scenario.name]
    assert baseline.boundaries >= 5, "the command should pass several write boundaries"
    outcomes = []
    for crash_at in range(1, baseline.boundaries + 1):
        trial = tmp_path / f"trial-{crash_at}"
        trial.mkdir()
        project, cache = _fresh(baseline.template, trial)
        code, _ = _fork(list(scenario.args), project, cache, crash_at)
        assert code == KILLED, f"boundary {crash_at}: the child was not killed"
        outcomes.append(_check_trial(project, cache, baseline, f"boundary {crash_at}"))
        shutil.rmtree(trial)
    # killed early it did nothing; killed late, the next command finished it
    assert outcomes[0] == "old"
    assert outcomes[-1] == "new"
    # the figures of the report: `pytest --junitxml` lists them per scenario
    record_property("trials", len(outcomes))
    record_property("old", outcomes.count("old"))


def _kill_trials() -> int:
    return int(os.environ.get("REFS_KILL_TRIALS", "3"))


@contextlib.contextmanager
def _process(args: list[str], project: Path, cache: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(cache),
        "REFS_CATALOG": str(project / "catalog.yaml"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "refs", *args],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        process.wait()


@pytest.mark.parametrize("scenario", [pytest.param(s, id=s.name) for s in SCENARIOS])
def test_a_real_process_killed_at_a_random_moment_is_consistent_and_undoable(
    scenario: Scenario,
    baselines: dict[str, Baseline],
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    baseline = baselines[scenario.name]
    project, cache = _fresh(baseline.template, tmp_path / "timing")
    started = time.monotonic()
    with _process(list(scenario.args), project, cache) as process:
        process.wait()
    duration = time.monotonic() - started
    shuffle = random.Random(f"{scenario.name}-{_kill_trials()}")
    outcomes = []
    for number in range(_kill_trials()):
        trial = tmp_path / f"kill-{number}"
        trial.mkdir()
        project, cache = _fresh(baseline.template, trial)
        with _process(list(scenario.args), project, cache) as process:
            time.sleep(shuffle.uniform(0.5, 1.0) * duration)
            process.send_signal(signal.SIGKILL)
        outcomes.append(_check_trial(project, cache, baseline, f"kill {number}"))
        shutil.rmtree(trial)
    record_property("trials", len(outcomes))
    record_property("old", outcomes.count("old"))

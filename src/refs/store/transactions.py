"""Transactions: a command that writes several files (store, catalog, a README) writes them as
one step, recorded for ``refs undo`` before the first file is replaced.

While a transaction runs it holds the locks of every file it may write. Its writes are staged
in memory; on a clean exit they are committed:

1. the step is prepared in a hidden folder of the store's history: its record (``step.json``,
   every file's digest before and after), the previous versions, then a staged copy of each
   new file beside it (``.references.bib.refs-staged``), all flushed to disk;
2. the folder is renamed into place: from here on the step is recorded;
3. each staged copy replaces its file (one rename each);
4. the step is marked ``done``.

A crash before 2 leaves every file as it was (the hidden folder and staged copies are removed
by the next command); a crash after 2 leaves a step that is not ``done``, which the next
command on that store *completes* (rolls forward: the staged copies are complete, since they
were flushed before the step was recorded). If a staged copy is missing, the files already
replaced are rolled back instead. So a crash at any point leaves all old, or all new, once the
next command has run. An error or Ctrl-C inside the block writes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from refs.settings import default_cache_dir
from refs.store.files import (
    digest_bytes,
    file_digest,
    install,
    read_or_none,
    staged_name,
    sync_folder,
    write_staged,
)
from refs.store.history import (
    DONE_FILE,
    UNDOING_FILE,
    ChangedSinceStep,
    History,
    HistoryCorrupt,
    NothingToUndo,
    Step,
    Version,
    mark,
    marked_names,
    read_step,
    write_previous,
    write_step_record,
)
from refs.store.locks import locked, real_path
from refs.store.store import Store, check_unchanged


@dataclass
class Transaction:
    """The files one command writes, staged until the block that holds it ends cleanly."""

    history: History
    command: str
    #: The real paths the transaction holds locks for, in the order given.
    allowed: tuple[Path, ...]
    _staged: dict[Path, bytes] = field(default_factory=dict)

    def write(self, path: Path, data: bytes) -> None:
        """Stage ``data`` as the new content of ``path`` (a path the transaction locked)."""
        target = real_path(path)
        if target not in self.allowed:
            msg = f"{path} is not one of the files this transaction locked"
            raise ValueError(msg)
        self._staged[target] = data

    def staged(self, path: Path) -> bytes | None:
        """What is staged for ``path`` so far, if anything."""
        return self._staged.get(real_path(path))

    def read(self, path: Path) -> bytes | None:
        """``path``'s content as this transaction sees it: staged, else on disk (None: absent)."""
        staged = self.staged(path)
        return staged if staged is not None else read_or_none(real_path(path))

    def save(self, store: Store) -> bool:
        """Stage the store's edits; False when it has none. Raises `StoreChanged` when the file
        changed on disk since it was read (an editor, a tool that ignores the lock)."""
        if not store.is_modified:
            return False
        check_unchanged(store)
        self.write(store.path, store.to_bytes())
        return True

    def commit(self) -> Step | None:
        """Write every staged file as one recorded step; None when nothing changed."""
        changes: list[tuple[Path, bytes | None, bytes]] = []
        for target, data in self._staged.items():
            before = read_or_none(target)
            if before != data:
                changes.append((target, before, data))
        if not changes:
            return None
        history = self.history
        history.ensure()
        step_id = history.new_id()
        folder = history.partial_folder(step_id)
        folder.mkdir()
        versions = [
            Version(str(t), _digest_of(b), digest_bytes(d), str(staged_name(t)))
            for t, b, d in changes
        ]
        try:
            # the record first: whatever is written after it, a crash can be cleaned up
            write_step_record(folder, self.command, versions)
            for number, (_, before, _) in enumerate(changes):
                if before is not None:
                    write_previous(folder, number, before)
            for version, (target, _, data) in zip(versions, changes, strict=True):
                write_staged(_staged(version), target, data)
            for parent in {target.parent for target, _, _ in changes}:
                sync_folder(parent)
        except BaseException:
            # nothing is replaced yet: drop the prepared step (a full disk, a missing folder)
            _drop_staged(versions)
            history.discard(folder)
            raise
        recorded = history.folder / step_id
        folder.rename(recorded)
        sync_folder(history.folder)
        try:
            for version in versions:
                install(_staged(version), Path(version.path))
            for parent in {target.parent for target, _, _ in changes}:
                sync_folder(parent)
            mark(recorded, DONE_FILE)
        except BaseException:
            # Ctrl-C or a failed rename half-way: finish what the record promises, then report
            with contextlib.suppress(Exception):
                _complete(read_step(recorded), history)
            raise
        history.prune()
        return read_step(recorded)


def _digest_of(data: bytes | None) -> str | None:
    return None if data is None else digest_bytes(data)


def _staged(version: Version) -> Path:
    """The staged copy a version installs (every step since staged names exist has one)."""
    if version.staged is None:
        msg = f"the step of {version.path} names no staged copy"
        raise HistoryCorrupt(msg)
    return Path(version.staged)


def _drop_staged(versions: Iterable[Version]) -> None:
    for version in versions:
        if version.staged is not None:
            Path(version.staged).unlink(missing_ok=True)


def _complete(step: Step, history: History) -> str:
    """Finish a step that was recorded but not marked done: roll forward, or back when a staged
    copy is missing. A file someone changed since the crash is left as they made it. Returns
    what was done, for a message."""
    current = [file_digest(Path(v.path)) for v in step.versions]
    pending = [
        version
        for version, now in zip(step.versions, current, strict=True)
        if now == version.before != version.after
    ]
    if all(v.staged and file_digest(Path(v.staged)) == v.after for v in pending):
        for version in pending:
            install(_staged(version), Path(version.path))
        _drop_staged(step.versions)  # the copy of a file changed since is not wanted any more
        mark(step.folder, DONE_FILE)
        changed = [
            v.path
            for v, now in zip(step.versions, current, strict=True)
            if now not in (v.before, v.after)
        ]
        note = f"; left {', '.join(changed)} as changed since" if changed else ""
        return f"completed the interrupted `{step.command}`{note}"
    _drop_staged(step.versions)
    _restore_all(step, [n for n, v in enumerate(step.versions) if current[n] == v.after])
    history.discard(step.folder)
    return f"rolled back the interrupted `{step.command}` (a staged file was missing)"


def _restore_all(step: Step, numbers: list[int]) -> None:
    """Put the files ``numbers`` of ``step`` back as they were before it. The staged copies'
    names are listed in the step's ``undoing`` marker first, so a crash leaves none behind."""
    numbers = [n for n in numbers if step.versions[n].after != step.versions[n].before]
    temps = {n: staged_name(Path(step.versions[n].path)) for n in numbers}
    for name in marked_names(step.folder, UNDOING_FILE):  # an earlier attempt's leftovers
        Path(name).unlink(missing_ok=True)
    mark(step.folder, UNDOING_FILE, [str(t) for t in temps.values()])
    for number in numbers:
        version = step.versions[number]
        target = Path(version.path)
        if version.before is None:
            target.unlink(missing_ok=True)
        else:
            install(write_staged(temps[number], target, step.previous(number)), target)
    for parent in {Path(step.versions[n].path).parent for n in numbers}:
        sync_folder(parent)


def _finish_undo(step: Step, history: History) -> None:
    """Put back every file of ``step`` and forget it (idempotent: a crash is finished later)."""
    numbers = [n for n, v in enumerate(step.versions) if file_digest(Path(v.path)) != v.before]
    _restore_all(step, numbers)
    history.discard(step.folder)


def recover(history: History) -> list[str]:
    """Clean up after commands of this store that died (the locks of the store and of every
    file of its unfinished steps must be held, see `_recovery_locks`): prepared steps are
    dropped with their staged copies, recorded steps are completed, undos are finished.
    Returns a message per repair."""
    messages: list[str] = []
    for folder in history.leftovers():
        with contextlib.suppress(HistoryCorrupt):
            _drop_staged(read_step(folder).versions)
        history.discard(folder)
    for step in history.steps(include_pending=True):
        if step.undoing:
            _finish_undo(step, history)
            messages.append(f"finished the interrupted undo of `{step.command}`")
        elif not step.done:
            messages.append(_complete(step, history))
    return messages


def _unfinished_files(history: History) -> set[Path]:
    """The files that steps left unfinished by a crash name (what recovery may write)."""
    files: set[Path] = set()
    for folder in history.leftovers():
        with contextlib.suppress(HistoryCorrupt):
            files.update(Path(v.path) for v in read_step(folder).versions)
    for step in history.steps(include_pending=True):
        if step.undoing or not step.done:
            files.update(Path(v.path) for v in step.versions)
    return files


@contextlib.contextmanager
def _recovery_locks(
    history: History, cache_dir: Path | None, files: Iterable[Path]
) -> Iterator[set[Path]]:
    """Hold the locks of ``files`` and of every file an unfinished step of the store names,
    all taken at once in the one global order (no deadlock); yields the locked files."""
    held = {real_path(f) for f in files} | {history.store}
    while True:
        needed = held | _unfinished_files(history)
        with locked(needed, cache_dir):
            # once the store's lock is held no step can start or finish, but one may have
            # been left by a process that died while we waited: lock its files too
            if _unfinished_files(history) <= needed:
                yield needed
                return
        held = needed


def _history(store: Path, cache_dir: Path | None) -> History:
    return History.of(store, cache_dir if cache_dir is not None else default_cache_dir())


@contextlib.contextmanager
def transaction(
    store: Path, cache_dir: Path | None, command: str, paths: Iterable[Path] = ()
) -> Iterator[Transaction]:
    """Lock the store and ``paths``, recover what a crashed command left, and yield a
    `Transaction` whose writes are committed as one undo step when the block ends cleanly.

    >>> with transaction(store, cache, "refs import x.md", [catalog]) as txn:  # doctest: +SKIP
    ...     txn.save(edited_store)
    ...     txn.write(catalog, catalog_bytes)
    """
    allowed = tuple(dict.fromkeys(real_path(p) for p in (store, *paths)))
    history = _history(store, cache_dir)
    with _recovery_locks(history, cache_dir, allowed):
        recover(history)
        txn = Transaction(history, command, allowed)
        yield txn
        txn.commit()


def recover_store(store: Path, cache_dir: Path | None) -> list[str]:
    """Repair what crashed commands left for the store at ``store``; cheap when there is
    nothing to do (no lock is taken then). Returns a message per repair."""
    history = _history(store, cache_dir)
    if not _unfinished_files(history) and not any(True for _ in history.leftovers()):
        return []
    with _recovery_locks(history, cache_dir, [store]):
        return recover(history)


def steps(store: Path, cache_dir: Path | None) -> list[Step]:
    """The store's undo steps, oldest first."""
    return _history(store, cache_dir).steps()


def undo_latest(store: Path, cache_dir: Path | None, *, force: bool = False) -> Step:
    """Restore the files of the store's newest step to what they were before it, and forget
    the step.

    Raises `NothingToUndo`, or `ChangedSinceStep` when a file was changed after the step wrote
    it (unless ``force``): undoing would silently throw that change away.
    """
    history = _history(store, cache_dir)
    files: set[Path] = {real_path(store)}
    while True:
        # every file of the step is locked, all at once in the one global order (no deadlock);
        # if the newest step names other files by the time the locks are held, lock again
        with _recovery_locks(history, cache_dir, files) as held:
            recover(history)
            done = history.steps()
            if not done:
                msg = f"nothing to undo for {history.store} (no recorded step)"
                raise NothingToUndo(msg)
            step = done[-1]
            needed = {Path(v.path) for v in step.versions} | held
            if needed <= held:
                _undo(step, history, force=force)
                return step
        files |= needed


def _undo(step: Step, history: History, *, force: bool) -> None:
    if not force:
        for version in step.versions:
            if file_digest(Path(version.path)) != version.after:
                msg = (
                    f"{version.path} changed after `{step.command}` wrote it; "
                    "undo would lose that change (use --force to undo anyway)"
                )
                raise ChangedSinceStep(msg)
    mark(step.folder, UNDOING_FILE)
    _finish_undo(step, history)

"""The store: references.bib on disk, read losslessly, edited by key, written atomically."""

from refs.store.files import atomic_output, atomic_write, locked
from refs.store.history import NothingToUndo, Step, recording, steps, undo_latest
from refs.store.store import (
    Store,
    content_digest,
    edit_store,
    load_store,
    save_store,
    store_digest,
)

__all__ = [
    "NothingToUndo",
    "Step",
    "Store",
    "atomic_output",
    "atomic_write",
    "content_digest",
    "edit_store",
    "load_store",
    "locked",
    "recording",
    "save_store",
    "steps",
    "store_digest",
    "undo_latest",
]

"""The store: references.bib on disk, read losslessly, edited by key, written atomically;
transactions that write several files as one undoable step."""

from refs.store.files import atomic_output, atomic_write
from refs.store.history import ChangedSinceStep, NothingToUndo, Step, Version
from refs.store.locks import locked, real_path
from refs.store.store import (
    Store,
    content_digest,
    edit_store,
    load_store,
    save_store,
    store_digest,
)
from refs.store.transactions import (
    Transaction,
    recover_store,
    steps,
    transaction,
    undo_latest,
)

__all__ = [
    "ChangedSinceStep",
    "NothingToUndo",
    "Step",
    "Store",
    "Transaction",
    "Version",
    "atomic_output",
    "atomic_write",
    "content_digest",
    "edit_store",
    "load_store",
    "locked",
    "real_path",
    "recover_store",
    "save_store",
    "steps",
    "store_digest",
    "transaction",
    "undo_latest",
]

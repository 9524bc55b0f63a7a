"""What every workflow that reads the store checks first."""

from __future__ import annotations

from pathlib import Path

from refs.catalog import keys_in_section, load_catalog
from refs.errors import UnreadableInput


def require_store(store_path: Path) -> None:
    """Raise `UnreadableInput` when there is no store to read (a typo in ``--store``, say):
    commands that only read must not silently work on an empty store."""
    if not store_path.exists():
        msg = f"no store at {store_path}: give --store FILE, set REFS_STORE, or run refs import"
        raise UnreadableInput(msg)


def section_keys(catalog_path: Path | None, section: str) -> list[str]:
    """The keys a catalog section cites (``--section``); the catalog must exist."""
    if catalog_path is None or not catalog_path.exists():
        msg = f"--section needs the catalog; none at {catalog_path} (run refs import)"
        raise UnreadableInput(msg)
    return keys_in_section(load_catalog(catalog_path), section)

"""Allocation-heavy phases (parsing a store, converting it) and Python's cycle collector."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while building many small, acyclic containers.

    Loading or converting a 100k-entry store makes about a million dicts, tuples and lists;
    the collector would rescan the growing heap again and again meanwhile (a third of the
    conversion time), and none of it can be a cycle.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

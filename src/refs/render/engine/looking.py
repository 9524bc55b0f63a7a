"""Whether the engine renders for real or only looks (an ambiguity key, decorations off)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_LOOKING: ContextVar[bool] = ContextVar("looking", default=False)


def looking() -> bool:
    """True while rendering citations to compare them (quotes and formatting left out)."""
    return _LOOKING.get()


@contextmanager
def only_looking() -> Iterator[None]:
    """Render without decorations inside, as citeproc-js renders its ambiguity keys."""
    token = _LOOKING.set(True)
    try:
        yield
    finally:
        _LOOKING.reset(token)

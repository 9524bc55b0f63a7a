"""What the render engine raises."""

from __future__ import annotations

from refs.errors import RefsError


class RenderError(RefsError):
    """citeproc-py could not render with this style or locale."""


class NoBibliography(RenderError):
    """The style defines citations only (``<bibliography>`` is missing)."""

"""refs: a bibliography and citation toolkit for survey READMEs and paper writers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("refs")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]

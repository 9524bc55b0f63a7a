"""What an export may be asked for besides its format: the paper-writing switches."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ArxivForm(StrEnum):
    """How a BibTeX export writes an arXiv-only preprint.

    ``journal``: ``@article`` with ``journal = {arXiv preprint arXiv:2306.01116}``, the form
    Google Scholar and ACL-style BibTeX files use; every BibTeX style prints it.
    ``eprint``: ``@misc`` with ``eprint``, ``archiveprefix`` and ``primaryclass``, the form
    arXiv's own export uses, for styles that print eprints.
    """

    JOURNAL = "journal"
    EPRINT = "eprint"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The switches of `refs export`; the defaults give a .bib that compiles first time.

    ``keep_meta`` keeps the store's own fields (``sources``, ``ids`` and every ``refs-*``
    field) in BibTeX and BibLaTeX; the values are cleaned all the same. ``unicode`` keeps
    non-ASCII characters as UTF-8 (for biber) instead of LaTeX accents.
    """

    keep_meta: bool = False
    unicode: bool = False
    arxiv: ArxivForm = ArxivForm.JOURNAL

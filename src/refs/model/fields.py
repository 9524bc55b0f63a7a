"""What kind of value a BibTeX field holds, where more than one layer needs to know.

A link or an identifier is not text: it is typeset verbatim (url.sty, biber's ``verb``
fields), so it is never LaTeX-escaped; characters a URI may not hold are percent-encoded.
"""

from __future__ import annotations

#: Fields whose value is a link or an identifier (BibTeX's ``url``/``doi``, the eprint
#: fields of arXiv-style preprints, biber's verbatim ``file``/``pdf``, ISBN and ISSN codes):
#: percent-encoded where a URI may not hold a character, never LaTeX.
LINK_FIELDS = frozenset(
    "url doi eprint archiveprefix eprinttype primaryclass eprintclass isbn issn file pdf".split()
)

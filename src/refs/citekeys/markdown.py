"""Keys from Markdown citations as pandoc reads them: ``[@key]``, ``[see @a, p. 3; @b]``,
``[-@key]``, ``@key`` in running text, ``@{key}``; e-mail addresses and code are skipped.

>>> markdown_keys("As @zhou2023lima shows [-@wang2023; see @{odd key}, p. 3]. `@code`")
['zhou2023lima', 'wang2023', 'odd key']
"""

from __future__ import annotations

import re

#: Fenced code blocks and inline code spans hold no citations (decorators, handles in code).
_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.DOTALL | re.MULTILINE)
#: pandoc: a key starts with a letter, digit or _, and may hold internal punctuation; the @
#: must not follow a word character (that is an e-mail address).
_CITATION = re.compile(
    r"(?<![\w@.+-])-?@(?:\{(?P<braced>[^{}]+)\}|(?P<bare>[\w](?:[\w:.#$%&+?<>~/-]*[\w])?))"
)


def markdown_keys(text: str) -> list[str]:
    """Every cited key of a Markdown document, in order (repeats kept)."""
    text = _CODE.sub("", text)
    return [m.group("braced") or m.group("bare") for m in _CITATION.finditer(text)]

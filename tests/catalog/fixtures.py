"""Small documents with catalog tables, and the entries import would make for them."""

from __future__ import annotations

from refs.model import Entry, SourceLocation

DOC = "survey.md"

HTML_ROWSPAN = """# Survey

## Models

<table>
<tr><th>Type</th><th>Name</th><th>Paper</th><th colspan="2">Base Model</th></tr>
<tr><th></th><th></th><th></th><th>Name</th><th>Size</th></tr>
<tr>
  <td rowspan="2">Chat</td>
  <td rowspan="2">Alpha [<a href="#ref1">1</a>]</td>
  <td rowspan="2"><a href="https://arxiv.org/abs/2301.00001">paper</a></td>
  <td>Base [<a href="#ref2">2</a>]</td>
  <td>7B</td>
</tr>
<tr>
  <td>Other [<a href="#ref3">3</a>]</td>
  <td>13B</td>
</tr>
<tr>
  <td>Code</td>
  <td>Beta [<a href="#ref2">2</a>]</td>
  <td>-</td>
  <td>Alpha [<a href="#ref3">3</a>]</td>
  <td>1B</td>
</tr>
</table>

<a id="ref1">[1]</a> A. Author. **Alpha**. 2023.
"""

PIPE = """## Datasets

| Name | Paper | Size |
|---|---|---|
| Gamma [4] | [paper](https://arxiv.org/abs/2302.00004) | 5K |
| Delta [4] | [paper](https://arxiv.org/abs/2302.00005) | 6K |
| Epsilon [9] | - | 1K |
| Zeta | - | 2K |
"""


def entry(key: str, label: str | None, line: int, **fields: str) -> Entry:
    """An entry read from line ``line`` of the fixture document, numbered ``label``."""
    defaults = {"title": key.title(), "author": "Doe, Jane", "year": "2023"}
    return Entry(key, "misc", {**defaults, **fields}, (SourceLocation(DOC, line, label),))


ENTRIES = (
    entry("alpha", "1", 40, eprint="2301.00001", url="https://arxiv.org/abs/2301.00001"),
    entry("base", "2", 41),
    entry("other", "3", 42),
    entry("gamma", "4", 43, url="https://arxiv.org/abs/2302.00004"),
    entry("delta", "4", 44, url="https://arxiv.org/abs/2302.00005"),
)

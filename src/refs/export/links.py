"""Links in exported values that would open a file or run a program, written as text.

hyperref makes ``\\href{run:cmd}{…}`` a /Launch action (the viewer runs ``cmd``), a relative
``\\href{paper.pdf}{…}`` or ``\\url{notes.txt}`` a link to a local file, and ``file:`` a link to
any file (hyperref manual, section 4, "Additional user macros"). A bibliography links to the
web: a link command whose target has another scheme, or none, is written as text (``{\\
textbackslash}url{run:cmd}``), the target spelled so that it prints as itself.

>>> value, found = safe_links(r"See \\url{https://x.org} and \\href{run:calc}{here}")
>>> print(value)
See \\url{https://x.org} and {\\textbackslash}href{run:calc}{here}
>>> found
['\\\\href{run:…}']
"""

from __future__ import annotations

import re

from refs.escaping import is_safe_link, latex_text
from refs.export.escape import group_end

#: The schemes a link in a bibliography may have: the web, FTP, mail, and DOIs (which
#: hyperref and the doi package resolve through https://doi.org/).
LINK_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "doi"})
#: ``\\href`` or ``\\url`` where the backslash is not itself escaped (``\\\\url`` is a line break
#: and the word "url").
_LINK_COMMAND = re.compile(r"(?<!\\)((?:\\\\)*)\\(href|url)(?![A-Za-z@])")
_SPACES = re.compile(r"\s*")
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")


def _target(value: str, at: int, command: str) -> tuple[int, int] | None:
    """Where the target of the link command ending at ``at`` is, delimiters included (its
    ``{`` or ``|``, and the index past its end); None when it has none that hyperref reads as
    a whole (a single token, an unclosed group)."""
    pos = _SPACES.match(value, at).end()  # type: ignore[union-attr]
    if command == "href" and value.startswith("[", pos):
        close = value.find("]", pos)
        if close < 0:
            return None
        pos = _SPACES.match(value, close + 1).end()  # type: ignore[union-attr]
    if pos >= len(value):
        return None
    if value[pos] == "{":
        end = group_end(value, pos)
        return (pos, end) if value.endswith("}", 0, end) and end > pos + 1 else None
    if command == "url" and not value[pos].isalnum() and not value[pos].isspace():
        close = value.find(value[pos], pos + 1)  # \url|…| : url.sty's own delimiters
        return (pos, close + 1) if close > 0 else None
    return None


def _label(command: str, target: str | None) -> str:
    scheme = _SCHEME.match(target or "")
    if target is None:
        return f"\\{command} without a target"
    return f"\\{command}{{{scheme.group(1).lower()}:…}}" if scheme else f"\\{command}{{relative}}"


def safe_links(value: str) -> tuple[str, list[str]]:
    """``value`` with each link to anything but `LINK_SCHEMES` written as text, and the
    links so written (``\\href{run:…}``, ``\\url{relative}``)."""
    if "\\" not in value:
        return value, []
    found: list[str] = []
    pieces: list[str] = []
    position = 0
    for match in _LINK_COMMAND.finditer(value):
        if match.start() < position:
            continue
        command = match.group(2)
        spans = _target(value, match.end(), command)
        target = None if spans is None else value[spans[0] + 1 : spans[1] - 1]
        if target is not None and is_safe_link(target, LINK_SCHEMES, relative=False):
            continue
        found.append(_label(command, target))
        pieces += [value[position : match.start()], match.group(1), "{\\textbackslash}", command]
        position = match.end()
        if spans is not None:
            # hyperref's options ([pdfnewwindow]…) go with the link they set up
            pieces.append("{" + latex_text(target or "") + "}")
            position = spans[1]
    if not found:
        return value, []
    pieces.append(value[position:])
    return "".join(pieces), found

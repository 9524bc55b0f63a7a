"""The heading path each line of a Markdown document sits under."""

from __future__ import annotations

import re

from refs.parsing.markup import squash, strip_emphasis, strip_html

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def heading_paths(text: str) -> list[tuple[str, ...]]:
    """``paths[i]`` is the heading path in force at line ``i + 1`` (fenced code ignored).

    >>> heading_paths("# A\\n## B\\ntext\\n# C\\n")[2]
    ('A', 'B')
    """
    paths: list[tuple[str, ...]] = []
    stack: list[tuple[int, str]] = []
    fence = ""
    for line in text.split("\n"):
        marker = _FENCE.match(line)
        if marker and (not fence or marker.group(1).startswith(fence)):
            fence = "" if fence else marker.group(1)[0] * 3
        elif not fence and (heading := _HEADING.match(line)):
            level = len(heading.group(1))
            stack = [(depth, title) for depth, title in stack if depth < level]
            stack.append((level, squash(strip_emphasis(strip_html(heading.group(2))))))
        paths.append(tuple(title for _, title in stack))
    return paths

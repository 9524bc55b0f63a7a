"""The heading path each line of a Markdown document sits under."""

from __future__ import annotations

from refs.parsing.blocks import outline
from refs.parsing.markup import squash, strip_emphasis, strip_html


def heading_paths(text: str) -> list[tuple[str, ...]]:
    """``paths[i]`` is the heading path in force at line ``i + 1`` (fenced code ignored).

    Lines under the same heading share one tuple, so the list costs a pointer per line.

    >>> heading_paths("# A\\n## B\\ntext\\n# C\\n")[2]
    ('A', 'B')
    """
    paths: list[tuple[str, ...]] = []
    stack: list[tuple[int, str]] = []
    path: tuple[str, ...] = ()
    for heading in outline(text.split("\n")):
        if heading is not None:
            stack = [(depth, title) for depth, title in stack if depth < heading.level]
            stack.append((heading.level, squash(strip_emphasis(strip_html(heading.title)))))
            path = tuple(title for _, title in stack)
        paths.append(path)
    return paths

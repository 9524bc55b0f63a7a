"""A catalog row's name spells its work's name as the survey writes it (``QLoRA``, ``LLaMA``):
where the cited entry's title holds that word cased worse (a Google-Scholar copy, ``Qlora:
efficient finetuning of quantized llms``), the row's spelling is restored, brace-protected so
that no style lowercases it again."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from refs.catalog.model import Item
from refs.model import Entry

#: A name's word worth restoring: a capital after its first letter (``QLoRA``, ``GPT``, ``AI``).
_CASED_WORD = re.compile(r"(?<![\w{])([A-Za-z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)(?![\w}])")


def recased(entry: Entry, item: Item) -> Entry:
    """``entry`` with the words of ``item``'s name restored in its title, when the row cites
    this entry alone; the entry itself otherwise.

    >>> entry = Entry("k", "misc", {"title": "Qlora: efficient finetuning of quantized llms"})
    >>> item = Item("QLoRA", ("Models",), "README.md", 3, cites=("k",))
    >>> recased(entry, item).fields["title"]
    '{QLoRA}: efficient finetuning of quantized llms'
    """
    title = entry.fields.get("title")
    if not title or item.cites != (entry.key,):
        return entry
    for word in dict.fromkeys(m.group(1) for m in _CASED_WORD.finditer(item.name)):
        printed = re.compile(r"(?<![\w{\\])" + re.escape(word) + r"(?![\w}])", re.IGNORECASE)
        title = printed.sub(_restorer(word), title)
    if title == entry.fields["title"]:
        return entry
    return replace(entry, fields={**entry.fields, "title": title})


def _restorer(word: str) -> Callable[[re.Match[str]], str]:
    """A title word printed as ``word`` stays; cased otherwise, it becomes ``{word}``."""

    def restore(match: re.Match[str]) -> str:
        return match.group(0) if match.group(0) == word else f"{{{word}}}"

    return restore

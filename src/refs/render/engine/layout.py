"""``cs:layout`` of the bibliography (second-field-align, subsequent-author-substitute) and
``cs:sort`` (citeproc-js's collation)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cmp_to_key
from typing import Any

from refs.render.citeproc import NAMES, String, VariableError, join, model
from refs.render.collation import Unit, collation_key
from refs.render.engine.display import DISPLAYED, migrate_punctuation, suffix_inside
from refs.render.engine.groups import first_output
from refs.render.engine.names import names_sort_key


class Layout(model.Layout):  # type: ignore[misc]
    def render_entry(self, item: Any) -> tuple[Any, Any]:
        """(margin, body): a second-field-align style sets its first field (``[1]``) apart.

        citeproc-py glues them (``[1]C. Zhou``); citeproc-js puts the first field in its own
        block, which reads ``[1] C. Zhou`` as text. Entries must come in bibliography order:
        the names of the previous one decide ``subsequent-author-substitute``.
        """
        self.repressed: dict[str, list[str]] = {}
        bibliography = self.getparent()
        previous = getattr(self, "previous_names", None)
        self.entry_names: dict[str, Any] | None = {
            "previous": previous,
            "substitute": bibliography.get("subsequent-author-substitute"),
        }
        try:
            with first_output(capitalise=True):
                margin, body = self._render_entry(item, bibliography)
        finally:
            self.previous_names = self.entry_names.get("current")
            self.entry_names = None
        return margin, body

    def _render_entry(self, item: Any, bibliography: Any) -> tuple[Any, Any]:
        if not bibliography.get("second-field-align"):
            if self.get(DISPLAYED):
                return None, self._displayed(item)
            return None, self.format(self.wrap(self.render_children(item)))
        outputs = []
        for child in self.iterchildren():
            try:
                text = child.render(item)
            except VariableError:
                continue
            if text is not None:
                outputs.append(text)
        if not outputs:
            return None, None
        margin, rest = outputs[0], outputs[1:]
        # joined as citeproc-py joins siblings: no doubled punctuation at a seam ("(2021). ")
        body = self.format(self.wrap(join(rest))) if rest else None
        return margin, body

    def _displayed(self, item: Any) -> Any:
        """The entry with the layout's suffix inside its last display block."""
        text = self.render_children(item)
        if text is None:
            return None
        body = migrate_punctuation(suffix_inside(str(text), self.get("suffix", "")))
        return self.format(String(self.get("prefix", "")) + String(body))


class Sort(model.Sort):  # type: ignore[misc]
    def sort(self, items: Sequence[Any], context: Any) -> list[Any]:
        """Sort as citeproc-js: its collation (`refs.render.collation`), empty keys last in
        either direction, ties in registration order (citeproc-py compares code points, so
        "Köpf" came after "Kung", and put a blank key first)."""
        if len(items) < 2:  # a citation of one cite: nothing to sort, no keys to render
            return list(items)
        keys: list[list[tuple[Unit, ...] | None]] = []
        descending: list[bool] = []
        for key in self.findall("cs:key", self.nsmap):
            descending.append(key.get("sort", "ascending").lower() == "descending")
            keys.append([collation_key(value) for value in _values(key, items, context)])

        def compare(left: int, right: int) -> int:
            for column, down in zip(keys, descending, strict=True):
                a, b = column[left], column[right]
                if a == b:
                    continue
                if a is None or b is None:
                    return 1 if a is None else -1
                result = -1 if a < b else 1
                return -result if down else result
            return 0

        order = sorted(range(len(items)), key=cmp_to_key(compare))
        return [items[i] for i in order]


def _values(key: Any, items: Sequence[Any], context: Any) -> list[Any]:
    """The key's value for each item; a name variable's as citeproc-js builds it."""
    variable = key.get("variable", "").replace("-", "_")
    if variable in NAMES:
        return [names_sort_key(key, item.reference.get(variable)) for item in items]
    return list(key.sort_keys(items, context))

"""``cs:label``: printed only when its variable has a value, as the CSL specification says.

citeproc-py printed the term whatever the item held, so a style's ``<label variable="page"/>``
wrote "p ." for every entry without pages. Its plural is citeproc-js's
(`refs.render.engine.numbers`), where citeproc-py's called "i-ix" singular and "327\\-30" plural.
The label of a name list that ended in ``and others`` is plural, however few names it shows.
"""

from __future__ import annotations

from typing import Any

from refs.render.citeproc import VariableError, model
from refs.render.engine.number import numeric_field
from refs.render.engine.truncation import is_truncated


class Label(model.Label):  # type: ignore[misc]
    def process(self, item: Any, variable: Any = None, plural: Any = None, **kwargs: Any) -> Any:
        if variable is None and not _has_value(item, self.get("variable")):
            return None
        if variable is not None and _is_truncated_role(item, variable):
            plural = True  # "Jane Doe et al., editors", as BibTeX counts "Doe and others"
        return super().process(item, variable=variable, plural=plural, **kwargs)

    def _is_plural(self, item: Any) -> bool:
        """Plural as citeproc-js counts: more than one number ("i-ix", "213 & 235"), not an
        escaped hyphen ("327\\-30") nor words ("Michaelson-Morely")."""
        field = numeric_field(self, item, self.get("variable") or "")
        if field is None:
            return bool(super()._is_plural(item))
        return field.plural


def _has_value(item: Any, variable: str | None) -> bool:
    if not variable:
        return False
    if variable == "locator":
        return bool(item.has_locator)
    try:
        value = item.reference[variable.replace("-", "_")]
    except (VariableError, KeyError):
        return False
    return value not in (None, "")


def _is_truncated_role(item: Any, role: str) -> bool:
    """True when the label's names (a ``<names>`` role) ended in ``and others``: more than
    the one name shown."""
    return is_truncated(item.reference.get(role.replace("-", "_")))

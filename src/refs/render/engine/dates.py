"""``cs:date`` in a sort key: the date's sort form, as citeproc-js sorts by a macro's date."""

from __future__ import annotations

from typing import Any

from refs.render.citeproc import DateRange, DateValue, String, model


class Date(model.Date):  # type: ignore[misc]
    def process(self, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        """In a sort key, a date is its sort form over the parts the element shows
        ("12023" + month + day; BC years sort first); citeproc-py compared the printed
        date ("100BC", "March 2023") as text."""
        if kwargs.get("sort_options") is None or self.is_locale_date():
            return super().process(item, variable, *args, **kwargs)
        date = item.reference.get((variable or self.get("variable", "")).replace("-", "_"))
        if date is None:
            return None
        begin = date.begin if isinstance(date, DateRange) else date
        if not isinstance(begin, DateValue):
            return String(str(date.sort_key()))
        shown = self._shown_parts()
        month = begin.get("month", 0) if "month" in shown else 0
        day = begin.get("day", 0) if "day" in shown else 0
        return String(f"{begin.year + 10000:05}{month:02}{day:02}")

    def _shown_parts(self) -> set[str]:
        if self.get("form") is not None:
            return set(self.get("date-parts", "year-month-day").split("-"))
        return {str(part.get("name")) for part in self.iterchildren()}

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        """A localized date's parts joined by its own ``delimiter`` (a style's ``<locale>``
        may give one: Vancouver styles' ``<date form="text" delimiter=" ">``), as
        citeproc-js joins them; citeproc-py took the delimiter of the ``cs:date`` that called
        it, which has none, and printed "2017Nov"."""
        if context is None or context is self or "delimiter" not in self.attrib:
            return super().render_single_date(date, show_parts, context)
        if not self.is_locale_date():
            return super().render_single_date(date, show_parts, context)
        parts = self.parts(date, show_parts, context)
        return self.join(parts) if parts else None

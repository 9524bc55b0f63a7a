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

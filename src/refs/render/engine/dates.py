"""``cs:date``: date ranges rendered as citeproc-js renders them, and a date's sort form."""

from __future__ import annotations

from typing import Any

from refs.render.citeproc import DateRange, DateValue, String, VariableError, join, model

#: Date parts from the largest to the smallest.
_PARTS = ("year", "month", "day")
#: CSL's default ``range-delimiter``.
EN_DASH = "\u2013"


class Date(model.Date):  # type: ignore[misc]
    def process(self, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        """A date range as citeproc-js prints it (`render_range`); in a sort key, a date is
        its sort form over the parts the element shows ("12023" + month + day; BC years sort
        first): citeproc-py compared the printed date ("100BC", "March 2023") as text."""
        if self.is_locale_date():
            return super().process(item, variable, *args, **kwargs)
        date = item.reference.get((variable or self.get("variable", "")).replace("-", "_"))
        if kwargs.get("sort_options") is None:
            if isinstance(date, DateRange):
                return self.render_range(date)
            return super().process(item, variable, *args, **kwargs)
        if date is None:
            return None
        begin = date.begin if isinstance(date, DateRange) else date
        if not isinstance(begin, DateValue):
            return String(str(date.sort_key()))
        shown = self._shown_parts()
        month = begin.get("month", 0) if "month" in shown else 0
        day = begin.get("day", 0) if "day" in shown else 0
        return String(f"{begin.year + 10000:05}{month:02}{day:02}")

    def render_range(self, date: Any) -> Any:
        """``[[2019,10,28],[2019,11,1]]`` → "October 28–November 1, 2019" (the CSL spec and
        citeproc-js): the parts from the largest that differs down to the day are printed for
        both ends, joined by that part's ``range-delimiter`` (the begin's last suffix and the
        end's first prefix dropped); the parts they share are printed once, where they stand.
        An open range (end ``[0]``) prints its begin and the delimiter ("1987–").

        citeproc-py's own `render_date_range` lost the shared year ("(October–November)") or
        raised (a date element with no ``form``)."""
        form = self.get("form")
        source = self.get_date(form) if form is not None else self
        context = self if source is not self else None
        shown = self._shown_parts()
        parts = [p for p in source.iterchildren() if p.get("name") in shown]
        begin, end = date.begin, date.get("end")
        open_range = end is None or end.is_nil()
        differing = _largest_difference(begin, end) if not open_range else "year"
        if differing is None:
            return self._single(parts, begin, context)
        # the differing part itself may be hidden (APA prints the year apart, then
        # "December 30–January 2"): the largest part shown below it takes the delimiter
        ranged = _PARTS[_PARTS.index(differing) :]
        largest = next((p for name in ranged for p in parts if p.get("name") == name), None)
        pieces: list[Any] = []
        begins: list[tuple[Any, str, str]] = []
        ends: list[tuple[Any, str, str]] = []
        at = -1
        for part in parts:
            if part.get("name") not in ranged:
                pieces.append(part.render(begin, context))
                continue
            if at < 0:
                at = len(pieces)
            begins.append(_bare(part, begin, context))
            if not open_range:
                ends.append(_bare(part, end, context))
        if largest is None or at < 0 or all(text is None for text, _, _ in begins):
            return self._single(parts, begin, context)
        delimiter = largest.get("range-delimiter", EN_DASH)
        # the parts of a localized date are joined by the locale's delimiter
        between = source.get("delimiter", self.get("delimiter", ""))
        span = self._affixed(begins, between, drop_last_suffix=True) + self.preformat(delimiter)
        if ends:
            span = span + self._affixed(ends, between, drop_first_prefix=True)
        pieces.insert(at, span)
        text = join([piece for piece in pieces if piece is not None], between)
        return self.wrap(text) if text else None

    def _single(self, parts: list[Any], date: Any, context: Any) -> Any:
        rendered = [part.render(date, context) for part in parts if _has(date, part)]
        text = self.join(rendered)
        return self.wrap(text) if text else None

    def _affixed(
        self,
        parts: list[tuple[Any, str, str]],
        between: str,
        *,
        drop_last_suffix: bool = False,
        drop_first_prefix: bool = False,
    ) -> Any:
        texts = []
        # the parts the date has: the begin's last one drops its suffix ("May–June 2015",
        # the day the style would print next is not there)
        present = [part for part in parts if part[0] is not None]
        for index, (text, prefix, suffix) in enumerate(present):
            before = "" if drop_first_prefix and index == 0 else prefix
            after = "" if drop_last_suffix and index == len(present) - 1 else suffix
            texts.append(self.preformat(before) + text + self.preformat(after))
        return join(texts, between) if texts else String("")

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


def _largest_difference(begin: Any, end: Any) -> str | None:
    """The largest part in which the range's ends differ (a season counts as a month)."""
    for name in _PARTS:
        first = begin.get(name, begin.get("season") if name == "month" else None)
        last = end.get(name, end.get("season") if name == "month" else None)
        if first != last:
            return name
    return None


def _has(date: Any, part: Any) -> bool:
    name = part.get("name")
    return name == "year" or name in date or (name == "month" and "season" in date)


def _bare(part: Any, date: Any, context: Any) -> tuple[Any, str, str]:
    """A date part's text without its affixes, and its prefix and suffix."""
    if not _has(date, part):
        return None, "", ""
    try:
        text = part.process(date, context)
    except VariableError:
        return None, "", ""
    if text is None:
        return None, "", ""
    bare = part.format(part.case(part.strip_periods(text)))
    return bare, str(part.get("prefix", "")), str(part.get("suffix", ""))

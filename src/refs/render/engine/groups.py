"""``cs:group``: suppressed as citeproc-js suppresses it, by what its children did print.

A group is printed when a variable in it printed something, or when it printed a term (a
label, a ``<text term=…>`` or ``value``) and no variable in it was tried (CSL 1.0.2 §
Group). citeproc-js decides it while rendering (``variable_attempt``, ``variable_success``,
``term_intended`` in ``CSL.Node.group``); citeproc-py from the style's text: it counted a
``cs:choose`` that may call a variable as one that printed one, so APA's thesis group
``<group><choose><if …><text value="publication"/></if><else-if …><text variable="genre"/>…``
beside an empty ``number`` printed "(Publication)" where citeproc-js prints nothing.

Each open group has a `Tally`; what renders inside reports to the innermost one
(`Reporting`), and a group that is printed counts as a printed variable for its parent.

The same reports tell whether anything was printed yet in the cite or entry being rendered
(`Written`): citeproc-js capitalises a ``<text term=…>`` that comes first ("Ibid.", "In:"),
except in the citations of an in-text style (``term_predecessor`` in ``CSL.Node.text``); a
group that is not printed leaves that as it was before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from refs.render.citeproc import VariableError, model


@dataclass(slots=True)
class Tally:
    """What the children of one group printed so far."""

    tried: bool = False  # a variable was tried and was empty
    printed: bool = False  # a variable (or a group inside) printed something
    term: bool = False  # a term or a fixed value printed something

    @property
    def shown(self) -> bool:
        return self.printed or (self.term and not self.tried)


_OPEN: ContextVar[Tally | None] = ContextVar("group", default=None)


@dataclass(slots=True)
class Written:
    """Whether the cite (or bibliography entry) being rendered has printed anything yet."""

    capitalise: bool  # a first term is capitalised here (not an in-text style's citation)
    anything: bool = False


_WRITTEN: ContextVar[Written | None] = ContextVar("written", default=None)


@contextmanager
def first_output(*, capitalise: bool) -> Iterator[None]:
    """Render a cite cluster or a bibliography entry from its start."""
    token = _WRITTEN.set(Written(capitalise))
    try:
        yield
    finally:
        _WRITTEN.reset(token)


def starts_output() -> bool:
    """True when a term printed now comes first and is capitalised."""
    written = _WRITTEN.get()
    return written is not None and written.capitalise and not written.anything


class Group(model.Group):  # type: ignore[misc]
    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        delimiter = self.get("delimiter", "")

        def children() -> Any:
            output = []
            for child in self.iterchildren():
                try:
                    if isinstance(child, model.Choose):
                        text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                    else:
                        text = child.render(item, context=context, **kwargs)
                except VariableError:
                    continue
                if text is not None:
                    output.append(text)
            return self.join(output) if output else None

        text = as_group(children)
        if text is None:
            raise VariableError
        return text


def as_group(render: Callable[[], Any]) -> Any:
    """What ``render`` prints when it is shown as a group (else None), told to the parent."""
    tally = Tally()
    written = _WRITTEN.get()
    before = written.anything if written is not None else False
    token = _OPEN.set(tally)  # a context manager here costs a tenth of APA's rendering time
    try:
        text = render()
    except VariableError:
        text = None
    finally:
        _OPEN.reset(token)
    parent = _OPEN.get()
    if text is not None and str(text) and tally.shown:
        if parent is not None:
            parent.printed = True
        return text
    if parent is not None:
        parent.tried = tally.tried  # as citeproc-js hands it on
    if written is not None:
        written.anything = before
    return None


class Reporting:
    """Mixed into the elements that print a variable or a term: each tells the open group.
    A ``<text macro=…>`` is a group itself, as citeproc-js expands a macro into one."""

    def render(self, *args: Any, **kwargs: Any) -> Any:
        kind = _kind(self)
        render = super().render  # type: ignore[misc]
        if kind == _MACRO:
            return as_group(lambda: render(*args, **kwargs))
        tally = _OPEN.get()
        if tally is None:
            text = render(*args, **kwargs)
            _note_written(text)
            return text
        try:
            text = render(*args, **kwargs)
        except VariableError:
            if kind == _VARIABLE:
                tally.tried = True
            raise
        empty = _note_written(text)
        if kind == _VARIABLE:
            if empty:
                tally.tried = True
            else:
                tally.printed = True
        elif kind == _TERM and not empty:
            tally.term = True
        elif kind == _GENERATED and not empty:
            tally.printed = True
        return text


def _note_written(text: Any) -> bool:
    """Note that ``text`` was printed in the cite; True when it is empty."""
    empty = text is None or not str(text)
    written = _WRITTEN.get()
    if written is not None and not empty:
        written.anything = True
    return empty


_VARIABLE, _TERM, _GENERATED, _MACRO = "variable", "term", "generated", "macro"


def _kind(element: Any) -> str:
    if isinstance(element, model.Label):
        return _TERM
    if not isinstance(element, model.Text):
        return _VARIABLE  # names, date, number
    if "variable" in element.attrib:
        # year-suffix is made by the processor: it counts when printed, never as tried
        return _GENERATED if element.get("variable") == "year-suffix" else _VARIABLE
    if "macro" in element.attrib:
        return _MACRO
    return _TERM  # a term or a value


#: citeproc-py's classes whose elements report to the open group.
REPORTING = (model.Text, model.Names, model.Date, model.Number, model.Label)

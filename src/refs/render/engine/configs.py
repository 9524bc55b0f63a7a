"""What the citation disambiguation decided, seen while rendering (`refs.render.engine.ambiguity`).

A `Run` is one rendering pass, an ambiguous cite (``looking``) or the real output; the
name and condition elements ask it how many names to show and whether ``disambiguate``
holds. Split from the algorithm so that the element classes need not import it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Config:
    """citeproc-js's ``AmbigConfig``: names shown per name set, given-name level per name
    (0 family only, 1 initials, 2 full), and how many ``disambiguate`` tests pass."""

    names: list[int] = field(default_factory=list)
    givens: list[list[int]] = field(default_factory=list)
    disambiguate: int = 0

    def clone(self) -> Config:
        return Config(list(self.names), [list(g) for g in self.givens], self.disambiguate)

    def pad(self) -> None:
        """``padBase``: a given-name level for every name shown."""
        for i, count in enumerate(self.names):
            while len(self.givens) <= i:
                self.givens.append([])
            while len(self.givens[i]) < count:
                self.givens[i].append(0)


@dataclass
class Run:
    """One rendering pass: an ambiguous cite (``looking``) or the real output."""

    looking: bool
    request: Config | None = None
    settings: Config = field(default_factory=Config)
    configs: Mapping[str, Config] = field(default_factory=dict)
    by_cite: bool = False
    add_givenname: bool = False
    item: Any = None
    nameset: int = 0
    count: int = 0
    max_max: int = 0
    names_max: list[int] = field(default_factory=list)
    extra: list[tuple[int, int, str]] = field(default_factory=list)

    def start(self, item: Any) -> None:
        """Reset the per-cite counters when the engine moves on to another cite."""
        if item is self.item:
            return
        self.item, self.nameset, self.count = item, 0, 0
        if not self.looking:
            config = self.configs.get(str(getattr(item, "key", "")))
            self.request = config
            self.settings = config.clone() if config is not None else Config()


_RUN: ContextVar[Run | None] = ContextVar("ambiguity_run", default=None)


def current() -> Run | None:
    return _RUN.get()


@contextmanager
def running(run: Run | None) -> Iterator[None]:
    token = _RUN.set(run)
    try:
        yield
    finally:
        _RUN.reset(token)


def shown_names(run: Run, pos: int, total: int, et_al_min: int, use_first: int) -> int | None:
    """How many of ``total`` names name set ``pos`` shows (``_imposeNameConstraints``);
    None when the configuration asks nothing of it (the style's own et-al rules apply)."""
    request = run.request
    asked = request.names[pos] if request is not None and pos < len(request.names) else 0
    etal_min = et_al_min or total + 1  # no et-al-min: never truncated
    if run.looking:
        if asked:
            length = asked
        elif total >= etal_min:
            length = use_first
        else:
            length = etal_min
    elif asked > use_first:
        length = total if total < etal_min else asked
    else:
        return None
    length = min(length, total)
    shown = length if etal_min >= use_first and total > length else total
    while len(run.settings.names) <= pos:
        run.settings.names.append(0)
    run.settings.names[pos] = shown
    run.settings.pad()
    return shown if asked else None


def given_levels(
    run: Run, pos: int, people: Sequence[Any], floor: int, initialized: Callable[[str], str] | None
) -> None:
    """Given-name levels of the names shown (``_runDisambigNames``), and in a looking pass
    the given names they add to the cite."""
    levels = run.settings.givens[pos] if pos < len(run.settings.givens) else []
    for i, person in enumerate(people[: len(levels)]):
        given = str(person.parts()[0] or "")
        if run.request is not None:
            value = levels[i]
            if value == 1 and run.by_cite and (initialized is None or not given):
                value = 2
            level = value
            if run.add_givenname and given and run.by_cite and floor <= value:
                level = value
            elif run.add_givenname and given:
                level = floor
        else:
            level = floor
        levels[i] = level
        use = max(level, floor)
        if run.looking and use > floor and given:
            shown = given if use == 2 or initialized is None else initialized(given)
            run.extra.append((pos, i, shown))


def disambiguate_test(run: Run | None) -> bool:
    """``<if disambiguate="true">``: true for the first ``disambiguate`` tests of a cite."""
    if run is None:
        return False
    if run.looking:
        run.max_max += 1
    config = run.settings if run.looking else run.request
    if config is not None and config.disambiguate and run.count < config.disambiguate:
        run.count += 1
        return True
    return False

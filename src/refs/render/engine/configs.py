"""What the citation disambiguation decided, seen while rendering (`refs.render.engine.ambiguity`).

A `Run` is one rendering pass, an ambiguous cite (``looking``) or the real output; the
name and condition elements ask it how many names to show and whether ``disambiguate``
holds. Split from the algorithm so that the element classes need not import it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from refs.render.engine.namereg import NameRegister


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


class Configs(dict[str, Config]):
    """Each cited key's configuration, and the names the disambiguation registered."""

    def __init__(self, register: NameRegister) -> None:
        super().__init__()
        self.register = register


@dataclass
class Run:
    """One rendering pass: an ambiguous cite (``looking``) or the real output, of the
    citations or (``bibliography``) of the bibliography. ``rule`` is the style's
    ``givenname-disambiguation-rule`` (None until `adopt` reads the style)."""

    looking: bool
    request: Config | None = None
    settings: Config = field(default_factory=Config)
    configs: Mapping[str, Config] = field(default_factory=dict)
    by_cite: bool = False
    add_givenname: bool = False
    rule: str | None = None
    register: NameRegister | None = None
    bibliography: bool = False
    item: Any = None
    nameset: int = 0
    count: int = 0
    max_max: int = 0
    names_max: list[int] = field(default_factory=list)

    def start(self, item: Any) -> None:
        """Reset the per-cite counters when the engine moves on to another cite."""
        if item is self.item:
            return
        self.item, self.nameset, self.count = item, 0, 0
        if not self.looking:
            config = self.configs.get(str(getattr(item, "key", "")))
            self.request = config
            self.settings = config.clone() if config is not None else Config()

    def enter_bibliography(self) -> None:
        """From now on the bibliography is rendered: it has the citations' given-name
        levels only when the style says ``disambiguate-add-givenname`` (citeproc-js)."""
        self.bibliography = True
        self.item = None

    def adopt(self, citation: Any) -> None:
        """Read the given-name options of the style's ``<citation>`` (once)."""
        if self.rule is not None:
            return
        self.rule = str(citation.get("givenname-disambiguation-rule", "by-cite"))
        self.by_cite = self.rule == "by-cite"
        self.add_givenname = citation.get("disambiguate-add-givenname", "false") == "true"
        if self.register is None:
            self.register = getattr(self.configs, "register", None) or register_for(citation)


def register_for(citation: Any) -> NameRegister:
    """An empty name register with the options of the style's ``<citation>``."""
    root = citation.getroottree().getroot()
    return NameRegister(
        rule=str(citation.get("givenname-disambiguation-rule", "by-cite")),
        add_givenname=citation.get("disambiguate-add-givenname", "false") == "true",
        never_demote=root.get("demote-non-dropping-particle") == "never",
    )


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


def given_levels(run: Run, pos: int, people: Sequence[Any], floor: int, mark: bool) -> list[int]:
    """The given-name level of each name shown of name set ``pos`` (``_runDisambigNames``),
    kept in ``run.settings``. Each name goes into the name register first. With a
    configuration, the level is what it asks (a request for initials where the name has
    none to give, no ``initialize-with`` or no given name, is one for the full name under
    "by-cite"), raised by the register when the style adds given names; without one, the
    register's. The bibliography has the citations' levels only when the style says
    ``disambiguate-add-givenname``. ``floor``: the level of the name's form; ``mark``:
    whether it has ``initialize-with``."""
    register = run.register
    if register is None:
        return []
    key = str(getattr(run.item, "key", ""))
    request = run.request
    if run.bibliography and not run.add_givenname:
        request = None
        levels: list[int] = []
    else:
        while len(run.settings.givens) <= pos:
            run.settings.givens.append([])
        levels = run.settings.givens[pos]
    for i, person in enumerate(people):
        given = person.get("given")
        if "literal" in person or not (given or person.get("family")):
            if i >= len(levels):
                levels.append(floor)
            continue
        register.add(key, person, i)
        if i >= len(levels):
            levels.append(register.level(key, person, i, 0, floor, mark))
        if request is None:
            levels[i] = register.level(key, person, i, 0, floor, mark)
            continue
        level = levels[i]
        if level == 1 and run.by_cite and (not mark or not given):
            level = 2
        if run.add_givenname and given:
            level = register.level(key, person, i, level, floor, mark)
        levels[i] = level
    return levels


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

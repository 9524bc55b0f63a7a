"""The register of the names a document renders, and the given-name level each one needs.

citeproc-py has no given-name disambiguation. citeproc-js keeps every personal name it
renders in a register (``CSL.Registry.NameReg``): family name, then the given name's
initials, then the given name itself. A name whose family name is shared by names with
other initials needs initials; one whose initials are shared by other given names needs the
full given name. With ``givenname-disambiguation-rule="by-cite"`` the register is per item
(two Zhangs in one author list), with ``primary-name…`` it holds only first names, and the
``…-with-initials`` rules never go past initials. This is that register and its
``evalname``; `refs.render.engine.configs.given_levels` asks it for each name it renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_TAIL = re.compile(r"[,!]* ([^,]+)$")
_RULES = frozenset({"all-names", "primary-name"})
_WITH_INITIALS = frozenset({"all-names-with-initials", "primary-name-with-initials"})


@dataclass
class NameRegister:
    """Family name -> initials -> given names, of every name rendered so far."""

    rule: str = "by-cite"
    add_givenname: bool = False
    never_demote: bool = False
    names: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def keys(self, key: str, person: Any) -> tuple[str, str, str]:
        """(family key, initials key, given key) of a name (``set_keys``)."""
        family = _stripped(person.get("family"))
        particle = person.get("non-dropping-particle")
        if self.never_demote and particle and person.get("family"):
            family = f"{family} {particle}"
        given = _stripped(person.get("given"))
        tail = _TAIL.search(given)
        if tail and tail[1] == tail[1].lower():  # "John et al": the lowercase tail goes
            given = given[: tail.start()]
        if self.rule == "by-cite":
            family = key + "\x00" + family
        return family, _initials(given), given

    def add(self, key: str, person: Any, number: int) -> None:
        """Register the ``number``-th name of an item (``addname``)."""
        if number and self.rule.startswith("primary-"):
            return
        family, initials, given = self.keys(key, person)
        if not family or not initials:
            return
        givens = self.names.setdefault(family, {}).setdefault(initials, set())
        if given:
            givens.add(given)

    def level(  # noqa: PLR0917
        self, key: str, person: Any, number: int, asked: int, floor: int, mark: bool
    ) -> int:
        """The given-name level a name needs (``evalname``): ``floor`` is the level of its
        form (0 short, 1 initialized, 2 full), ``asked`` what disambiguation asked,
        ``mark`` whether the name has ``initialize-with``."""
        family, initials, _ = self.keys(key, person)
        by_initials = self.names.get(family)
        if by_initials is None or initials not in by_initials:
            return floor
        if self.rule == "by-cite" and floor <= asked:
            return asked
        if not self.add_givenname or (number and self.rule.startswith("primary-")):
            return floor
        level = floor
        if self.rule == "by-cite" or self.rule in _RULES:
            if len(by_initials) > 1:
                level = 1
            if len(by_initials[initials]) > 1 or (len(by_initials) > 1 and not mark):
                level = 2
        elif self.rule in _WITH_INITIALS:
            level = 1 if len(by_initials) > 1 else 0
        return level


def _stripped(text: Any) -> str:
    """Periods as spaces, one space between words, none at the end."""
    return re.sub(r"\s+", " ", str(text or "").replace(".", " ")).rstrip()


def _initials(given: str) -> str:
    """The initials of a given name, as a key ("Jean-Paul" -> "J-P", "yue" stays)."""
    return "".join(
        f"{part[0]}-" if part[0].isupper() else f"{part} "
        for part in re.split(r"[\s-]+", given)
        if part
    )

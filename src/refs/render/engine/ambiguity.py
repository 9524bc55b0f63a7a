"""Citation disambiguation by added names, given names and ``disambiguate="true"``.

citeproc-py has none of it. This is citeproc-js's algorithm (``CSL.Disambiguation`` in
``citeproc_commonjs.js``, ~line 23931), ported step for step: cites whose ambiguous
citations (plain text, rendered as a subsequent cite) read alike are pooled; for each pool
it adds given names ("by-cite"), then names, then sets the ``disambiguate`` condition,
keeping what improved. The resulting configuration of each item (names shown per name
set, given-name levels, the ``disambiguate`` count) is then used when the citations and the
bibliography are rendered: citeproc-js shows a name count above ``et-al-use-first`` in the
bibliography too (MLA's "Xu, Can, Qingfeng Sun, Kai Zheng, et al.").

As in citeproc-js, the configuration being tried is one object that rendering updates in
place (the names an item actually shows, its given-name levels): `Run.settings`.

The ambiguous cite is rendered as a subsequent one (`_earlier`), as citeproc-js does; the
given-name levels are printed (`refs.render.engine.names`) and the names rendered go into
the name register of the given-name rules (`refs.render.engine.namereg`). Not ported: year
suffixes (`refs.render.engine.suffixes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from refs.render.citeproc import Citation, plain
from refs.render.engine.configs import Config, Configs, Run, register_for, running
from refs.render.engine.looking import only_looking
from refs.render.engine.style import CSL_NS, Cite, Registry


class Disambiguation:
    """``CSL.Disambiguation``: pools of cites that read alike, told apart step by step."""

    def __init__(self, root: Any, registry: Registry) -> None:
        self.root = root
        self.registry = registry
        citation = root.citation
        self.add_names = citation.get("disambiguate-add-names", "false") == "true"
        self.add_givenname = citation.get("disambiguate-add-givenname", "false") == "true"
        self.rule = str(citation.get("givenname-disambiguation-rule", "by-cite"))
        self.by_cite = self.rule == "by-cite"
        has_disambiguate = bool(
            root.xpath(".//cs:*[@disambiguate='true']", namespaces={"cs": CSL_NS})
        )
        self.modes: list[str] = []
        if self.add_names or (self.add_givenname and self.by_cite):
            self.modes.append("names")
        if citation.get("disambiguate-add-year-suffix", "false") == "true":
            self.modes.append("years")
        if has_disambiguate:
            self.modes.append("extra")
        self.configs = Configs(register_for(citation))
        self.last: Run | None = None
        # the state of one pool's run (``initVars``)
        self.lists: list[tuple[Config, list[str]]] = []
        self.base: Config | None = None
        self.better = Config()
        self.maxima: dict[str, list[int]] = {}
        self.namesets_max = -1
        self.names_max: int | None = None
        self.givens_max: int | None = None
        self.mode = 0
        self.item = ""
        self.init_givens = True
        self.gnameset = 0
        self.gname = 0
        self.clashes = [1, 0]
        self.listpos = 0
        self.partners: list[str] = []
        self.nonpartners: list[str] = []

    def needed(self) -> bool:
        return "names" in self.modes or "extra" in self.modes or self.add_givenname

    # -- rendering -------------------------------------------------------------------------

    def cite(self, key: str, request: Config | None) -> tuple[str, Run]:
        """``getAmbiguousCite``: the plain text of ``key`` cited alone, and the pass (whose
        ``settings`` is ``request`` itself, updated, as in citeproc-js)."""
        if request is None:
            request = self.configs.get(key)
        run = Run(
            looking=True,
            request=request,
            settings=request if request is not None else Config(),
            by_cite=self.by_cite,
            add_givenname=self.add_givenname,
            rule=self.rule,
            register=self.configs.register,
        )
        citation = Citation([Cite(key)])
        citation.bibliography = self.registry
        formatter, self.root.formatter = self.root.formatter, plain
        try:
            with only_looking(), running(run):
                try:
                    text = str(self.root.citation.render(citation, _earlier(key), None))
                except Exception:  # a cite citeproc-py cannot render stays as it is
                    text = f"\x00{key}"
        finally:
            self.root.formatter = formatter
        self.last = run
        return " ".join(text.split()), run

    # -- the algorithm ---------------------------------------------------------------------

    def run_all(self, keys: Sequence[str]) -> Configs:
        """Disambiguate every pool (``doinserts``, then ``run`` per ambiguity key)."""
        pools: dict[str, list[str]] = {}
        for key in keys:
            text, run = self.cite(key, None)
            self.configs[key] = run.settings.clone()
            pools.setdefault(text, []).append(key)
        for members in pools.values():
            if len(members) > 1:
                self._run(members)
        return self.configs

    def _register(self, key: str, config: Config) -> None:
        self.configs[key] = config.clone()

    def _cite_data(self, key: str, base: Config | None) -> None:
        if key in self.maxima:
            return
        _, run = self.cite(key, base)
        config = run.settings.clone()
        self.maxima[key] = list(run.names_max)
        self.namesets_max = len(self.configs[key].names) - 1
        if self.base is None:
            self.base = config
            self.better = config.clone()
        if len(config.names) < len(self.base.names):
            self.base = config
        for i, count in enumerate(config.names):
            if i < len(self.base.names) and count > self.base.names[i]:
                self.base.givens[i] = list(config.givens[i])
                self.base.names[i] = count
                self.better.names = list(self.base.names)
                self.better.givens = list(self.base.givens)
                self.base.pad()
                self.better.pad()
        self.better.givens = [list(g) for g in self.base.givens]

    def _run(self, members: list[str]) -> None:
        # initVars
        self.lists = []
        self.base = None
        self.better = Config()
        self.maxima = {}
        self.namesets_max = -1
        first = members[0]
        self._cite_data(first, None)
        assert self.base is not None
        bundles = [(self.maxima[first], first)]
        for key in members[1:]:
            self._cite_data(key, self.base)
            bundles.append((self.maxima[key], key))
        # JavaScript compares the arrays of name counts as strings ("10" < "9")
        bundles.sort(key=lambda b: (",".join(map(str, b[0])), b[1]))
        items = [key for _, key in bundles]
        self.lists.append((self.base, items))
        self.item = items[0]
        self.mode = 0
        maxima = self.maxima[self.item]
        self.names_max = maxima[0] if maxima else None
        self.base.pad()
        self.better.pad()
        self.base.disambiguate = 0
        self.better.disambiguate = 0
        self.givens_max = 2 if self.by_cite and self.add_givenname else None
        if self.modes:  # else only the name register works (a global given-name rule)
            self._run_disambig()

    def _run_disambig(self) -> None:
        self.init_givens = True
        guard = 0
        while self.lists:
            self.gnameset = 0
            self.gname = 0
            self.clashes = [1, 0]
            while self.lists[0][1]:
                guard += 1
                if guard > 10_000:  # citeproc-js would hang; never seen
                    return
                self.listpos = 0
                maxed = self._increment()
                self._scan(self.lists[0])
                self._eval(maxed)
            self.lists = self.lists[1:]

    def _scan(self, pool: tuple[Config, list[str]]) -> None:
        assert self.base is not None
        self.item = pool[1][0]
        mine, _ = self.cite(self.item, self.base)
        self.partners = [self.item]
        self.nonpartners = []
        clashes = 0
        for other in pool[1][1:]:
            theirs, _ = self.cite(other, self.base)
            if mine == theirs:
                clashes += 1
                self.partners.append(other)
            else:
                self.nonpartners.append(other)
        self.clashes = [self.clashes[1], clashes]

    def _eval(self, maxed: bool) -> None:
        mode = self.modes[self.mode]
        {"names": self._names, "years": self._years, "extra": self._extra}[mode](maxed)
        if maxed:
            if self.mode < len(self.modes) - 1:
                self.mode += 1
            else:
                self._set_list(self.listpos + 1, (self.base_or_fail(), []))

    def base_or_fail(self) -> Config:
        assert self.base is not None
        return self.base

    def _set_list(self, pos: int, value: tuple[Config, list[str]]) -> None:
        while len(self.lists) <= pos:
            self.lists.append((value[0], []))
        self.lists[pos] = value

    def _names(self, maxed: bool) -> None:
        better = self.better
        if self.clashes[1] == 0 and len(self.nonpartners) == 1:
            self._capture()
            self._register(self.nonpartners[0], better)
            self._register(self.partners[0], better)
            self.lists[self.listpos] = (better, [])
        elif self.clashes[1] == 0:
            self._capture()
            self._register(self.partners[0], better)
            self.lists[self.listpos] = (better, self.nonpartners)
            if self.nonpartners:
                self.init_givens = True
        elif len(self.nonpartners) == 1:
            self._capture()
            self._register(self.nonpartners[0], better)
            self.lists[self.listpos] = (better, self.partners)
        elif self.clashes[1] < self.clashes[0]:
            self._capture()
            self.lists[self.listpos] = (better, self.partners)
            self.lists.append((better, self.nonpartners))
        elif maxed:
            self.lists[self.listpos] = (better, self.nonpartners)
            self.lists.append((better, self.partners))
            if self.mode == len(self.modes) - 1:
                for key in self.partners:
                    self._register(key, better)
                self.lists[self.listpos] = (better, [])

    def _extra(self, _maxed: bool) -> None:
        base = self.base_or_fail()
        last = self.last
        count = last.count if last is not None else 0
        max_max = last.max_max if last is not None else 0
        done = self.clashes[1] == 0 and len(self.nonpartners) < 2
        if not done and (not base.disambiguate or count != max_max):
            self.mode = 0
            base.disambiguate = count
            self.better.disambiguate = count
            if not base.disambiguate:
                self.init_givens = True
                base.disambiguate = 1
            else:
                self._names(False)
        elif done or self.mode == len(self.modes) - 1:
            pool_base = self.lists[self.listpos][0]
            for key in self.lists[self.listpos][1]:
                self._register(key, pool_base)
            self.lists[self.listpos] = (self.better, [])
        else:
            self.mode = len(self.modes) - 1
            pool_base = self.lists[self.listpos][0]
            pool_base.disambiguate = 1  # citeproc-js: true
            for key in self.lists[self.listpos][1]:
                self._register(key, pool_base)

    def _years(self, _maxed: bool) -> None:
        pool_base = self.lists[self.listpos][0]
        if self.clashes[1]:
            for key in self.lists[self.listpos][1]:
                self._register(key, pool_base)
        self.lists[self.listpos] = (self.better, [])

    def _increment(self) -> bool:
        if self.init_givens:
            self.init_givens = False
            return False
        base = self.base_or_fail()
        maxed = False
        if self.modes[self.mode] == "names":
            increment_names = self.givens_max is None
            increment_namesets = self.names_max is None
            if self.givens_max is not None:
                level = _at(base.givens, self.gnameset, self.gname)
                if base.givens and level is not None and level < self.givens_max:
                    base.givens[self.gnameset][self.gname] += 1
                else:
                    increment_names = True
            if self.names_max is not None and increment_names:
                if self.add_names:
                    increment_namesets = False
                    if self.gname < self.names_max:
                        base.names[self.gnameset] += 1
                        self.gname += 1
                    else:
                        increment_namesets = True
                else:
                    increment_namesets = True
            if increment_namesets and self.gnameset < self.namesets_max:
                self.gnameset += 1
                while len(base.names) <= self.gnameset:
                    base.names.append(0)
                base.names[self.gnameset] = 1
                self.gname = 0
            level = _at(base.givens, self.gnameset, self.gname)
            if (
                (self.namesets_max in {-1, self.gnameset})
                and (not self.add_names or self.names_max is None or self.gname == self.names_max)
                and (self.givens_max is None or level is None or level == self.givens_max)
            ):
                maxed = True
        elif self.modes[self.mode] == "extra":
            base.disambiguate += 1
            self.better.disambiguate += 1
        return maxed

    def _capture(self) -> None:
        base = self.base_or_fail()
        if self.by_cite and base.givens:
            level = _at(base.givens, self.gnameset, self.gname)
            if level is not None:
                if len(self.better.givens) < len(base.givens):
                    self.better.givens = [list(g) for g in base.givens]
                while len(self.better.givens[self.gnameset]) <= self.gname:
                    self.better.givens[self.gnameset].append(0)
                self.better.givens[self.gnameset][self.gname] = level
        while len(self.better.names) <= self.gnameset:
            self.better.names.append(0)
        self.better.names[self.gnameset] = base.names[self.gnameset]


def _earlier(key: str) -> list[Any]:
    """Cites as if ``key`` had been cited before, in a citation of its own kind: the
    ambiguous cite is a subsequent one (``position="subsequent"`` and ``near-note`` hold,
    ``ibid`` does not), as in citeproc-js."""
    earlier = Cite(key)
    Citation([earlier, Cite(key)])
    return [earlier]


def _at(givens: list[list[int]], pos: int, i: int) -> int | None:
    if pos < len(givens) and i < len(givens[pos]):
        return givens[pos][i]
    return None


def disambiguate(root: Any, keys: Sequence[str], registry: Registry) -> dict[str, Config]:
    """Each cited key's disambiguation configuration (empty when the style asks none)."""
    if root.citation is None:
        return {}
    work = Disambiguation(root, registry)
    if not work.needed():
        return {}
    return work.run_all(keys)

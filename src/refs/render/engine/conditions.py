"""``<if disambiguate="true">``, which citeproc-py ignored (a test it does not know passed,
so every cite showed what only ambiguous cites should)."""

from __future__ import annotations

from typing import Any

from refs.render.citeproc import model
from refs.render.engine.configs import current, disambiguate_test


class If(model.If):  # type: ignore[misc]
    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if "disambiguate" not in self.attrib:
            return super().render(item, context=context, delimiter=delimiter, **kwargs)
        results: list[bool] = []
        for attribute, test in (
            ("type", self._type),
            ("variable", self._variable),
            ("is-numeric", self._is_numeric),
            ("is-uncertain-date", self._is_uncertain_date),
            ("locator", self._locator),
        ):
            if attribute in self.attrib:
                results += test(item)
        if "position" in self.attrib:
            results += self._position(item, context)
        if self.get("disambiguate") == "true":
            run = current()
            if run is not None:
                run.start(item)
            results.append(disambiguate_test(run))
        match = self.get("match")
        passed = (
            any(results)
            if match == "any"
            else (not any(results) if match == "none" else all(results))
        )
        if not passed:
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


class ElseIf(If, model.Else_If):  # type: ignore[misc]
    pass

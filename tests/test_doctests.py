"""The examples in every refs docstring run and hold: documentation that cannot go stale."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import refs

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(refs.__path__, "refs.")
    if not name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0

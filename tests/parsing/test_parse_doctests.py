"""The examples in refs.parsing docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import refs.parsing

MODULES = ["refs.parsing"] + [
    f"refs.parsing.{m.name}" for m in pkgutil.iter_modules(refs.parsing.__path__)
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0

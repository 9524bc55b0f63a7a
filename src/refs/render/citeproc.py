"""The one module that imports citeproc-py: the names the render engine builds on.

Tested with citeproc-py 0.11.1 (``>=0.11.1,<0.12``). `refs.render.engine` subclasses this
version's element classes (``model``) to close its gaps with citeproc-js, the CSL reference
processor; nothing else in refs imports citeproc directly.
"""

from __future__ import annotations

from citeproc import LOCALES_PATH, NAMES, VARIABLES, model
from citeproc.formatter import html, plain
from citeproc.source import Citation, CitationItem, DateRange, Locator, VariableError
from citeproc.source import Date as DateValue
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, NoCase, String, join

__all__ = [
    "LOCALES_PATH",
    "NAMES",
    "VARIABLES",
    "Citation",
    "CitationItem",
    "CiteProcJSON",
    "DateRange",
    "DateValue",
    "Locator",
    "MixedString",
    "NoCase",
    "String",
    "VariableError",
    "html",
    "join",
    "model",
    "plain",
]

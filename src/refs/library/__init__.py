"""Everyday work in the store: find entries (a search index), look them up, add new ones."""

from refs.library.add import (
    AddResult,
    Candidate,
    addition_definitions,
    parse_addition,
    plan_addition,
)
from refs.library.lookup import CitingRow, UnknownKey, citing_rows, resolve_key
from refs.library.records import SearchRecord, record_of
from refs.library.rekey import RekeyPlan, plan_rekey
from refs.library.search import Searcher, SearchHit, has_index, search_index

__all__ = [
    "AddResult",
    "Candidate",
    "CitingRow",
    "RekeyPlan",
    "SearchHit",
    "SearchRecord",
    "Searcher",
    "UnknownKey",
    "addition_definitions",
    "citing_rows",
    "has_index",
    "parse_addition",
    "plan_addition",
    "plan_rekey",
    "record_of",
    "resolve_key",
    "search_index",
]

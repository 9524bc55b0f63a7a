"""`refs check`: lint the store and the catalog. Each check is a small named function; adding
one is adding it to `CHECKS`."""

from __future__ import annotations

from refs.check.catalog_checks import (
    ambiguous_citations,
    dangling_citations,
    link_mismatches,
    related_mismatches,
    uncited_entries,
    unknown_keys,
)
from refs.check.document_checks import (
    broken_anchors,
    missing_documents,
    refused_documents,
    skipped_documents,
    stale_documents,
)
from refs.check.findings import Check, CheckContext, Finding
from refs.check.store_checks import (
    alias_collisions,
    duplicate_keys,
    missing_fields,
    text_link_mismatches,
)

#: Every check, in the order their findings are listed.
CHECKS: tuple[Check, ...] = (
    dangling_citations,
    ambiguous_citations,
    link_mismatches,
    related_mismatches,
    unknown_keys,
    uncited_entries,
    text_link_mismatches,
    missing_fields,
    duplicate_keys,
    alias_collisions,
    missing_documents,
    refused_documents,
    skipped_documents,
    stale_documents,
    broken_anchors,
)


def run_checks(context: CheckContext, checks: tuple[Check, ...] = CHECKS) -> list[Finding]:
    """Every finding of ``checks``, sorted by file, line and code (stable for CI diffs)."""
    found = [finding for check in checks for finding in check(context)]
    return sorted(found, key=lambda f: (f.file, f.line, f.code, f.message))


__all__ = ["CHECKS", "Check", "CheckContext", "Finding", "run_checks"]

"""One plain function per command: paths and objects in, results out; no click, no printing."""

from refs.workflows.check import CheckResult, check
from refs.workflows.dedupe import DedupeResult, dedupe
from refs.workflows.export import ExportResult, export
from refs.workflows.ingest import ImportResult, import_documents, read_documents
from refs.workflows.render import RenderResult, render

__all__ = [
    "CheckResult",
    "DedupeResult",
    "ExportResult",
    "ImportResult",
    "RenderResult",
    "check",
    "dedupe",
    "export",
    "import_documents",
    "read_documents",
    "render",
]

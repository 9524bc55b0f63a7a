"""One plain function per command: paths and objects in, results out; no click, no printing."""

from refs.workflows.check import CheckResult, check
from refs.workflows.cite import CiteResult, cite
from refs.workflows.dedupe import DedupeResult, dedupe
from refs.workflows.edit import RekeyResult, RemoveResult, add, rekey, remove, rename
from refs.workflows.export import ExportResult, export
from refs.workflows.ingest import ImportResult, import_documents, read_documents
from refs.workflows.library import ShowResult, list_entries, search, show
from refs.workflows.render import RenderResult, render
from refs.workflows.sync import SyncResult, sync

__all__ = [
    "CheckResult",
    "CiteResult",
    "DedupeResult",
    "ExportResult",
    "ImportResult",
    "RekeyResult",
    "RemoveResult",
    "RenderResult",
    "ShowResult",
    "SyncResult",
    "add",
    "check",
    "cite",
    "dedupe",
    "export",
    "import_documents",
    "list_entries",
    "read_documents",
    "rekey",
    "remove",
    "rename",
    "render",
    "search",
    "show",
    "sync",
]

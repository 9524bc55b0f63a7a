"""`refs sync DOC`: the document with its References section and catalog numbers regenerated,
as a unified diff (dry run) or written in place with an undo step."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from refs.bibtex.keypattern import DEFAULT_PATTERN, KeyPattern
from refs.catalog import Catalog, document_digest, dump_catalog, load_catalog
from refs.encoding import Layout, editable_text
from refs.errors import RefsError, Severity, StoreChanged, UnreadableInput
from refs.export.csl_json import csl_items
from refs.project import confine, read_given
from refs.render import DEFAULT_LOCALE, Style, resolve_style
from refs.render.readme import ReadmeGroup, ReadmeLayout, ReadmeSection, readme_section
from refs.store import Store, load_store, transaction
from refs.sync import SyncPlan, plan_sync, split_lines
from refs.workflows.check import check
from refs.workflows.common import require_store
from refs.workflows.ingest import import_in_memory, read_catalog

#: The style of a regenerated References section unless ``--style`` says otherwise.
README_STYLE = "survey-readme"


class SyncRefused(RefsError):
    """The document is not safe to rewrite (changed since import, or `refs check` errors)."""


@dataclass(frozen=True, slots=True)
class SyncResult:
    """The unified diff (empty when the document is in sync), whether it was written, and
    notes on what was corrected or left alone."""

    diff: str
    written: bool
    notes: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def changed(self) -> bool:
        """True when the document was (or would be) changed."""
        return bool(self.diff)


def _catalog_name(doc: str, catalog: Catalog) -> str | None:
    """The name the document was imported under: as given, or the same file by path."""
    if doc in catalog.documents:
        return doc
    wanted = Path(doc).resolve()
    return next((name for name in catalog.documents if _resolves_to(name, wanted)), None)


def _resolves_to(name: str, wanted: Path) -> bool:
    try:
        return Path(name).resolve() == wanted
    except (OSError, RuntimeError, ValueError):  # a name from data: a symlink loop, a NUL byte
        return False


def _refuse_unless_clean(name: str, data: bytes, catalog: Catalog, checked: Sequence[str]) -> None:
    if catalog.documents[name] != document_digest(data):
        msg = (
            f"{name} changed since it was imported; run `refs import {name}` first "
            "(or --force to sync anyway)"
        )
        raise SyncRefused(msg)
    if checked:
        shown = "; ".join(checked[:5]) + (
            f"; … {len(checked) - 5} more" if len(checked) > 5 else ""
        )
        msg = (
            f"refs check has {len(checked)} error(s) for {name}: {shown} "
            "(fix them, or --force to sync anyway)"
        )
        raise SyncRefused(msg)


#: Rounds of write + re-import: re-reading the regenerated section can complete an entry
#: (a title the old text lacked), which changes how it renders; the next round settles it.
_ROUNDS = 3


def _plan(
    name: str, text: str, catalog: Catalog, store: Store, *, style: Style, locale: str
) -> tuple[SyncPlan, list[str]]:
    """The sync of ``text`` against ``store`` (as edited in memory), and the export's warnings."""
    entries = store.entries()
    warnings: list[str] = []
    items = list(csl_items(entries, store.macros, warnings))

    def render(groups: Sequence[ReadmeGroup], layout: ReadmeLayout) -> ReadmeSection:
        return readme_section(items, groups, style, locale, layout)

    return plan_sync(name, text, catalog.items_of(name), entries, render), warnings


def _settle(
    plan: SyncPlan,
    name: str,
    store: Store,
    catalog: Catalog,
    layout: Layout,
    *,
    style: Style,
    locale: str,
    key_pattern: KeyPattern,
) -> tuple[SyncPlan, Catalog]:
    """Re-import the synced text into ``store`` and ``catalog`` (in memory) until the text no
    longer changes: re-reading a regenerated section can complete an entry (a title the old text
    lacked), which changes how it renders. A new entry is keyed with ``key_pattern``."""
    for round_ in range(_ROUNDS):
        text = layout.encode(plan.text)  # the bytes written: their digest goes to the catalog
        imported = import_in_memory(store, catalog, [(name, text)], key_pattern=key_pattern)
        catalog = imported.catalog or catalog
        if round_ == _ROUNDS - 1:
            break  # what is written is what was imported, settled or not
        again, _ = _plan(name, plan.text, catalog, store, style=style, locale=locale)
        if again.text == plan.text:
            break
        plan = again
    return plan, catalog


def sync(
    doc: str,
    store_path: Path,
    catalog_path: Path,
    *,
    style_name: str = README_STYLE,
    locale: str = DEFAULT_LOCALE,
    write: bool = False,
    force: bool = False,
    cache_dir: Path | None = None,
    project: Path | None = None,
    key_pattern: KeyPattern = DEFAULT_PATTERN,
) -> SyncResult:
    """Sync the document ``doc`` (its name as given to `refs import`, or a path to it).

    Refuses (`SyncRefused`) when the document changed since it was imported or `refs check`
    reports errors for it, unless ``force``. With ``write`` the document is replaced
    atomically and re-imported, so the store and the catalog know its new numbers; the three
    files make one `refs undo` step. The check reads the documents the store and the catalog
    name only inside ``project`` (`Settings.project`), whose ``styles/`` may add styles. An
    entry the re-import creates is keyed with ``key_pattern``.
    """
    style = resolve_style(style_name, project)
    require_store(store_path)
    path = Path(doc)
    try:
        data = read_given(path)
    except OSError as error:
        msg = f"{doc}: cannot read: {error.strerror or error}"
        raise UnreadableInput(msg) from None
    catalog = load_catalog(catalog_path)
    name = _catalog_name(doc, catalog)
    if name is None:
        msg = f"{doc} is not in the catalog {catalog_path}; run `refs import {doc}` first"
        raise SyncRefused(msg)
    if not force:
        findings = check(store_path, catalog_path, cache_dir, project=project).findings
        errors = [
            f"line {f.line} {f.code}"
            for f in findings
            if f.file == name and f.severity is Severity.ERROR
        ]
        _refuse_unless_clean(name, data, catalog, errors)
    text, layout = editable_text(data, doc)
    store = load_store(store_path, cache_dir)
    plan, export_warnings = _plan(name, text, catalog, store, style=style, locale=locale)
    written = False
    if write and plan.text != text:
        # the user named the document, but a symlink in its repository could point anywhere:
        # what sync rewrites is a file of the project
        confine(Path() if project is None else project, path.absolute())
        command = f"refs sync {doc} --write"
        with transaction(store_path, cache_dir, command, [path, catalog_path]) as txn:
            if txn.read(path) != data:
                msg = f"{doc} changed while refs sync ran; nothing written, run again"
                raise StoreChanged(msg)
            store = load_store(store_path, cache_dir)
            catalog = read_catalog(txn, catalog_path)
            plan, export_warnings = _plan(name, text, catalog, store, style=style, locale=locale)
            plan, catalog = _settle(
                plan,
                name,
                store,
                catalog,
                layout,
                style=style,
                locale=locale,
                key_pattern=key_pattern,
            )
            txn.write(path, layout.encode(plan.text))
            txn.save(store)
            txn.write(catalog_path, dump_catalog(catalog))
        written = True
    diff = "".join(
        difflib.unified_diff(split_lines(text), split_lines(plan.text), f"a/{name}", f"b/{name}")
    )
    warnings = (*export_warnings, *(f"citeproc: {w}" for w in plan.warnings))
    return SyncResult(diff, written, tuple(f"{name}:{note}" for note in plan.notes), warnings)

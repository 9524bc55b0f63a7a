"""`refs sync`: put the References section and the catalog's numbers back into a document.

The managed regions are the References section's entries (regenerated from the store) and the
citation numbers inside catalog cells (renumbered); every other byte stays as it is.
"""

from refs.sync.order import Listed, listed_headings, readme_groups
from refs.sync.plan import RenderSection, SyncPlan, plan_sync, split_lines
from refs.sync.references import NoReferenceSection

__all__ = [
    "Listed",
    "NoReferenceSection",
    "RenderSection",
    "SyncPlan",
    "listed_headings",
    "plan_sync",
    "readme_groups",
    "split_lines",
]

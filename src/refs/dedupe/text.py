"""The report as text a person reads: a summary, then each cluster and conflict in a few lines.

A cluster shows its members (at most `MEMBERS` of them, the rest counted) and the evidence
that decides it, its weakest link; a conflict shows its members and the links that make it
one, vetoed links first (at most `LINKS`). Conflicts come `limit` at a time and may be picked
by their finding code (``--limit``, ``--kind``); ``--json`` (report.as_dict) keeps everything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from refs.dedupe.authors import misread_authors
from refs.dedupe.fingerprint import decode
from refs.dedupe.report import CONFLICT_REASONS, Conflict, DedupeReport, Link
from refs.model import Entry

#: Members shown per cluster or conflict; the rest are counted.
MEMBERS = 5
#: Links shown per conflict; the rest are counted.
LINKS = 3
#: Conflicts shown unless ``--limit`` says otherwise.
DEFAULT_LIMIT = 20
#: Characters of a title shown.
_TITLE = 90


def summary(report: DedupeReport, *, applied: bool) -> str:
    """One line: entries, clusters, the entries they merge, conflicts by finding code."""
    merged = sum(len(c.members) for c in report.clusters)
    verb = "merged" if applied else "would merge"
    kinds = Counter(reason for c in report.conflicts for reason in c.reasons)
    by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    return (
        f"{report.entries} entries: {len(report.clusters)} clusters ({verb} {merged} entries "
        f"into {len(report.clusters)}), {len(report.conflicts)} conflicts need a person"
        + (f" ({by_kind})" if by_kind else "")
    )


def describe(
    report: DedupeReport,
    renames: dict[str, str] | None = None,
    *,
    applied: bool = True,
    limit: int = DEFAULT_LIMIT,
    kind: str | None = None,
) -> list[str]:
    """The report as lines of text for a person. Clusters first (none when ``kind`` picks
    conflicts), a survivor whose key a merge makes again named with its new key; then up to
    ``limit`` conflicts (0: all) that have the finding code ``kind`` (None: every one); the
    renames when ``applied``."""
    lines: list[str] = []
    renames = renames or {}
    if kind is None:
        for number, cluster in enumerate(report.clusters, start=1):
            key = cluster.survivor.key
            kept = key if renames.get(key, key) == key else f"{key} as {renames[key]}"
            lines.append(
                f"cluster {number}: keep {kept}, {len(cluster.members)} entries, "
                f"confidence {cluster.confidence:.2f}"
            )
            lines.extend(_members(cluster.members))
            weakest = min(cluster.links, key=lambda link: link.match.score)
            lines.append(f"  by {_link(weakest)}")
    picked = [c for c in report.conflicts if kind is None or kind in c.reasons]
    shown = picked if limit <= 0 else picked[:limit]
    for number, conflict in enumerate(shown, start=1):
        lines.extend(_conflict(number, conflict))
    if len(shown) < len(picked):
        lines.append(
            f"... {len(picked) - len(shown)} more conflicts (--limit 0 shows all, "
            "--kind CODE one kind, --json everything)"
        )
    if applied:
        lines.extend(f"renamed {old} -> {new}" for old, new in renames.items())
    return lines


def _conflict(number: int, conflict: Conflict) -> list[str]:
    reasons = "; ".join(f"{r}: {CONFLICT_REASONS[r]}" for r in conflict.reasons)
    lines = [f"conflict {number} ({len(conflict.members)} entries) {reasons}"]
    lines.extend(_members(conflict.members))
    links = sorted(conflict.links, key=lambda link: (not link.match.vetoes, -link.match.score))
    lines.extend(f"  {_link(link)}" for link in links[:LINKS])
    if len(links) > LINKS:
        lines.append(f"  ... and {len(links) - LINKS} more links")
    if note := misread_note(conflict):
        lines.append(f"  note: {note}")
    return lines


def misread_note(conflict: Conflict) -> str:
    """For a shared identifier whose only counter-evidence is authors that do not read as
    person names: say so (import may have read a title or venue as authors), else ""."""
    if "vetoed-identifier" not in conflict.reasons:
        return ""
    vetoes = {v for link in conflict.links for v in link.match.vetoes}
    if vetoes != {"disjoint-authors"}:
        return ""
    odd = [name for member in conflict.members for name in misread_authors(member)]
    if not odd:
        return ""
    shown = "; ".join(dict.fromkeys(odd))
    return (
        "the only evidence against the shared identifier is authors that do not look like "
        f"person names ({shown}); likely misread on import"
    )


def _members(members: Sequence[Entry]) -> list[str]:
    lines = [f"  - {_member(entry)}" for entry in members[:MEMBERS]]
    if len(members) > MEMBERS:
        lines.append(f"  ... and {len(members) - MEMBERS} more entries")
    return lines


def _member(entry: Entry) -> str:
    title = decode(entry.get("title"))
    if len(title) > _TITLE:
        title = title[: _TITLE - 1].rstrip() + "\u2026"
    year = entry.get("year") or "n.d."
    return f"{entry.key} ({entry.entry_type}, {year}) {title!r}{_sources(entry.sources)}"


def _sources(sources: Iterable[object]) -> str:
    listed = [str(s) for s in sources]
    if not listed:
        return ""
    more = f" (+{len(listed) - 1} more)" if len(listed) > 1 else ""
    return f" at {listed[0]}{more}"


def _link(link: Link) -> str:
    match = link.match
    measured = ", ".join(f"{k} {v:g}" for k, v in match.similarities.items())
    text = f"{link.left} ~ {link.right}: {match.rule} {match.score:.2f} ({measured})"
    if match.shared:
        text += f" shared {', '.join(match.shared)}"
    own = [v for v in match.vetoes if v not in match.member_vetoes]
    if own:
        text += f" vetoed: {', '.join(own)}"
    if match.member_vetoes:
        text += f" vetoed by a merged member: {', '.join(match.member_vetoes)}"
    return text

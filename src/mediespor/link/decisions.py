"""Analysts' decisions on links: confirm, reject, add, undo.

The current decision is the row's status in ``item_events`` (which the linker never rewrites);
every decision is also appended to ``link_decisions`` with who, when and the item version the
analyst saw. Decisions are keyed by ``item_id``, which stays the same across item versions,
so a decision outlives new versions of the item and any number of re-runs.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from mediespor.errors import UsageError
from mediespor.store.db import Store, utcnow
from mediespor.urls import canonicalize

DecisionKind = Literal["confirm", "reject", "add", "undo"]
STATUS_OF: dict[str, str] = {"confirm": "confirmed", "reject": "rejected", "add": "added"}


@dataclass(frozen=True)
class Decision:
    """A decision as stored."""

    item_id: str
    event_id: str
    decision: str
    status: str
    decided_by: str
    decided_at: datetime
    previous_status: str | None


def current_user() -> str:
    """Who is deciding: ``$USER``, else the login name, else 'ukendt'."""
    user = os.environ.get("USER")
    if user:
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ukendt"


def resolve_item(store: Store, ref: str) -> str:
    """The item_id for ``ref``: an item id or a unique prefix of one (at least 4 hex digits,
    as git takes a short commit id), or a URL the item is known by (canonicalised)."""
    item_id = find_item(store, ref)
    if item_id is None:
        hint = (
            " (a short id needs at least 4 digits)" if re.fullmatch(r"[0-9a-f]{1,3}", ref) else ""
        )
        raise UsageError(
            f"no item has the id or URL {ref!r}{hint}; see 'mediespor sql' to look one up"
        )
    return item_id


def find_item(store: Store, ref: str) -> str | None:
    """As :func:`resolve_item`, but None when no item matches (still an error when several
    do)."""
    con = store.con
    row = con.execute("SELECT item_id FROM items WHERE item_id = ?", [ref]).fetchone()
    if row:
        return row[0]
    if re.fullmatch(r"[0-9a-f]{4,15}", ref):
        found = con.execute(
            "SELECT item_id FROM items WHERE starts_with(item_id, ?) ORDER BY item_id LIMIT 6",
            [ref],
        ).fetchall()
        if len(found) == 1:
            return found[0][0]
        if found:
            ids = ", ".join(r[0] for r in found[:5])
            raise UsageError(
                f"the short id {ref!r} matches several items ({ids}…); give more digits"
            )
    candidates = {ref}
    if ref.startswith(("http://", "https://")):
        with contextlib.suppress(ValueError):
            candidates.add(canonicalize(ref))
    urls = sorted(candidates)
    rows = con.execute(
        "SELECT DISTINCT item_id FROM items WHERE item_key IN (SELECT unnest(?))"
        " OR url IN (SELECT unnest(?)) OR original_url IN (SELECT unnest(?))"
        " OR archive_url IN (SELECT unnest(?))"
        " UNION SELECT DISTINCT item_id FROM item_sightings WHERE seen_url IN (SELECT unnest(?))"
        " ORDER BY item_id",
        [urls] * 5,
    ).fetchall()
    if not rows:
        return None
    if len(rows) > 1:
        ids = ", ".join(r[0] for r in rows)
        raise UsageError(f"{ref!r} matches several items ({ids}); give the item id instead")
    return rows[0][0]


def decide(
    store: Store,
    item_ref: str,
    event_id: str,
    decision: DecisionKind,
    *,
    by: str | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> Decision:
    """Record ``decision`` on the link (item, event) and return it.

    ``confirm`` needs an existing link; ``reject`` also works before any link exists (it stops
    the linker from ever adding one); ``add`` creates a link the linker missed; ``undo``
    hands the pair back to the linker (the row is removed and the next pass re-scores it).
    """
    con = store.con
    item_id = resolve_item(store, item_ref)
    if not con.execute("SELECT 1 FROM events WHERE event_id = ?", [event_id]).fetchone():
        raise UsageError(f"unknown event {event_id!r}; see 'mediespor events list'")
    who = by or current_user()
    when = now or utcnow()
    row = con.execute(
        "SELECT status FROM item_events WHERE item_id = ? AND event_id = ?", [item_id, event_id]
    ).fetchone()
    previous = row[0] if row else None
    if decision == "confirm" and previous is None:
        raise UsageError(
            f"item {item_id} has no link to {event_id} to confirm; use 'mediespor link add'"
        )
    chash = con.execute("SELECT content_hash FROM items WHERE item_id = ?", [item_id]).fetchone()[0]
    with store.transaction() as tx:
        if decision == "undo":
            status = "auto"
            tx.execute(
                "DELETE FROM item_events WHERE item_id = ? AND event_id = ?", [item_id, event_id]
            )
        else:
            status = STATUS_OF[decision]
            tx.execute(
                "INSERT INTO item_events (item_id, event_id, status, decided_by, decided_at,"
                " linked_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, event_id) DO UPDATE"
                " SET status = excluded.status, decided_by = excluded.decided_by,"
                " decided_at = excluded.decided_at",
                [item_id, event_id, status, who, when, when],
            )
        tx.execute(
            "INSERT INTO link_decisions (item_id, event_id, decision, decided_by, decided_at,"
            " content_hash, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [item_id, event_id, decision, who, when, chash, note],
        )
    return Decision(item_id, event_id, decision, status, who, when, previous)

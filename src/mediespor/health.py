"""Notice what needs attention: broken sources, and relevant items that need a date.

A site redesign that breaks a selector does not raise an error; it just stops producing items.
So besides consecutive failures we flag sources whose last new item is older than a threshold.

A relevant item without a date and without a link is placed nowhere (an undated item is never
linked on subject words alone); ``v_items_needing_date`` lists them for an analyst.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb


@dataclass(frozen=True)
class SourceHealth:
    """How one configured source has been doing."""

    name: str
    outlet: str
    kind: str
    enabled: bool
    consecutive_failures: int
    last_error: str | None
    last_new_item_at: datetime | None
    flags: tuple[str, ...]


def source_health(
    con: duckdb.DuckDBPyConnection,
    *,
    now: datetime,
    fail_nights: int = 3,
    stale_days: int = 14,
    history: int = 30,
) -> list[SourceHealth]:
    """Health of every configured source, from the last ``history`` runs and item sightings."""
    runs = con.execute(
        "SELECT counts FROM runs WHERE command = 'run' AND status <> 'running'"
        " ORDER BY run_id DESC LIMIT ?",
        [history],
    ).fetchall()
    per_run: list[dict] = []
    for (counts,) in runs:
        try:
            per_run.append(json.loads(counts or "{}").get("per_source") or {})
        except (ValueError, AttributeError):
            per_run.append({})
    out: list[SourceHealth] = []
    sources = con.execute(
        "SELECT s.name, s.outlet, s.kind, s.enabled, s.first_seen,"
        " (SELECT max(first_seen) FROM item_sightings WHERE source = s.name)"
        " FROM sources s ORDER BY s.name"
    ).fetchall()
    for name, outlet, kind, enabled, configured_at, last_new in sources:
        failures = 0
        last_error = None
        for ps in per_run:
            entry = ps.get(name)
            if entry is None or entry.get("status") == "skipped":
                continue
            if entry.get("status") == "failed":
                failures += 1
                last_error = last_error or entry.get("error")
            else:
                break
        flags: list[str] = []
        if enabled and failures >= fail_nights:
            flags.append(f"fejlet {failures} nætter i træk")
        since = last_new or configured_at
        if enabled and since is not None and now - since > timedelta(days=stale_days):
            days = (now - since).days
            flags.append(f"intet nyt i {days} dage")
        out.append(
            SourceHealth(
                name, outlet, kind, bool(enabled), failures, last_error, last_new, tuple(flags)
            )
        )
    return out


#: How a failed name lookup reads in a source's error, whatever layer reported it.
_NO_NAME = re.compile(
    r"\[Errno -[235]\]|name resolution|Name or service not known|nodename nor servname|"
    r"No address associated|Name does not resolve",
    re.IGNORECASE,
)


def unresolved(error: str | None) -> bool:
    """True when ``error`` says a host name did not resolve."""
    return bool(_NO_NAME.search(error or ""))


def brief_error(error: str) -> str:
    """A source's error as ``status`` shows it on one line: a failed name lookup says so
    first (a robots.txt that could not be fetched because of it is not the cause)."""
    return "host name does not resolve" if unresolved(error) else error


def looks_offline(errors: list[str], sources: int) -> bool:
    """True when most of ``sources`` failed because host names did not resolve: the machine
    is likely without network, which one line says better than a robots.txt failure per host."""
    failed = sum(1 for e in errors if unresolved(e))
    return sources >= 2 and failed * 2 > sources


@dataclass(frozen=True)
class ItemNeedingDate:
    """A relevant item with no date and no link (a row of ``v_items_needing_date``)."""

    item_id: str
    outlet: str
    kind: str
    title: str | None
    url: str | None


@dataclass(frozen=True)
class NeedsDate:
    """How many items need a date, and the first ``limit`` of them."""

    total: int
    items: tuple[ItemNeedingDate, ...]


#: How an analyst resolves an item that needs a date (shown by ``status``).
NEEDS_DATE_HINT = (
    "date them by importing them again with a 'published' value, or link them: "
    "mediespor link add ITEM EVENT"
)


def items_needing_date(con: duckdb.DuckDBPyConnection, *, limit: int = 10) -> NeedsDate:
    """The relevant, undated, unlinked items from ``v_items_needing_date`` (first ``limit``)."""
    total = con.execute("SELECT count(*) FROM v_items_needing_date").fetchone()[0]
    rows = con.execute(
        "SELECT item_id, outlet, kind, title, url FROM v_items_needing_date LIMIT ?", [limit]
    ).fetchall()
    return NeedsDate(int(total), tuple(ItemNeedingDate(*r) for r in rows))

"""The moment a page is read "as of": the time that resolves "i går" and year-less dates.

For a live page that is the fetch time. For an archived page (a Wayback capture, a Common Crawl
record) it is the capture time: a 2017 capture that says "28. juni kl. 14.32" or "i går" speaks
of 2017, not of the year the archive was downloaded. When an archive capture's time is unknown,
no reference is used at all, so relative and year-less dates stay unresolved rather than being
dated to the crawl.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mediespor.danish_dates import parse_iso
from mediespor.discover.kinds import kind_of_via
from mediespor.discover.wayback import capture_time, replay_capture_time


@dataclass(frozen=True)
class ReferenceTime:
    """The reference time used to read a page's dates, and why it was chosen."""

    value: datetime | None
    basis: str  # "capture", "fetch" or "unknown"
    why: str

    def as_json(self) -> dict[str, Any]:
        """The provenance entry stored with the item."""
        return {
            "value": self.value.isoformat() if self.value else None,
            "basis": self.basis,
            "why": self.why,
        }


def _hint_capture(hint: dict[str, Any]) -> datetime | None:
    extra = hint.get("extra") or {}
    raw = extra.get("captured_at")
    if isinstance(raw, str) and (captured := parse_iso(raw)) is not None:
        return captured
    stamp = extra.get("timestamp")
    if isinstance(stamp, str) and stamp.isdigit():
        return capture_time(stamp)
    return None


def reference_time(
    via: str,
    hint: dict[str, Any] | None,
    fetched_at: datetime | None,
    final_url: str | None = None,
    captured_at: datetime | None = None,
) -> ReferenceTime:
    """Choose the reference time for a page fetched through ``via`` with discovery's ``hint``.

    ``fetched_at`` is the download time; ``captured_at`` is the capture time the fetched
    record itself states (a Common Crawl record's WARC-Date), when there is one. ``final_url`` is where the fetch
    ended: the Wayback Machine redirects a capture URL to the nearest capture it holds, whose
    timestamp then wins over the one asked for.
    """
    hint = hint or {}
    kind = kind_of_via(via)
    archived = bool(kind and kind.archived) or bool(hint.get("archive_url"))
    if not archived:
        if fetched_at is None:
            return ReferenceTime(None, "unknown", "fetch time unknown")
        return ReferenceTime(fetched_at, "fetch", "live page: the time it was fetched")
    # Only an archive's replay fetch ends at a replay URL; another page's own path may hold
    # /web/2017/.
    captured = kind.replay_time(final_url) if kind and kind.replay_time else None
    if captured is not None:
        return ReferenceTime(
            captured, "capture", "archive capture: timestamp of the capture served"
        )
    captured = _hint_capture(hint)
    if captured is not None:
        return ReferenceTime(captured, "capture", f"archive capture ({via}): time of the capture")
    captured = replay_capture_time(hint.get("fetch_url") or hint.get("archive_url"))
    if captured is not None:
        return ReferenceTime(captured, "capture", "archive capture: timestamp in the capture URL")
    if captured_at is not None:
        return ReferenceTime(captured_at, "capture", f"archive record ({via}): its WARC-Date")
    return ReferenceTime(
        None, "unknown", "archive capture without a capture time: relative dates left unread"
    )
